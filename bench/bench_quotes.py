"""Quotes checked against a source's local copy, timed (issue 15).

A 1 MB plain-text source of synthetic prose (shaped like a report: sentences of common
and rare words, in paragraphs) and 1,000 quotes of 5 to 25 words taken from it (a tenth
with an ellipsis, a tenth with one word changed, so not found and given a closest
passage): the median time of reading and indexing the source, of finding every quote,
and of the whole ``argmap.check`` of a debate of 1,000 arguments citing it. Beside it,
a search of the whole text per quote (``str.find``), what the index replaces. Target:
1,000 quotes against a 1 MB source in well under a second.

    .venv/bin/python -m bench.bench_quotes [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import argmap
from argmap.io.source_text import read_source
from argmap.io.typography import normalise
from argmap.quote_search import closest, find
from bench.timing import median

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "they",
    "you",
    "were",
    "her",
    "she",
    "there",
    "been",
    "one",
    "all",
    "we",
    "their",
    "has",
    "would",
    "trade",
    "sanctions",
    "surveillance",
    "export",
    "ministry",
    "treasury",
    "evidence",
    "market",
    "company",
    "negotiation",
    "blacklist",
    "province",
    "detention",
    "tariff",
    "semiconductor",
    "camera",
    "contract",
]


def prose(size: int, rng: random.Random) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
            words += [f"{rng.choice(WORDS)}{rng.randint(0, 9999)}"]  # rarer words
            rng.shuffle(words)
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def quotes(text: str, n: int, rng: random.Random) -> list[str]:
    words = normalise(text).split(" ")
    found: list[str] = []
    for i in range(n):
        start = rng.randrange(len(words) - 30)
        quote = words[start : start + rng.randint(5, 25)]
        if i % 10 == 1:
            quote[len(quote) // 2] = "…"
        elif i % 10 == 2:
            quote[len(quote) // 2] = "zzz"
        found.append(" ".join(quote))
    return found


def debate(file: str, cited: list[str]) -> str:
    lines = [
        "argmap: 1",
        "id: bench",
        "title: Quotes",
        "question: Q?",
        "sources:",
        "  - id: s",
        "    title: S",
        f"    file: {file}",
        "positions:",
        "  - id: go",
        "    text: Go.",
        "arguments:",
    ]
    for n, quote in enumerate(cited):
        lines += [
            f"  - id: a{n}",
            f"    text: Reason {n}.",
            "    supports: go",
            "    evidence:",
            "      - source: s",
            f"        quote: '{quote}'",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = prose(1_000_000, rng)
        (folder / "source.txt").write_text(text, encoding="utf-8")
        cited = quotes(text, 1_000, rng)
        (folder / "d.yaml").write_text(debate("source.txt", cited), encoding="utf-8")
        source = read_source(folder / "source.txt", "source.txt")
        wrong = [q for q in cited if find(source, q) is None]
        flat = source.text
        read = median(lambda: read_source(folder / "source.txt", "source.txt"), args.repeat)
        finding = median(lambda: [find(source, q) for q in cited], args.repeat)
        nearest = median(lambda: [closest(source, q) for q in wrong], args.repeat)
        naive = median(lambda: [flat.find(normalise(q)) for q in cited], args.repeat)
        whole = median(lambda: argmap.check(folder / "d.yaml"), args.repeat)
        report = argmap.check(folder / "d.yaml")
        right = [q for q in cited if q not in wrong]
        (folder / "right.yaml").write_text(debate("source.txt", right), encoding="utf-8")
        clean = median(lambda: argmap.check(folder / "right.yaml"), args.repeat)
        bare = folder / "bare.yaml"
        bare.write_text(debate("source.txt", right).replace("    file: source.txt\n", ""))
        without = median(lambda: argmap.check(bare), args.repeat)
    print(f"source: {len(text.encode()):,} bytes, {len(source.starts):,} paragraphs")
    print(f"quotes: {len(cited):,}, of which {len(wrong)} not found ({report.quotes})")
    print(f"read and index the source      {read * 1000:8.1f} ms")
    print(f"find the {len(cited):,} quotes by the index {finding * 1000:8.1f} ms")
    print(f"closest passages of {len(wrong)} not found {nearest * 1000:8.1f} ms")
    print(f"find them by str.find instead  {naive * 1000:8.1f} ms")
    print(f"argmap.check of the debate     {whole * 1000:8.1f} ms")
    print(f"the same, {len(right)} quotes all found  {clean * 1000:8.1f} ms")
    print(f"the same, no file to check     {without * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
