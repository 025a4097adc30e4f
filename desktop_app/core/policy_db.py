"""The policy database's health: a checksum over its content, checked cheaply at open and in
full when a read fails, and the clean-up a killed build leaves behind.

The checksum is written into `meta` after VACUUM (which may renumber implicit rowids), over
every ordinary table except `meta` itself, rows ordered by all their columns — so it depends
on the content only, never on page layout.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.repair_note import record_repair

log = logging.getLogger(__name__)

CHECKSUM_KEY = "content_sha256"
MAGIC = b"SQLite format 3\x00"
LEFTOVER_PREFIX = ".building-"


Notice = Callable[[str], None]  # a Chinese sentence for the user (stderr, a status line)
Progress = Callable[[int, str], None]


def content_checksum(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        if str(sql or "").upper().startswith("CREATE VIRTUAL"):
            continue  # its rows live in its shadow tables, which are hashed themselves
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{name}')")]
        order = ", ".join(f'"{c}"' for c in columns)
        digest.update(f"\x00table {name}\x00".encode())
        for row in conn.execute(f'SELECT {order} FROM "{name}" ORDER BY {order}'):
            digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def record_checksum(conn: sqlite3.Connection) -> None:
    """Called by the builder once the file is final (after VACUUM)."""
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (CHECKSUM_KEY, content_checksum(conn)),
    )
    conn.commit()


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def quick_problem(path: Path) -> str | None:
    """A cheap check fit for every open: the header, the file's length against the page
    count it states, the checksum record and the row counts in `meta`. None when sound."""
    if path.is_dir():
        return f"政策数据库的位置是一个文件夹而不是文件：{path}"
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        return f"无法读取政策数据库：{path}（{exc.strerror or exc}）"
    if len(header) < 100 or not header.startswith(MAGIC):
        return f"政策数据库不是有效的数据库文件：{path}"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size < 512 or size % page_size or (pages and pages * page_size != size):
        return f"政策数据库文件长度不对（可能复制不完整）：{path}"
    return _read_check(path, _meta_problem)


def _meta_problem(conn: sqlite3.Connection) -> str | None:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if CHECKSUM_KEY not in meta:
        return "政策数据库缺少校验记录（由旧版本生成或已损坏）"
    for table, key in (("documents", "document_count"), ("items", "item_count")):
        (count,) = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        if key in meta and str(count) != meta[key]:
            return f"政策数据库的条目数与记录不符（{table}）"
    return None


def _checksum_problem(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECKSUM_KEY,)).fetchone()
    if row is None or row[0] != content_checksum(conn):
        return "政策数据库的内容与校验值不符（文件已损坏）"
    return None


def _read_check(path: Path, check: Callable[[sqlite3.Connection], str | None]) -> str | None:
    """check() over a read-only connection; a read that fails is itself the problem."""
    try:
        conn = _connect_ro(path)
        try:
            return check(conn)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: undecodable text
        return f"政策数据库已损坏（{_short(exc)}）"


def _short(exc: BaseException) -> str:
    """SQLite's message without the column text it may quote (garbage, once damaged)."""
    return str(exc).split(" with text ", 1)[0][:80]


def full_problem(path: Path) -> str | None:
    """The whole content against its checksum (run when a read has failed)."""
    return quick_problem(path) or _read_check(path, _checksum_problem)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # checked by the delete itself: Windows refuses to delete an open file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what killed builds left in folder (.building-<pid>-…); a build still running
    (its process alive, or on Windows its file still open) keeps its file."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(LEFTOVER_PREFIX + "*"))
    except OSError:
        return removed
    for leftover in candidates:
        pid_text = leftover.name[len(LEFTOVER_PREFIX) :].split("-", 1)[0]
        # files from 0.1 carry no pid; no build of that version can still be running
        running = pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text))
        if running and sys.platform != "win32":
            continue
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            continue
    if removed:
        log.info("removed %d leftovers of interrupted builds in %s", len(removed), folder)
    return removed


def move_obstacle_aside(path: Path) -> Path | None:
    """A folder (or other non-file) where the database belongs, renamed so the build can
    write; None when path is a regular file or absent."""
    if not path.exists() or path.is_file():
        return None
    from desktop_app.core.salvage import aside_path

    target = aside_path(path, ".moved-")
    path.rename(target)
    log.warning("moved %s aside to %s", path, target)
    return target


def fallback_db_path() -> Path:
    """Where the database is built when the user data folder cannot be written."""
    user = "".join(ch for ch in getpass.getuser() if ch.isalnum()) or "user"
    return Path(tempfile.gettempdir()) / f"PolicyDesk-{user}" / "policies.sqlite"


def ensure_policy_db(progress: Progress | None = None, notice: Notice | None = None) -> Path:
    from desktop_app import paths
    from desktop_app.core.build_db import (
        BuildError,
        UnwritableFolderError,
        build_database,
        database_is_current,
        sources_available,
    )

    """The path of a usable policy database, building it first when missing, stale or
    damaged (checked cheaply: policy_db.quick_problem).

    A shipped (bundled) database is used as it is: the bundle is read-only. When the user
    data folder cannot be written, the database is built in the temporary folder instead.
    """
    path = paths.policy_db_path()
    if path == paths.bundled_policy_db() and path.exists():
        return path
    if not sources_available():
        return path
    for candidate in (path, fallback_db_path()):
        problem = quick_problem(candidate) if candidate.exists() else None
        if problem is None and database_is_current(candidate):
            if candidate != path and notice:
                notice(_fallback_note(path, candidate))
            return candidate
        if problem is not None and notice:
            notice(f"{problem}。正在从程序自带的政策文件重新建立…")
        try:
            build_database(candidate, progress)
        except UnwritableFolderError as exc:
            log.warning("cannot build into %s: %s", candidate.parent, exc)
            if candidate != path:
                raise BuildError(
                    f"{exc}。用户数据文件夹和临时文件夹都无法写入；"
                    "请设置 POLICY_DESK_HOME 到一个可写的文件夹后重试。"
                ) from exc
            continue
        if problem is not None and notice is None:  # nobody was told: a window will say it
            record_repair(problem)
        if candidate != path and notice:
            notice(_fallback_note(path, candidate))
        return candidate
    return path


def _fallback_note(wanted: Path, used: Path) -> str:
    return (
        f"注意：用户数据文件夹无法写入（{wanted.parent}），政策数据库已临时建立在 {used}。"
        "请检查该文件夹的权限，或设置 POLICY_DESK_HOME 到一个可写的文件夹。"
    )


def repair_policy_db(path: Path, notice: Notice | None = None) -> Path:
    """After a failed read: the full check, and a rebuild from the sources when the content
    does not match its checksum. Raises BuildError (Chinese) when it cannot be rebuilt."""
    from desktop_app import paths
    from desktop_app.core.build_db import BuildError, build_database, sources_available

    problem = full_problem(path)
    if problem is None:
        raise BuildError(
            "读取政策数据库时出错，但校验未发现损坏。"
            "请重试；如仍出错，请运行 policy-desk build-db。"
        )
    if not sources_available() or path == paths.bundled_policy_db():
        raise BuildError(f"{problem}。程序自带的政策数据库已损坏，请重新解压或安装本程序。")
    if notice:
        notice(f"{problem}。正在从程序自带的政策文件重新建立…")
    build_database(path, progress=None)
    if notice:
        notice("政策数据库已重新建立。")
    return path
