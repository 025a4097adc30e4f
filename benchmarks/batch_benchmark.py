"""Batch screening of a generated roster, side by side with match() per enterprise.

    .venv/bin/python benchmarks/batch_benchmark.py [--rows 10000] [--match-rows N]

Generates a roster typed as offices type it (desktop_app.core.batch.synthetic: 70% in one city's
districts, mixed units, 2% bad rows), writes it as .xlsx, then times in one process: reading it
(openpyxl), screening every row against every measure (`screen`), calling `match()` once per
enterprise on the same profiles (the floor this must beat by 5×; `--match-rows` times a sample
and scales it), and writing the result workbook (XlsxWriter). Peak memory is the process's
maximum resident set size after screening. Statuses and totals are compared for every row timed
with match().
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop_app.core.batch.roster import read_roster
from desktop_app.core.batch.screen import screen
from desktop_app.core.batch.synthetic import generate, write_xlsx
from desktop_app.core.batch.workbook import write_workbook
from desktop_app.core.build_db import build_database
from desktop_app.core.eligibility.engine import match
from desktop_app.core.store import PolicyStore


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--match-rows", type=int, default=0, help="0: every row")
    args = parser.parse_args()
    as_of = date(2026, 12, 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_database(folder / "p.sqlite")
        store = PolicyStore.open(folder / "p.sqlite")
        roster_path = write_xlsx(generate(args.rows), folder / "roster.xlsx")
        start = time.perf_counter()
        roster = read_roster(roster_path)
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        result = screen(store, roster, as_of)
        screen_s = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        write_workbook(result, folder / "out.xlsx")
        write_s = time.perf_counter() - start
        sample = result.outcomes[: args.match_rows or None]
        start = time.perf_counter()
        equal = 0
        for outcome in sample:
            full = match(store, outcome.row.profile, as_of)
            same = [r.status for r in full.results] == [r.status for r in outcome.results]
            equal += same and full.totals["eligible"] == outcome.total
        match_s = (time.perf_counter() - start) * len(result.outcomes) / max(len(sample), 1)
        store.close()
    n, m = len(result.outcomes), len(result.measures)
    print(f"roster: {args.rows} rows, {n} enterprises screened, {len(result.rejected)} left out")
    print(f"measures: {m}; engine evaluations run: {result.evaluations} of {n * m} "
          f"({result.evaluations / max(n * m, 1):.1%})")  # fmt: skip
    print(f"read .xlsx (openpyxl):            {read_s:6.2f} s")
    print(f"screen (batch):                   {screen_s:6.2f} s")
    scaled = "" if len(sample) == n else f" (scaled from {len(sample)})"
    print(f"match() per enterprise (floor):   {match_s:6.2f} s{scaled}")
    print(f"speed-up:                         {match_s / screen_s:6.1f}x")
    print(f"write result .xlsx (XlsxWriter):  {write_s:6.2f} s")
    print(f"peak memory (max RSS):            {rss_mb:6.0f} MB")
    print(f"equal to match(): {equal}/{len(sample)}")


if __name__ == "__main__":
    main()
