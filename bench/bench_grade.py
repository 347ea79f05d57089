"""How well and how fast ``argmap grade`` marks a class.

Quality: generated classes of 30 for each example key (bench/classroom.py: the key's
arguments reworded, reordered, some left out, some added, ids renamed, a relation turned),
at two strengths of rewording; the precision and recall of the matching (pairs found
that are true, true pairs found), and of the turned relations, against the truth the
generator recorded. Target (issue 23): both at or above 95%. Also the least likeness of a
true pair and the greatest of a false one at a threshold of 0.3: where the default
threshold (0.62) sits between them.

Speed: marking a class of 30 against the time it takes to check the key and the same 30
maps (``argmap.check`` on each: what marking reads), medians, as a ratio; and the
feedback sheets, which draw each map with ``dot``. Target: marking within about the
time of checking.

    .venv/bin/python -m bench.bench_grade [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import argmap
from argmap.feedback import write_feedback
from argmap.grading import grade
from bench.classroom import write_class
from bench.timing import median

ROOT = Path(__file__).resolve().parent.parent
KEYS = [
    ROOT / "debates" / f"{n}.yaml" for n in ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")
]
SIZE = 30


def quality(tmp: Path) -> None:
    print(
        f"{'rewording':>10} {'pairs':>6} {'precision':>9} {'recall':>7} {'turned P/R':>11} "
        f"{'true ≥':>7} {'false ≤':>8}"
    )
    for strength in (0.6, 1.0):
        hits = wrong = missed = 0
        turned_hit = turned_wrong = turned_missed = 0
        true_least, false_most = 1.0, 0.0
        for key in KEYS:
            folder = tmp / f"{key.stem}-{strength}"
            truths = write_class(key, SIZE, folder, seed=1, strength=strength)
            for student in grade(key, [folder]).students:
                truth = truths[Path(student.student).name]
                want, got = set(truth.matched.items()), set(student.matched.items())
                hits += len(want & got)
                wrong += len(got - want)
                missed += len(want - got)
                flagged = {w.student for w in student.wrong_relations}
                turned_hit += len(flagged & set(truth.turned))
                turned_wrong += len(flagged - set(truth.turned))
                turned_missed += len(set(truth.turned) - flagged)
            for student in grade(key, [folder], threshold=0.3).students:
                truth = truths[Path(student.student).name]
                for found in student.found:
                    if truth.matched.get(found.key) == found.student:
                        true_least = min(true_least, found.similarity)
                    else:
                        false_most = max(false_most, found.similarity)
        precision, recall = hits / (hits + wrong), hits / (hits + missed)
        t_p = turned_hit / max(1, turned_hit + turned_wrong)
        t_r = turned_hit / max(1, turned_hit + turned_missed)
        print(
            f"{strength:>10} {hits + missed:>6} {precision:>9.1%} {recall:>7.1%} "
            f"{t_p:>5.0%}/{t_r:<5.0%} {true_least:>7.2f} {false_most:>8.2f}"
        )


def _check_all(files: list[Path]) -> None:
    for file in files:
        argmap.check(file)


def speed(tmp: Path, repeat: int) -> None:
    print(f"\n{'key':>18} {'check':>9} {'grade 30':>9} {'ratio':>6} {'+ feedback':>11}")
    for key in KEYS:
        folder = tmp / f"speed-{key.stem}"
        write_class(key, SIZE, folder)
        files = [key, *sorted(folder.iterdir())]
        checking = median(partial(_check_all, files), repeat)
        marking = median(partial(grade, key, [folder]), repeat)
        graded = grade(key, [folder])
        sheets = median(partial(write_feedback, graded, tmp / f"sheets-{key.stem}"), 1)
        print(
            f"{key.stem:>18} {checking:>8.2f}s {marking:>8.2f}s {marking / checking:>5.2f}x "
            f"{sheets:>10.2f}s"
        )


def commands(tmp: Path, repeat: int) -> None:
    """As a teacher runs them: ``argmap check KEY MAPS/`` against ``argmap grade KEY MAPS/``,
    start-up included."""
    print(f"\n{'key':>18} {'argmap check':>13} {'argmap grade':>13} {'ratio':>6}")
    for key in KEYS:
        folder = tmp / f"speed-{key.stem}"
        base = [sys.executable, "-m", "argmap"]
        run = partial(subprocess.run, capture_output=True, check=False)
        checking = median(partial(run, [*base, "check", str(key), str(folder)]), repeat)
        marking = median(partial(run, [*base, "grade", str(key), str(folder)]), repeat)
        print(f"{key.stem:>18} {checking:>12.2f}s {marking:>12.2f}s {marking / checking:>5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        quality(Path(tmp))
        speed(Path(tmp), args.repeat)
        commands(Path(tmp), args.repeat)


if __name__ == "__main__":
    main()
