"""Reading what is still readable out of a damaged SQLite file, row by row.

Generic on purpose (the user database and the imported-documents library both use it): the
caller names the tables and checks each row's content itself. The original file is never
written: a file SQLite cannot open at all is copied and the copy's 100-byte header rebuilt
from the fields SQLite documents (https://www.sqlite.org/fileformat.html §1.3), which is
enough when the damage is in the header and not in the pages.

Rows are found three ways through SQLite, because damage to one b-tree page hides different
rows from each: a rowid scan of the table that resumes past a page it cannot read, the rowids
held by each of the table's indexes (separate pages), and then every candidate fetched on its
own — so one bad leaf page costs the rows on it and nothing else. A damaged interior page or
page 1 hides whole subtrees from SQLite; when the caller knows its tables' layouts, the rows
SQLite could not reach are then read from the file's pages themselves (core.raw_recovery).
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.raw_recovery import TableLayout, recover
from desktop_app.core.raw_sqlite import PAGE_SIZES, RawFile

log = logging.getLogger(__name__)

MAGIC = b"SQLite format 3\x00"
MAX_CONSECUTIVE_FAILURES = 2000  # rowids probed past a damaged page before giving up


@dataclass
class TableSalvage:
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)  # rowids SQLite could not read


@dataclass
class Salvage:
    tables: dict[str, TableSalvage]
    header_rebuilt: bool = False
    notes: list[str] = field(default_factory=list)  # Chinese
    unplaced: int = 0  # damaged records read from the pages whose table cannot be told

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables[table].rows if table in self.tables else []


def aside_path(path: Path, marker: str) -> Path:
    """A free name beside path for a file moved out of the way: <name><marker><time>[-n]."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{marker}{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}{marker}{stamp}-{n}")
    return target


def is_damage(exc: BaseException) -> bool:
    """SQLITE_CORRUPT / SQLITE_NOTADB (and their extended codes): the bytes are wrong, as
    opposed to a lock or a permission, which say nothing about the file's health."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (11, 26)
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in str(exc) or "not a database" in str(exc)
    )


def damaged_read(exc: sqlite3.DatabaseError) -> bool:
    """Damage, including text whose bytes are no longer UTF-8 (SQLite reports that as an
    OperationalError, not as corruption)."""
    return is_damage(exc) or "decode" in str(exc).lower()


def _rowids_from_table(conn: sqlite3.Connection, table: str, bound: int | None) -> set[int]:
    found: set[int] = set()
    last: int | None = None
    failures = 0
    while failures < MAX_CONSECUTIVE_FAILURES:
        sql = f'SELECT rowid FROM "{table}"' + ("" if last is None else " WHERE rowid > ?")
        sql += " ORDER BY rowid"
        try:
            for (rowid,) in conn.execute(sql, () if last is None else (last,)):
                found.add(rowid)
                last = rowid
                failures = 0
            return found
        except sqlite3.DatabaseError:
            failures += 1
            last = (last if last is not None else 0) + 1
            if bound is not None and last > bound:
                return found
    return found


def _rowids_from_indexes(conn: sqlite3.Connection, table: str) -> set[int]:
    found: set[int] = set()
    try:
        indexes = [r[1] for r in conn.execute(f"PRAGMA index_list('{table}')")]
    except sqlite3.DatabaseError:
        return found
    for index in indexes:
        try:
            for (rowid,) in conn.execute(f'SELECT rowid FROM "{table}" INDEXED BY "{index}"'):
                found.add(rowid)
        except sqlite3.DatabaseError:
            continue  # what was read before the error is kept
    return found


def read_table(conn: sqlite3.Connection, table: str, columns: list[str]) -> TableSalvage:
    """Every row of `table` SQLite can still read, each fetched alone."""
    result = TableSalvage(table)
    try:  # a file from an older version may lack a column: read what it has, None for the rest
        present = {r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")} | {"rowid"}
    except sqlite3.DatabaseError:
        present = set(columns)
    wanted_columns = [c for c in columns if c in present]
    candidates = _rowids_from_indexes(conn, table)
    candidates |= _rowids_from_table(conn, table, max(candidates, default=None))
    wanted = ", ".join(f'"{c}"' for c in wanted_columns)
    for rowid in sorted(candidates):
        try:
            row = conn.execute(
                f'SELECT {wanted} FROM "{table}" WHERE rowid = ?', (rowid,)
            ).fetchone()
        except sqlite3.DatabaseError:
            result.unreadable.append(rowid)
            continue
        if row is None:  # an index entry for a row the table no longer has
            continue
        values = dict(zip(wanted_columns, tuple(row), strict=True))
        result.rows.append({c: values.get(c) for c in columns})
    return result


def _page_sizes(old: bytes, file_size: int, likely: int) -> list[int]:
    """Page sizes worth trying: the one the pages themselves show first (a damaged size in
    the header makes SQLite read other pages' halves as a table, rows of the wrong table
    included), then the stored one, when they fit the file."""
    (stored,) = struct.unpack_from(">H", old, 16)
    stored = 65536 if stored == 1 else stored
    sizes = [s for s in (likely, stored) if s in PAGE_SIZES]
    return [size for size in dict.fromkeys([*sizes, *PAGE_SIZES]) if file_size % size == 0]


def rebuilt_header(old: bytes, file_size: int, page_size: int, encoding: int) -> bytes:
    """The 100-byte header with every field SQLite checks set to a consistent value."""
    old = old[:100].ljust(100, b"\x00")
    pages = file_size // page_size
    header = bytearray(old)
    header[0:16] = MAGIC
    struct.pack_into(">H", header, 16, 1 if page_size == 65536 else page_size)
    header[18] = old[18] if old[18] in (1, 2) else 1
    header[19] = old[19] if old[19] in (1, 2) else 1
    header[20:24] = bytes((0, 64, 32, 32))
    struct.pack_into(">I", header, 28, pages)
    trunk, free = struct.unpack_from(">II", old, 32)
    if trunk > pages or free > pages:
        struct.pack_into(">II", header, 32, 0, 0)
    (schema_format,) = struct.unpack_from(">I", header, 44)
    if schema_format not in (1, 2, 3, 4):
        struct.pack_into(">I", header, 44, 4)
    header[52:56] = bytes(4)  # no auto-vacuum: a stray value would demand pointer-map pages
    struct.pack_into(">I", header, 56, encoding)
    header[64:68] = bytes(4)
    header[72:92] = bytes(20)
    header[92:96] = header[24:28]  # version-valid-for = change counter: trust the size above
    return bytes(header)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _schema_readable(copy: Path) -> sqlite3.Connection | None:
    conn = sqlite3.connect(copy)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
        # a wrong text encoding still "reads", as garbage names
        if all(isinstance(n, str) and _NAME.fullmatch(n) for n in names):
            return conn
    except sqlite3.DatabaseError:
        pass
    conn.close()
    return None


@contextmanager
def _readable_copy(path: Path) -> Iterator[tuple[sqlite3.Connection | None, bool]]:
    """A connection to a private copy of path (and its -wal) whose header has been made
    consistent; (None, changed) when no page size and text encoding make the schema
    readable. `changed`: the header had to be repaired."""
    with tempfile.TemporaryDirectory(prefix="policy-desk-salvage-") as tmp:
        copy = Path(tmp) / "copy.sqlite"
        shutil.copyfile(path, copy)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        with copy.open("rb") as fh:  # the header only: the file may be large
            old = fh.read(100)
        size = copy.stat().st_size
        (stored_encoding,) = struct.unpack_from(">I", old.ljust(100, b"\x00"), 56)
        encodings = [e for e in dict.fromkeys([stored_encoding, 1, 2, 3]) if e in (1, 2, 3)]
        conn = None
        header = old
        with RawFile(copy) as raw:
            likely = raw.page_size
        for page_size in _page_sizes(old.ljust(100, b"\x00"), size, likely):
            for encoding in encodings:
                header = rebuilt_header(old, size, page_size, encoding)
                with copy.open("r+b") as fh:
                    fh.write(header)
                conn = _schema_readable(copy)
                if conn is not None:
                    break
            if conn is not None:
                break
        changed = _essential(header) != _essential(old.ljust(100, b"\x00"))
        try:
            yield conn, changed
        finally:
            if conn is not None:
                conn.close()


def _essential(header: bytes) -> bytes:
    """The header bytes whose change means damage (not counters SQLite rewrites)."""
    return header[0:24] + header[44:48] + header[52:60] + header[64:68]


def salvage_file(
    path: Path, tables: dict[str, list[str]], layouts: dict[str, TableLayout] | None = None
) -> Salvage:
    """Read `tables` ({name: columns}) out of a possibly damaged file, without writing it;
    with `layouts` (each table's storage layout) also the rows SQLite cannot reach."""
    result = Salvage(tables={})
    with _readable_copy(path) as (conn, rebuilt):
        result.header_rebuilt = rebuilt
        if rebuilt:
            result.notes.append("文件头已损坏，已在副本上按标准格式重建后读取")
        if conn is None:
            result.tables = {name: TableSalvage(name) for name in tables}
        else:
            for name, columns in tables.items():
                result.tables[name] = read_table(conn, name, columns)
    if layouts:
        _add_from_pages(result, path, tables, layouts)
    if conn is None and not any(t.rows for t in result.tables.values()):
        result.notes.append("文件的结构已损坏，无法读取任何记录")
    return result


def salvage_connection(
    conn: sqlite3.Connection,
    tables: dict[str, list[str]],
    layouts: dict[str, TableLayout] | None = None,
) -> Salvage:
    """The same, over an open connection whose schema is readable (the file in use)."""
    result = Salvage(tables={name: read_table(conn, name, cols) for name, cols in tables.items()})
    main_file = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if layouts and main_file:
        _add_from_pages(result, Path(main_file), tables, layouts)
    return result


def _add_from_pages(
    result: Salvage, path: Path, tables: dict[str, list[str]], layouts: dict[str, TableLayout]
) -> None:
    """Rows SQLite could not reach, read from the pages (never replacing one SQLite read)."""
    known = {name: {row["rowid"] for row in t.rows} for name, t in result.tables.items()}
    try:
        raw = recover(path, {n: layouts[n] for n in tables if n in layouts}, known)
    except (OSError, ValueError) as exc:
        log.error("reading the pages of %s failed: %s", path, exc)
        result.notes.append("无法逐页读取原文件，只找回了数据库能直接读出的记录")
        return
    added = 0
    for name, found in raw.tables.items():
        table = result.tables.setdefault(name, TableSalvage(name))
        for rowid in sorted(found.rows):
            table.rows.append({c: found.rows[rowid].get(c) for c in tables[name]})
            added += 1
        unreadable = (set(table.unreadable) | found.unreadable) - set(found.rows)
        table.unreadable = sorted(unreadable)
    result.unplaced = raw.unplaced
    if added:
        result.notes.append(f"数据库无法直接读出的 {added} 条记录已从文件的数据页中逐条找回")
    log.warning("page read of %s: %d rows added, %d unplaced", path, added, raw.unplaced)
