"""How long salvaging a large damaged user.sqlite takes, and its peak memory, beside the floor of
SQLite reading the same rows from the undamaged file.

    .venv/bin/python benchmarks/salvage_benchmark.py [--mb 100]

The damaged copy has page 1 (header and schema) and three interior b-tree pages zeroed, so
SQLite reads nothing and every row comes from the raw page reader (core/raw_recovery.py). Each
measurement runs in a fresh process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = 4096


def build(path: Path, megabytes: int) -> int:
    from desktop_app.core.userdata.records import pack_result, search_key
    from desktop_app.core.userdata.user_db import open_user_db

    conn = open_user_db(path).conn
    rng = random.Random(1)
    conn.execute("BEGIN")
    i = 0
    while i % 5000 or conn.execute("PRAGMA page_count").fetchone()[0] * PAGE < megabytes * 1e6:
        i += 1
        name = f"企业{i}" + "填" * rng.randint(0, 300)
        profile = json.dumps({"name": name, "region": "350206", "employees": i}, ensure_ascii=False)
        conn.execute(
            "INSERT INTO enterprises (id, name, name_key, profile, created, updated, notes, "
            "notes_key) VALUES (?, ?, ?, ?, '2026', '2026', '', '')",
            (f"e{i:08d}", name, search_key(name), profile),
        )
        result = {"as_of": "2026-12-01", "note": "".join(rng.choices("0123456789", k=800))}
        conn.execute(
            "INSERT INTO evaluations (id, enterprise_id, created, as_of, data_version, eligible, "
            "possible, ineligible, not_in_force, total_text, result) "
            "VALUES (?, ?, '2026', '2026-12-01', 't', 1, 1, 1, 0, '0', ?)",
            (f"v{i:08d}", f"e{i:08d}", pack_result(result)),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return i


def damage(path: Path, target: Path) -> None:
    data = bytearray(path.read_bytes())
    interior = [n for n in range(1, len(data) // PAGE) if data[n * PAGE] == 0x05][:3]
    for n in [0, *interior]:
        data[n * PAGE : (n + 1) * PAGE] = bytes(PAGE)
    target.write_bytes(bytes(data))


def measure(kind: str, path: str) -> None:
    """In the child: one reading, then its time, rows and peak RSS as JSON."""
    start = time.perf_counter()
    if kind == "salvage":
        from desktop_app.core.userdata.salvage import salvage_user_file

        found = salvage_user_file(Path(path))
        rows = len(found.enterprises) + found.evaluation_count
    else:
        import sqlite3

        conn = sqlite3.connect(path)
        rows = len(conn.execute("SELECT * FROM enterprises").fetchall())
        rows += len(conn.execute("SELECT * FROM evaluations").fetchall())
        conn.close()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak}))


def child(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        measure(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        sound, damaged = Path(tmp) / "user.sqlite", Path(tmp) / "damaged.sqlite"
        count = build(sound, args.mb)
        damage(sound, damaged)
        print(f"{sound.stat().st_size / 1e6:.0f} MB, {count} enterprises + {count} evaluations")
        floor = child("floor", sound)
        salvage = child("salvage", damaged)
        for label, m in (("floor: SQLite reads the sound file", floor), ("salvage", salvage)):
            print(
                f"{label}: {m['seconds']:.2f} s, {m['rows']:.0f} rows, peak {m['peak_mb']:.0f} MB"
            )
        print(f"salvage / floor: {salvage['seconds'] / floor['seconds']:.1f}x")


if __name__ == "__main__":
    main()
