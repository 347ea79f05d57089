"""``argmap check``'s report in the formats continuous integration reads.

- ``github``: GitHub Actions' workflow commands (``::error file=…,line=…,col=…,title=…::
  message``), which show each problem on the pull request's changed line. Values are
  escaped as the Actions toolkit escapes them: ``%``, carriage return and line feed in
  the message; those and ``:`` and ``,`` in a property.
- ``sarif``: SARIF 2.1.0 (OASIS), which GitHub code scanning and most editors import: the
  tool with a rule per code (its name, summary and help), and a located result per
  problem.
- ``junit``: JUnit XML, which most CI services show as a test report: a test case per
  debate file, failed with its errors (and warnings, with ``--strict``).
"""

from __future__ import annotations

from typing import Any, Final
from xml.sax.saxutils import quoteattr

from argmap import __version__
from argmap.diagnostics import CODES, Diagnostic, Report, Severity, json_text, plural
from argmap.exporters.encode import xml_safe

_GITHUB_LEVEL: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.NOTE: "notice",
}
_SARIF_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION: Final = "https://pypi.org/project/argmap/"

_HELP: Final = {
    "E0": "argmap could not read the file as a debate: it is not UTF-8, not YAML or JSON, or "
    "uses what debate files may not (anchors, tags, several documents). Fix the file at "
    "the place shown; nothing else in it was checked.",
    "E1": "A field or value does not fit the debate format (see 'argmap schema' and "
    "docs/format.md): a field the format does not define, a missing one, or a value of the "
    "wrong type or shape. The hint names what the field accepts.",
    "E2": "The debate's structure is broken: references to ids that do not exist or are of "
    "the wrong kind, arguments with nothing to support or attack, circles, or quotations "
    "their sources do not hold. The hint says which id or text to check.",
    "W3": "Advice for the author: the debate is valid, but a reader would find it "
    "one-sided, unclear or incomplete here. 'argmap check --strict' fails on warnings.",
    "N4": "A note for debaters: something a reader may want to answer (an objection nobody "
    "answers, say). Notes never fail a check.",
}
"""Help for each family of codes (the report's own hint is specific to each problem)."""


def _help(code: str) -> str:
    return _HELP.get(code[:2], "")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """One workflow command per problem, then the summary as a notice."""
    lines = []
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.location.file)}"]
        if d.location.line is not None:
            props.append(f"line={d.location.line}")
            props.append(f"col={d.location.column or 1}")
        props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
        message = f"{d.message} ({d.hint})" if d.hint else d.message
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    lines.append(f"::notice title=argmap check::{_escape_data(report.summary())}")
    return "\n".join(lines) + "\n"


def sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log: one run of argmap."""
    used = sorted({d.code for d in report.diagnostics})
    index = {code: n for n, code in enumerate(used)}
    rules = [
        {
            "id": code,
            "name": CODES[code].name,
            "shortDescription": {"text": CODES[code].summary},
            "fullDescription": {"text": f"{_sentence(CODES[code].summary)} {_help(code)}".strip()},
            "help": {"text": _help(code) or CODES[code].summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[CODES[code].severity]},
        }
        for code in used
    ]
    results = [_result(d, index[d.code]) for d in report.diagnostics]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": __version__,
                        "informationUri": INFORMATION,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": _uri(f)}} for f in report.files],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json_text(log)


def _uri(file: str) -> str:
    """A file name as a relative URI reference (SARIF's artifactLocation.uri)."""
    from urllib.parse import quote

    return quote(file.replace("\\", "/"), safe="/._-~")


def _result(d: Diagnostic, rule: int) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(d.location.file)}}
    if d.location.line is not None:
        location["region"] = {"startLine": d.location.line, "startColumn": d.location.column or 1}
    message = f"{d.message} ({d.hint})" if d.hint else d.message
    found: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
    }
    if d.path:
        found["properties"] = {"dataPath": d.path}
    return found


def junit(report: Report, *, strict: bool = False) -> str:
    """A JUnit XML test suite: a test case per file, failed by its errors (and by its
    warnings when ``strict``)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in report.files}
    for d in report.diagnostics:
        by_file.setdefault(d.location.file, []).append(d)
    cases = []
    failures = 0
    for file, found in by_file.items():
        bad = [d for d in found if d.severity in failing]
        body = ""
        if bad:
            failures += 1
            text = "\n".join(d.format() for d in bad)
            said = plural(len(bad), "problem")
            body = f'<failure message={quoteattr(said)} type="argmap">{_xml_text(text)}</failure>'
        others = [d for d in found if d not in bad]
        if others:
            body += (
                f"<system-out>{_xml_text(chr(10).join(d.format() for d in others))}</system-out>"
            )
        name = quoteattr(xml_safe(file))
        cases.append(f'  <testcase classname="argmap.check" name={name}>{body}</testcase>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="argmap check" tests="{len(by_file)}" failures="{failures}" errors="0">\n'
        + "\n".join(cases)
        + "\n</testsuite>\n"
    )


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(xml_safe(text))
