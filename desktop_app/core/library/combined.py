"""The bundled policy database and the user's library as one store.

Everything that reads policies (search, filters and facets, the reader, 复制引用, the 政策摘编,
`show` / `measures` / `documents`) takes a PolicyStore; a CombinedStore is one whose documents
and items are the bundled ones followed by the imported ones. The bundled database stays
read-only; the library is written only through PolicyLibrary.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.library.store import PolicyLibrary, is_imported_id
from desktop_app.core.model import Document, Item
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.user_db import UserDbError

if TYPE_CHECKING:
    from desktop_app.core.eligibility.rules import MeasureRules


class CombinedStore(PolicyStore):
    def __init__(self, bundled: PolicyStore, library: PolicyLibrary) -> None:
        super().__init__(bundled.conn, bundled.path)
        self.bundled = bundled
        self.library = library
        self.imported_rules()  # the facts of accepted rules join the registry from the start

    def refresh(self) -> None:
        """Forget cached library content after a write through self.library."""
        self.library._cache = None

    def local_guidance(self, measure_id: str) -> dict[str, Any] | None:
        from desktop_app.core.structuring.guidance import guidance_from

        row = self.library.guidance(measure_id)
        if row is None:
            return None
        guidance = guidance_from(measure_id, row)
        return None if guidance.empty else guidance.to_dict()

    def rules(self) -> dict[str, MeasureRules]:
        """The bundled rules and the accepted rules of imported items (read again each time:
        a review may have changed them)."""
        from desktop_app.core.eligibility.rules import parse_rules

        imported = self.imported_rules()
        bundled = self.bundled.rules()
        return {**bundled, **parse_rules(imported)} if imported else bundled

    def imported_rules(self) -> dict[str, dict[str, Any]]:
        from desktop_app.core.structuring.provenance import entries_with_provenance

        return entries_with_provenance(self.library.all_rules())

    def documents(self) -> list[Document]:
        return self.bundled.documents() + self.library.documents()

    def all_items(self) -> list[Item]:
        return self.bundled.all_items() + self.library.items()

    def item(self, item_id: str) -> Item | None:
        if is_imported_id(item_id):
            return next((i for i in self.library.items() if i.id == item_id), None)
        return self.bundled.item(item_id)

    def document_text(self, document_id: str) -> str | None:
        if is_imported_id(document_id):
            return self.library.document_text(document_id)
        return self.bundled.document_text(document_id)

    def headline_amounts(self) -> dict[str, str | None]:
        amounts = self.bundled.headline_amounts()
        rows = self.library.conn.execute(
            "SELECT item_id, amount_text FROM rules WHERE amount_text IS NOT NULL"
        )
        amounts.update({r["item_id"]: r["amount_text"] for r in rows})
        return amounts

    def search_sources(self) -> list[tuple[sqlite3.Connection, list[Item]]]:
        # a read-only connection of the engine's own: it answers on the search worker thread
        reader = sqlite3.connect(
            f"{self.library.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        return [*self.bundled.search_sources(), (reader, self.library.items())]

    def is_imported(self, item_id: str) -> bool:
        return is_imported_id(item_id)

    def close(self) -> None:
        self.bundled.close()
        self.library.close()


def with_library(bundled: PolicyStore, path: Path | None = None) -> tuple[PolicyStore, str | None]:
    """The bundled store joined with the user's library, and a Chinese message for the user
    when the library had to be moved aside or cannot be opened (then: bundled only)."""
    try:
        library = PolicyLibrary.open(path)
    except UserDbError as exc:
        return bundled, f"{exc} 自行导入的文件暂时无法使用。"
    return CombinedStore(bundled, library), library.message
