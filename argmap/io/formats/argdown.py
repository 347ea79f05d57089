"""Argdown in and out.

Reading is :mod:`argmap.io.formats.argdown_read` (the syntax, as Argdown's own parser
reads it) and :func:`convert` (its model as a debate). Writing is :func:`dump_argdown`:
Argdown that Argdown itself reads without errors and draws as the same map, with titles
as names, and that argmap reads back as the same debate (front matter and ``{data}``
carry what Argdown has no syntax for).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Final

from argmap.diagnostics import Diagnostic, Location
from argmap.io.formats.argdown_read import ARGUMENT, Model, Node, ident
from argmap.io.formats.common import Imported
from argmap.io.formats.common import element as raw_element
from argmap.model import DETAILS, Argument, Debate, Position, is_slug

_MARK: Final = {"supports": "+>", "attacks": "->", "undercuts": "_>"}
_SPECIAL: Final = re.compile(r"[\[\]<>#{}/@]|\\(?![*_`])")


_BRACKETS: Final = str.maketrans("[]<>", "()()")
"""Brackets would end a title: a name that holds one gets round ones instead."""


def _escaped(text: str) -> str:
    """Text as Argdown reads it back: one line, its special characters escaped."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def _flow(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def dump_argdown(debate: Debate) -> str:
    """The debate as Argdown that Argdown itself reads without errors and draws as the
    same map (titles as the names), and that argmap reads back as the same debate:
    debate-level fields go in the front matter under ``argmap``, an element's fields
    Argdown has no syntax for in its ``{data}``."""
    from argmap.io.yaml_source import dump_yaml

    data = debate.model_dump(mode="json", exclude_defaults=True)
    own = {k: data[k] for k in _DEBATE_DATA if k in data}
    lines = ["===", dump_yaml({"title": debate.title, "argmap": own}).rstrip("\n"), "===", ""]
    names: dict[str, str] = {}
    taken: set[str] = set()
    elements: list[Position | Argument] = [*debate.positions, *debate.arguments]
    for element in elements:
        name = " ".join((element.title or element.id).split())
        if name in taken or not name or any(c in name for c in "[]<>"):
            name = f"{name.translate(_BRACKETS)} ({element.id})"
        taken.add(name)
        names[element.id] = name
    arguments = {a.id for a in debate.arguments}

    def head(ident: str) -> str:
        return f"<{names[ident]}>" if ident in arguments else f"[{names[ident]}]"

    raws = [*data.get("positions", []), *data.get("arguments", [])]
    for element, raw in zip(elements, raws, strict=True):
        extra: dict[str, Any] = {}
        name = names[element.id]
        if ident(name) != element.id:
            extra["id"] = element.id
        if (name if name != element.id else None) != element.title:
            extra["title"] = element.title  # the name Argdown shows is not the title
        if " ".join(element.text.split()) != element.text:
            extra["text"] = element.text  # Argdown's lines fold white space
        for key in _CARRIED:
            if key in raw:
                extra[key] = raw[key]
        tags = [t for t in element.tags if ")" not in t and t.strip() == t and t]
        if len(tags) < len(element.tags):
            extra["tags"] = element.tags
            tags = []
        line = f"{head(element.id)}: {_escaped(element.text)}"
        line += "".join(f" #({t})" for t in tags)
        if extra:
            line += " " + _flow(extra)
        lines.append(line)
        for field in ("supports", "attacks", "undercuts"):
            for target in getattr(element, field, ()) if isinstance(element, Argument) else ():
                lines.append(f"    {_MARK[field]} {head(target)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# what {data} and front matter may set, field by field (argmap's own Argdown carries them)
_CARRIED: Final = (
    "by",
    "weight",
    "evidence",
    "status_quo",
    "assessment",
    "risks",
    "next_steps",
    "linked_with",
    "scheme",
)
"""The fields an element's ``{data}`` carries when argmap writes Argdown."""
_ELEMENT_DATA: Final = ("text", "title", "tags", *_CARRIED)
"""What ``{data}`` may set: those, and what argmap writes there when it must (a text
with line breaks, a title that is not the name, tags that ``#(…)`` cannot hold)."""
_DEBATE_DATA: Final = ("id", "question", "tags", *DETAILS, "sources", "actors")
"""What the front matter's ``argmap`` mapping may set."""


def load_argdown(text: str, file: str) -> Imported:
    """A raw debate (plain data for the model) from Argdown, and what could not come
    across, each at its line (see :mod:`argmap.io.formats.argdown_read`)."""
    from argmap.io.formats.argdown_read import read_model

    return convert(read_model(text, file), file).imported


@dataclass(frozen=True)
class Converted:
    """An Argdown model as a debate, and how its elements were named."""

    imported: Imported
    ids: dict[tuple[str, str], str]
    """Each Argdown statement's and argument's id, by (kind, Argdown title)."""
    carried: dict[tuple[str, str], tuple[str, str]]
    """Untitled conclusions that are their argument's text, and that argument."""


def convert(model: Model, file: str) -> Converted:
    """What :func:`load_argdown` makes of a model read by
    :func:`~argmap.io.formats.argdown_read.read_model`."""
    converter = _Converter(model, file)
    imported = converter.debate()
    return Converted(
        imported,
        {
            node.key: ident
            for node, ident in converter.ids_of.items()
            if node not in converter.carried
        },
        {node.key: argument.key for node, argument in converter.carried.items()},
    )


class _Converter:
    def __init__(self, model: Model, file: str) -> None:
        self.model = model
        self.file = file
        self.problems = model.problems
        self.links: dict[Node, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.linked: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        """Premise → conclusion → the co-premises it reaches that conclusion with."""
        self.scheme: dict[Node, str] = {}
        self.carried: dict[Node, Node] = {}  # conclusion -> the argument that carries it
        self.carries: dict[Node, Node] = {}  # argument -> the conclusion it carries
        self.main: dict[Node, Node] = {}  # argument -> its main conclusion
        self.dropped: dict[str, int] = defaultdict(int)
        self.ids_of: dict[Node, str] = {}
        self.rows: dict[tuple[Node, Node], int] = {}  # where each link was written
        settings = model.meta.get("model")
        # (argmap's YAML reader keeps plain scalars as written: 'true', '1')
        self.exploding = isinstance(settings, dict) and settings.get("explodeArguments") in (
            True,
            "true",
        )

    def note(self, code: str, message: str, row: int, hint: str) -> None:
        self.problems.append(Diagnostic(code, message, Location(self.file, row, 1), hint))

    def debate(self) -> Imported:
        nodes = list(self.model.nodes.values())
        self.conclusions(nodes)
        self.relations()
        for node in nodes:
            if node.pcs:
                self.structure(node)
        nodes = list(self.model.nodes.values())  # with the arguments explosion made
        ids = self.ids_of = self.ids(nodes)
        self.undercuts_of_positions()
        positions: list[dict[str, Any]] = []
        arguments: list[dict[str, Any]] = []
        where: dict[str, tuple[int, int]] = {}
        for node in nodes:
            if node in self.carried:
                continue
            item = self.element(node, ids)
            where[item["id"]] = (node.row, node.column)
            (arguments if _relates(item) else positions).append(item)
        self.report_formulations(nodes)
        raw = self.frame()
        raw["positions"] = positions
        raw["arguments"] = arguments
        self.report_drops()
        return Imported.of(raw, self.problems, where)

    # -- relations and structures --------------------------------------------------
    def conclusions(self, nodes: list[Node]) -> None:
        """Each reconstructed argument's main conclusion, and which of them the argument
        carries: untitled, concluded by this argument alone, aimed at by no relation,
        and the argument has no description of its own."""
        concluded: dict[Node, int] = defaultdict(int)
        premised: set[Node] = set()
        for node in nodes:
            statements = [s.statement for s in node.pcs if s.statement is not None]
            if (
                node.pcs
                and node.pcs[-1].statement is not None
                and any(s.statement is None for s in node.pcs)
            ):
                self.main[node] = statements[-1]
                concluded[statements[-1]] += 1
                premised |= set(statements[:-1])
        targets = {r.target for r in self.model.relations}
        for argument, main in self.main.items():
            if (
                not main.titled
                and concluded[main] == 1
                and main not in premised
                and main not in targets
                and not argument.text
                and not argument.data
            ):
                self.carried[main] = argument
                self.carries[argument] = main

    def relations(self) -> None:
        """Each relation as links. As in Argdown, what a reconstructed argument supports
        attacks or undercuts, its main conclusion does (the argument supports its
        conclusion)."""
        self_links: list[int] = []
        for relation in self.model.relations:
            source, target = relation.source, relation.target
            if source in self.main:
                source = self.main[source]
            source = self.carried.get(source, source)
            target = self.carried.get(target, target)
            if source is target:
                self_links.append(relation.row)
                continue
            if relation.kind == "contradicts":
                self.link(source, "attacks", target, relation.row)
                self.link(target, "attacks", source, relation.row)
            else:
                self.link(source, relation.kind, target, relation.row)
        if self_links:
            self.note(
                "W309",
                f"{_count(len(self_links), 'relation')} of an element to itself",
                self_links[0],
                "skipped, as Argdown skips them",
            )

    def link(self, source: Node, kind: str, target: Node, row: int = 0) -> None:
        if target not in self.links[source][kind]:
            self.links[source][kind].append(target)
            self.rows.setdefault((source, target), row or source.row)

    def structure(self, argument: Node) -> None:
        """A premise-conclusion structure as co-premises: each inference's premises
        (those its ``uses`` data names, or else the statements back to the previous
        conclusion) jointly support its conclusion, and the last inference's support
        the argument, which supports its main conclusion. With Argdown's
        ``model: {explodeArguments: true}`` each inference is an argument of its own,
        named ``TITLE - 1``, ``TITLE - 2`` … as Argdown names them, the last one the
        argument itself."""
        statements = [s.statement for s in argument.pcs if s.statement is not None]
        steps = self.inferences(argument, statements)
        if not steps:
            self.premises(statements, argument, [])
            self.note(
                "W310",
                f"the premise-conclusion structure of <{argument.title}> has no inference line",
                argument.pcs[0].row,
                "its statements are read as premises of the argument",
            )
            return
        pieces = self.explode(argument, len(steps)) if self.exploding else []
        for k, (premises, conclusion, rules) in enumerate(steps[:-1]):
            if pieces:
                self.premises(premises, pieces[k], rules)
                self.link(pieces[k], "supports", conclusion)
            else:
                self.premises(premises, conclusion, rules)
        premises, main, rules = steps[-1]
        self.premises(premises, argument, rules)
        used = {p for step in steps for p in step[0]} | {step[1] for step in steps}
        unused = [s for s in statements if s not in used]
        if unused:  # a premise no inference names is still one of the argument's
            self.premises(unused, argument, [])
        if main is not argument and main not in self.carried:
            self.link(argument, "supports", main)

    def inferences(
        self, argument: Node, statements: list[Node]
    ) -> list[tuple[list[Node], Node, list[str]]]:
        """Each inference of a structure: its premises, its conclusion and its rules."""
        found: list[tuple[list[Node], Node, list[str]]] = []
        seen = 0  # statements above the current line
        conclusions: set[int] = set()
        for index, step in enumerate(argument.pcs):
            if step.statement is not None:
                seen += 1
                continue
            after = next((s for s in argument.pcs[index + 1 :] if s.statement is not None), None)
            if after is None or after.statement is None:
                self.note(
                    "W310",
                    f"an inference in <{argument.title}> has no conclusion below it",
                    step.row or argument.row,
                    "its premises are read as premises of the argument",
                )
                conclusion: Node = argument
            else:
                conclusion = after.statement
            said = step.data if ("uses" in step.data or "from" in step.data) else conclusion.data
            uses = said.get("uses", said.get("from"))
            listed = uses if isinstance(uses, list) else []
            numbers = [int(u) for u in listed if str(u).isdigit()]
            if numbers and len(numbers) == len(listed) and max(numbers) <= len(statements):
                premises = [statements[u - 1] for u in numbers if u >= 1]
            else:
                premises = []
                for back in range(seen - 1, -1, -1):
                    premises.insert(0, statements[back])
                    if back in conclusions:
                        break
            conclusions.add(seen)
            found.append((premises, conclusion, step.rules))
        return found

    def explode(self, argument: Node, count: int) -> list[Node]:
        """Arguments ``TITLE - 1`` … for each inference but the last; the argument
        itself becomes ``TITLE - N``."""
        if count < 2:
            return []
        title = argument.title
        pieces = []
        for k in range(1, count):
            piece = Node(ARGUMENT, f"{title} - {k}", True, argument.row, argument.column)
            piece.members = list(argument.members)
            piece.tags = list(argument.tags)
            self.model.nodes[piece.key] = piece
            pieces.append(piece)
        del self.model.nodes[argument.key]
        argument.title = f"{title} - {count}"
        self.model.nodes[argument.key] = argument
        return pieces

    def premises(self, premises: list[Node], conclusion: Node, rules: list[str]) -> None:
        for premise in premises:
            if premise is conclusion:
                continue
            self.link(premise, "supports", conclusion)
            if len(premises) > 1 and premise is not premises[0]:
                # each names the first (co-premises are taken both ways and transitively),
                # so a group is written in space linear in its size
                self.linked[premise][conclusion].add(premises[0])
        if rules:
            self.scheme[conclusion] = ", ".join(dict.fromkeys(rules))

    def undercuts_of_positions(self) -> None:
        """An undercut disputes an argument's inference: one aimed at a statement that
        supports or attacks nothing (a position here) is read as an attack."""
        turned: list[int] = []
        for source, kinds in list(self.links.items()):
            for target in list(kinds.get("undercuts", [])):
                if not any(self.links.get(target, {}).values()):
                    kinds["undercuts"].remove(target)
                    self.link(source, "attacks", target)
                    turned.append(self.rows[(source, target)])
        if turned:
            self.note(
                "W310",
                f"{_count(len(turned), 'undercut')} of a statement that is a position here",
                min(turned),
                "read as attacks: an undercut in argmap disputes the link of an argument",
            )

    # -- elements ------------------------------------------------------------------
    def ids(self, nodes: list[Node]) -> dict[Node, str]:
        taken: set[str] = set()
        ids: dict[Node, str] = {}
        wanted = {n: n.data.get("id") for n in nodes}
        for node in nodes:  # ids written in {data} first: they are the round trip's
            chosen = wanted[node]
            if isinstance(chosen, str) and is_slug(chosen) and chosen not in taken:
                ids[node] = chosen
                taken.add(chosen)
        counter: dict[str, int] = defaultdict(lambda: 1)  # per base: the last number tried
        for node in nodes:
            if node in ids:
                continue
            base = chosen = ident(node.title)
            while chosen in taken:
                counter[base] += 1
                chosen = f"{base[:60]}-{counter[base]}"
            ids[node] = chosen
            taken.add(chosen)
        return ids

    def element(self, node: Node, ids: dict[Node, str]) -> dict[str, Any]:
        text = node.text
        if not text:
            conclusion = self.carries.get(node) or next(
                (s.statement for s in reversed(node.pcs) if s.statement is not None), None
            )
            text = (conclusion.text if conclusion is not None else "") or node.title
        links = {kind: [ids[t] for t in targets] for kind, targets in self.links[node].items()}
        tags = list(node.tags)
        section = self.model.sections.get(node.key)
        if section and section not in tags:
            tags.append(section)
        item = raw_element(
            ids[node],
            text,
            links,
            linked={ids[c]: [ids[p] for p in ps] for c, ps in self.linked[node].items()},
            tags=tags,
        )
        if node.titled and node.title != item["id"]:
            item["title"] = node.title  # (a title that is the id says nothing more)
        if node in self.scheme:
            item["scheme"] = self.scheme[node]
        for key, value in node.data.items():
            if key in _ELEMENT_DATA:
                if key in ("linked_with", "scheme") and item.get(key):
                    continue  # the structure says it
                if key == "title" and value is None:
                    item.pop("title", None)
                    continue
                if key == "tags" and isinstance(value, list):
                    value = list(dict.fromkeys([*item.get("tags", []), *value]))
                item[key] = value
            elif key not in ("id", "uses", "from"):  # (premise numbers: read above)
                self.dropped[f"{{{key}}}"] += 1
        unfit = (
            ("by", "weight", "evidence", "linked_with")
            if not _relates(item)
            else (
                "status_quo",
                "assessment",
            )
        )
        kind = "an argument" if _relates(item) else "a position"
        for key in unfit:  # fields the element's kind has not: counted as dropped
            if item.pop(key, None) is not None:
                self.dropped[f"{{{key}}} on {kind}"] += 1
        return item

    def frame(self) -> dict[str, Any]:
        meta = self.model.meta
        own: dict[str, Any] = meta["argmap"] if isinstance(meta.get("argmap"), dict) else {}
        raw: dict[str, Any] = {"argmap": 1}
        title = meta.get("title") if isinstance(meta.get("title"), str) else None
        title = title or "Argdown map"
        raw["id"] = ident(title)
        raw["title"] = title
        raw["question"] = title
        for key, value in own.items():
            if key in _DEBATE_DATA:
                raw[key] = value
            else:
                self.dropped[f"argmap.{key}"] += 1
        for key, value in meta.items():
            if key == "model" and isinstance(value, dict):
                for setting in value:
                    if setting != "explodeArguments":  # (honoured: see structure())
                        self.dropped[f"front matter 'model.{setting}'"] += 1
            elif key not in ("title", "argmap"):
                self.dropped[f"front matter '{key}'"] += 1
        return raw

    def report_formulations(self, nodes: list[Node]) -> None:
        """A statement defined with several texts keeps the last, as Argdown does: say
        how many texts that leaves out."""
        left: list[Node] = []
        for node in nodes:
            texts = {m.text for m in node.members if not m.reference and m.text}
            if len(texts) > 1:
                left.append(node)
        if left:
            titles = ", ".join(f"[{n.title}]" for n in left[:3]) + (" …" if len(left) > 3 else "")
            self.note(
                "W310",
                f"{_count(len(left), 'statement')} defined with several texts: {titles}",
                left[0].members[-1].row,
                "each keeps its last text, as Argdown does; the others are left out",
            )

    def report_drops(self) -> None:
        if self.dropped:
            kinds = ", ".join(f"{k} ×{n}" for k, n in sorted(self.dropped.items()))
            total = sum(self.dropped.values())
            self.note(
                "W309",
                f"{_count(total, 'setting')} argmap has no field for: {kinds}",
                1,
                "they are dropped: Argdown's map settings, and data of its own",
            )


def _relates(item: dict[str, Any]) -> bool:
    return any(item.get(f) for f in ("supports", "attacks", "undercuts"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
