"""Saved enterprises out of a damaged user.sqlite: every readable row, the rest reported.

Reading goes through core.salvage (row by row, past damaged pages, header rebuilt on a copy),
and, for the rows SQLite cannot reach, through the file's pages with the layouts the schema
migrations (user_db.MIGRATIONS) build.
Repairing writes the salvaged rows into a new file first and only then moves the damaged one
aside (never deleted), so at no moment is there less on disk than before.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.core.raw_recovery import TableLayout, layouts_from_migrations
from desktop_app.core.salvage import Salvage, salvage_connection, salvage_file
from desktop_app.core.userdata.records import (
    EnterpriseRecord,
    EvaluationRecord,
    enterprise_record,
    evaluation_record,
    search_key,
    unpack_result,
)

log = logging.getLogger(__name__)

ENTERPRISE_COLUMNS = ["rowid", "id", "name", "profile", "created", "updated", "notes"]
EVALUATION_COLUMNS = [
    "rowid",
    "id",
    "enterprise_id",
    "created",
    "as_of",
    "data_version",
    "eligible",
    "possible",
    "ineligible",
    "not_in_force",  # since schema version 3
    "total_text",
    "result",
]
TABLES = {"enterprises": ENTERPRISE_COLUMNS, "evaluations": EVALUATION_COLUMNS}


@cache
def user_layouts() -> dict[str, TableLayout]:
    """Each table's storage layout, every version's (rows saved before a column was added
    are shorter), from the migrations themselves."""
    from desktop_app.core.userdata.user_db import MIGRATIONS

    return layouts_from_migrations(MIGRATIONS, TABLES)


@dataclass
class UserSalvage:
    enterprises: list[EnterpriseRecord]
    evaluations: dict[str, list[EvaluationRecord]]  # enterprise id → newest first
    problems: list[str] = field(default_factory=list)  # Chinese, one per unreadable row
    notes: list[str] = field(default_factory=list)

    @property
    def evaluation_count(self) -> int:
        return sum(len(v) for v in self.evaluations.values())

    @property
    def summary(self) -> str:
        text = f"可读取企业 {len(self.enterprises)} 家、评估记录 {self.evaluation_count} 条"
        if self.problems:
            text += f"；{len(self.problems)} 条记录已损坏无法读取，已跳过"
        return text + "。"

    def search(self, text: str = "") -> list[EnterpriseRecord]:
        key = search_key(text.strip())
        found = [
            r
            for r in self.enterprises
            if not key or key in search_key(r.name) or key in search_key(r.notes)
        ]
        return sorted(found, key=lambda r: (r.updated, r.name), reverse=True)


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _enterprise(row: dict[str, Any], counts: dict[str, int]) -> EnterpriseRecord | None:
    if not all(_text(row[k]) for k in ("id", "name", "profile", "created", "updated")):
        return None
    try:
        profile = json.loads(row["profile"])
    except ValueError:
        return None
    if not isinstance(profile, dict):
        return None
    return enterprise_record(row, profile, counts.get(row["id"], 0))


def _evaluation(row: dict[str, Any]) -> EvaluationRecord | None:
    texts = ("id", "enterprise_id", "created", "as_of", "data_version", "total_text")
    numbers = ("eligible", "possible", "ineligible")
    if not all(_text(row[k]) for k in texts) or not all(isinstance(row[k], int) for k in numbers):
        return None
    try:
        result = unpack_result(row["result"])
    except (ValueError, TypeError, zlib.error):
        return None
    return evaluation_record(row, result)


def _records(raw: Salvage) -> UserSalvage:
    problems = [f"企业记录第{n}行无法读取" for n in raw.tables["enterprises"].unreadable]
    problems += [f"评估记录第{n}行无法读取" for n in raw.tables["evaluations"].unreadable]
    if raw.unplaced:
        problems.append(f"另有 {raw.unplaced} 条记录已损坏，无法判断是企业还是评估记录")
    evaluations: list[EvaluationRecord] = []
    for row in raw.rows("evaluations"):
        record = _evaluation(row)
        if record is None:
            problems.append(f"评估记录第{row['rowid']}行内容已损坏")
        else:
            evaluations.append(record)
    counts: dict[str, int] = {}
    for e in evaluations:
        counts[e.enterprise_id] = counts.get(e.enterprise_id, 0) + 1
    enterprises: list[EnterpriseRecord] = []
    for row in raw.rows("enterprises"):
        enterprise = _enterprise(row, counts)
        if enterprise is None:
            problems.append(f"企业记录第{row['rowid']}行内容已损坏")
        else:
            enterprises.append(enterprise)
    known = {r.id for r in enterprises}
    by_enterprise: dict[str, list[EvaluationRecord]] = {}
    for e in sorted(evaluations, key=lambda e: e.created, reverse=True):
        if e.enterprise_id in known:
            by_enterprise.setdefault(e.enterprise_id, []).append(e)
        else:
            problems.append(f"评估记录“{e.id}”所属的企业记录已损坏，无法归属")
    return UserSalvage(enterprises, by_enterprise, problems, list(raw.notes))


def salvage_user_connection(conn: sqlite3.Connection) -> UserSalvage:
    return _records(salvage_connection(conn, TABLES, user_layouts()))


def salvage_user_file(path: Path) -> UserSalvage:
    return _records(salvage_file(path, TABLES, user_layouts()))


def write_salvage(conn: sqlite3.Connection, salvage: UserSalvage) -> None:
    """Insert every salvaged row into an (empty, current-schema) user database."""
    from desktop_app.core.userdata.profiles import ProfileRepository
    from desktop_app.core.userdata.user_db import transaction

    repo = ProfileRepository(conn)
    with transaction(conn):
        for r in salvage.enterprises:
            data = json.dumps(r.profile, ensure_ascii=False, sort_keys=True)
            conn.execute(
                "INSERT INTO enterprises (id, name, name_key, profile, created, updated, notes, "
                "notes_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.id,
                    r.name,
                    search_key(r.name),
                    data,
                    r.created,
                    r.updated,
                    r.notes,
                    search_key(r.notes),
                ),
            )
        for records in salvage.evaluations.values():
            for e in records:
                assert e.result is not None
                repo._add_evaluation(e.enterprise_id, e.result, eval_id=e.id, created=e.created)


@dataclass
class RepairReport:
    salvage: UserSalvage
    moved_to: Path

    @property
    def message(self) -> str:
        return (
            f"已从损坏的数据库中找回{self.salvage.summary}"
            f"原文件没有删除，已改名保存为：{self.moved_to}"
        )


def repair_user_db(path: Path) -> RepairReport:
    """Salvage copy first (a new file beside the old), then the damaged file moved aside and
    the copy put in its place. Raises UserDbError (Chinese) when the folder is not writable."""
    from desktop_app.core.userdata.user_db import UserDbError, move_aside, open_user_db

    salvage = salvage_user_file(path)
    fresh = path.with_name(path.name + ".salvage-tmp")
    for leftover in (
        fresh,
        fresh.with_name(fresh.name + "-wal"),
        fresh.with_name(fresh.name + "-shm"),
    ):
        leftover.unlink(missing_ok=True)
    try:
        opened = open_user_db(fresh)
        try:
            write_salvage(opened.conn, salvage)
            opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            opened.conn.close()
        moved = move_aside(path)
        os.replace(fresh, path)
    except (OSError, sqlite3.Error) as exc:
        raise UserDbError(
            f"无法写入修复后的数据库（{getattr(exc, 'strerror', None) or exc}）。"
            "原文件未作改动；请腾出磁盘空间或检查文件夹权限后重试。"
        ) from exc
    log.warning("user database repaired: %s moved to %s", path, moved)
    return RepairReport(salvage, moved)
