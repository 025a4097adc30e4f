"""How long one profile takes to evaluate against every curated measure.

    .venv/bin/python benchmarks/match_benchmark.py [--runs 200]

Prints the median and 95th percentile of `engine.match` (rules parsed once, as in the app),
and beside it the floor: only reading the enterprise-facing items from the same store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop_app.core.build_db import build_database
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.store import PolicyStore

SAMPLE = (
    Path(__file__).resolve().parent.parent / "resources" / "samples" / "xiamen-manufacturer.json"
)


def _timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "p.sqlite"
        build_database(db)
        store = PolicyStore.open(db)
        profile = Profile.from_dict(json.loads(SAMPLE.read_text("utf-8")))
        as_of = date(2026, 11, 22)
        match(store, profile, as_of)  # warm caches (rules parsed once per data version)
        full = _timed(lambda: match(store, profile, as_of), args.runs)
        floor = _timed(lambda: [i for i in store.all_items() if i.enterprise_facing], args.runs)
        n = len(match(store, profile, as_of).results)
    for name, t in (("match (all measures)", full), ("floor: list measures", floor)):
        p95 = t[int(len(t) * 0.95) - 1]
        print(f"{name:24s} p50 {statistics.median(t):7.2f} ms   p95 {p95:7.2f} ms")
    print(f"{n} measures evaluated per run, {args.runs} runs")


if __name__ == "__main__":
    main()
