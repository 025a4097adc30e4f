"""How long the search engine takes over hostile queries (1 MB pasted text), beside the floor
of a two-character query on the same engine.

    .venv/bin/python benchmarks/hostile_query_benchmark.py [--runs 15]

The engine considers the first 200 characters (MAX_QUERY_CHARS) and expands synonyms in
linear time; the goal is every query under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop_app.core.build_db import build_database
from desktop_app.core.search import SearchEngine
from desktop_app.core.search.synonyms import load_groups
from desktop_app.core.store import PolicyStore


def queries() -> dict[str, str]:
    rng = random.Random(5)
    words = [w for g in load_groups() for w in g]
    return {
        "floor: 贴息": "贴息",
        "1 MB of 贴息": "贴息" * 500_000,
        "1 MB random CJK": "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(1_000_000)),
        "1 MB of synonym words": "".join(rng.choice(words) for _ in range(300_000))[:1_000_000],
        "1 MB of words and spaces": " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000],
        "200 characters of synonym words": "".join(rng.choice(words) for _ in range(100))[:200],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "policies.sqlite"
        build_database(path)
        store = PolicyStore.open(path)
        engine = SearchEngine(store)
        for name, query in queries().items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                engine.search(query, limit=20)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"{name:34} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
