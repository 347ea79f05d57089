"""The analysis as a report people read in a terminal: what stands, and why."""

from __future__ import annotations

from argmap.analysis import Analysis
from argmap.exporters.encode import shorten
from argmap.model import Debate


def _titles(debate: Debate) -> dict[str, str]:
    """Each element's short title, computed once per report."""
    texts = {p.id: p.title or p.text for p in debate.positions}
    texts.update({a.id: a.title or a.text for a in debate.arguments})
    return {ident: shorten(text) for ident, text in texts.items()}


def format_report(debate: Debate, analysis: Analysis) -> str:
    """Positions first (the verdict), then every argument with its reason."""
    numbers = {v.id: v.number for v in analysis.arguments} | {
        p.id: p.number for p in analysis.positions
    }
    titles = _titles(debate)
    view = (
        f" as {analysis.perspective_name} ({analysis.perspective}) weighs it"
        if analysis.perspective
        else ""
    )
    out = [
        f"What stands in '{debate.title}'{view} (computed by argmap; "
        "grounded semantics, DF-QuAD strengths)",
        *(f"Note: {note}" for note in analysis.notes),
        "",
        "Options:",
    ]
    for p in analysis.positions:
        out.append(f"  {p.number} {p.title}: {p.label}, strength {p.strength:.2f}")
        out.append(f"      {p.reason}")
        if p.strongest_for:
            out.append(f"      strongest for: {numbers[p.strongest_for]} {titles[p.strongest_for]}")
        if p.strongest_against:
            out.append(
                f"      strongest against: {numbers[p.strongest_against]} "
                f"{titles[p.strongest_against]}"
            )
        if p.unanswered:
            out.append(
                "      attacks left unanswered: "
                + ", ".join(f"{numbers[u]} {titles[u]}" for u in p.unanswered)
            )
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
            out.append(f"  {s.name}: {verdicts}")
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
    return "\n".join(out) + "\n"
