"""The user's own database (saved enterprises and their evaluations), separate from the bundled
policy database, in the user data folder.

Design rules, each because a consultant's client list must never be lost:

- The schema version lives in ``PRAGMA user_version``; MIGRATIONS upgrade it one step at a
  time, each step in one transaction together with the new version number, so a crash during
  an upgrade leaves the old schema intact.
- The connection runs in autocommit mode (``isolation_level=None``) and every write goes
  through :func:`transaction` (``BEGIN IMMEDIATE`` … ``COMMIT``): Python's implicit
  transactions do not cover DDL and begin lazily, which is not what a migration needs.
- WAL journal with ``synchronous=FULL``: a committed save survives a power cut.
- A file that SQLite cannot read is moved aside (never deleted) and a fresh database created;
  the caller gets a Chinese message saying where the old file went.
- A file written by a *newer* program version is left alone: this version refuses to open it
  rather than guess at a schema it does not know.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
CORRUPT_SUFFIX = ".corrupt-"


class UserDbError(Exception):
    """The user database cannot be used; the message is Chinese and meant for the user."""


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE enterprises (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,      -- NFKC + casefold of name, for search
            profile TEXT NOT NULL,       -- Profile.to_dict() as JSON
            created TEXT NOT NULL,       -- UTC ISO 8601
            updated TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX enterprises_name_key ON enterprises(name_key)")
    conn.execute(
        """
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
            result BLOB NOT NULL         -- zlib-compressed MatchResult.to_dict() JSON
        )
        """
    )
    conn.execute("CREATE INDEX evaluations_enterprise ON evaluations(enterprise_id, created)")


def _v2(conn: sqlite3.Connection) -> None:
    # Consultants asked for a free-text note per client (contact person, follow-ups).
    # Existing rows get an empty note; search covers notes from now on.
    conn.execute("ALTER TABLE enterprises ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE enterprises ADD COLUMN notes_key TEXT NOT NULL DEFAULT ''")


def _v3(conn: sqlite3.Connection) -> None:
    # Measures of documents not in force on the date got their own group (not_in_force).
    # Evaluations saved before had no such group: 0 is what they showed.
    conn.execute("ALTER TABLE evaluations ADD COLUMN not_in_force INTEGER NOT NULL DEFAULT 0")


def _v4(conn: sqlite3.Connection) -> None:
    # 变化提醒 compares against each measure's saved status and amount (saved_measures.py);
    # NULL for evaluations saved before, filled in the first time they are compared.
    conn.execute("ALTER TABLE evaluations ADD COLUMN measures TEXT")
    # The data version as people read it (core.data_label), for the history; '' before.
    conn.execute("ALTER TABLE evaluations ADD COLUMN data_label TEXT NOT NULL DEFAULT ''")


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _v1,
    1: _v2,
    2: _v3,
    3: _v4,
}
assert max(MIGRATIONS) + 1 == SCHEMA_VERSION


BUSY_TIMEOUT_S = 10
# What each resource failure means for the user and what to do (SQLite primary result codes).
_RESOURCE_MESSAGES = {
    5: (
        f"已保存企业的数据库正被另一个程序写入（等待了 {BUSY_TIMEOUT_S} 秒仍未释放）。"
        "请关闭其他惠企政策通窗口或正在导入的命令后重试。"
    ),
    6: "已保存企业的数据库被锁定。请关闭其他惠企政策通窗口后重试。",
    8: (
        "已保存企业的数据库所在的文件夹或文件是只读的。"
        "请检查文件夹权限，或设置 POLICY_DESK_HOME 到一个可写的文件夹。"
    ),
    10: "读写已保存企业的数据库时磁盘出错。请检查磁盘或 U 盘是否已拔出后重试。",
    13: "磁盘空间已满，无法保存。请清理磁盘空间后重试。",
    14: "无法打开已保存企业的数据库文件。请检查文件夹是否存在、是否可写。",
}
DAMAGED_NO_WRITES = (
    "已保存企业的数据库有损坏，为免丢失数据，修复前暂不保存改动。请先修复"
    "（已保存企业 → 修复数据库，或运行 policy-desk profiles repair）："
    "可读的记录会复制到新的数据库，原文件改名保留。"
)
NOTHING_LOST = "这次操作没有保存任何改动，已保存的企业和评估记录都未受影响。"


def storage_error(exc: sqlite3.Error, what: str = "已保存企业的数据库") -> UserDbError | None:
    """A resource failure (busy, locked, read-only, full, I/O) as a Chinese UserDbError, or
    None when exc is something else (damage, a bug)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if not isinstance(code, int):
        code = next(
            (
                c
                for c, key in ((5, "locked"), (13, "full"), (8, "readonly"), (10, "i/o"))
                if key in text
            ),
            None,
        )
    if isinstance(code, int) and code & 0xFF in (11, 26):
        return UserDbError(DAMAGED_NO_WRITES.replace("已保存企业的数据库", what))
    message = _RESOURCE_MESSAGES.get(code & 0xFF) if isinstance(code, int) else None
    if message is None:
        return None
    return UserDbError(f"{message}{NOTHING_LOST}".replace("已保存企业的数据库", what))


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside commits together or not at all. A busy, full
    or read-only database raises UserDbError with what to do; nothing is half-written."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise (storage_error(exc) or exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error) and (mapped := storage_error(exc)) is not None:
            raise mapped from exc
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    target: int = SCHEMA_VERSION,
    migrations: dict[int, Callable[[sqlite3.Connection], None]] | None = None,
) -> list[int]:
    """Upgrade to target one version at a time; returns the versions reached."""
    steps = MIGRATIONS if migrations is None else migrations
    reached: list[int] = []
    while (version := schema_version(conn)) < target:
        step = steps[version]
        with transaction(conn):
            step(conn)
            # user_version is in the database header, which is written by this transaction
            conn.execute(f"PRAGMA user_version = {version + 1}")
        log.info("database migrated to version %d", version + 1)
        reached.append(version + 1)
    return reached


@dataclass
class OpenedUserDb:
    """A user database opened (or made), with what was done to a damaged one."""

    conn: sqlite3.Connection
    path: Path
    message: str | None = None  # Chinese, for the user: set when a damaged file was moved aside
    moved_to: Path | None = None


def _connect(path: Path, shared: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=not shared)
    conn.row_factory = sqlite3.Row
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # e.g. a network drive without shared memory
        log.warning("user database journal mode is %s, not WAL", mode)
    conn.execute("PRAGMA synchronous = FULL")
    # A deleted client is gone from the file too (zeroed, not merely unlinked), so that a
    # salvage reading the pages of a damaged file never brings a deleted enterprise back.
    conn.execute("PRAGMA secure_delete = ON")


class _Damaged(Exception):
    """The file is not a sound database of ours (as opposed to busy or not writable)."""


# SQLITE_CORRUPT and SQLITE_NOTADB: the bytes are wrong. Anything else (SQLITE_BUSY when a
# second copy of the program holds a lock, SQLITE_CANTOPEN, SQLITE_READONLY) says nothing about
# the file's health, and moving a healthy file aside would hide the user's data.
_DAMAGE_CODES = {11, 26}


def _check_readable(conn: sqlite3.Connection, required: frozenset[str]) -> None:
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise _Damaged(f"quick_check: {row[0] if row else 'no answer'}")
        if schema_version(conn) > 0:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not required <= tables:
                raise _Damaged("tables missing")
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) in _DAMAGE_CODES:
            raise _Damaged(str(exc)) from exc
        raise


def move_aside(path: Path) -> Path:
    """Rename the damaged file (and its WAL/SHM companions) next to itself."""
    from desktop_app.core.salvage import aside_path

    target = aside_path(path, CORRUPT_SUFFIX)
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


@dataclass(frozen=True)
class DbKind:
    """What a versioned user database holds, for its checks and its Chinese messages."""

    what: str  # e.g. 已保存企业的数据库
    version: int
    migrations: dict[int, Callable[[sqlite3.Connection], None]]
    required_tables: frozenset[str]
    # used from the GUI's worker thread as well as the GUI thread (never at the same time)
    shared: bool = False
    # copies the readable rows of the moved-aside file into the new one; returns a Chinese
    # sentence for the message (core.salvage does the reading for any kind)
    salvage: Callable[[sqlite3.Connection, Path], str] | None = None


def _salvage_into(conn: sqlite3.Connection, damaged: Path) -> str:
    """Every readable row of the moved-aside file copied into the new database."""
    from desktop_app.core.userdata.salvage import salvage_user_file, write_salvage

    try:
        salvage = salvage_user_file(damaged)
        write_salvage(conn, salvage)
    except (OSError, sqlite3.Error, UserDbError) as exc:
        log.error("salvage of %s failed: %s", damaged, exc)
        return "未能从原文件中找回记录；如需找回原有数据，请把该文件交给技术支持。"
    log.warning("salvaged from %s: %s", damaged, salvage.summary)
    return f"已从原文件中找回{salvage.summary}"


USER_DB = DbKind(
    "已保存企业的数据库",
    SCHEMA_VERSION,
    MIGRATIONS,
    frozenset({"enterprises", "evaluations"}),
    salvage=_salvage_into,
)


def open_user_db(path: Path | None = None) -> OpenedUserDb:
    """Open (creating or upgrading as needed) the user database.

    Raises UserDbError when the folder cannot be written or the file comes from a newer
    version of the program; a damaged file is moved aside and reported in `message`.
    """
    return open_versioned_db(path or paths.user_db_path(), USER_DB)


def open_versioned_db(path: Path, kind: DbKind) -> OpenedUserDb:
    """Open, create or upgrade a database of the user's (see the module's design rules)."""
    what = kind.what
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserDbError(
            f"无法创建用户数据文件夹：{path.parent}（{exc.strerror or exc}）"
        ) from exc
    message: str | None = None
    moved: Path | None = None
    conn: sqlite3.Connection | None = None
    try:
        if path.exists():
            # Checked read-only first: a read-write connection to a damaged file may
            # checkpoint or discard its -wal companion on close, and that may hold the very
            # data a technician could still recover.
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            _check_readable(conn, kind.required_tables)
            conn.close()
            conn = None
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise UserDbError(
            f"无法打开{what}：{path}（{exc}）。如果另一个惠企政策通窗口正在运行，请先关闭它再试。"
        ) from exc
    except _Damaged as exc:
        if conn is not None:
            conn.close()
        log.error("database unreadable (%s): %s", exc, path)
        try:
            moved = move_aside(path)
        except OSError as move_exc:
            raise UserDbError(
                f"{what}文件已损坏，且无法移到一旁：{path}"
                f"（{move_exc.strerror or move_exc}）。请关闭其他正在使用它的程序后重试。"
            ) from move_exc
        message = (
            f"{what}文件已损坏。原文件没有删除，已改名保存为：\n{moved}\n程序已新建一个数据库。"
        )
        if kind.salvage is None:
            message += "如需找回原有数据，请把该文件交给技术支持。"
    try:
        conn = _connect(path, kind.shared)
        version = schema_version(conn)
        if version > kind.version:
            raise UserDbError(
                f"{what}由更新版本的惠企政策通创建（数据格式第{version}版），"
                f"本程序只支持到第{kind.version}版。请升级程序后再打开；原文件未作任何改动。"
            )
        _configure(conn)
        migrate(conn, kind.version, kind.migrations)
        if moved is not None and kind.salvage is not None:
            message = (message or "") + kind.salvage(conn, moved)
    except UserDbError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        mapped = storage_error(exc, what)
        raise (mapped or UserDbError(f"无法写入{what}：{path}（{exc}）")) from exc
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return OpenedUserDb(conn, path, message, moved)
