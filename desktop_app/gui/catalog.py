"""Read-only lookups the views need (item by id, document by id, validity, labels).

The policy data is immutable while the window is open, so everything is read once (on the
start-up worker) and then shared: the GUI thread never waits on SQLite to paint a row.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core import validity as validity_mod
from desktop_app.core.model import IMPORTED_LABEL, UNSTATED, Document, Item
from desktop_app.core.store import PolicyStore, _locator_phrase
from desktop_app.core.validity import Validity


class Catalog:
    def __init__(self, store: PolicyStore) -> None:
        self.store = store
        self.documents: list[Document] = store.documents()
        self.items: list[Item] = store.all_items()
        self._documents = {d.id: d for d in self.documents}
        self._items = {i.id: i for i in self.items}
        self.meta: dict[str, str] = store.meta()
        self._validity: dict[tuple[str, date], Validity] = {}

    def item(self, item_id: str) -> Item | None:
        return self._items.get(item_id)

    def document(self, document_id: str) -> Document | None:
        return self._documents.get(document_id)

    def document_items(self, document_id: str) -> list[Item]:
        return [i for i in self.items if i.document_id == document_id]

    def validity(self, document_id: str, on: date) -> Validity | None:
        key = (document_id, on)
        cached = self._validity.get(key)
        if cached is None:
            doc = self._documents.get(document_id)
            if doc is None:
                return None
            cached = self._validity[key] = validity_mod.validity_on(doc, on)
        return cached

    def citation(self, item: Item) -> str:
        return self.store.citation(item)

    def departments(self) -> list[str]:
        """Every responsible unit, most frequent first (for the department filter)."""
        counts: dict[str, int] = {}
        for item in self.items:
            for dep in item.departments:
                counts[dep.name] = counts.get(dep.name, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))


def article_label(item: Item) -> str:
    """How the item is numbered in its document, as the citation says it (第（十四）条,
    第30项, 第二部分（三）第3条); unnumbered Fujian items keep their 第N项 without the heading
    the citation adds, because the list shows the heading path separately."""
    if item.locator.startswith("第") or not item.locator:
        return item.locator
    # The store's citation wording, so the list, the detail pane and 复制引用 agree.
    return _locator_phrase(item)


def document_label(doc: Document) -> str:
    """A document's name in lists: its short title, marked ［自行导入］ when imported."""
    return (f"［{IMPORTED_LABEL}］" if doc.is_imported else "") + doc.short_title


def doc_number_label(doc: Document | None) -> str:
    return doc.doc_number if doc and doc.doc_number else UNSTATED
