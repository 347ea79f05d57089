"""The analysis as a report people read in a terminal: what stands, and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from argmap.analysis import (
    Analysis,
    crux_summaries,
    element_names,
    pivot_phrase,
    requirement,
    stakeholder_notes,
)
from argmap.exporters.encode import shorten
from argmap.model import Debate

SHOWN_CHANGES: Final = 5
"""Pivots and cruxes the text report lists (the JSON has every one)."""

HOW_COMPUTED: Final = (
    "An argument stands (in) when every attack on it is defeated, and falls (out) when",
    "an attack on it stands; cycles the evidence cannot settle stay undecided (grounded",
    "semantics). An attack succeeds unless its target is rated higher; an undercut always",
    "does. Strength (0 to 1) starts from each argument's rating (0.5 unless rated) and",
    "moves with the strength of what supports and attacks it (DF-QuAD). An option meets",
    "the standard when the strongest argument for it that stands outweighs the strongest",
    "against (Carneades' proof standards); options that meet it rank first, then by",
    "strength. Pivots and cruxes are found by changing one rating at a time (or one",
    "actor's ratings for another's) and evaluating again what the change can reach.",
)


def _titles(debate: Debate) -> dict[str, str]:
    """Each element's short title, computed once per report."""
    texts = {p.id: p.title or p.text for p in debate.positions}
    texts.update({a.id: a.title or a.text for a in debate.arguments})
    return {ident: shorten(text) for ident, text in texts.items()}


def format_report(debate: Debate, analysis: Analysis) -> str:
    """Options first (ranked, in words), what would change the answer, then every
    argument with its reason, and how it was all computed."""
    numbers = {v.id: v.number for v in analysis.arguments} | {
        p.id: p.number for p in analysis.positions
    }
    titles = _titles(debate)
    view = (
        f" as {analysis.perspective_name} ({analysis.perspective}) weighs it"
        if analysis.perspective
        else ""
    )

    def named(ident: str) -> str:
        return f"{numbers[ident]} {titles[ident]}"

    out = [
        f"What stands in '{debate.title}'{view}",
        *(f"Note: {note}" for note in analysis.notes),
        "",
        "Options, best supported first",
        f"(standard: {requirement(analysis.standard)}):",
    ]
    by_id = {p.id: p for p in analysis.positions}
    for ident in analysis.ranking:
        p = by_id[ident]
        meets = "meets the standard" if p.meets_standard else "does not meet the standard"
        out.append(
            f"  #{p.rank} option {p.number} ({p.title}): {p.standing}, "
            f"strength {p.strength:.2f}, {meets}"
        )
        out.append(f"      {p.standing_reason}")
        out.append(f"      label {p.reason}")
        if p.strongest_for:
            out.append(f"      strongest for: {named(p.strongest_for)}")
        if p.strongest_against:
            out.append(f"      strongest against: {named(p.strongest_against)}")
        if p.unanswered:
            out.append(
                "      objections that stand and defeat it: "
                + ", ".join(named(u) for u in p.unanswered)
            )
    if analysis.recommendation:
        out += ["", f"The author's recommendation: {analysis.recommendation.note}"]
    out += ["", *change_lines(analysis, element_names(debate))]
    out += ["", "Arguments:"]
    for v in analysis.arguments:
        out.append(f"  {v.number:<8} {v.label:<9} {v.strength:.2f}  {titles[v.id]}")
        out.append(f"           {v.reason}")
    if analysis.alternatives_note:
        out += ["", f"Alternatives: {analysis.alternatives_note}"]
    elif len(analysis.preferred) > 1 or analysis.preferred != analysis.stable:
        out += ["", "Where the grounded view is undecided, the alternatives are:"]
        for n, ext in enumerate(analysis.preferred, 1):
            out.append(f"  preferred {n}: " + ", ".join(numbers[x] for x in ext))
        for n, ext in enumerate(analysis.stable, 1):
            out.append(f"  stable {n}: " + ", ".join(numbers[x] for x in ext))
        if not analysis.stable:
            out.append("  no stable extension")
    if not analysis.converged:
        out += [
            "",
            f"Strengths did not settle after {analysis.iterations} iterations "
            "(a cycle of supports and attacks); they are the last values reached.",
        ]
    if analysis.stakeholders:
        out += ["", "As each stakeholder weighs it:"]
        for s in analysis.stakeholders:
            verdicts = "; ".join(
                f"{numbers[p]} {label} {strength:.2f}"
                for p, (label, strength) in s.positions.items()
            )
            first = f"ranks {numbers[s.first]} first; " if s.first else ""
            out.append(f"  {s.name}: {first}{verdicts}")
            out += [f"    {note}" for note in stakeholder_notes(s, element_names(debate))]
    if analysis.coalitions:
        names = {a.id: a.name for a in debate.actors}
        out += ["", "Coalitions (actors whose stances agree on at least 3 in 4 shared options):"]
        for group in analysis.coalitions:
            out.append("  " + ", ".join(names[a] for a in group))
    st = analysis.statistics
    out += [
        "",
        f"{st.positions} options, {st.arguments} arguments, {st.depth} levels deep; "
        f"{st.evidence_coverage:.0%} of arguments cite evidence.",
    ]
    out += ["", "How this was computed:", *(f"  {line}" for line in HOW_COMPUTED)]
    return "\n".join(out) + "\n"


def change_lines(analysis: Analysis, names: Mapping[str, str]) -> list[str]:
    """ "What would change the answer": the pivots, then the cruxes between stakeholders,
    the first few of each (with a count of the rest)."""
    out = ["What would change the answer:"]
    shown = [pivot_phrase(p, names) for p in analysis.pivots[:SHOWN_CHANGES]]
    out += [f"  {line[0].upper()}{line[1:]}." for line in shown if line]
    rest = len(analysis.pivots) - SHOWN_CHANGES
    if rest > 0:
        out.append(f"  … and {rest} more (all in 'analyse --format json')")
    if not analysis.pivots:
        out.append(
            "  No single argument: taking any one out, or rating it anywhere from 0 to 1, "
            "leaves the same option first."
            if len(analysis.positions) > 1
            else "  Nothing to compare: the map has one option."
        )
    if analysis.cruxes:
        firsts = {s.actor: s.first for s in analysis.stakeholders}
        numbers = {v.id: v.number for v in analysis.arguments}
        found = crux_summaries(analysis.cruxes, names, firsts, numbers)
        out += ["", "Where stakeholders part ways:"]
        for summary in found[:SHOWN_CHANGES]:
            out.append(f"  {summary.headline}")
            out += [f"    {line}" for line in summary.details]
        if len(found) > SHOWN_CHANGES:
            out.append(
                f"  … and {len(found) - SHOWN_CHANGES} more pairs (all in 'analyse --format json')"
            )
    return out
