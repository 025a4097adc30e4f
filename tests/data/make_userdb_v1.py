"""Writes userdb-v1.sqlite: a user database as version 1 of the schema left it.

Kept so the fixture can be inspected or re-made; the test uses the committed file, which must
never be regenerated from a later schema (that is the point of a fixture per old version).
Run: .venv/bin/python tests/data/make_userdb_v1.py
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

V1_DDL = """
CREATE TABLE enterprises (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    profile TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX enterprises_name_key ON enterprises(name_key);
CREATE TABLE evaluations (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    as_of TEXT NOT NULL,
    data_version TEXT NOT NULL,
    eligible INTEGER NOT NULL,
    possible INTEGER NOT NULL,
    ineligible INTEGER NOT NULL,
    total_text TEXT NOT NULL,
    result BLOB NOT NULL
);
CREATE INDEX evaluations_enterprise ON evaluations(enterprise_id, created);
PRAGMA user_version = 1;
"""

PROFILE = {
    "name": "ＡＢＣ精密制造有限公司",
    "region": "350206",
    "industry": "工业",
    "employees": 85.0,
    "revenue": 4200.0,
    "assets": None,
    "established": "2019-04-18",
    "entity_type": "enterprise",
    "qualifications": [{"id": "specialized_sme", "granted": "2023-06-30"}],
    "facts": {"youth_hires_count": 3},
    "size_override": None,
}
RESULT = {
    "as_of": "2025-03-01",
    "data_version": "v1fixture",
    "profile": PROFILE,
    "counts": {"eligible": 40, "possible": 20, "ineligible": 49},
    "totals": {"eligible": {"kind": "exact", "text": "4500元", "working": "3人 × 1500元"}},
    "results": [],
    "supplements": [],
}


def main() -> None:
    path = Path(__file__).with_name("userdb-v1.sqlite")
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.execute(
        "INSERT INTO enterprises VALUES (?, ?, ?, ?, ?, ?)",
        (
            "11111111-1111-4111-8111-111111111111",
            PROFILE["name"],
            "abc精密制造有限公司",
            json.dumps(PROFILE, ensure_ascii=False, sort_keys=True),
            "2025-03-01T08:00:00.000000+00:00",
            "2025-03-01T08:00:00.000000+00:00",
        ),
    )
    other = dict(PROFILE, name="三明示例农业合作社", region="350404", industry="农、林、牧、渔业")
    conn.execute(
        "INSERT INTO enterprises VALUES (?, ?, ?, ?, ?, ?)",
        (
            "22222222-2222-4222-8222-222222222222",
            other["name"],
            other["name"],
            json.dumps(other, ensure_ascii=False, sort_keys=True),
            "2025-03-02T08:00:00.000000+00:00",
            "2025-03-02T08:00:00.000000+00:00",
        ),
    )
    conn.execute(
        "INSERT INTO evaluations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "33333333-3333-4333-8333-333333333333",
            "11111111-1111-4111-8111-111111111111",
            "2025-03-01T08:00:01.000000+00:00",
            "2025-03-01",
            "v1fixture",
            40,
            20,
            49,
            "4500元",
            zlib.compress(json.dumps(RESULT, ensure_ascii=False).encode("utf-8")),
        ),
    )
    conn.commit()
    conn.close()


if __name__ == "__main__":
    main()
