"""Reading Argdown as people write it, into the plain data of a debate.

What Argdown's own parser (``@argdown/core``) makes of a file is the reference: the
tests compare this reader with its JSON model of fixtures and of a corpus of real files
(``scripts/argdown_reference.py``). The mapping:

- every statement (an *equivalence class*: all the places one title is defined or
  referenced) and every argument becomes one element; its Argdown title is its ``title``
  and, made an id, its ``id`` (``{id: …}`` data wins). Untitled statements and arguments
  are numbered as Argdown numbers them (``Untitled 3`` is ``untitled-3``). A statement
  defined several times keeps its last text, as Argdown does;
- relations keep their direction and kind: support (and Argdown's ``entails``),
  attack (and ``contrary``), undercut; a contradiction ``><`` is an attack each way;
- a premise–conclusion structure: the premises of each inference jointly support its
  conclusion (co-premises), intermediate conclusions carry on to the next inference, and
  the premises of the last one support the argument, which supports its main conclusion.
  An untitled main conclusion that nothing else relates to is the argument's own text
  (when the argument has no description of its own) instead of a box of its own. An
  inference's rules are the ``scheme`` of what it concludes;
- ``#tags`` become tags and leave the text; headings become a tag on the elements
  beneath them; links, mentions and Markdown emphasis stay in the text;
- front matter and ``{data}`` carry what argmap's own fields need (``argmap dump`` to
  Argdown writes them), anything else is reported, with a count, as dropped.

Whatever is skipped, merged or approximated is reported as W309 (skipped) or W310
(approximated), at its line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from argmap.diagnostics import Diagnostic, Location
from argmap.model import is_slug, slugify
from argmap.textscan import Finder, link_end

# what starts a line, in the order Argdown's lexer tries them
_RELATION: Final = re.compile(r"(\+>|->|_>|><|<\+|<-|<_|\+|-(?!-)|_(?=\s))")
_INFERENCE: Final = re.compile(r"--")
_NUMBER: Final = re.compile(r"\((\d+)\)")
_LIST_ITEM: Final = re.compile(r"(?:\d+\.|\*)(?=\s)")
_HEADING: Final = re.compile(r"(#+) ")
# the head of an element
_STATEMENT_DEF: Final = re.compile(r"\[(.+?)\]:")
_STATEMENT_REF: Final = re.compile(r"\[([^-].*?)\]")
_ARGUMENT_DEF: Final = re.compile(r"<(.+?)>:")
_ARGUMENT_REF: Final = re.compile(r"<([^-].*?)>")


_KIND: Final = {
    # token: (field, the child relates to its parent)
    "+": ("supports", True),
    "<+": ("supports", True),
    "-": ("attacks", True),
    "<-": ("attacks", True),
    "_": ("undercuts", True),
    "<_": ("undercuts", True),
    "+>": ("supports", False),
    "->": ("attacks", False),
    "_>": ("undercuts", False),
    "><": ("contradicts", False),
}

STATEMENT: Final = "statement"
ARGUMENT: Final = "argument"


@dataclass
class Member:
    """One place where a statement or argument is written."""

    text: str
    reference: bool
    row: int


@dataclass(eq=False)
class Node:
    """An Argdown statement (equivalence class) or argument."""

    kind: str
    title: str
    """Argdown's title: as written, or ``Untitled N``."""
    titled: bool
    row: int
    column: int
    members: list[Member] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    pcs: list[Step] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The canonical text, as Argdown chooses it: the last member that is not a
        reference (or the one whose data says ``isCanonical``)."""
        chosen = ""
        for member in self.members:
            if not member.reference:
                chosen = member.text
        return chosen

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.title)


@dataclass(eq=False)
class Step:
    """A line of a premise–conclusion structure: a statement, or an inference."""

    statement: Node | None
    rules: list[str] = field(default_factory=list)
    row: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    """An inference's data: ``uses`` (or ``from``) names its premises by number."""


@dataclass
class Relation:
    source: Node
    kind: str  # supports | attacks | undercuts | contradicts
    target: Node
    row: int


@dataclass
class Model:
    """What an Argdown file says, before it is turned into a debate."""

    meta: dict[str, Any] = field(default_factory=dict)
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: dict[tuple[str, str], str] = field(default_factory=dict)
    """The innermost heading each node first stands under."""
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Line:
    row: int
    indent: int
    body: str  # the line without its indentation, comments removed


class Reader:
    """A line-by-line reader that keeps the state Argdown's lexer keeps: the indentation
    of open relation trees, the open paragraph, and the open premise–conclusion
    structure."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.model = Model()
        self.untitled = 0
        self.stack: list[tuple[int, Node]] = []
        self.paragraph: tuple[Node, list[str], int, bool] | None = None
        """The element whose text is still being written: node, lines, row, reference."""
        self.top: Node | None = None  # the last element that began a tree
        self.last: Node | None = None
        """The last element that started a paragraph (a PCS just below attaches to it)."""
        self.argument: Node | None = None  # the argument whose PCS is open
        self.heading = ""
        self.data_open = False  # a line ended with '{': YAML data follows up to '}'
        self.text = text

    # -- the diagnostics -----------------------------------------------------------
    def warn(self, code: str, message: str, row: int, column: int, hint: str) -> None:
        self.model.problems.append(
            Diagnostic(code, message, Location(self.file, row, column), hint)
        )

    # -- lines ---------------------------------------------------------------------
    def lines(self) -> Iterator[_Line | None]:
        """The lines of the file after the front matter, comments removed; a line that
        held only a comment is left out (it does not end a paragraph), a blank line is
        None."""
        text = self.text.replace("\r\n", "\n").replace("\r", "\n")
        start = self.front_matter(text)
        body = text[start:]
        row0 = text.count("\n", 0, start) + 1
        cleaned = _without_comments(body)
        for offset, (line, original) in enumerate(
            zip(cleaned.split("\n"), body.split("\n"), strict=True)
        ):
            if not line.strip():
                yield None if not original.strip() else _Line(row0 + offset, -1, "")
                continue
            stripped = line.lstrip(" \t")
            yield _Line(row0 + offset, len(line) - len(stripped), stripped.rstrip())

    def front_matter(self, text: str) -> int:
        """Read the front matter (YAML between ``===`` lines) and say where the rest starts."""
        found = re.match(r"\s*(===+)[ \t]*\n(.*?)\n[ \t]*===+[ \t]*(?:\n|$)", text, re.S)
        if found is None:
            if text.lstrip().startswith("==="):
                self.warn(
                    "W309",
                    "the front matter is not closed by '==='",
                    1,
                    1,
                    "it is read as text",
                )
            return 0
        data = _yaml(found.group(2), self, text.count("\n", 0, found.start(2)) + 1)
        if isinstance(data, dict):
            self.model.meta = data
        return found.end()

    # -- elements ------------------------------------------------------------------
    def node(self, kind: str, title: str | None, row: int, column: int) -> Node:
        if title is None:
            self.untitled += 1
            title, titled = f"Untitled {self.untitled}", False
        else:
            title, titled = title.strip(), True
        found = self.model.nodes.get((kind, title))
        if found is None:
            found = Node(kind, title, titled, row, column)
            self.model.nodes[(kind, title)] = found
            if self.heading:
                self.model.sections[found.key] = self.heading
        return found

    def element(self, body: str, row: int, column: int) -> Node:
        """The element a line (without relation or list marks) starts, its text opened
        as the current paragraph."""
        self.close_paragraph()
        kind, title, rest, reference = _head(body)
        node = self.node(kind, title, row, column)
        self.paragraph = (node, [rest], row, reference)
        self.data_open = _opens_data(rest)
        self.last = node
        return node

    def close_paragraph(self) -> None:
        if self.paragraph is None:
            return
        node, parts, row, reference = self.paragraph
        self.paragraph = None
        raw = " ".join(p.strip() for p in parts if p.strip())
        text, tags, data = self.inline(raw, row)
        if tags:  # each once, in order: linear however many there are
            node.tags[:] = dict.fromkeys([*node.tags, *tags])
        node.data.update(data)
        if reference and not text:
            node.members.append(Member("", True, row))
        else:
            node.members.append(Member(text, False, row))

    def inline(self, raw: str, row: int) -> tuple[str, list[str], dict[str, Any]]:
        """The text, tags and data of an element's content."""
        data: dict[str, Any] = {}
        start = _data_start(raw)
        if start is not None:
            parsed = _yaml(raw[start:], self, row)
            if isinstance(parsed, dict):
                data = parsed
                raw = raw[:start]
        tags: dict[str, None] = {}
        kept: list[str] = []
        for kind, token, value in _tokens(raw):
            if kind == "escape":
                kept.append(token if token[1] in "*_`" else token[1])
            elif kind == "tag":
                if value:
                    tags[value] = None
            else:
                kept.append(token)
        return " ".join("".join(kept).split()), list(tags), data

    # -- the file ------------------------------------------------------------------
    def read(self) -> Model:
        for line in self.lines():
            if line is None:
                self.blank()
            elif line.indent < 0:
                continue  # a comment on its own line
            else:
                self.line(line)
        self.close_paragraph()
        self.close_pcs()
        return self.model

    def blank(self) -> None:
        self.close_paragraph()
        self.stack.clear()
        self.close_pcs()

    def line(self, line: _Line) -> None:
        body, row, indent = line.body, line.row, line.indent
        if self.paragraph is not None and self.data_open:
            self.paragraph[1].append(body)  # a {data} block over several lines
            self.data_open = not body.endswith("}")
            return
        if self.inference_open() and not _INFERENCE.match(body):
            assert self.argument is not None  # an open inference belongs to an argument
            rules, _, data = self.inline(body, row)  # '--' / rules / '--'
            self.argument.pcs[-1].rules += _rules(rules)
            self.argument.pcs[-1].data.update(data)
            return
        heading = _HEADING.match(body) if indent == 0 else None
        if heading is not None:
            self.close_paragraph()
            self.close_pcs()
            self.stack.clear()
            title, _, _ = self.inline(body[heading.end() :], row)
            self.heading = title
            self.last = None
            return
        number = _NUMBER.match(body)
        if number is not None:
            self.pcs_statement(body[number.end() :].lstrip(), row, indent)
            return
        if _INFERENCE.match(body):
            self.inference(body, row)
            return
        relation = _RELATION.match(body)
        if relation is not None:
            self.relation(relation.group(), body[relation.end() :].lstrip(), row, indent)
            return
        item = _LIST_ITEM.match(body)
        if item is not None:
            self.close_pcs()
            rest = body[item.end() :].lstrip()
            node = self.element(rest, row, indent + item.end() + 2)
            self.stack = [s for s in self.stack if s[0] < indent + 1] + [(indent + 1, node)]
            return
        if self.paragraph is not None and not self.inference_open():
            self.paragraph[1].append(body)  # a hard-wrapped line
            self.data_open = _opens_data(body)
            return
        self.close_pcs()
        node = self.element(body, row, indent + 1)
        self.stack = [(indent, node)]
        self.top = node

    # -- relations -----------------------------------------------------------------
    def relation(self, token: str, rest: str, row: int, indent: int) -> None:
        dedented = False
        while self.stack and self.stack[-1][0] > indent:
            self.stack.pop()
            dedented = True
        if self.stack and len(self.stack) > 1 and (self.stack[-1][0] == indent or dedented):
            # a sibling: Argdown counts levels, so a dedent between two levels is the
            # level above it
            self.stack.pop()
        if not self.stack:
            self.close_paragraph()
            self.warn(
                "W309",
                "a relation with nothing above it to relate to",
                row,
                indent + 1,
                "the line is skipped; write the statement or argument it relates to above it",
            )
            return
        parent = self.stack[-1][1]
        child = self.element(rest, row, indent + len(token) + 2)
        kind, incoming = _KIND[token]
        argument = self.argument
        if kind == "undercuts" and incoming and argument is not None and parent is not argument:
            # beneath a conclusion, an undercut disputes the inference that reached it
            steps = argument.pcs
            at = next((i for i, s in enumerate(steps) if s.statement is parent), 0)
            if at > 0 and steps[at - 1].statement is None:
                parent = argument
        source, target = (child, parent) if incoming else (parent, child)
        self.model.relations.append(Relation(source, kind, target, row))
        self.stack.append((indent, child))

    # -- premise-conclusion structures ---------------------------------------------
    def inference_open(self) -> bool:
        return (
            self.argument is not None
            and bool(self.argument.pcs)
            and (self.argument.pcs[-1].statement is None and self.argument.pcs[-1].row < 0)
        )

    def pcs_statement(self, body: str, row: int, indent: int) -> None:
        if self.argument is None:
            self.close_paragraph()
            last = self.last
            if last is not None and last is self.top and last.kind == ARGUMENT and not last.pcs:
                self.argument = last
            else:
                self.argument = self.node(ARGUMENT, None, row, indent + 1)
                self.argument.members.append(Member("", True, row))
        node = self.element(body, row, indent + 1)
        self.argument.pcs.append(Step(node, row=row))
        self.stack = [(indent, node)]

    def inference(self, body: str, row: int) -> None:
        """``----``, ``-- rule, rule {data} --``, or ``--`` with the rules on the lines up
        to the closing ``--``."""
        self.close_paragraph()
        self.stack.clear()
        argument = self.argument
        if argument is None or not argument.pcs:
            self.warn(
                "W309",
                "an inference line with no premise above it",
                row,
                1,
                "the line is skipped; an inference ('----') goes between numbered statements",
            )
            return
        if self.inference_open():  # the closing line of '--\nrules\n--'
            argument.pcs[-1].row = row
            return
        inner = body[2:]
        closed = re.search(r"-{2,}\s*$", inner)
        if inner.strip("-").strip() == "" and inner.strip():
            argument.pcs.append(Step(None, [], row))  # ----
            self.stack = [(len(body) - len(body.lstrip()), argument)]
            return
        rules_text = inner[: closed.start()] if closed else inner
        rules_text, _, data = self.inline(rules_text, row)
        argument.pcs.append(Step(None, _rules(rules_text), row if closed else -row, data))

    def close_pcs(self) -> None:
        self.argument = None


_HEADS: Final = (
    (_STATEMENT_DEF, STATEMENT, False),
    (_STATEMENT_REF, STATEMENT, True),
    (_ARGUMENT_DEF, ARGUMENT, False),
    (_ARGUMENT_REF, ARGUMENT, True),
)


def _head(body: str) -> tuple[str, str | None, str, bool]:
    """What an element's line starts with: its kind, its title (None: untitled), the
    rest of the line, and whether the head is a reference (``[T]``, ``<T>``). A Markdown
    link at the start is text, as Argdown reads it."""
    if not _starts_with_link(body):
        for pattern, kind, reference in _HEADS:
            head = pattern.match(body)
            if head is not None:
                return kind, head.group(1), body[head.end() :], reference
    return STATEMENT, None, body, False


def _rules(text: str) -> list[str]:
    """The inference rules an inference line names, comma-separated."""
    return [rule.strip() for rule in text.split(",") if rule.strip()]


def _opens_data(line: str) -> bool:
    """Whether a line ends by opening a ``{data}`` block in YAML's block style."""
    stripped = line.rstrip()
    return stripped.endswith("{") and not stripped.endswith("\\{")


def _starts_with_link(text: str) -> bool:
    return text.startswith("[") and link_end(text, 0, Finder(text, "]"), Finder(text, ")")) > 0


_OPENERS: Final = re.compile(r"<!--|/\*|//|\[")


def _without_comments(text: str) -> str:
    """``text`` with its comments (``//`` to the end of the line, ``/* */``, ``<!-- -->``)
    turned into spaces, their line breaks kept so that lines and columns stay put. A
    comment never closed is text, as Argdown reads it; ``//`` inside a Markdown link's
    address is not a comment. Linear: each closing mark is searched for once."""
    out: list[str] = []
    done = 0
    close, paren = Finder(text, "]"), Finder(text, ")")
    unclosed: set[str] = set()
    position = 0
    while True:
        found = _OPENERS.search(text, position)
        if found is None:
            break
        mark, i = found.group(), found.start()
        if mark == "[":
            end = link_end(text, i, close, paren)
            position = end if end > 0 else i + 1
            continue
        if mark == "//":
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
        elif mark in unclosed:
            position = i + len(mark)
            continue
        else:
            closer = "-->" if mark == "<!--" else "*/"
            end = text.find(closer, i + len(mark))
            if end < 0:
                unclosed.add(mark)  # nor will any later one close
                position = i + len(mark)
                continue
            end += len(closer)
        out.append(text[done:i])
        out.append(re.sub(r"[^\n]", " ", text[i:end]))
        done = position = end
    out.append(text[done:])
    return "".join(out)


def _data_start(text: str) -> int | None:
    """Where the ``{data}`` that ends an element's text starts: its first ``{`` not
    escaped and not inside a link, when the text ends with ``}``."""
    if not text.rstrip().endswith("}"):
        return None
    for kind, token, _ in _tokens(text, braces=True):
        if kind == "brace":
            return int(token)
    return None


_INLINE: Final = re.compile(r"\\|\[|#|\{")
_TAG_WORD: Final = re.compile(r"[A-Za-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")


def _tokens(text: str, braces: bool = False) -> Iterator[tuple[str, str, str]]:
    """The pieces of an element's text: ``("text", …)``, ``("escape", "\\x", "")``,
    ``("link", "[a](b)", "")`` and ``("tag", "#(a b) ", "a b")``; with ``braces``, the
    first unescaped ``{`` outside a link as ``("brace", offset, "")``, and no more.
    Linear: each closing mark is searched for once."""
    close, paren = Finder(text, "]"), Finder(text, ")")
    position = 0
    while True:
        found = _INLINE.search(text, position)
        if found is None:
            break
        i, mark = found.start(), found.group()
        if i > position:
            yield "text", text[position:i], ""
        if mark == "\\":
            token = text[i : i + 2]
            yield ("escape", token, "") if len(token) == 2 else ("text", token, "")
            position = i + 2
        elif mark == "[":
            end = link_end(text, i, close, paren)
            yield ("link", text[i:end], "") if end > 0 else ("text", "[", "")
            position = end if end > 0 else i + 1
        elif mark == "{":
            if braces:
                yield "brace", str(i), ""
                return
            yield "text", "{", ""
            position = i + 1
        else:  # '#': a tag, '#word' or '#(some words)'
            end, value = -1, ""
            if text.startswith("#(", i):
                k = paren.next(i + 2)
                if k > i + 2:
                    end, value = k + 1, text[i + 2 : k].strip()
            else:
                word = _TAG_WORD.match(text, i + 1)
                if word is not None:
                    end, value = word.end(), word.group()
            if end < 0:
                yield "text", "#", ""
                position = i + 1
                continue
            if end < len(text) and text[end] in " \t":
                end += 1
            yield "tag", text[i:end], value
            position = end
    if position < len(text):
        yield "text", text[position:], ""


def _yaml(text: str, reader: Reader, row: int) -> Any:
    """YAML from front matter or ``{data}``, read safely (no aliases, no tags); None,
    with a warning, when it is not valid YAML."""
    from argmap.io.yaml_source import parse_yaml

    parsed = parse_yaml(text, reader.file)
    if parsed.diagnostics:
        first = parsed.diagnostics[0]
        reader.warn(
            "W309",
            f"data that is not valid YAML: {first.message}",
            row + (first.location.line or 1) - 1,
            1,
            "it is skipped",
        )
        return None
    return parsed.data


def ident(title: str) -> str:
    """An id from an Argdown title: as it is when it already is one; letters with
    accents without them (``Fleischküche`` is ``fleischkuche``)."""
    if is_slug(title):
        return title
    plain = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub("-{2,}", "-", slugify(plain, "x"))


def read_model(text: str, file: str) -> Model:
    """What an Argdown text says: its statements, arguments and relations."""
    return Reader(text, file).read()
