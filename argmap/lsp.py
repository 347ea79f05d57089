"""``argmap lsp``: a language server for debate files, over standard input and output.

Built on pygls (the protocol) and argmap's own reader and checks (no second parser):
diagnostics as you type, with the codes, hints and places of ``argmap check``, and quick
fixes where the hint names one; ids as symbols (go to definition, find references,
rename, completion filtered by the kind a field takes); hover; the outline (options
with their arguments nested as on the map) and folding. A file that does not parse
still gets answers: its syntax error as a diagnostic, and completion, symbols and hover
from its last good parse. Argdown, Kialo and other formats get diagnostics only.
"""

from __future__ import annotations

import asyncio
import gc
import re
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from argmap import __version__
from argmap._gc import collector_paused
from argmap.diagnostics import Diagnostic, Severity, underlined
from argmap.model import Debate, is_slug
from argmap.symbols import KIND, Occurrence, Symbols, describe, symbols_of, wanted

DEBOUNCE: Final = 0.25
"""Seconds of quiet after a change before the file is checked again."""
PREVIEW: Final = "argmap.preview"
_UNPARSED: Final = frozenset({"E001", "E002", "E003", "E004", "E009", "E010", "E013"})
"""Codes that leave no usable parse: the symbols of the last good one are kept."""
_SEVERITY: Final = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}


@dataclass
class State:
    """What the server knows of one open file: its last good symbols and debate."""

    symbols: Symbols | None = None
    debate: Debate | None = None
    numbers: dict[str, str] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    """Each element's title (or an actor's name), for completion's details."""
    verdicts: dict[str, str] | None = None
    """Each argument's status in words, from ``analyse``: made at the first hover."""
    judging: tuple[Debate, Future[dict[str, str]]] | None = None
    """The verdicts of a debate, being found in a thread as soon as it is checked (so
    that the first hover after a change does not wait for all of ``analyse``)."""
    task: asyncio.Task[None] | None = None
    version: int | None = None
    """The version of the document last checked (None: never)."""
    lines: list[str] = field(default_factory=list)
    """The text last checked, split at each newline (completion reads them)."""
    ordered: tuple[Symbols, dict[str, str], list[str]] | None = None
    """The ids of these symbols in outline order (those without a number last, in file
    order): made at the first completion that offers more than :data:`MOST_IDS`."""


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.states: dict[str, State] = {}
        self.previews: dict[str, tuple[subprocess.Popen[str], str]] = {}

    def state(self, uri: str) -> State:
        return self.states.setdefault(uri, State())


server = ArgmapServer()


def _is_yaml(uri: str) -> bool:
    return uri.lower().endswith((".yaml", ".yml"))


def analyse_text(uri: str, text: str) -> tuple[list[types.Diagnostic], State]:
    """Check ``text`` as the file at ``uri``; refresh the state's symbols and debate
    when it parses (else keep the last good ones)."""
    from argmap.api import check_text
    from argmap.index import index

    state = server.state(uri)
    checked = check_text(text, to_fs_path(uri) or uri)
    report, debate = checked.report, checked.debate
    lines = text.split("\n")
    state.lines = lines
    parsed = not any(d.code in _UNPARSED for d in report.diagnostics)
    if _is_yaml(uri) and parsed:
        with collector_paused():  # a symbol and its places for every id: none in a cycle
            found = symbols_of(text, checked.data, checked.source_map)
        if found is not None:
            state.symbols = found
    if debate is not None:
        state.debate = debate
        tree = index(debate).tree  # one (check refuses E211), shared with analyse
        state.numbers, state.children, state.verdicts = tree.numbers, tree.children, None
        if state.judging is not None:
            state.judging[1].cancel()  # not started yet: a newer debate came first
        _judge(state, debate)
        state.titles = {a.id: a.name for a in debate.actors} | {
            s.id: s.title for s in debate.sources
        }
        state.titles |= {p.id: p.title or "" for p in debate.positions}
        state.titles |= {a.id: a.title or "" for a in debate.arguments}
    return [_diagnostic(d, lines) for d in report.diagnostics], state


def _diagnostic(found: Diagnostic, lines: list[str]) -> types.Diagnostic:
    line = (found.location.line or 1) - 1
    start = (found.location.column or 1) - 1
    text = lines[line] if 0 <= line < len(lines) else ""
    token = underlined(text, start)
    end = start + len(token) if token else min(len(text), start + 1)
    message = found.message + (f" ({found.hint})" if found.hint else "")
    fix = _fix(found, text, start + len(token))
    return types.Diagnostic(
        range=types.Range(types.Position(line, start), types.Position(line, max(end, start))),
        message=message,
        severity=_SEVERITY[found.severity],
        code=found.code,
        source="argmap",
        data={"fix": fix[0], "end": fix[1], "title": fix[2]} if fix else None,
    )


_DID_YOU_MEAN: Final = re.compile(r"did you mean '([^']+)'\?")
_WRITE_LIST: Final = re.compile(r"write a list: (\[[^\]]*\])")
_WRITE_QUOTED: Final = re.compile(r"\(write [\w-]+: (\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*')\)")


def _fix(found: Diagnostic, text: str, end: int) -> tuple[str, int, str] | None:
    """(replacement, end character, title) when the hint names one fix; ``end`` is where
    the diagnostic's token ends on its line ``text``."""
    hint = found.hint or ""
    if (said := _DID_YOU_MEAN.search(hint)) is not None:
        return said.group(1), end, f"Replace with '{said.group(1)}'"
    if (said := _WRITE_LIST.search(hint)) is not None:
        return said.group(1), len(text.rstrip()), f"Write the list {said.group(1)}"
    if (said := _WRITE_QUOTED.search(hint)) is not None:
        return said.group(1), len(text.rstrip()), "Put the value in quotes"
    return None


async def _check_later(ls: ArgmapServer, uri: str, delay: float) -> None:
    await asyncio.sleep(delay)
    _check_now(ls, _document(ls, uri))


def _check_now(ls: ArgmapServer, document: TextDocument) -> State:
    """Check the document as it is now, and publish its diagnostics."""
    diagnostics, state = analyse_text(document.uri, document.source)
    state.version = document.version
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=document.uri, diagnostics=diagnostics, version=document.version
        )
    )
    # What the server keeps of this version (the debate, its symbols, its index) stays
    # until the next: the cycle collector need not scan it again and again (a full pass
    # over a 10,000-argument debate took 0.2-0.5 s, in whichever request met it). It is
    # freed by reference counting when replaced: a debate holds no cycle.
    gc.freeze()
    return state


def _schedule(ls: ArgmapServer, uri: str, delay: float) -> None:
    state = ls.state(uri)
    if state.task is not None and not state.task.done():
        state.task.cancel()
    state.task = asyncio.get_event_loop().create_task(_check_later(ls, uri, delay))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, 0)  # a source's file may have changed too


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.states.pop(params.text_document.uri, None)
    _LINES.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


# -- places -------------------------------------------------------------------------------


def _document(ls: ArgmapServer, uri: str) -> TextDocument:
    """The open document at ``uri``; an empty one for a file the client has not opened
    (pygls would read it from disk, and fail on a file that is not there)."""
    document: TextDocument | None = ls.workspace.text_documents.get(uri)
    return document if document is not None else TextDocument(uri, source="")


def _here(ls: ArgmapServer, uri: str, position: types.Position) -> tuple[TextDocument, int, int]:
    document = _document(ls, uri)
    local = document.position_codec.position_from_client_units(_lines(document), position)
    return document, local.line, local.character


_LINES: Final[dict[str, tuple[str, Sequence[str]]]] = {}
"""Each document's text and its lines as pygls splits them, for the text they are of."""


def _lines(document: TextDocument) -> Sequence[str]:
    """The document's lines as pygls splits them (``document.lines``), split once per
    text: pygls splits the whole text anew on each access (20-30 ms at 10,000
    arguments, twice in every request that answers with a place)."""
    source = document.source
    kept = _LINES.get(document.uri)
    if kept is None or kept[0] is not source:  # the text kept alive: its id not reused
        kept = _LINES[document.uri] = (source, document.lines)
    return kept[1]


class _Places:
    """Ranges in one document in the client's units, from its lines (:func:`_lines`)."""

    def __init__(self, document: TextDocument) -> None:
        self.codec, self.lines = document.position_codec, _lines(document)

    def range(self, line: int, start: int, end: int) -> types.Range:
        if line < len(self.lines) and self.lines[line].isascii():  # units are characters
            return types.Range(types.Position(line, start), types.Position(line, end))
        return types.Range(
            self.codec.position_to_client_units(self.lines, types.Position(line, start)),
            self.codec.position_to_client_units(self.lines, types.Position(line, end)),
        )


def _range(document: TextDocument, line: int, start: int, end: int) -> types.Range:
    return _Places(document).range(line, start, end)


def _known(ls: ArgmapServer, document: TextDocument) -> State:
    """The document's state as of every change the client has sent: a request that
    follows a change is answered from the changed text, checked now (its diagnostics
    published, the pending check dropped) when the debounced check has not run yet."""
    state = ls.state(document.uri)
    opened = document.uri in ls.workspace.text_documents
    if opened and state.version != document.version:
        if state.task is not None and not state.task.done():
            state.task.cancel()
        state = _check_now(ls, document)
    elif state.symbols is None and _is_yaml(document.uri) and document.source:
        analyse_text(document.uri, document.source)
    return state


def _id_at(
    ls: ArgmapServer, uri: str, position: types.Position
) -> tuple[TextDocument, Symbols, Occurrence] | None:
    """The document, its symbols and the id under the cursor, if there is one."""
    document, line, character = _here(ls, uri, position)
    found = _known(ls, document).symbols
    here = found.at(line, character) if found else None
    return (document, found, here) if found is not None and here is not None else None


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
    at = _id_at(ls, params.text_document.uri, params.position)
    target = at[1].defined.get(at[2].ident) if at else None
    if at is None or target is None:
        return None
    return types.Location(at[0].uri, _range(at[0], target.line, target.start, target.end))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
    at = _id_at(ls, params.text_document.uri, params.position)
    if at is None:
        return []
    document, found, here = at
    places = _Places(document)
    return [
        types.Location(document.uri, places.range(o.line, o.start, o.end))
        for o in found.of(here.ident)
        if params.context.include_declaration or o.defines is None
    ]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
    at = _id_at(ls, params.text_document.uri, params.position)
    if at is None or at[2].ident not in at[1].defined:
        return None
    return _range(at[0], at[2].line, at[2].start, at[2].end)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    at = _id_at(ls, params.text_document.uri, params.position)
    if at is None or at[2].ident not in at[1].defined:
        return None
    document, found, here = at
    new = params.new_name
    if not is_slug(new):
        raise ValueError(
            f"'{new}' is not an id: lowercase letters, digits, '-' and '_', at most 64"
        )
    if new in found.defined and new != here.ident:
        raise ValueError(f"'{new}' is already the id of another element")
    places = _Places(document)
    edits = [
        types.TextEdit(places.range(o.line, o.start, o.end), new) for o in found.of(here.ident)
    ]
    return types.WorkspaceEdit(changes={document.uri: edits})


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", "[", ","]),
)
def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
    """Ids a field takes, values of a field, field names. Past :data:`MOST_IDS` ids, the
    ids whose letters follow what is typed, in outline order, the list marked incomplete
    so that the editor asks again as more is typed."""
    document, line, character = _here(ls, params.text_document.uri, params.position)
    state = _known(ls, document)
    checked = state.version == document.version and state.lines
    want = wanted(state.lines if checked else document.source, line, character)
    items: list[types.CompletionItem] = []
    incomplete = False
    if want.ids and state.symbols is not None:
        elements = state.symbols.elements
        offered = [(ident, kind) for ident, (kind, _, _, _) in elements.items() if kind in want.ids]
        if len(offered) > MOST_IDS:  # asked again on every letter, typed or deleted
            incomplete, offered = True, []
            for ident in _in_outline_order(state, state.symbols):
                kind = elements[ident][0]
                if kind in want.ids and _follows(want.typed, ident):
                    offered.append((ident, kind))
                    if len(offered) == MOST_IDS:
                        break
        for ident, kind in offered:
            items.append(
                types.CompletionItem(
                    label=ident,
                    kind=types.CompletionItemKind.Reference,
                    detail=_detail(state, ident, kind),
                    sort_text=f"{state.numbers.get(ident, '~')}",
                )
            )
    for value in want.values:
        items.append(types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember))
    for name in want.fields:
        items.append(
            types.CompletionItem(
                label=name, kind=types.CompletionItemKind.Field, insert_text=f"{name}: "
            )
        )
    return types.CompletionList(is_incomplete=incomplete, items=items)


MOST_IDS: Final = 200
"""Ids completion offers at once (10,000 were a megabyte on every keystroke)."""


def _in_outline_order(state: State, symbols: Symbols) -> list[str]:
    """The ids of ``symbols`` in outline order, those without a number last in file
    order: sorted once per version (25 ms at 10,000 arguments, on every letter typed),
    so that completion stops at the first :data:`MOST_IDS` that follow what is typed."""
    numbers = state.numbers
    kept = state.ordered
    if kept is None or kept[0] is not symbols or kept[1] is not numbers:
        ordered = sorted(symbols.elements, key=lambda i: _outline_order(numbers.get(i, "")))
        kept = state.ordered = (symbols, numbers, ordered)
    return kept[2]


def _follows(typed: str, ident: str) -> bool:
    """Whether the letters typed appear in the id in order (as editors match them)."""
    rest = iter(ident.lower())
    return all(letter in rest for letter in typed.lower())


def _outline_order(number: str) -> tuple[int, ...]:
    """An outline number as numbers ("1.10" after "1.9"); none last."""
    parts = number.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (1 << 30,)


def _detail(state: State, ident: str, kind: str) -> str:
    number, title = state.numbers.get(ident, ""), state.titles.get(ident, "")
    return " ".join(p for p in (KIND[kind], number, title) if p)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
    document, line, character = _here(ls, params.text_document.uri, params.position)
    state = _known(ls, document)
    here = state.symbols.at(line, character) if state.symbols else None
    if here is None or state.debate is None:
        return None
    said = describe(state.debate, here.ident, state.numbers)
    if said is None:
        return None
    status = _status(state, here.ident)
    if status:
        said += f"\n\n{status}"
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=said),
        range=_range(document, here.line, here.start, here.end),
    )


def _status(state: State, ident: str) -> str:
    """The element's verdict in words: what ``analyse`` says of this version. A hover
    waits for it at most :data:`VERDICT_WAIT` (a large debate takes longer to evaluate)
    and then says that it is still being found, never an earlier version's."""
    if state.verdicts is None and state.debate is not None:
        judging = state.judging
        if judging is None or judging[0] is not state.debate or judging[1].cancelled():
            judging = _judge(state, state.debate)
        try:
            state.verdicts = judging[1].result(timeout=VERDICT_WAIT)
        except TimeoutError:
            from argmap.index import index

            return STILL_JUDGING if ident in index(state.debate).arguments else ""
    return (state.verdicts or {}).get(ident, "")


VERDICT_WAIT: Final = 0.1
"""Seconds a hover waits for the verdicts of the version it describes."""
STILL_JUDGING: Final = "`argmap analyse`: still evaluating this version; hover again in a moment"


def _judge(state: State, debate: Debate) -> tuple[Debate, Future[dict[str, str]]]:
    """Start finding the debate's verdicts beside the requests; the state knows it."""
    state.judging = (debate, _JUDGE.submit(_verdicts_of, debate))
    return state.judging


def _verdicts_of(debate: Debate) -> dict[str, str]:
    """Each argument's status in words, from ``analyse``."""
    from argmap.analysis import analyse

    return {
        v.id: f"`argmap analyse`: **{v.label}**, strength {v.strength:.2f}: {v.reason}"
        for v in analyse(debate, search=False).arguments
    }


_JUDGE: Final = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-verdicts")
"""Where a checked debate's verdicts are found, beside the requests."""


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(
    ls: ArgmapServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    document = _document(ls, params.text_document.uri)
    state = _known(ls, document)
    found = state.symbols
    if found is None:
        return []
    places = _Places(document)
    lines = places.lines

    def symbol(ident: str, children: list[types.DocumentSymbol]) -> types.DocumentSymbol | None:
        element = found.elements.get(ident)
        at = found.defined.get(ident)
        if element is None or at is None:
            return None
        kind, _, first, last = element
        number = state.numbers.get(ident, "")
        end = len(lines[last].rstrip("\r\n")) if last < len(lines) else 0
        whole = places.range(first, 0, 0)
        whole.end = places.range(last, end, end).end
        return types.DocumentSymbol(
            name=f"{number} {ident}".strip(),
            detail=KIND[kind],
            kind=_SYMBOL_KINDS[kind],
            range=whole,
            selection_range=places.range(at.line, at.start, at.end),
            children=children,
        )

    def tree(ident: str) -> types.DocumentSymbol | None:
        kids = [tree(kid) for kid in _children(state, ident)]
        return symbol(ident, [k for k in kids if k is not None])

    top: list[types.DocumentSymbol] = []
    for ident, (kind, _, _, _) in found.elements.items():
        if kind == "positions":
            made = tree(ident)
            if made is not None:
                top.append(made)
    placed = set(_flatten(top))
    for ident in found.elements:
        if ident not in placed:
            made = symbol(ident, [])
            if made is not None:
                top.append(made)
    top.sort(key=lambda s: (s.range.start.line, s.range.start.character))
    return top


def _children(state: State, ident: str) -> list[str]:
    return state.children.get(ident, [])


def _flatten(symbols_: Sequence[types.DocumentSymbol]) -> list[str]:
    names: list[str] = []
    for s in symbols_:
        names.append(s.name.split(" ")[-1])
        names += _flatten(s.children or [])
    return names


_SYMBOL_KINDS: Final = {
    "sources": types.SymbolKind.File,
    "actors": types.SymbolKind.Object,
    "positions": types.SymbolKind.Enum,
    "arguments": types.SymbolKind.Struct,
}


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding(ls: ArgmapServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    document = _document(ls, params.text_document.uri)
    found = _known(ls, document).symbols
    if found is None:
        return []
    spans = list(found.sections.values()) + [(a, b) for _, _, a, b in found.elements.values()]
    return [types.FoldingRange(start_line=a, end_line=b) for a, b in sorted(set(spans)) if b > a]


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    actions = []
    for found in params.context.diagnostics:
        data: Any = found.data
        if not isinstance(data, dict) or not data.get("fix"):
            continue
        edit = types.TextEdit(
            types.Range(found.range.start, types.Position(found.range.start.line, data["end"])),
            data["fix"],
        )
        actions.append(
            types.CodeAction(
                title=data["title"],
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[found],
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
                is_preferred=True,
            )
        )
    return actions


@server.command(PREVIEW)
def preview(ls: ArgmapServer, uri: str = "") -> str | None:
    """Open ``argmap serve``'s page for the file (the argument, a URI); its address."""
    path = to_fs_path(uri)
    if not path or not Path(path).is_file():
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Warning,
                message="argmap preview: save the file first; the preview shows the file on disk",
            )
        )
        return None
    running = ls.previews.get(uri)
    if running is None or running[0].poll() is not None:
        # the preview reads its standard input until it closes: when this server ends,
        # however it ends (even killed), the pipe closes and the preview stops with it
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "serve", path, "--port", "0", "--until-stdin-closes"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("serving "):
            return None
        running = ls.previews[uri] = (process, line.split()[1])
    url = running[1]
    ls.window_show_document(types.ShowDocumentParams(uri=url, external=True))
    return url


@server.feature(types.SHUTDOWN)
def shutdown(ls: ArgmapServer, params: None) -> None:
    _stop_previews(ls)


def _stop_previews(ls: ArgmapServer) -> None:
    for process, _ in ls.previews.values():
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
    ls.previews.clear()


def start() -> int:
    """Serve over standard input and output until the client says exit (status 0 after
    'shutdown', else 1), the stream ends or is broken (1): see :mod:`argmap.lsp_io`."""
    import logging

    from argmap.lsp_io import FdReader, serve

    # pygls logs a traceback for every message it cannot read; argmap answers those
    # messages itself and logs one line (see argmap.lsp_io)
    logging.getLogger("pygls").setLevel(logging.CRITICAL)
    try:
        return serve(server, FdReader(sys.stdin.fileno()), sys.stdout.buffer)
    finally:
        _stop_previews(server)
