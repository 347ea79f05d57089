"""What would change the answer, timed: pivots and cruxes on synthetic debates.

For 100, 1,000 and 10,000 arguments with 5 weighted actors who each rate a tenth of the
arguments their own way (so that their verdicts differ, and cruxes are searched), the
median time of the search alone (pivots of the author's ranking, cruxes of every pair
of actors), beside the time of a whole ``analyse`` without it and the number of
candidate changes evaluated. Target (issue 13): pivots and cruxes of 1,000 arguments
with 5 weighted actors in under 1 s.

    .venv/bin/python -m bench.bench_sensitivity [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from statistics import median
from typing import Any

from argmap.analysis import analyse
from argmap.evaluate import evaluate, rebase, structure
from argmap.index import index
from argmap.model import Debate, Standard
from argmap.sensitivity import WORK_LIMIT, Budget, cruxes, pivots
from bench.generate import debate as generate

SIZES = (100, 1_000, 10_000)
ACTORS = 5


def disagreeing(n: int, seed: int = 0) -> Debate:
    """A synthetic debate whose first ``ACTORS`` actors each favour an option of their
    own: they rate its reasons 1 and the objections to it 0, the objections to every
    other option 1 and the answers to those objections 0, and a tenth of the remaining
    arguments at random. Their verdicts differ, so cruxes are searched."""
    raw: dict[str, Any] = generate(n, seed, weighted=ACTORS)
    rng = random.Random(seed + 1)
    arguments = raw["arguments"]
    ids = [a["id"] for a in arguments]
    answers: dict[str, list[str]] = {}
    for a in arguments:
        for target in a.get("attacks", ()):
            answers.setdefault(target, []).append(a["id"])
    for k, actor in enumerate(raw["actors"][:ACTORS]):
        option = raw["positions"][k % len(raw["positions"])]["id"]
        weights = {a: round(rng.random(), 2) for a in rng.sample(ids, max(5, n // 10))}
        for a in arguments:
            if option in a.get("supports", ()):
                weights[a["id"]] = 1.0
            elif option in a.get("attacks", ()):
                weights[a["id"]] = 0.0
            elif any(t.startswith("p") for t in a.get("attacks", ())):
                weights[a["id"]] = 1.0
                for answer in answers.get(a["id"], ()):
                    weights[answer] = 0.0
        actor["weights"] = weights
    return Debate.model_validate(raw)


def search(d: Debate) -> tuple[int, int, int]:
    """Pivots and cruxes of ``d`` as ``analyse`` finds them: (pivots, cruxes, work)."""
    s = structure(d)
    numbers = index(d).tree.numbers
    author = evaluate(s, {})
    budget = Budget(WORK_LIMIT // 2)  # as analyse splits it
    found, _ = pivots(s, author, Standard.PREPONDERANCE, numbers, budget)
    spent = budget.spent
    budget = Budget(WORK_LIMIT // 2)
    weighted = [a for a in d.actors if a.weights]
    states = {a.id: rebase(s, author, a.weights).flat() for a in weighted}
    weights = {a.id: a.weights for a in weighted}
    split = cruxes(s, states, weights, Standard.PREPONDERANCE, numbers, budget)
    return len(found), len(split), spent + budget.spent


def timed(work: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'arguments':>9} {'actors':>6} {'search':>9} {'analyse':>9} pivots cruxes   work")
    for n in SIZES:
        made = disagreeing(n)
        repeat = args.repeat if n <= 1_000 else 1
        structure(made)  # made once per debate and shared, as analyse does

        def whole(d: Debate = made) -> None:
            index(d).extra.clear()
            search(d)

        took = timed(whole, repeat)
        whole_analysis = timed(lambda d=made: analyse(d), repeat)
        n_pivots, n_cruxes, work = search(made)
        print(
            f"{n:>9,} {ACTORS:>6} {took * 1000:>7.0f}ms {whole_analysis * 1000:>7.0f}ms "
            f"{n_pivots:>6} {n_cruxes:>6} {work:>6,}"
        )


if __name__ == "__main__":
    main()
