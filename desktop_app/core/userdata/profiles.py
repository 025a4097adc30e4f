"""Saved enterprises and the history of their evaluations, in the user database.

Every write is one transaction (user_db.transaction): a crash or an error half-way leaves the
previous version of the enterprise exactly as it was. Profiles are validated with
Profile.from_dict before they are written, so the database only ever holds profiles the engine
accepts.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from desktop_app.core.eligibility.profile import MAX_NAME, Profile
from desktop_app.core.salvage import damaged_read
from desktop_app.core.userdata.records import (
    EnterpriseRecord,
    EvaluationRecord,
    enterprise_record,
    evaluation_record,
    new_id,
    now_iso,
    pack_result,
    search_key,
    unpack_result,
)
from desktop_app.core.userdata.saved_measures import pack_measures, saved_measures, shown_label
from desktop_app.core.userdata.user_db import DAMAGED_NO_WRITES, UserDbError, transaction

if TYPE_CHECKING:
    from desktop_app.core.userdata.salvage import UserSalvage

log = logging.getLogger(__name__)
_T = TypeVar("_T")

UNNAMED = "未命名企业"
COPY_SUFFIX = "（副本）"
MAX_NOTES = 5000


class RecordNotFoundError(LookupError):
    """The enterprise or evaluation is gone (deleted in another window, or never existed)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def display_time(stamp: str) -> str:
    """A stored UTC stamp in the user's local time, e.g. 2026-11-22 14:05."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clean_notes(notes: str) -> str:
    text = "".join(ch for ch in notes if ch.isprintable() or ch in "\n\t").strip()
    return text[:MAX_NOTES]


def normalise_profile(profile: Any) -> tuple[str, dict[str, Any]]:
    """Validate (raises ProfileError with Chinese problems) and return (name, canonical dict)."""
    parsed = Profile.from_dict(profile)
    data = parsed.to_dict()
    # date-type facts come back as date objects; JSON needs the ISO text Profile reads back
    data["facts"] = {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in data["facts"].items()
    }
    return parsed.name or UNNAMED, data


_ENTERPRISE_COLUMNS = (
    "e.id, e.name, e.profile, e.created, e.updated, e.notes, "
    "(SELECT COUNT(*) FROM evaluations v WHERE v.enterprise_id = e.id) AS evaluation_count"
)


def _enterprise(row: sqlite3.Row) -> EnterpriseRecord:
    return enterprise_record(row, json.loads(row["profile"]), int(row["evaluation_count"]))


def _evaluation(row: sqlite3.Row, with_result: bool) -> EvaluationRecord:
    return evaluation_record(row, unpack_result(row["result"]) if with_result else None)


def evaluation_fields(result: dict[str, Any]) -> dict[str, Any]:
    """The columns stored for a MatchResult.to_dict(), through the one evaluation schema
    (core.schema.exchange); raises InputError (a ValueError) naming what is wrong."""
    from desktop_app.core.schema.exchange import validate_evaluation

    return validate_evaluation(result)


class ProfileRepository:
    """The saved enterprises; every method runs on the thread that opened the connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # set when a read found damage SQLite's quick_check missed: reads are then served
        # from what could be salvaged, and writes wait for a repair (salvage.repair_user_db)
        self.damage: UserSalvage | None = None

    def _reading(self, read: Callable[[], _T], salvaged: Callable[[UserSalvage], _T]) -> _T:
        if self.damage is None:
            try:
                return read()
            except (sqlite3.DatabaseError, ValueError, zlib.error) as exc:
                if isinstance(exc, sqlite3.DatabaseError) and not damaged_read(exc):
                    raise
                log.error("user database damaged, reading what can be salvaged: %s", exc)
                from desktop_app.core.userdata.salvage import salvage_user_connection

                self.damage = salvage_user_connection(self.conn)
        return salvaged(self.damage)

    def _writable(self) -> None:
        if self.damage is not None:
            raise UserDbError(DAMAGED_NO_WRITES)

    # -- enterprises --------------------------------------------------------------------------
    def search(self, text: str = "") -> list[EnterpriseRecord]:
        """Most recently updated first; search matches a substring of the name or the notes."""
        sql = f"SELECT {_ENTERPRISE_COLUMNS} FROM enterprises e"
        params: tuple[str, ...] = ()
        key = search_key(text.strip())
        if key:
            sql += " WHERE e.name_key LIKE ? ESCAPE '\\' OR e.notes_key LIKE ? ESCAPE '\\'"
            params = (_like_pattern(key), _like_pattern(key))
        sql += " ORDER BY e.updated DESC, e.name"
        return self._reading(
            lambda: [_enterprise(r) for r in self.conn.execute(sql, params)],
            lambda damage: damage.search(text),
        )

    def get(self, enterprise_id: str) -> EnterpriseRecord:
        def read() -> EnterpriseRecord | None:
            row = self.conn.execute(
                f"SELECT {_ENTERPRISE_COLUMNS} FROM enterprises e WHERE e.id = ?",
                (enterprise_id,),
            ).fetchone()
            return None if row is None else _enterprise(row)

        found = self._reading(
            read, lambda d: next((r for r in d.enterprises if r.id == enterprise_id), None)
        )
        if found is None:
            raise RecordNotFoundError("这家企业已不在已保存企业中（可能已被删除）。")
        return found

    def exists(self, enterprise_id: str) -> bool:
        sql = "SELECT 1 FROM enterprises WHERE id = ?"
        return self._reading(
            lambda: self.conn.execute(sql, (enterprise_id,)).fetchone() is not None,
            lambda damage: any(r.id == enterprise_id for r in damage.enterprises),
        )

    def save(
        self,
        profile: dict[str, Any],
        enterprise_id: str | None = None,
        *,
        notes: str | None = None,
        evaluation: dict[str, Any] | None = None,
    ) -> EnterpriseRecord:
        """Insert (no id, or an id not yet saved) or update an enterprise; with `evaluation`
        (a MatchResult.to_dict()) the evaluation is recorded in the same transaction."""
        name, canonical = normalise_profile(profile)
        self._writable()
        with transaction(self.conn):
            saved_id = self._write(name, canonical, enterprise_id, notes)
            if evaluation is not None:
                self._add_evaluation(saved_id, evaluation)
        return self.get(saved_id)

    def _write(
        self,
        name: str,
        profile: dict[str, Any],
        enterprise_id: str | None,
        notes: str | None,
        *,
        created: str | None = None,
        updated: str | None = None,
    ) -> str:
        stamp = updated or now_iso()
        data = json.dumps(profile, ensure_ascii=False, sort_keys=True)
        if enterprise_id is not None and self.exists(enterprise_id):
            if notes is None:
                self.conn.execute(
                    "UPDATE enterprises SET name = ?, name_key = ?, profile = ?, updated = ? "
                    "WHERE id = ?",
                    (name, search_key(name), data, stamp, enterprise_id),
                )
            else:
                text = clean_notes(notes)
                self.conn.execute(
                    "UPDATE enterprises SET name = ?, name_key = ?, profile = ?, updated = ?, "
                    "notes = ?, notes_key = ? WHERE id = ?",
                    (name, search_key(name), data, stamp, text, search_key(text), enterprise_id),
                )
            return enterprise_id
        new = enterprise_id or new_id()
        text = clean_notes(notes or "")
        self.conn.execute(
            "INSERT INTO enterprises (id, name, name_key, profile, created, updated, notes, "
            "notes_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (new, name, search_key(name), data, created or stamp, stamp, text, search_key(text)),
        )
        return new

    def save_many(self, entries: list[tuple[dict[str, Any], str]]) -> dict[str, int]:
        """Save (profile, notes) pairs in one transaction: all or none. An enterprise already
        saved under exactly the same name is updated (a roster screened again), else added."""
        by_name = {r.name: r.id for r in self.search()}
        added = updated = 0
        with transaction(self.conn):
            for profile, notes in entries:
                name, canonical = normalise_profile(profile)
                existing = by_name.get(name)
                saved = self._write(name, canonical, existing, notes)
                by_name[name] = saved
                added, updated = (added, updated + 1) if existing else (added + 1, updated)
        return {"added": added, "updated": updated}

    def set_notes(self, enterprise_id: str, notes: str) -> None:
        text = clean_notes(notes)
        self._writable()
        with transaction(self.conn):
            cursor = self.conn.execute(
                "UPDATE enterprises SET notes = ?, notes_key = ?, updated = ? WHERE id = ?",
                (text, search_key(text), now_iso(), enterprise_id),
            )
            if cursor.rowcount == 0:
                raise RecordNotFoundError("这家企业已不在已保存企业中（可能已被删除）。")

    def duplicate(self, enterprise_id: str) -> EnterpriseRecord:
        """A new enterprise with the same answers, named “…（副本）”; history is not copied."""
        original = self.get(enterprise_id)
        # shortened when needed so that the copy's name stays within the profile's limit
        base = original.name[: MAX_NAME - len(COPY_SUFFIX)]
        profile = dict(original.profile)
        profile["name"] = base + COPY_SUFFIX
        name, canonical = normalise_profile(profile)
        with transaction(self.conn):
            new = self._write(name, canonical, None, original.notes)
        return self.get(new)

    def delete(self, enterprise_id: str) -> None:
        """Remove the enterprise and its evaluation history (one transaction)."""
        self._writable()
        with transaction(self.conn):
            self.conn.execute("DELETE FROM evaluations WHERE enterprise_id = ?", (enterprise_id,))
            cursor = self.conn.execute("DELETE FROM enterprises WHERE id = ?", (enterprise_id,))
            if cursor.rowcount == 0:
                raise RecordNotFoundError("这家企业已不在已保存企业中（可能已被删除）。")

    def count(self) -> int:
        return self._reading(
            lambda: int(self.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0]),
            lambda damage: len(damage.enterprises),
        )

    # -- evaluations --------------------------------------------------------------------------
    def add_evaluation(self, enterprise_id: str, result: dict[str, Any]) -> EvaluationRecord:
        self._writable()
        with transaction(self.conn):
            eval_id = self._add_evaluation(enterprise_id, result)
        return self.get_evaluation(eval_id)

    def _add_evaluation(
        self,
        enterprise_id: str,
        result: dict[str, Any],
        *,
        eval_id: str | None = None,
        created: str | None = None,
    ) -> str:
        if not self.exists(enterprise_id):
            raise RecordNotFoundError("这家企业已不在已保存企业中（可能已被删除）。")
        fields = evaluation_fields(result)
        new = eval_id or new_id()
        self.conn.execute(
            "INSERT INTO evaluations (id, enterprise_id, created, as_of, data_version, eligible, "
            "possible, ineligible, not_in_force, total_text, result, measures, data_label) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new,
                enterprise_id,
                created or now_iso(),
                fields["as_of"],
                fields["data_version"],
                fields["eligible"],
                fields["possible"],
                fields["ineligible"],
                fields["not_in_force"],
                fields["total_text"],
                pack_result(result),
                pack_measures(saved_measures(result)),
                shown_label(result),
            ),
        )
        return new

    def evaluations(self, enterprise_id: str) -> list[EvaluationRecord]:
        """Newest first, without the (large) stored result."""
        sql = (
            "SELECT id, enterprise_id, created, as_of, data_version, eligible, possible, "
            "ineligible, not_in_force, total_text, data_label FROM evaluations "
            "WHERE enterprise_id = ? ORDER BY created DESC"
        )
        return self._reading(
            lambda: [
                _evaluation(r, with_result=False) for r in self.conn.execute(sql, (enterprise_id,))
            ],
            lambda damage: list(damage.evaluations.get(enterprise_id, [])),
        )

    def get_evaluation(self, eval_id: str) -> EvaluationRecord:
        def read() -> EvaluationRecord | None:
            row = self.conn.execute("SELECT * FROM evaluations WHERE id = ?", (eval_id,))
            found = row.fetchone()
            return None if found is None else _evaluation(found, with_result=True)

        def salvaged(damage: UserSalvage) -> EvaluationRecord | None:
            every = (e for records in damage.evaluations.values() for e in records)
            return next((e for e in every if e.id == eval_id), None)

        record = self._reading(read, salvaged)
        if record is None:
            raise RecordNotFoundError("这次评估记录已不存在，或已损坏无法打开。")
        return record

    def delete_evaluation(self, eval_id: str) -> None:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM evaluations WHERE id = ?", (eval_id,))
