"""``argmap lsp`` driven as an editor drives it: a real process, JSON-RPC over its
standard input and output, the requests of the Language Server Protocol."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.lsp import MOST_IDS, STILL_JUDGING
from bench.generate import write
from tests.conftest import ROOT, example_copy
from tests.lsp_client import Client


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """One server for the tests of this file, as an editor keeps one for its session:
    each test opens files of its own (a folder of its own), and it must end cleanly
    after all of them."""
    client = Client()
    client.start(tmp_path_factory.mktemp("workspace").as_uri())
    yield client
    client.stop()
    assert client.process.returncode == 0


@pytest.fixture
def client(server: Client) -> Client:
    assert server.process.poll() is None, "an earlier test stopped the server"
    return server


def _open(client: Client, path: Path, text: str | None = None) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8") if text is None else text
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri, text


def _change(client: Client, uri: str, version: int, text: str) -> None:
    """The editor's whole new text of the file, as its ``version``."""
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )


def _at(text: str, needle: str, nth: int = 0, offset: int = 1) -> dict[str, int]:
    """The position ``offset`` characters into the ``nth`` occurrence of ``needle``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start)
    character = start - (text.rfind("\n", 0, start) + 1) + offset
    return {"line": line, "character": character}


def test_diagnostics_are_those_of_check_with_their_codes_and_exact_ranges(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "supports: [full-ban, lesson-ban]", "supports: [full-ban, lesson-bam]", 1
    )
    uri, _ = _open(client, path, text)
    found = client.diagnostics(uri, 1)
    errors = [d for d in found if d["severity"] == 1]
    assert len(errors) == 1
    (error,) = errors
    assert error["code"] == "E202"
    assert error["source"] == "argmap"
    assert "did you mean 'lesson-ban'?" in error["message"]
    where = _at(text, "lesson-bam", offset=0)
    assert error["range"] == {
        "start": where,
        "end": {"line": where["line"], "character": where["character"] + len("lesson-bam")},
    }
    assert sum(1 for d in found if d["code"] == "N401") == 4  # the example's notes too
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": error["range"],
            "context": {"diagnostics": [error]},
        },
    )
    (action,) = actions
    assert action["title"] == "Replace with 'lesson-ban'"
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "lesson-ban"
    assert edit["range"] == error["range"]


def test_a_change_is_checked_again_and_a_half_typed_file_still_answers(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    assert [d for d in client.diagnostics(uri, 1) if d["severity"] == 1] == []
    broken = text.replace("arguments:\n", "arguments:\n  - id: [\n", 1)
    _change(client, uri, 2, broken)
    (error,) = [d for d in client.diagnostics(uri, 2) if d["severity"] == 1]
    assert error["code"] == "E004"
    # completion, symbols and definitions come from the last good parse
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [s["name"] for s in symbols if s["detail"] == "option"] == [
        "1 full-ban",
        "2 lesson-ban",
        "3 teacher-choice",
    ]


def test_definition_references_and_rename_of_an_id(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    use = _at(text, "lesson-ban", nth=2)
    target = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": use}
    )
    defined = _at(text, "- id: lesson-ban", offset=len("- id: "))
    assert target["uri"] == uri
    assert target["range"]["start"] == defined
    places = client.request(
        "textDocument/references",
        {"textDocument": {"uri": uri}, "position": use, "context": {"includeDeclaration": True}},
    )
    assert len(places) == text.count("lesson-ban")
    edit = client.request(
        "textDocument/rename",
        {"textDocument": {"uri": uri}, "position": use, "newName": "lessons-only"},
    )
    edits = edit["changes"][uri]
    assert len(edits) == text.count("lesson-ban")
    assert {e["newText"] for e in edits} == {"lessons-only"}


def test_completion_offers_the_ids_a_field_takes_with_their_numbers(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    # half typed: an open list, which does not parse; the ids come from the last parse
    typed = text.replace("    by: [head-teacher]\n", "    by: [\n", 1)
    _change(client, uri, 2, typed)
    client.diagnostics(uri, 2)
    where = _at(typed, "    by: [\n", offset=len("    by: ["))
    items = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": where}
    )["items"]
    labels = {i["label"] for i in items}
    assert {"board", "head-teacher", "student-council"} <= labels
    assert "full-ban" not in labels  # 'by' takes actors only
    supports = _at(typed, "supports: [full-ban", offset=len("supports: ["))
    items = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": supports}
    )["items"]
    details = {i["label"]: i["detail"] for i in items}
    assert details["lesson-ban"] == "option 2 Ban in lessons"
    assert "head-teacher" not in details


def test_completion_of_many_ids_offers_a_few_and_asks_to_be_asked_again(
    client: Client, tmp_path: Path
) -> None:
    """A field that takes thousands of ids gets the first MOST_IDS in outline order of
    those whose letters follow what is typed, marked incomplete (a megabyte on each key
    press, at 10,000 arguments)."""
    path = write(600, tmp_path / "big.yaml")
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    item = text.split("\n").index("  supports:") + 1  # "  - p0": an argument's first target
    where = {"line": item, "character": len("  - ")}
    answer = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": where}
    )
    labels = [i["label"] for i in answer["items"]]
    assert answer["isIncomplete"] is True
    assert len(labels) == MOST_IDS
    assert labels[:2] == ["p0", "a0"]  # option 1, then 1.1: outline order
    lines = text.split("\n")
    lines[item] = "  - a59"  # typed so far
    _change(client, uri, 2, "\n".join(lines))
    client.diagnostics(uri, 2)
    answer = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": item, "character": len(lines[item])}},
    )
    labels = [i["label"] for i in answer["items"]]
    assert "a59" in labels
    assert all(re.search("a.*5.*9", label) for label in labels)
    assert answer["isIncomplete"] is True


def test_the_outline_order_completion_offers_is_each_versions_own(tmp_path: Path) -> None:
    """Completion walks the ids in outline order, sorted once per version: the order of
    that version's own numbers, those without a number last in file order."""
    from argmap.lsp import _in_outline_order, _outline_order, analyse_text, server

    text = write(60, tmp_path / "d.yaml").read_text(encoding="utf-8")
    uri = (tmp_path / "d.yaml").as_uri()
    moved = text.replace("  supports:\n  - p0\n", "  supports:\n  - p1\n", 1)  # 1.1 → 2.x
    assert moved != text
    orders = []
    try:
        for version in (text, moved):
            _, state = analyse_text(uri, version)
            assert state.symbols is not None
            ordered = _in_outline_order(state, state.symbols)
            by_number = sorted(
                state.symbols.elements, key=lambda i: _outline_order(state.numbers.get(i, ""))
            )
            assert ordered == by_number
            assert _in_outline_order(state, state.symbols) is ordered  # once per version
            orders.append(ordered)
        assert orders[0] != orders[1]
    finally:
        server.states.pop(uri, None)


def test_a_documents_lines_are_split_once_per_text() -> None:
    """Requests place things by the document's lines as pygls splits them; they are split
    once for each text (pygls splits the whole text on every access), never stale."""
    from lsprotocol import types
    from pygls.workspace import TextDocument

    from argmap.lsp import _LINES, _lines

    uri = "file:///lines-once.yaml"
    document = TextDocument(uri, source="a: 1\r\nb: 2\u2028c\n")
    try:
        first = _lines(document)
        assert list(first) == list(document.lines)  # pygls's own splitting
        assert _lines(document) is first
        document.apply_change(types.TextDocumentContentChangeWholeDocument(text="x: 1\n"))
        assert list(_lines(document)) == ["x: 1\n"]
    finally:
        _LINES.pop(uri, None)


def test_hover_on_an_argument_says_what_it_is_and_how_it_stands(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    use = _at(text, "attacks: bullying\n", offset=len("attacks: ") + 2)
    for _ in range(100):  # a busy machine may take longer than a hover waits to evaluate
        said = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": use})
        value = said["contents"]["value"]
        if STILL_JUDGING not in value:
            break
    assert value.startswith("**Argument 1.2 Online bullying**")
    assert "It supports `full-ban`." in value
    assert "Advanced by head-teacher." in value
    assert "`argmap analyse`: **" in value


def test_a_hover_says_a_verdict_is_being_found_rather_than_wait_for_it() -> None:
    """A hover waits for this version's verdicts at most VERDICT_WAIT, then says they are
    being found (never an earlier version's); an element that gets no verdict says
    nothing of one."""
    from concurrent.futures import Future

    from argmap.api import loads
    from argmap.lsp import VERDICT_WAIT, State, _status

    text = (ROOT / "debates" / "school-phones.yaml").read_text(encoding="utf-8")
    debate = loads(text)
    never: Future[dict[str, str]] = Future()  # evaluation that has not finished
    state = State(debate=debate, judging=(debate, never))
    start = time.monotonic()
    assert _status(state, "bullying") == STILL_JUDGING
    assert VERDICT_WAIT <= time.monotonic() - start < VERDICT_WAIT + 5
    assert _status(state, "full-ban") == ""  # an option: no verdict to wait for
    never.set_result({"bullying": "found"})
    assert _status(state, "bullying") == "found"
    # verdicts being found for an earlier version are not this version's
    earlier = loads(text)
    state = State(debate=debate, judging=(earlier, Future()))
    for _ in range(100):
        said = _status(state, "bullying")
        if said != STILL_JUDGING:
            break
    assert said.startswith("`argmap analyse`: **")
    assert state.judging is not None
    assert state.judging[0] is debate


def test_outline_nests_arguments_under_their_options_and_folds_elements(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    uri, _ = _open(client, path)
    client.diagnostics(uri, 1)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    ban = next(s for s in symbols if s["name"] == "1 full-ban")
    assert [c["name"] for c in ban["children"]][:2] == ["1.1 distraction", "1.2 bullying"]
    folds = client.request("textDocument/foldingRange", {"textDocument": {"uri": uri}})
    assert len(folds) > 20


def test_other_formats_get_diagnostics_only(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "d.argdown"
    path.write_text("# Q?\n\n[Go]: Go.\n  + <Pro>: A reason.\n", encoding="utf-8")
    uri, _ = _open(client, path)
    assert isinstance(client.diagnostics(uri, 1), list)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert symbols == []


def test_completion_of_field_names_and_of_values(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    typed = text.replace("        locator: p. 2, question 4\n", "        loc\n", 1)
    typed = typed.replace("    kind: dataset\n", "    kind: \n", 1)
    typed = typed.replace("      full-ban: divided\n", "      full-ban: \n", 1)
    _change(client, uri, 2, typed)
    client.diagnostics(uri, 2)

    def labels(needle: str) -> set[str]:
        where = _at(typed, needle, offset=len(needle))
        found = client.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": where}
        )
        return {i["label"] for i in found["items"]}

    assert labels("        loc") == {"source", "quote", "locator"}  # an evidence item's
    assert "dataset" in labels("    kind: ")  # a source's kinds
    assert "government" not in labels("    kind: ")
    assert labels("      full-ban: ") == {"supports", "opposes", "neutral", "divided", "unknown"}


def test_rename_refuses_a_name_that_is_not_an_id_or_is_taken(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    use = _at(text, "lesson-ban", nth=2)
    for name in ("Lesson Ban", "full-ban"):
        client.next_id += 1
        client.send(
            {
                "id": client.next_id,
                "method": "textDocument/rename",
                "params": {"textDocument": {"uri": uri}, "position": use, "newName": name},
            }
        )
        while True:
            answer = client.messages.get(timeout=60)
            if answer.get("id") == client.next_id:
                break
        assert "error" in answer, name


@pytest.mark.parametrize(
    ("stem", "use", "defined"),
    [
        ("school-phones", "    by: [head-teacher]", "  - id: head-teacher"),
        ("school-phones", "    part_of: board", "  - id: board"),
        ("school-phones", "      full-ban: divided", "  - id: full-ban"),
        ("school-phones", "      - source: union-note", "  - id: union-note"),
        ("school-phones", "    linked_with: [survey-split]", "  - id: survey-split"),
        ("school-phones", "recommends: lesson-ban", "  - id: lesson-ban"),
        ("hikvision-2019", "      uighur-surveillance: 0.9", "  - id: uighur-surveillance"),
    ],
)
def test_definition_from_every_kind_of_reference(
    client: Client, tmp_path: Path, stem: str, use: str, defined: str
) -> None:
    path = example_copy(tmp_path, stem)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    ident = defined.split(": ")[1]
    start = text.index(use) + use.index(ident)
    line = text.count("\n", 0, start)
    character = start - (text.rfind("\n", 0, start) + 1) + 1
    target = client.request(
        "textDocument/definition",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
    )
    assert target["range"]["start"] == _at(text, defined + "\n", offset=len("  - id: "))


def test_quick_fixes_for_a_comma_list_and_a_colon_in_a_value(
    client: Client, tmp_path: Path
) -> None:
    path = example_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    by: [student-council, parents-association]\n",
        "    by: student-council, parents-association\n",
        1,
    )
    uri, _ = _open(client, path, text)
    found = client.diagnostics(uri, 1)
    (listed,) = [d for d in found if d["code"] == "E202"]
    (action,) = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": listed["range"],
            "context": {"diagnostics": [listed]},
        },
    )
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "[student-council, parents-association]"
    line = text.split("\n")[edit["range"]["start"]["line"]]
    fixed = (
        line[: edit["range"]["start"]["character"]]
        + edit["newText"]
        + line[edit["range"]["end"]["character"] :]
    )
    assert fixed == "    by: [student-council, parents-association]"
    colon = text.replace("    text: Change nothing.\n", "    text: Note: change nothing.\n", 1)
    colon = colon.replace(
        "    text: Phones in class pull attention away from the lesson.\n",
        "    text: Note: phones pull attention.\n",
        1,
    )
    _change(client, uri, 2, colon)
    (error,) = [d for d in client.diagnostics(uri, 2) if d["code"] == "E004"]
    (action,) = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": error["range"],
            "context": {"diagnostics": [error]},
        },
    )
    assert action["title"] == "Put the value in quotes"
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == '"Note: phones pull attention."'


def test_the_preview_command_opens_the_serve_page(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, _ = _open(client, path)
    client.diagnostics(uri, 1)
    url = client.request(
        "workspace/executeCommand", {"command": "argmap.preview", "arguments": [uri]}
    )
    assert url.startswith("http://127.0.0.1:")
    shown = [n for n in client.notes if n.get("method") == "window/showDocument"]
    assert shown
    assert shown[0]["params"] == {"uri": url, "external": True}
    import urllib.request

    with urllib.request.urlopen(url + "state", timeout=30) as answer:
        assert b'"ok": true' in answer.read()


def test_odd_requests_get_answers_and_never_stop_the_server(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, _ = _open(client, path)
    client.diagnostics(uri, 1)
    far = {"line": 100_000, "character": 5_000}
    for method in ("textDocument/definition", "textDocument/hover", "textDocument/completion"):
        client.request(method, {"textDocument": {"uri": uri}, "position": far})
    never_opened = (tmp_path / "elsewhere.yaml").as_uri()
    assert (
        client.request("textDocument/documentSymbol", {"textDocument": {"uri": never_opened}}) == []
    )
    junk = "\x00\x01 ][ {: - :\n\t- [}\n" * 50
    _change(client, uri, 2, junk)
    assert client.diagnostics(uri, 2)  # located problems, from the same server
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert len(symbols) > 3  # the last good parse's
    assert client.process.poll() is None


def test_each_version_the_server_replaces_is_freed_at_once_and_nothing_is_kept() -> None:
    """The server freezes what it keeps of each version (the cycle collector then need
    not scan it again); a version it replaces must still be freed, at once (reference
    counting, the collector off), and what is frozen must not grow from one version to
    the next."""
    import gc
    import weakref

    from argmap.lsp import analyse_text, server

    text = (ROOT / "debates" / "school-phones.yaml").read_text(encoding="utf-8")
    uri = (ROOT / "debates" / "copy-of-school-phones.yaml").as_uri()
    frozen: list[int] = []
    replaced: list[weakref.ref[object]] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for n in range(4):
            _, state = analyse_text(uri, text.replace("Ban all day", f"Ban all day {n}"))
            assert state.judging is not None
            state.judging[1].result(timeout=60)
            assert all(version() is None for version in replaced)  # each earlier one
            replaced.append(weakref.ref(state.debate))
            gc.freeze()
            frozen.append(gc.get_freeze_count())
        assert abs(frozen[3] - frozen[2]) < 1_000  # a version in, a version out
    finally:
        gc.unfreeze()
        server.states.pop(uri, None)
        if enabled:
            gc.enable()
