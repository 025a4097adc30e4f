"""变化提醒: re-evaluating 1,000 saved enterprises after a change of data, side by side with
the floor (reading every enterprise and what its last saved evaluation is compared by — the
stored per-measure summary — without evaluating), and with the full path (match() per
enterprise against each whole stored result, as before the summary existed).

    .venv/bin/python benchmarks/changes_benchmark.py [--enterprises 1000] [--no-full]

The enterprises vary in place (Xiamen, Sanming, Fuzhou, Yanjiang), size and qualifications;
each is saved with an evaluation as of 2019-06-01 and re-evaluated as of 2026-12-01, so the
2019 work plan's measures change for most of them. Goal: under 10 s for 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--no-full", action="store_true", help="skip timing the full path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="changes-bench-") as tmp:
        os.environ["POLICY_DESK_HOME"] = tmp
        from desktop_app import paths
        from desktop_app.core.build_db import build_database
        from desktop_app.core.changes.reevaluate import changes_for_all
        from desktop_app.core.eligibility.profile import Profile
        from desktop_app.core.services import PolicyData
        from desktop_app.core.userdata.baselines import last_evaluations
        from desktop_app.core.userdata.profiles import ProfileRepository
        from desktop_app.core.userdata.user_db import open_user_db

        db = Path(tmp) / "policies.sqlite"
        build_database(db)
        data = PolicyData.open(db, library=False)
        sample = json.loads(
            (paths.resources_dir() / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
        )
        regions = ["350206", "350404", "350102", "512002"]
        repo = ProfileRepository(open_user_db().conn)
        started = time.perf_counter()
        for n in range(args.enterprises):
            profile = dict(
                sample,
                name=f"企业{n:04d}",
                region=regions[n % len(regions)],
                employees=10 + (n * 37) % 900,
                revenue=100 + (n * 53) % 50000,
                qualifications=sample["qualifications"] if n % 3 == 0 else [],
            )
            result = data.match(Profile.from_dict(profile), date(2019, 6, 1)).to_dict()
            repo.save(profile, evaluation=result)
        seeded = time.perf_counter() - started

        started = time.perf_counter()
        baselines = last_evaluations(repo)
        for record in repo.search(""):
            assert baselines[record.id].measures is not None
            record.to_profile()
        floor = time.perf_counter() - started

        started = time.perf_counter()
        for record in repo.search(""):
            last = repo.evaluations(record.id)[0]
            repo.get_evaluation(last.id)
        whole = time.perf_counter() - started

        started = time.perf_counter()
        report = changes_for_all(repo, data, date(2026, 12, 1))
        elapsed = time.perf_counter() - started
        print(f"seeded {args.enterprises} enterprises with evaluations in {seeded:.1f} s")
        print(f"floor (read every enterprise and its last evaluation's summary): {floor:.2f} s")
        print(f"  (reading every whole stored result instead: {whole:.2f} s)")
        print(
            f"re-evaluate and compare: {elapsed:.2f} s ({elapsed / floor:.1f}x the floor); "
            f"{len(report.enterprises)} enterprises with changes, {report.change_count} changes"
        )
        if not args.no_full:
            repo.conn.execute("UPDATE evaluations SET measures = NULL")  # as before version 4
            started = time.perf_counter()
            full = changes_for_all(repo, data, date(2026, 12, 1), quick=False)
            slow = time.perf_counter() - started
            same = "the same report" if full.to_dict() == report.to_dict() else "DIFFERENT"
            print(
                f"full path (match() each, whole stored results): {slow:.2f} s "
                f"({slow / elapsed:.1f}x the quick path; {same})"
            )


if __name__ == "__main__":
    main()
