"""How the views label an item's number and a document's 文号 (the lookups themselves are
core.services.PolicyData)."""

from __future__ import annotations

from desktop_app.core.citation import locator_phrase
from desktop_app.core.dates import iso_date_text
from desktop_app.core.model import IMPORTED_LABEL, UNSTATED, Document, Item


def article_label(item: Item) -> str:
    """How the item is numbered in its document, as the citation says it (第（十四）条,
    第30项, 第二部分（三）第3条); unnumbered Fujian items keep their 第N项 without the heading
    the citation adds, because the list shows the heading path separately."""
    if item.locator.startswith("第") or not item.locator:
        return item.locator
    # The store's citation wording, so the list, the detail pane and 复制引用 agree.
    return locator_phrase(item)


def document_label(doc: Document) -> str:
    """A document's name in lists: its short title, marked ［自行导入］ when imported."""
    return (f"［{IMPORTED_LABEL}］" if doc.is_imported else "") + doc.short_title


def doc_number_label(doc: Document | None) -> str:
    return doc.doc_number if doc and doc.doc_number else UNSTATED


def import_date_label(doc: Document) -> str:
    """When an imported document came in, as dates read everywhere (2026年12月1日)."""
    return iso_date_text(doc.imported) or "日期未注明"
