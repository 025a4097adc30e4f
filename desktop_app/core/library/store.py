"""The user policy library: imported documents and their items, rules and local guidance.

Reads give the same `Document` / `Item` objects as the bundled PolicyStore (documents with
``origin="imported"``). Every write is one transaction that also updates the library's own
search tables (a new document appended to them, anything else rebuilding them), so the index
can never disagree with the items, and a crash mid-import leaves the library exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.library.schema import ID_PREFIX, LIBRARY_DB
from desktop_app.core.model import IMPORTED, Department, Document, Item
from desktop_app.core.store import document_from_row, item_from_row
from desktop_app.core.userdata.user_db import open_versioned_db, transaction

# Bitmaps for every token in 32+ imported items: reading ~800 rowids of 企业 out of FTS for
# 1,000 imported measures costs 4 ms a lookup, a bitmap microseconds (library_benchmark.py).
DENSE_MIN = 32


class LibraryError(Exception):
    """A refused library operation; the message is Chinese and meant for the user."""


def is_imported_id(some_id: str) -> bool:
    return str(some_id).startswith(ID_PREFIX)


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class NewDocument:
    """What an import stores: the document's columns (without id/version) and its items."""

    document: dict[str, Any]  # documents columns: title … warnings (see schema.py)
    items: list[dict[str, Any]]  # items columns without id / document_id / seq


@dataclass(frozen=True)
class StoredImport:
    """An imported document as stored, and the version it replaced."""

    document: Document
    replaced_version: int | None  # the version this import replaced, if any


_DOC_JSON = ("evidence", "notes", "confirmed", "warnings")
_ITEM_JSON = ("path", "departments", "source_notes")


def _document(row: sqlite3.Row) -> Document:
    return document_from_row(
        row,
        origin=IMPORTED,
        imported=row["imported"],
        version=row["version"],
        validity_basis=row["validity_basis"],
    )


class PolicyLibrary:
    """library.sqlite, opened read-write (one connection; writes are serialized by SQLite)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, message: str | None = None) -> None:
        self.conn = conn
        self.path = path
        self.message = message  # set when a damaged file was moved aside (Chinese)
        self._cache: tuple[list[Document], list[Item] | None] | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> PolicyLibrary:
        opened = open_versioned_db(path or paths.library_db_path(), LIBRARY_DB)
        opened.conn.row_factory = sqlite3.Row
        return cls(opened.conn, opened.path, opened.message)

    def close(self) -> None:
        self.conn.close()

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> tuple[list[Document], list[Item]]:
        docs = self.documents()
        assert self._cache is not None
        items = self._cache[1]
        if items is None:  # read when first asked for: an import's checks need documents only
            rows = self.conn.execute(
                "SELECT items.* FROM items JOIN documents ON documents.id = items.document_id "
                "ORDER BY documents.id, items.seq"
            )
            items = [item_from_row(r) for r in rows]
            self._cache = (self._cache[0], items)
        return docs, items

    def documents(self) -> list[Document]:
        if self._cache is None:
            docs = [_document(r) for r in self.conn.execute("SELECT * FROM documents ORDER BY id")]
            self._cache = (docs, None)
        return list(self._cache[0])

    def items(self, document_id: str | None = None) -> list[Item]:
        items = self._load()[1]
        return [i for i in items if document_id is None or i.document_id == document_id]

    def document_text(self, document_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT source_text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else str(row["source_text"])

    def document_with_sha(self, sha256: str) -> Document | None:
        return next((d for d in self.documents() if d.source_sha256 == sha256), None)

    def previous_version_of(self, title: str, doc_number: str | None) -> Document | None:
        """The imported document a new file replaces: same 文号, else same title."""
        docs = self.documents()
        if doc_number:
            found = next((d for d in docs if d.doc_number == doc_number), None)
            if found is not None:
                return found
        key = _title_key(title)
        return next((d for d in docs if _title_key(d.title) == key), None)

    def versions(self, document_id: str) -> list[dict[str, Any]]:
        """Replaced versions of a document, oldest first: {version, source_sha256, replaced,
        document, items}."""
        rows = self.conn.execute(
            "SELECT * FROM document_versions WHERE document_id = ? ORDER BY version",
            (document_id,),
        )
        return [
            {
                "version": r["version"],
                "source_sha256": r["source_sha256"],
                "replaced": r["replaced"],
                "document": json.loads(r["document"]),
                "items": json.loads(r["items"]),
            }
            for r in rows
        ]

    # -- writing ---------------------------------------------------------------------------

    def add(self, new: NewDocument, replaces: str | None = None) -> StoredImport:
        """Store a document (or a new version of `replaces`) with its items, in one
        transaction with the search index."""
        sha = new.document["source_sha256"]
        if self.document_with_sha(sha) is not None:
            raise LibraryError(duplicate_message(self.document_with_sha(sha)))
        replaced_version: int | None = None
        with transaction(self.conn):
            if replaces is None:
                number = int(self._meta("next_document"))
                doc_id = f"{ID_PREFIX}{number:04d}"
                self._set_meta("next_document", str(number + 1))
                version = 1
            else:
                old = self.conn.execute(
                    "SELECT * FROM documents WHERE id = ?", (replaces,)
                ).fetchone()
                if old is None:
                    raise LibraryError(f"没有编号为“{replaces}”的自行导入文件。")
                doc_id, replaced_version = replaces, int(old["version"])
                version = replaced_version + 1
                self._archive(old)
            self._insert(doc_id, version, new)
            if replaces is not None or not self._index_appended(doc_id):
                self._reindex()
        self._cache = None
        # the stored row alone: reloading every item here cost 0.3 s with 1,000 imported
        stored = _document(
            self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        )
        return StoredImport(stored, replaced_version)

    def remove(self, document_id: str) -> Document:
        doc = next((d for d in self.documents() if d.id == document_id), None)
        if doc is None:
            known = "、".join(d.id for d in self.documents()) or "（尚无自行导入的文件）"
            if not is_imported_id(document_id):
                raise LibraryError(
                    f"“{document_id}”不是自行导入的文件：程序自带的文件不能删除。"
                    f"自行导入的文件：{known}"
                )
            raise LibraryError(f"没有编号为“{document_id}”的自行导入文件。现有：{known}")
        with transaction(self.conn):
            # rules go with their items (ON DELETE CASCADE); the triggers keep their history
            self.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            self._reindex()
        self._cache = None
        return doc

    def _archive(self, old: sqlite3.Row) -> None:
        items = self.conn.execute(
            "SELECT * FROM items WHERE document_id = ? ORDER BY seq", (old["id"],)
        )
        self.conn.execute(
            "INSERT INTO document_versions (document_id, version, source_sha256, replaced, "
            "document, items) VALUES (?,?,?,?,?,?)",
            (
                old["id"],
                old["version"],
                old["source_sha256"],
                now_utc(),
                json.dumps(dict(old), ensure_ascii=False),
                json.dumps([dict(r) for r in items], ensure_ascii=False),
            ),
        )
        self.conn.execute("DELETE FROM documents WHERE id = ?", (old["id"],))

    def _insert(self, doc_id: str, version: int, new: NewDocument) -> None:
        row = dict(new.document)
        for key in _DOC_JSON:
            row[key] = json.dumps(row[key], ensure_ascii=False)
        row["measure_count"] = sum(1 for i in new.items if i["kind"] == "measure")
        row["item_count"] = len(new.items)
        columns = ["id", "version", *row]
        self.conn.execute(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES "
            f"({', '.join('?' * len(columns))})",
            (doc_id, version, *row.values()),
        )
        for seq, item in enumerate(new.items, 1):
            values = dict(item)
            for key in _ITEM_JSON:
                values[key] = json.dumps(values[key], ensure_ascii=False)
            values["enterprise_facing"] = int(bool(values["enterprise_facing"]))
            cols = ["id", "document_id", "seq", *values]
            self.conn.execute(
                f"INSERT INTO items ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (f"{doc_id}-{seq}", doc_id, seq, *values.values()),
            )

    def _index_appended(self, doc_id: str) -> bool:
        """Add a new document's items to the search tables (library/search_index.py) when they
        come last in document order; False when the whole index must be rebuilt instead."""
        from desktop_app.core.library.search_index import append

        later = self.conn.execute("SELECT 1 FROM documents WHERE id > ?", (doc_id,)).fetchone()
        if later is not None:
            return False
        (stored,) = self.conn.execute(
            "SELECT count(*) FROM items WHERE document_id != ?", (doc_id,)
        ).fetchone()
        rows = self.conn.execute(
            "SELECT * FROM items WHERE document_id = ? ORDER BY seq", (doc_id,)
        )
        return append(self.conn, stored, [item_from_row(r) for r in rows], DENSE_MIN)

    def _reindex(self) -> None:
        from desktop_app.core.search.bigrams.index import build_search_index

        rows = self.conn.execute(
            "SELECT items.* FROM items JOIN documents ON documents.id = items.document_id "
            "ORDER BY documents.id, items.seq"
        )
        build_search_index(self.conn, [item_from_row(r) for r in rows], dense_min=DENSE_MIN)

    def _meta(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM library_meta WHERE key = ?", (key,)).fetchone()
        return str(row["value"])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("UPDATE library_meta SET value = ? WHERE key = ?", (value, key))

    # -- rules and guidance (read and written by structuring and packages) ---------------

    def rules(self, item_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM rules WHERE item_id = ?", (item_id,)).fetchone()
        return None if row is None else {**dict(row), "rules": json.loads(row["rules"])}

    def structured_item_ids(self) -> frozenset[str]:
        return frozenset(r[0] for r in self.conn.execute("SELECT item_id FROM rules"))

    def set_rules(
        self,
        item_id: str,
        rules: dict[str, Any],
        *,
        structured_by: str,
        amount_text: str | None = None,
        unreviewed: bool = True,
    ) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO rules (item_id, rules, amount_text, structured_by, structured_at, "
                "unreviewed) VALUES (?,?,?,?,?,?) ON CONFLICT(item_id) DO UPDATE SET "
                "rules = excluded.rules, amount_text = excluded.amount_text, "
                "structured_by = excluded.structured_by, "
                "structured_at = excluded.structured_at, unreviewed = excluded.unreviewed",
                (
                    item_id,
                    json.dumps(rules, ensure_ascii=False),
                    amount_text,
                    structured_by,
                    now_utc(),
                    int(unreviewed),
                ),
            )

    def all_rules(self) -> dict[str, dict[str, Any]]:
        """Every accepted rule row (item id -> row with parsed rules), for the engine."""
        rows = self.conn.execute("SELECT * FROM rules ORDER BY item_id")
        return {r["item_id"]: {**dict(r), "rules": json.loads(r["rules"])} for r in rows}

    def set_enterprise_facing(self, item_id: str, facing: bool) -> None:
        """Structuring decides whether an imported item is for enterprises (非企业可申请 = not);
        an item that is not loses its accepted rules (the history keeps them)."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE items SET enterprise_facing = ? WHERE id = ?", (int(facing), item_id)
            )
            if not facing:
                self.conn.execute("DELETE FROM rules WHERE item_id = ?", (item_id,))
        self._cache = None

    def guidance(self, measure_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM guidance WHERE measure_id = ?", (measure_id,)
        ).fetchone()
        if row is None:
            return None
        return {**dict(row), "materials": json.loads(row["materials"])}

    def set_guidance(
        self,
        measure_id: str,
        *,
        updated_by: str,
        office: str | None = None,
        address: str | None = None,
        phone: str | None = None,
        period: str | None = None,
        year_round: bool = False,
        materials: Sequence[str] = (),
        note: str | None = None,
    ) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO guidance (measure_id, office, address, phone, period, year_round, "
                "materials, note, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(measure_id) DO UPDATE SET office = excluded.office, "
                "address = excluded.address, phone = excluded.phone, period = excluded.period, "
                "year_round = excluded.year_round, materials = excluded.materials, "
                "note = excluded.note, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                (
                    measure_id,
                    office,
                    address,
                    phone,
                    period,
                    int(year_round),
                    json.dumps(list(materials), ensure_ascii=False),
                    note,
                    updated_by,
                    now_utc(),
                ),
            )

    def history(self, table: str, key: str) -> list[dict[str, Any]]:
        """Every recorded change of one item's rules or one measure's guidance, oldest first."""
        column = {"rules": "item_id", "guidance": "measure_id"}[table]
        rows = self.conn.execute(
            f"SELECT * FROM {table}_history WHERE {column} = ? ORDER BY id", (key,)
        )
        return [dict(r) for r in rows]


def duplicate_message(doc: Document | None) -> str:
    if doc is None:
        return "该文件已经导入过。"
    when = (doc.imported or "")[:10]
    return (
        f"该文件已经导入过：《{doc.title}》（编号 {doc.id}，{when} 导入），不再重复导入。"
        "如要更新，请导入修订后的新文件。"
    )


def _title_key(title: str) -> str:
    from desktop_app.core.search.normalize import normalize_text

    return normalize_text(title)


def department_dicts(departments: Sequence[Department]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in departments]
