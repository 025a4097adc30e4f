"""The user policy library's schema (library.sqlite in the user data folder) and its migrations.

The bundled policy database is read-only and replaced on every upgrade; everything the user
adds lives here and survives upgrades: imported documents and their items, the accepted
structured rules of imported items, and local guidance (受理窗口, 电话, 申报材料…) for any
measure, bundled or imported. Versioning, transactions and damage handling are those of
core/userdata/user_db.py (PRAGMA user_version, one migration step per transaction).

Ids: an imported document is ``imp-NNNN`` (a counter that is never reused, even after a
removal), its items ``imp-NNNN-<seq>``. Bundled ids never start with ``imp-`` (build_db
refuses them), so the two can never clash.

History: every change to ``rules`` and ``guidance`` is copied by triggers into
``rules_history`` / ``guidance_history`` (action insert / update / delete, with the values
after the change, or before it for a delete), whoever writes: the structuring review, a
package import or its undo. A replaced document version is kept whole in
``document_versions``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop_app.core.model import IMPORTED_ID_PREFIX
from desktop_app.core.userdata.user_db import DbKind

SCHEMA_VERSION = 1
ID_PREFIX = IMPORTED_ID_PREFIX

_DOCUMENT_COLUMNS = """
    title             TEXT NOT NULL,
    short_title       TEXT NOT NULL,
    doc_number        TEXT,                  -- 文号, NULL = 未注明
    issuer            TEXT,
    region_code       TEXT NOT NULL,         -- GB/T 2260 of the issuing government
    region_name       TEXT NOT NULL,
    scope_region_code TEXT NOT NULL,         -- where its measures apply
    scope_note        TEXT,
    level             TEXT NOT NULL,         -- 省 / 市 / 区县
    doc_type          TEXT NOT NULL,
    issued            TEXT,                  -- ISO date or NULL
    valid_from        TEXT,
    valid_to          TEXT,
    validity_basis    TEXT,                  -- e.g. 推定：自2026年1月1日起施行，有效期三年
    status            TEXT,                  -- 征求意见稿 or NULL
    evidence          TEXT NOT NULL,         -- JSON {field: passage of the text}
    notes             TEXT NOT NULL,         -- JSON [str]
    source_file       TEXT NOT NULL,         -- the file's name as imported
    source_sha256     TEXT NOT NULL,
    source_text       TEXT NOT NULL,         -- the text as read (after clean-up)
    imported          TEXT NOT NULL,         -- UTC ISO 8601 time of the import
    confirmed         TEXT NOT NULL,         -- JSON {field: "detected" | "corrected" | "unstated"}
    warnings          TEXT NOT NULL,         -- JSON [str]: the reader's warnings
    measure_count     INTEGER NOT NULL,
    item_count        INTEGER NOT NULL
"""


def _v1(conn: sqlite3.Connection) -> None:
    statements = [
        "CREATE TABLE library_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO library_meta (key, value) VALUES ('next_document', '1')",
        f"""CREATE TABLE documents (
            id                TEXT PRIMARY KEY,  -- imp-NNNN
            version           INTEGER NOT NULL,  -- 1, then 2… for each replacing import
            {_DOCUMENT_COLUMNS}
        )""",
        "CREATE UNIQUE INDEX documents_sha ON documents(source_sha256)",
        """CREATE TABLE items (
            id                TEXT PRIMARY KEY,  -- imp-NNNN-<seq>
            document_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq               INTEGER NOT NULL,
            kind              TEXT NOT NULL,     -- measure | general | preamble
            article           TEXT,
            locator           TEXT NOT NULL,
            path              TEXT NOT NULL,     -- JSON [heading, ...]
            title             TEXT,
            text              TEXT NOT NULL,
            departments       TEXT NOT NULL,     -- JSON [{name, as_printed, lead, basis}]
            departments_text  TEXT,
            source_notes      TEXT NOT NULL,     -- JSON [str]
            enterprise_facing INTEGER NOT NULL,
            category          TEXT NOT NULL
        )""",
        "CREATE INDEX items_document ON items(document_id, seq)",
        # A replaced version, whole: the document row and its items as JSON.
        """CREATE TABLE document_versions (
            document_id   TEXT NOT NULL,
            version       INTEGER NOT NULL,
            source_sha256 TEXT NOT NULL,
            replaced      TEXT NOT NULL,         -- UTC ISO time it was replaced
            document      TEXT NOT NULL,         -- JSON of the documents row
            items         TEXT NOT NULL,         -- JSON [items row]
            PRIMARY KEY (document_id, version)
        )""",
        # Accepted structured rules of one imported item, in the db/benefits format
        # (one entry of a benefits YAML file's list, as JSON: conditions, benefits, quotes).
        """CREATE TABLE rules (
            item_id       TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
            rules         TEXT NOT NULL,         -- JSON, see db/benefits/README.md
            amount_text   TEXT,                  -- headline amount as stated, or NULL
            structured_by TEXT NOT NULL,         -- who accepted it (user name or 'package:…')
            structured_at TEXT NOT NULL,         -- UTC ISO time
            unreviewed    INTEGER NOT NULL DEFAULT 1  -- 1 until a person has checked it
        )""",
        """CREATE TABLE rules_history (
            id            INTEGER PRIMARY KEY,
            item_id       TEXT NOT NULL,
            action        TEXT NOT NULL,         -- insert | update | delete
            rules         TEXT NOT NULL,
            amount_text   TEXT,
            structured_by TEXT NOT NULL,
            structured_at TEXT NOT NULL,
            unreviewed    INTEGER NOT NULL,
            recorded      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )""",
        "CREATE INDEX rules_history_item ON rules_history(item_id, id)",
        # Local guidance for a measure, bundled or imported: no foreign key, because bundled
        # item ids live in the other database. Kept when the bundled database is replaced.
        """CREATE TABLE guidance (
            measure_id  TEXT PRIMARY KEY,
            office      TEXT,                    -- 受理窗口
            address     TEXT,                    -- 地址
            phone       TEXT,                    -- 联系电话
            period      TEXT,                    -- 申报时间 as written, e.g. 每年3月1日至4月30日
            year_round  INTEGER NOT NULL DEFAULT 0,  -- 1 = 常年申报
            materials   TEXT NOT NULL DEFAULT '[]',  -- JSON [str]: 申报材料
            note        TEXT,
            updated_by  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        )""",
        """CREATE TABLE guidance_history (
            id          INTEGER PRIMARY KEY,
            measure_id  TEXT NOT NULL,
            action      TEXT NOT NULL,           -- insert | update | delete
            office      TEXT,
            address     TEXT,
            phone       TEXT,
            period      TEXT,
            year_round  INTEGER NOT NULL,
            materials   TEXT NOT NULL,
            note        TEXT,
            updated_by  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            recorded    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )""",
        "CREATE INDEX guidance_history_measure ON guidance_history(measure_id, id)",
    ]
    statements += _history_triggers(
        "rules",
        ("item_id", "rules", "amount_text", "structured_by", "structured_at", "unreviewed"),
    )
    statements += _history_triggers(
        "guidance",
        (
            "measure_id",
            "office",
            "address",
            "phone",
            "period",
            "year_round",
            "materials",
            "note",
            "updated_by",
            "updated_at",
        ),
    )
    for statement in statements:
        conn.execute(statement)


def _history_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    out = []
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        values = ", ".join(f"{row}.{c}" for c in columns)
        out.append(
            f"CREATE TRIGGER {table}_{event.lower()}_history AFTER {event} ON {table} "
            f"BEGIN INSERT INTO {table}_history (action, {cols}) "
            f"VALUES ('{event.lower()}', {values}); END"
        )
    return out


# MIGRATIONS[n] takes a library at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _v1}
assert max(MIGRATIONS) + 1 == SCHEMA_VERSION

LIBRARY_DB = DbKind(
    "自行导入的政策库",
    SCHEMA_VERSION,
    MIGRATIONS,
    frozenset({"documents", "items", "rules", "guidance"}),
    shared=True,
)
