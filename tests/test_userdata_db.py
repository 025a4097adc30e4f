"""The user database: versioned schema, migrations from each old version, damaged files moved
aside (never deleted), and writes that are all-or-nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.userdata import user_db
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import (
    SCHEMA_VERSION,
    UserDbError,
    open_user_db,
    schema_version,
    transaction,
)

FIXTURES = Path(__file__).parent / "data"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_new_database_is_created_in_user_folder_at_current_version() -> None:
    opened = open_user_db()
    try:
        assert opened.path == paths.user_db_path()
        assert opened.path.exists()
        assert opened.message is None
        assert schema_version(opened.conn) == SCHEMA_VERSION
        assert opened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert opened.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert "notes" in _columns(opened.conn, "enterprises")
    finally:
        opened.conn.close()


def test_reopening_keeps_data_and_version() -> None:
    first = open_user_db()
    ProfileRepository(first.conn).save({"name": "甲公司"})
    first.conn.close()
    second = open_user_db()
    try:
        assert [r.name for r in ProfileRepository(second.conn).search()] == ["甲公司"]
        assert schema_version(second.conn) == SCHEMA_VERSION
    finally:
        second.conn.close()


def test_v1_fixture_is_really_version_1() -> None:
    conn = sqlite3.connect(FIXTURES / "userdb-v1.sqlite")
    try:
        assert schema_version(conn) == 1
        assert "notes" not in _columns(conn, "enterprises")
    finally:
        conn.close()


def test_migration_from_v1_fixture_keeps_every_record(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    shutil.copy(FIXTURES / "userdb-v1.sqlite", path)
    opened = open_user_db(path)
    try:
        conn = opened.conn
        assert opened.message is None
        assert schema_version(conn) == 4
        assert {"notes", "notes_key"} <= set(_columns(conn, "enterprises"))
        assert {"not_in_force", "measures"} <= set(_columns(conn, "evaluations"))
        repo = ProfileRepository(conn)
        records = repo.search()
        assert {r.name for r in records} == {"ＡＢＣ精密制造有限公司", "三明示例农业合作社"}
        assert all(r.notes == "" for r in records)
        abc = repo.get("11111111-1111-4111-8111-111111111111")
        assert abc.profile["facts"] == {"youth_hires_count": 3}
        assert abc.to_profile().employees == 85
        history = repo.evaluations(abc.id)
        assert [h.total_text for h in history] == ["4500元"]
        full = repo.get_evaluation(history[0].id)
        assert full.result is not None and full.result["data_version"] == "v1fixture"
        # the new column is usable, and search by width/case still works on migrated rows
        repo.set_notes(abc.id, "联系人：王经理")
        assert [r.id for r in repo.search("abc")] == [abc.id]
        assert [r.id for r in repo.search("王经理")] == [abc.id]
    finally:
        opened.conn.close()


def test_failed_migration_step_leaves_old_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "user.sqlite"
    shutil.copy(FIXTURES / "userdb-v1.sqlite", path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE enterprises ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
        raise RuntimeError("power cut half-way")

    monkeypatch.setitem(user_db.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError):
        open_user_db(path)
    conn = sqlite3.connect(path)
    try:
        assert schema_version(conn) == 1
        assert "notes" not in _columns(conn, "enterprises")
        assert conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == 2
    finally:
        conn.close()


def test_database_from_newer_program_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE enterprises (id TEXT, name TEXT, profile TEXT);"
        "CREATE TABLE evaluations (id TEXT); PRAGMA user_version = 99;"
    )
    conn.close()
    before = path.read_bytes()
    with pytest.raises(UserDbError, match="更新版本"):
        open_user_db(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.corrupt-*")) == []


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database at all" * 50,
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
    ids=["garbage", "damaged-header"],
)
def test_corrupt_database_is_moved_aside_not_deleted(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "user.sqlite"
    path.write_bytes(content)
    (tmp_path / "user.sqlite-wal").write_bytes(b"wal bytes")
    opened = open_user_db(path)
    try:
        assert opened.moved_to is not None
        assert opened.moved_to.name.startswith("user.sqlite.corrupt-")
        assert opened.moved_to.read_bytes() == content
        assert Path(str(opened.moved_to) + "-wal").read_bytes() == b"wal bytes"
        assert opened.message is not None
        assert "已损坏" in opened.message and str(opened.moved_to) in opened.message
        assert schema_version(opened.conn) == SCHEMA_VERSION
        assert ProfileRepository(opened.conn).search() == []
    finally:
        opened.conn.close()


def test_corrupt_pages_in_a_real_database_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    opened = open_user_db(path)
    repo = ProfileRepository(opened.conn)
    for n in range(200):
        repo.save({"name": f"企业{n}" + "很长的名称" * 20})
    opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.conn.execute("PRAGMA journal_mode = DELETE")
    opened.conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 300] = b"\xfe" * 300
    path.write_bytes(bytes(data))
    reopened = open_user_db(path)
    try:
        assert reopened.moved_to is not None and reopened.moved_to.exists()
        assert reopened.moved_to.read_bytes() == bytes(data)
    finally:
        reopened.conn.close()


def test_a_locked_database_is_not_mistaken_for_a_corrupt_one(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    open_user_db(path).conn.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserDbError, match="另一个"):
            opened = open_user_db(path)
            opened.conn.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_transaction_rolls_back_everything_on_error() -> None:
    opened = open_user_db()
    conn = opened.conn
    try:
        with pytest.raises(ValueError), transaction(conn):
            conn.execute(
                "INSERT INTO enterprises (id, name, name_key, profile, created, updated) "
                "VALUES ('x', 'n', 'n', '{}', 't', 't')"
            )
            raise ValueError("crash")
        assert conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == 0
        assert not conn.in_transaction
    finally:
        conn.close()


def test_unwritable_folder_gives_chinese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(UserDbError, match="无法创建用户数据文件夹"):
        open_user_db(blocker / "sub" / "user.sqlite")
