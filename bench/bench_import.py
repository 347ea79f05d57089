"""How fast argmap imports other tools' files: a folder of 500 AIF JSON files and one of
500 Argumentative Microtexts files, each loaded (and checked) with ``argmap.load``.

For comparison, a reference library loads 661 AIF maps in about 0.2 s on this machine
(issue 6): that figure reads the JSON only, while argmap also validates every map.

    .venv/bin/python -m bench.bench_import [--files N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import argmap
from argmap.io.formats.aif import dump_aif
from bench.generate import debate as synthetic


def microtext(n: int, rng: random.Random) -> str:
    """A microtext-shaped arggraph: a claim and four units, with support, rebuttal,
    undercut and an added premise."""
    words = ["waste", "bins", "compost", "city", "cost", "space", "kitchen", "recycling"]
    edus = [f"{' '.join(rng.choice(words) for _ in range(8)).capitalize()}." for _ in range(5)]
    rows = [f'<edu id="e{i}"><![CDATA[{t}]]></edu>' for i, t in enumerate(edus, 1)]
    rows += [f'<adu id="a{i}" type="{"pro" if i != 3 else "opp"}"/>' for i in range(1, 6)]
    rows += [f'<edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(1, 6)]
    rows += [
        '<edge id="c1" src="a2" trg="a1" type="sup"/>',
        '<edge id="c2" src="a3" trg="a1" type="reb"/>',
        '<edge id="c3" src="a4" trg="c2" type="und"/>',
        '<edge id="c4" src="a5" trg="c1" type="add"/>',
    ]
    return (
        f"<?xml version='1.0' encoding='UTF-8'?>\n<arggraph id=\"bench_{n}\">\n  "
        + "\n  ".join(rows)
        + "\n</arggraph>\n"
    )


def time_folder(folder: Path) -> tuple[float, int]:
    files = sorted(folder.iterdir())
    start = time.perf_counter()
    arguments = sum(len(argmap.load(path).arguments) for path in files)
    return time.perf_counter() - start, arguments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500, help="files per format")
    args = parser.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        aif_dir, micro_dir = Path(tmp, "aif"), Path(tmp, "micro")
        aif_dir.mkdir()
        micro_dir.mkdir()
        for n in range(args.files):
            debate = argmap.Debate.model_validate(synthetic(10 + n % 20, seed=n))
            (aif_dir / f"map{n:04d}.aif.json").write_text(dump_aif(debate), encoding="utf-8")
            (micro_dir / f"micro_{n:04d}.xml").write_text(microtext(n, rng), encoding="utf-8")
        for name, folder in (("AIF JSON", aif_dir), ("microtexts", micro_dir)):
            seconds, arguments = time_folder(folder)
            print(
                f"{name:>10}: {args.files} files, {arguments:,} arguments in {seconds:.2f} s "
                f"({seconds / args.files * 1000:.2f} ms per file)"
            )


if __name__ == "__main__":
    main()
