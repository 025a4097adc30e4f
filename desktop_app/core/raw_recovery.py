"""Rows of known tables read from a damaged SQLite file's pages (core.raw_sqlite), for the rows
SQLite itself can no longer reach.

Which table a leaf page belongs to comes from the file's own b-trees where they are intact (the
schema on page 1 names each table's root page); a page no intact tree reaches is an orphan, and
each of its records goes to the one table whose layout it fits — column count (a row written
before an ``ALTER TABLE ADD COLUMN`` has fewer) and the storage class each declared type
demands. A record that fits no table, or more than one, is counted and left out.

Orphans are only read when some tree is broken: in a file whose trees are all intact a page
outside them holds deleted rows, and salvage must not bring deleted enterprises back. Pages on
the header's freelist are skipped for the same reason.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.raw_sqlite import RawDamage, RawFile, decode_record


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "integer", "blob" or "" (any storage class)
    notnull: bool
    default: Any  # what SQLite shows for a record written before the column was added


@dataclass(frozen=True)
class TableLayout:
    name: str
    columns: tuple[Column, ...]  # in storage order
    min_columns: int

    def fits(self, values: list[Any]) -> bool:
        if not self.min_columns <= len(values) <= len(self.columns):
            return False
        return all(_fits(c, v) for c, v in zip(self.columns, values, strict=False))

    def row(self, rowid: int, values: list[Any]) -> dict[str, Any]:
        found = {c.name: c.default for c in self.columns}
        found.update(zip((c.name for c in self.columns), values, strict=False))
        return {"rowid": rowid, **found}


_KINDS: dict[str, type | tuple[type, ...]] = {"text": str, "integer": int, "blob": bytes}


def _fits(column: Column, value: Any) -> bool:
    if value is None:
        return not column.notnull
    expected = _KINDS.get(column.kind)
    return expected is None or isinstance(value, expected)


def _kind(declared: str) -> str:
    """SQLite's affinity rules (https://www.sqlite.org/datatype3.html §3.1), narrowed to the
    class a value of that affinity is stored as when it was written as that type."""
    upper = declared.upper()
    if "INT" in upper:
        return "integer"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    return "blob" if upper == "BLOB" else ""


def layouts_from_migrations(
    migrations: dict[int, Callable[[sqlite3.Connection], None]], tables: Iterable[str]
) -> dict[str, TableLayout]:
    """Each table's layout as the migrations build it, in an in-memory database; min_columns
    from the earliest version that has the table."""
    conn = sqlite3.connect(":memory:")
    try:
        shortest: dict[str, int] = {}
        for version in sorted(migrations):
            migrations[version](conn)
            for table in tables:
                count = len(conn.execute(f"PRAGMA table_info('{table}')").fetchall())
                if count and table not in shortest:
                    shortest[table] = count
        layouts = {}
        for table in tables:
            columns = []
            for _cid, name, declared, notnull, default, _pk in conn.execute(
                f"PRAGMA table_info('{table}')"
            ):
                value = None if default is None else conn.execute(f"SELECT {default}").fetchone()[0]
                columns.append(Column(name, _kind(declared), bool(notnull), value))
            layouts[table] = TableLayout(table, tuple(columns), shortest[table])
        return layouts
    finally:
        conn.close()


@dataclass
class RawTable:
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    unreadable: set[int] = field(default_factory=set)  # rowids on the table's pages


@dataclass
class RawRecovery:
    tables: dict[str, RawTable]
    unplaced: int = 0  # damaged records whose table cannot be told
    orphans_read: bool = False


def _roots(raw: RawFile, wanted: Iterable[str]) -> dict[str, int]:
    """{table: root page} from the schema table (rooted at page 1), as far as it reads."""
    roots: dict[str, int] = {}
    leaves, _complete = raw.tree(1)
    for number in sorted(leaves):
        for cell in raw.leaf_cells(number, raw.page(number)) or []:
            try:
                values = decode_record(cell.payload or b"", raw.encoding)
            except RawDamage:
                continue
            if (
                len(values) == 5
                and values[0] == "table"
                and values[1] in wanted
                and isinstance(values[3], int)
            ):
                roots[values[1]] = values[3]
    return roots


def recover(path: Path, layouts: dict[str, TableLayout], known: dict[str, set[int]]) -> RawRecovery:
    """Rows of `layouts`' tables whose rowids are not in `known` (already read by SQLite)."""
    result = RawRecovery({name: RawTable() for name in layouts})
    with RawFile(path) as raw:
        if raw.page_count == 0:
            return result
        schema_pages, _ = raw.tree(1)
        roots = _roots(raw, layouts)
        owner: dict[int, str] = {}
        complete = set(roots) == set(layouts)
        for table, root in roots.items():
            leaves, intact = raw.tree(root)
            complete = complete and intact
            owner.update(dict.fromkeys(leaves, table))
        skip = schema_pages | raw.freelist()
        orphans: dict[str, dict[int, dict[str, Any] | None]] = {name: {} for name in layouts}
        result.orphans_read = not complete
        # intact trees: their own pages only; else every page, orphans included
        numbers = sorted(owner) if complete else range(1, raw.page_count + 1)
        for number in numbers:
            owned = owner.get(number)
            if owned is None and number in skip:
                continue
            for cell in raw.leaf_cells(number, raw.page(number)) or []:
                if owned is not None:
                    _read_owned(cell.rowid, cell.payload, layouts[owned], raw, known, result)
                else:
                    _read_orphan(cell.rowid, cell.payload, layouts, raw, known, result, orphans)
        result.unplaced += raw.damaged_cells
        for name, found in orphans.items():
            table_result = result.tables[name]
            for rowid, row in found.items():
                if row is None:  # two different records claim this rowid: neither is trusted
                    table_result.unreadable.add(rowid)
                elif rowid not in table_result.rows:
                    table_result.rows[rowid] = row
                    table_result.unreadable.discard(rowid)
    return result


def _values(payload: bytes | None, encoding: str) -> list[Any] | None:
    if payload is None:
        return None
    try:
        return decode_record(payload, encoding)
    except RawDamage:
        return None


def _read_owned(
    rowid: int,
    payload: bytes | None,
    layout: TableLayout,
    raw: RawFile,
    known: dict[str, set[int]],
    result: RawRecovery,
) -> None:
    if rowid in known.get(layout.name, ()):
        return
    values = _values(payload, raw.encoding)
    table = result.tables[layout.name]
    if values is None or not layout.fits(values):
        table.unreadable.add(rowid)
    else:
        table.rows[rowid] = layout.row(rowid, values)
        table.unreadable.discard(rowid)


def _read_orphan(
    rowid: int,
    payload: bytes | None,
    layouts: dict[str, TableLayout],
    raw: RawFile,
    known: dict[str, set[int]],
    result: RawRecovery,
    orphans: dict[str, dict[int, dict[str, Any] | None]],
) -> None:
    values = _values(payload, raw.encoding)
    fitting = [] if values is None else [t for t in layouts.values() if t.fits(values)]
    if len(fitting) != 1 or values is None:
        result.unplaced += 1
        return
    layout = fitting[0]
    if rowid in known.get(layout.name, ()):
        return
    row = layout.row(rowid, values)
    seen = orphans[layout.name]
    if rowid in seen and seen[rowid] != row:
        seen[rowid] = None
    elif rowid not in seen:
        seen[rowid] = row
