"""Read-only access to the bundled policy database."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop_app.core.citation import citation, nested_title
from desktop_app.core.model import Department, Document, Item

if TYPE_CHECKING:
    from desktop_app.core.eligibility.rules import MeasureRules

__all__ = ["PolicyDatabaseError", "PolicyStore", "nested_title"]


class PolicyDatabaseError(Exception):
    """The policy database is missing, unreadable or not of this application."""


class PolicyReadError(PolicyDatabaseError):
    """A read failed (damaged page, bad JSON in a row): time for the full check and a
    rebuild (policy_db.repair_policy_db)."""

    def __init__(self, message: str, path: Path | None) -> None:
        super().__init__(message)
        self.path = path


_T = TypeVar("_T")


def _reads(method: Callable[..., _T]) -> Callable[..., _T]:
    """Any failure inside a read of this (immutable, built) data means damage."""

    @functools.wraps(method)
    def wrapper(self: PolicyStore, *args: Any, **kwargs: Any) -> _T:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            detail = str(exc).split(" with text ", 1)[0][:80]
            raise PolicyReadError(f"读取政策数据库时出错（{detail}）", self.path) from exc

    return wrapper


# columns read as they are stored, in both databases (bundled and the user library)
_DOCUMENT_COLUMNS = (
    "id", "title", "short_title", "doc_number", "issuer", "region_code", "region_name",
    "scope_region_code", "scope_note", "level", "doc_type", "issued", "valid_from", "valid_to",
    "status", "source_file", "source_sha256", "measure_count", "item_count",
)  # fmt: skip
_ITEM_COLUMNS = (
    "id", "document_id", "seq", "kind", "article", "locator", "title", "text",
    "departments_text", "category",
)  # fmt: skip


def document_from_row(row: sqlite3.Row, **extra: Any) -> Document:
    """A documents row of either database as a Document; `extra` holds what only one has."""
    return Document(
        **{name: row[name] for name in _DOCUMENT_COLUMNS},
        evidence=json.loads(row["evidence"]),
        notes=json.loads(row["notes"]),
        **extra,
    )


def _document(row: sqlite3.Row) -> Document:
    derived = row["derived_period"] if "derived_period" in row.keys() else None  # noqa: SIM118
    return document_from_row(row, derived_period=json.loads(derived) if derived else None)


def item_from_row(row: sqlite3.Row | Mapping[str, Any]) -> Item:
    return Item(
        **{name: row[name] for name in _ITEM_COLUMNS},
        path=json.loads(row["path"]),
        departments=[Department(**d) for d in json.loads(row["departments"])],
        source_notes=json.loads(row["source_notes"]),
        enterprise_facing=bool(row["enterprise_facing"]),
    )


class PolicyStore:
    """The bundled database, opened read-only: the app never writes to it."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self.conn.row_factory = sqlite3.Row
        self._items: list[Item] | None = None
        self._documents: list[Document] | None = None
        self._rules: dict[str, MeasureRules] | None = None

    @classmethod
    def open(cls, path: Path) -> PolicyStore:
        if not path.exists():
            raise PolicyDatabaseError(f"找不到政策数据库：{path}")
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
            conn.execute("SELECT id FROM items LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise PolicyDatabaseError(f"政策数据库已损坏或不是本程序的数据库：{path}") from exc
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    @_reads
    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.conn.execute("SELECT key, value FROM meta")}

    @_reads
    def documents(self) -> list[Document]:
        if self._documents is None:
            rows = self.conn.execute("SELECT * FROM documents ORDER BY rowid")
            self._documents = [_document(r) for r in rows]
        return list(self._documents)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents() if d.id == document_id), None)

    @_reads
    def document_text(self, document_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT source_text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else str(row["source_text"])

    @_reads
    def all_items(self) -> list[Item]:
        """Every item of every document in document order (cached: the data is immutable)."""
        if self._items is None:
            # plain tuples zipped with the column names: half the time of sqlite3.Row lookups
            # for the ~300 items read at every start
            cursor = self.conn.cursor()
            cursor.row_factory = None
            cursor.execute(
                "SELECT items.* FROM items JOIN documents ON documents.id = items.document_id "
                "ORDER BY documents.rowid, items.seq"
            )
            names = [column[0] for column in cursor.description]
            self._items = [item_from_row(dict(zip(names, r, strict=True))) for r in cursor]
        return list(self._items)

    def items(self, document_id: str | None = None) -> list[Item]:
        items = self.all_items()
        if document_id is None:
            return items
        return [i for i in items if i.document_id == document_id]

    @_reads
    def item(self, item_id: str) -> Item | None:
        row = self.conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else item_from_row(row)

    def citation(self, item: Item) -> str:
        """A citation such as 《…》第（十四）条 (see core.citation)."""
        return citation(item, self.document(item.document_id))

    @property
    def data_version(self) -> str:
        return self.meta().get("data_version", "")

    @property
    def data_version_label(self) -> str:
        """What the data contains, as people read it (core.data_label); PolicyData keeps it."""
        from desktop_app.core.data_label import data_version_label

        return data_version_label(data_date(self), self.documents())

    def rules(self) -> dict[str, MeasureRules]:
        """The reviewed conditions and benefits of every curated measure, parsed once (the
        database is read-only while open)."""
        if self._rules is None:
            from desktop_app.core.eligibility.rules import parse_rules

            rows = self.conn.execute("SELECT item_id, rules FROM benefits ORDER BY item_id")
            self._rules = parse_rules({r["item_id"]: json.loads(r["rules"]) for r in rows})
        return self._rules

    @_reads
    def headline_amounts(self) -> dict[str, str | None]:
        """Each curated measure's headline amount as built (每人1500元, 最高300万元…), or None.

        One query and no rule parsing, so the window can show amounts without loading the
        eligibility engine at start-up."""
        rows = self.conn.execute("SELECT item_id, amount_text FROM benefits")
        return {r["item_id"]: r["amount_text"] for r in rows}

    def search_sources(self) -> list[tuple[sqlite3.Connection, list[Item]]]:
        """Each database holding search tables, with its items in order: the search engine
        reads one index per source (the bundled one; a combined store adds the library's)."""
        return [(self.conn, self.all_items())]

    def is_imported(self, item_id: str) -> bool:
        return False

    def local_guidance(self, measure_id: str) -> dict[str, Any] | None:
        """What the office added to a measure (受理窗口, 电话…, marked 本地补充（非原文）),
        kept in the user library; None without one."""
        return None

    def imported_rules(self) -> dict[str, dict[str, Any]]:
        """Accepted rules of imported items, in the db/benefits format with `provenance`
        (who structured them, when, reviewed or not); a combined store reads the library."""
        return {}

    def raw(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))


def data_date(source: object) -> date | None:
    """The date of the policy data (meta data_date) of a PolicyStore, or of a service holding
    one as `.store`; None for an older database or a source without it."""
    store = source if isinstance(source, PolicyStore) else getattr(source, "store", None)
    if not isinstance(store, PolicyStore):
        return None
    try:
        return date.fromisoformat(store.meta().get("data_date") or "")
    except ValueError:
        return None
