"""Advice for authors: warnings that help students write a fair, well-sourced map."""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from argmap.io.source_map import DataPath
from argmap.model import Stance
from argmap.validate.context import Context


def positions_argued(ctx: Context) -> None:
    pro: dict[str, int] = defaultdict(int)
    con: dict[str, int] = defaultdict(int)
    for _, arg in ctx.arguments:
        for t in arg.supports:
            pro[t] += 1
        for t in arg.attacks:
            con[t] += 1
    for index, position in ctx.positions:
        path: DataPath = ("positions", index, "id")
        name = f"position '{position.id}'"
        if not pro[position.id] and not con[position.id]:
            ctx.report(
                "W301",
                path,
                f"{name} has no argument for or against it",
                "add an argument with 'supports' or 'attacks' naming it, or remove it",
            )
        elif not con[position.id]:
            ctx.report(
                "W302",
                path,
                f"{name} has arguments for it but none against it",
                "a fair map weighs both sides: add the strongest objection, even one you "
                "then rebut",
            )
        elif not pro[position.id]:
            ctx.report(
                "W302",
                path,
                f"{name} has arguments against it but none for it",
                "a fair map weighs both sides: add the best case its supporters make",
            )


def evidence(ctx: Context) -> None:
    """One message for one gap: an argument that cites no evidence, saying too when no
    argument supports it either (it then rests on nothing)."""
    supported = {t for _, arg in ctx.arguments for t in arg.supports}
    for index, arg in ctx.arguments:
        if arg.evidence:
            continue
        if arg.id in supported:
            ctx.report(
                "W303",
                ("arguments", index, "id"),
                f"argument '{arg.id}' cites no evidence",
                "add 'evidence:' with a source id and a short quote",
            )
        else:
            ctx.report(
                "W303",
                ("arguments", index, "id"),
                f"argument '{arg.id}' cites no evidence, and no argument supports it",
                "add 'evidence:' with a source id and a short quote, or the reason behind "
                "it with 'supports'",
            )


def source_dates(ctx: Context) -> None:
    """A source dated after the debate could not have informed it: a typo in a date, or
    a source that belongs to a later debate."""
    if ctx.date is None:
        return
    for index, source in ctx.sources:
        if source.date is not None and source.date > ctx.date:
            ctx.report(
                "W311",
                ("sources", index, "date"),
                f"source '{source.id}' is dated {source.date.isoformat()}, after the debate "
                f"({ctx.date.isoformat()})",
                "check both dates; a later source belongs in a later debate, or move the "
                "debate's 'date'",
            )


def unused(ctx: Context) -> None:
    advancing = {actor for _, arg in ctx.arguments for actor in arg.by}
    parents = {a.part_of for _, a in ctx.actors if a.part_of}
    for index, actor in ctx.actors:
        if actor.id not in advancing and actor.id not in parents and not actor.stances:
            ctx.report(
                "W304",
                ("actors", index, "id"),
                f"actor '{actor.id}' advances no argument, takes no stance and has no members",
                "name it in an argument's 'by', give it 'stances', or remove it",
            )
    cited = {item.source for _, arg in ctx.arguments for item in arg.evidence}
    for index, source in ctx.sources:
        if source.id not in cited:
            ctx.report(
                "W305",
                ("sources", index, "id"),
                f"source '{source.id}' is cited by no evidence",
                "quote it in an argument's 'evidence', or remove it",
            )


def stance_conflicts(ctx: Context) -> None:
    # actor -> (positions it supports, positions it opposes), for actors with stances
    sides = {
        a.id: (
            {p for p, s in a.stances.items() if s is Stance.SUPPORTS},
            {p for p, s in a.stances.items() if s is Stance.OPPOSES},
        )
        for _, a in ctx.actors
        if a.stances
    }
    for index, arg in ctx.arguments:
        if not arg.by or not (arg.attacks or arg.supports):
            continue
        for j, actor_id in enumerate(arg.by):
            side = sides.get(actor_id)
            if side is None:
                continue
            supported, opposed = side
            conflicts = [("supports", "attacks", t) for t in arg.attacks if t in supported]
            conflicts += [("opposes", "supports", t) for t in arg.supports if t in opposed]
            for stance, field, target in conflicts:
                ctx.report(
                    "W306",
                    ("arguments", index, "by", j),
                    f"actor '{actor_id}' {stance} position '{target}' but advances "
                    f"argument '{arg.id}', which {field} it",
                    "check the actor's stance, or who advances this argument",
                )


def duplicate_texts(ctx: Context) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for index, arg in ctx.arguments:
        key = " ".join(arg.text.casefold().split())
        if key in seen:
            first_index, first_id = seen[key]
            ctx.report(
                "W307",
                ("arguments", index, "text"),
                f"argument '{arg.id}' has the same text as argument '{first_id}' at "
                f"{ctx.where(('arguments', first_index, 'text'))}",
                "reuse one argument: list several targets in its 'supports' or 'attacks'",
            )
        else:
            seen[key] = (index, arg.id)


def dropped(ctx: Context) -> None:
    """An objection to an option that nobody answers is 'dropped' in debate terms: the
    option's side concedes it."""
    answered = {t for _, arg in ctx.arguments for t in (*arg.attacks, *arg.undercuts)}
    options = {p.id for _, p in ctx.positions}
    for index, arg in ctx.arguments:
        targets = [t for t in arg.attacks if t in options]
        if targets and arg.id not in answered:
            named = ", ".join(f"'{t}'" for t in targets)
            ctx.report(
                "N401",
                ("arguments", index, "id"),
                f"argument '{arg.id}' objects to option {named} and nobody answers it",
                "if the option's supporters have a reply, add it with 'attacks' or 'undercuts'",
            )


_BRIEF_FIELDS: Final = (
    ("decision", "what is asked of the reader"),
    ("key_judgements", "the key judgements, each with its confidence"),
)


def brief_fields(ctx: Context) -> None:
    """A debate written as a brief (it has a ``bottom_line`` or a ``recommendation``)
    gets one note naming the fields a director looks for that it lacks."""
    header = ctx.header
    written = [f for f in ("bottom_line", "recommendation") if header.get(f)]
    if not written:
        return
    missing = [(f, why) for f, why in _BRIEF_FIELDS if not header.get(f)]
    if header.get("recommendation") and not header.get("recommends"):
        missing.append(("recommends", "the option the recommendation favours, by id"))
    if not missing:
        return
    names = ", ".join(f"'{f}'" for f, _ in missing)
    ctx.report(
        "N403",
        (written[0],),
        f"the brief has a '{written[0]}' but no {names}",
        "; ".join(f"'{f}': {why}" for f, why in missing),
        key=True,
    )
