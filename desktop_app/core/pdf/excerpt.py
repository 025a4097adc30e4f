"""政策摘编: selected policy items printed with their full text, source and responsible units.

Items are grouped under their document (in the order the documents first occur in the
selection, items in selection order), so a document's 文号, issuer and validity are printed
once; every item still carries its own citation naming the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from desktop_app.core.citation import nested_title
from desktop_app.core.model import IMPORTED_LABEL, UNSTATED, Document, Item
from desktop_app.core.notice import wording
from desktop_app.core.pdf.builder import PdfBuilder, format_date
from desktop_app.core.pdf.numbering import section_label
from desktop_app.core.pdf.summary_text import departments_full
from desktop_app.core.store import PolicyStore
from desktop_app.core.validity import DRAFT, EXPIRED, IN_FORCE, NOT_YET, validity_on

DISCLAIMER = "以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。"
NUMBERING_NOTE = "原文条目无编号，以下“顺序号”为本库按原文顺序编排的序号"


class ExcerptError(ValueError):
    """The selection cannot be printed (nothing selected, unknown item)."""


def build_excerpt_pdf(
    store: PolicyStore,
    item_ids: Sequence[str],
    path: Path | str,
    *,
    title: str = "政策摘编",
    as_of: date | None = None,
) -> int:
    """Write the 政策摘编 of `item_ids` to `path` and return its page count."""
    return excerpt_builder(store, item_ids, title=title, as_of=as_of).build(path)


def excerpt_builder(
    store: PolicyStore,
    item_ids: Sequence[str],
    *,
    title: str = "政策摘编",
    as_of: date | None = None,
) -> PdfBuilder:
    """The excerpt as an unbuilt document (for previews, build_bytes or tests)."""
    day = as_of or date.today()
    groups = _grouped_items(store, item_ids)
    item_count = sum(len(items) for _, items in groups)
    pdf = PdfBuilder(
        title,
        [
            f"共 {item_count} 条，摘自 {len(groups)} 份政策文件",
            f"有效期核对日期：{format_date(day)}",
        ],
        generated=day,
        subject="政策摘编",
    )
    for doc_number, (doc, items) in enumerate(groups, start=1):
        pdf.heading(f"{section_label(doc_number)}《{nested_title(doc.title)}》", level=1)
        rows = document_rows(doc, day)
        if any(wording.library_numbered_item(i) for i in items):
            rows.append(("条目编号", NUMBERING_NOTE))
        pdf.key_value_table(rows)
        for note in doc.notes:
            pdf.paragraph(f"编者注：{note}", style="small")
        for item_number, item in enumerate(items, start=1):
            _add_item(pdf, store, item, item_number)
    pdf.spacer(4).note_box(DISCLAIMER, title="说明")
    return pdf


def document_rows(doc: Document, as_of: date) -> list[tuple[str, str]]:
    rows = [
        ("文号", doc.doc_number or UNSTATED),
        ("发布机关", doc.issuer or UNSTATED),
        ("成文日期", _date_text(doc.issued) if doc.issued else UNSTATED),
        ("有效期", validity_text(doc, as_of)),
    ]
    if doc.validity_basis:
        rows.append(("有效期依据", doc.validity_basis))
    if doc.scope_note:
        rows.append(("适用范围", doc.scope_note))
    if doc.is_imported:
        rows.append(
            (
                "来源",
                f"{IMPORTED_LABEL}（{_date_text((doc.imported or '')[:10])}导入，"
                f"第{doc.version}版，文件“{doc.source_file}”）",
            )
        )
    return rows


def validity_text(doc: Document, as_of: date) -> str:
    """The stated period in print form, then its standing on `as_of` (shared app-wide rule)."""
    start, end = doc.valid_from, doc.valid_to
    if start or end:
        period = (
            f"{_date_text(start) if start else UNSTATED}至{_date_text(end) if end else UNSTATED}"
        )
    else:
        period = UNSTATED
    state = validity_on(doc, as_of).state
    day = format_date(as_of)
    standing = {
        DRAFT: "（征求意见稿，未正式生效）",
        EXPIRED: f"（截至{day}已失效）",
        NOT_YET: f"（截至{day}尚未生效）",
        IN_FORCE: f"（截至{day}有效）",
    }
    return period + standing.get(state, "")


def _add_item(pdf: PdfBuilder, store: PolicyStore, item: Item, number: int) -> None:
    heading, body = _heading_and_body(item)
    # Arabic numbers: a （十）of ours would read as the document's own numbering
    pdf.heading(f"{number}．{heading}", level=2)
    rows = [
        # One heading per line: any inline separator reads as punctuation next to （十）.
        ("所在章节", "\n".join(item.path) if item.path else UNSTATED),
        ("条目编号", _locator_text(item)),
        ("责任单位", departments_full(item)),
    ]
    if _printed_differently(item):
        rows.append(("原文表述", item.departments_text or ""))
    pdf.key_value_table(rows)
    if body:
        pdf.paragraph(body)
    pdf.paragraph(f"出处：{_citation(store, item)}", style="small")
    for note in item.source_notes:
        pdf.paragraph(f"说明：{note}", style="small")
    pdf.spacer(6)


def _heading_and_body(item: Item) -> tuple[str, str | None]:
    """The item's heading, never cut; an untitled item of one sentence is its own heading
    (printed once, exactly), otherwise its first sentence heads its full text."""
    heading = wording.item_title(item)
    text = item.text
    if not item.title:
        rest = text[len(item.article) :] if item.article and text.startswith(item.article) else text
        if rest.lstrip("．.、 ").rstrip("。；") == heading:
            return text, None
    return heading, text


def _locator_text(item: Item) -> str:
    if wording.library_numbered_item(item):
        return f"{wording.sequence_text(item)}（原文条目无编号）"
    return item.locator + (f"（原文序号 {item.article}）" if _shows_article(item) else "")


def _citation(store: PolicyStore, item: Item) -> str:
    """The store's citation, with the library's count named 顺序号 where the text has none."""
    citation = store.citation(item)
    if wording.library_numbered_item(item) and citation.endswith(item.locator):
        return citation[: -len(item.locator)] + wording.sequence_text(item)
    return citation


def _grouped_items(
    store: PolicyStore, item_ids: Sequence[str]
) -> list[tuple[Document, list[Item]]]:
    ids = list(dict.fromkeys(i.strip() for i in item_ids if i.strip()))
    if not ids:
        raise ExcerptError("没有选择任何政策条目")
    missing = [i for i in ids if store.item(i) is None]
    if missing:
        raise ExcerptError(f"找不到政策条目：{'、'.join(missing)}")
    groups: dict[str, tuple[Document, list[Item]]] = {}
    for item_id in ids:
        item = store.item(item_id)
        assert item is not None  # checked above
        if item.document_id not in groups:
            doc = store.document(item.document_id)
            if doc is None:
                raise ExcerptError(f"政策条目 {item_id} 所属的文件不在数据库中")
            groups[item.document_id] = (doc, [])
        groups[item.document_id][1].append(item)
    return list(groups.values())


def _printed_differently(item: Item) -> bool:
    """Whether the source names the units otherwise than our list (abbreviated, grouped)."""
    if not item.departments or not item.departments_text:
        return False
    own = "、".join(d.name for d in item.departments if d.basis != "standing")
    return item.departments_text != own


def _shows_article(item: Item) -> bool:
    return item.article is not None and item.article not in item.locator


def _date_text(value: str) -> str:
    """2024-01-05 → 2024年1月5日; anything else is printed exactly as stored."""
    try:
        return format_date(date.fromisoformat(value))
    except ValueError:
        return value
