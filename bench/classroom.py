"""A generated class: students' maps made from a teacher's key, with the truth known.

Each student's map is the key as a student would hand it in: every argument reworded
(words swapped for others that mean the same, words left out, clauses in another order,
its title changed or dropped), the arguments in another order, every id renamed, some
of the key's arguments left out, some of the student's own added, and now and then a
relation turned (a support written as an attack). What the student kept, left out,
added and turned is recorded, so that ``argmap grade``'s matching can be measured:

    python bench/classroom.py debates/hikvision-2019.yaml 30 OUT_DIR
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SYNONYMS = {
    "would": "could",
    "could": "might",
    "must": "has to",
    "cost": "price",
    "costs": "expenses",
    "delay": "hold up",
    "networks": "network",
    "government": "state",
    "governments": "states",
    "companies": "firms",
    "company": "firm",
    "ban": "prohibition",
    "says": "states",
    "say": "claim",
    "judge": "think",
    "judges": "thinks",
    "keeps": "holds",
    "keep": "hold",
    "large": "big",
    "serious": "grave",
    "limited": "little",
    "risk": "danger",
    "risks": "dangers",
    "help": "assist",
    "warned": "cautioned",
    "replace": "swap out",
    "removing": "taking out",
    "remove": "take out",
    "against": "versus",
    "also": "too",
    "only": "just",
    "phones": "mobiles",
    "phone": "mobile",
    "students": "pupils",
    "pupils": "students",
    "school": "school",
    "schools": "schools",
    "children": "kids",
    "use": "usage",
    "shows": "indicates",
    "found": "discovered",
    "evidence": "proof",
    "camera": "camera",
    "cameras": "cameras",
    "surveillance": "monitoring",
    "sanctions": "penalties",
    "trade": "commerce",
    "talks": "negotiations",
    "rights": "rights",
    "abuses": "violations",
    "treasury": "Treasury",
    "officials": "staff",
    "argue": "contend",
    "argues": "contends",
    "many": "lots of",
    "because": "since",
    "so": "therefore",
    "years": "years",
    "hundreds": "hundreds",
    "millions": "millions",
    "without": "lacking",
    "support": "back",
    "supports": "backs",
    "harm": "damage",
}
"""Words a student might write instead (their meaning kept, their letters not)."""

DROPPABLE = {"the", "a", "an", "that", "which", "its", "their", "very", "also", "much"}

EXTRAS = [
    "Public opinion polls show most voters care more about prices than about this question.",
    "The media coverage of the issue has been one-sided and sensational from the start.",
    "Other countries faced the same choice and came to different answers last year.",
    "The decision should wait for a full independent review of all the facts involved.",
    "Young people see the issue differently from their parents and grandparents.",
    "A compromise would satisfy no one and would have to be revisited within a year.",
    "Lawyers disagree about whether the rules allow this at all under current law.",
    "Technology changes so fast that any rule made now will be out of date soon.",
]
"""Points a student might add that no key of the examples makes."""


@dataclass
class Truth:
    """What a generated student's map holds, as made."""

    matched: dict[str, str] = field(default_factory=dict)
    """Key id → the student's id, for every key element the student kept."""
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    turned: list[str] = field(default_factory=list)
    """The student's ids whose relation was turned."""


def reword(text: str, rng: random.Random, strength: float = 0.6) -> str:
    """The text as a student rewrites it: some words swapped for synonyms, some small
    words dropped, clauses swapped, the tail sometimes cut."""
    clauses = [c.strip() for c in re.split(r";|, and |\. ", " ".join(text.split())) if c.strip()]
    if len(clauses) > 1 and rng.random() < 0.4:
        clauses.reverse()
    words = " ; ".join(clauses).split()
    out = []
    for word in words:
        bare = word.strip(".,;:()\"'").lower()
        if bare in DROPPABLE and rng.random() < strength:
            continue
        if bare in SYNONYMS and rng.random() < strength * 1.6:
            word = word.lower().replace(bare, SYNONYMS[bare])
        out.append(word)
    if len(out) > 14 and rng.random() < 0.3:
        out = out[: int(len(out) * rng.uniform(0.75, 0.95))]
    said = " ".join(out).replace(" ;", ";").strip(" ;")
    return said[:1].upper() + said[1:] if said else text


def student(
    key: dict[str, Any], number: int, seed: int = 0, strength: float = 0.6
) -> tuple[dict[str, Any], Truth]:
    """The ``number``-th student's map of ``key`` (a debate's plain data), and its truth;
    ``strength`` (0 to 1) is how freely the student rewords."""
    rng = random.Random(seed * 1000 + number)
    truth = Truth()
    targets_of: dict[str, int] = {}
    for a in key["arguments"]:
        for rel in ("supports", "attacks", "undercuts"):
            for t in _listed(a.get(rel)):
                targets_of[t] = targets_of.get(t, 0) + 1
    renames: dict[str, str] = {}
    positions = []
    for n, p in enumerate(key["positions"], 1):
        new_id = f"option-{n}-{rng.randrange(100)}"
        renames[p["id"]] = new_id
        truth.matched[p["id"]] = new_id
        positions.append({"id": new_id, "text": reword(p["text"], rng, strength / 3)})
    leaves = [a["id"] for a in key["arguments"] if a["id"] not in targets_of]
    left_out = set(rng.sample(leaves, k=min(len(leaves), rng.randint(0, max(1, len(leaves) // 3)))))
    kept = [a for a in key["arguments"] if a["id"] not in left_out]
    truth.missing = [a["id"] for a in key["arguments"] if a["id"] in left_out]
    for n, a in enumerate(kept, 1):
        renames[a["id"]] = f"s{number}-arg-{n}"
    turn = rng.choice(kept)["id"] if kept and rng.random() < 0.6 else None
    arguments = []
    for a in kept:
        new: dict[str, Any] = {"id": renames[a["id"]], "text": reword(a["text"], rng, strength)}
        if a.get("title") and rng.random() < 0.6:
            new["title"] = reword(a["title"], rng, strength)
        for rel in ("supports", "attacks", "undercuts"):
            found = [renames[t] for t in _listed(a.get(rel)) if t in renames]
            if found:
                new[rel] = found
        if a["id"] == turn and ("supports" in new) != ("attacks" in new):
            if "supports" in new:
                new["attacks"] = new.pop("supports")
            else:
                new["supports"] = new.pop("attacks")
            truth.turned.append(new["id"])
        if a.get("evidence") and rng.random() < 0.7:
            new["evidence"] = [{"source": "notes"}]
        if not any(r in new for r in ("supports", "attacks", "undercuts")):
            new["supports"] = [positions[0]["id"]]
        arguments.append(new)
        truth.matched[a["id"]] = new["id"]
    for n, text in enumerate(rng.sample(EXTRAS, k=rng.randint(0, 2)), 1):
        ident = f"s{number}-own-{n}"
        arguments.append({"id": ident, "text": text, "supports": [rng.choice(positions)["id"]]})
        truth.extra.append(ident)
    rng.shuffle(arguments)
    data: dict[str, Any] = {
        "argmap": 1,
        "id": f"student-{number}",
        "title": f"Student {number}: {key['title']}",
        "question": key["question"],
        "sources": [{"id": "notes", "title": "Class notes"}],
        "positions": positions,
        "arguments": arguments,
    }
    return data, truth


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def key_data(path: Path) -> dict[str, Any]:
    """A debate file's plain data, as the generator reads it."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def write_class(
    key: Path, size: int, out: Path, seed: int = 0, strength: float = 0.6
) -> dict[str, Truth]:
    """``size`` students' maps of ``key`` written into ``out``; their truths by file name."""
    data = key_data(key)
    out.mkdir(parents=True, exist_ok=True)
    truths = {}
    for number in range(1, size + 1):
        made, truth = student(data, number, seed, strength)
        name = f"student-{number:02d}.yaml"
        (out / name).write_text(
            yaml.safe_dump(made, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        truths[name] = truth
    return truths


if __name__ == "__main__":
    truths = write_class(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
    print(json.dumps({k: vars(v) for k, v in truths.items()}, indent=2))
