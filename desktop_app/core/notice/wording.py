"""The words of the 告知单: titles, amounts with their basis, whom to ask, what is missing.

Kept apart from the layout so the PDF and the Word file say the same thing, and so it can be
tested as text. The engine's values are quoted, never recomputed; generic conditions the
documents leave open are said as an official would say them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core import regions
from desktop_app.core.citation import nested_title
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.results import MatchResult, MeasureResult
from desktop_app.core.eligibility.rules import BENEFIT_KINDS
from desktop_app.core.model import UNSTATED, Item
from desktop_app.core.notice import verdicts
from desktop_app.core.pdf.builder import format_date
from desktop_app.core.pdf.summary_text import missing_label
from desktop_app.core.structuring.provenance import IMPORTED_BADGE, UNREVIEWED_BADGE

if TYPE_CHECKING:
    from desktop_app.core.notice.model import MoneyLine

UNFILLED = "未填写"
NO_CONTACT = "原文未列明联系部门"
BRING_NO_GUIDANCE = (
    "原文未列明申报材料和受理窗口：请带上本告知单，先向下列部门（或本服务单位）咨询申报时间、"
    "渠道和材料。"
)
BRING_WITH_GUIDANCE = (
    "请带上本告知单，向下列部门咨询申报；标注“本地补充（非原文）”的窗口、电话和材料"
    "由本服务单位整理，以受理部门要求为准。"
)
MAX_CONTACTS = 3
# Conditions the documents state only as 符合条件的（中小/小微…）企业 or 按规定: nothing to
# check on paper, so the notice says what to do instead of echoing them.
_GENERIC = re.compile(r"^符合(相应|有关|相关)?条件(的)?([^，。；]{0,8}企业)?(（按规定）)?$")
GENERIC_NEED = "原文未列明具体条件，请向联系部门确认"


date_text = format_date  # 2025年12月31日, the one date style of everything printed
iso_date_text = verdicts.iso_date_text


def region_name(code: str | None) -> str:
    if not code:
        return UNFILLED
    try:
        return regions.path_label(code).replace(" / ", "").replace("/", "")
    except LookupError:
        return f"{code}（未能识别的行政区划代码）"


def data_version_text(code: str | None, data_date: date | None) -> str:
    if data_date is not None:
        return f"政策数据{date_text(data_date)}版"
    return "程序内置政策数据" if code else UNSTATED


def title(m: MeasureResult) -> str:
    """The curated summary, else the item's heading, else its whole first sentence (never cut)."""
    return m.summary or item_title(m.item)


def item_title(item: Item) -> str:
    """The item's heading, else its whole first sentence (never cut with "…")."""
    if item.title:
        return item.title
    text = item.text
    if item.article and text.startswith(item.article):
        text = text[len(item.article) :]
    first = re.split(r"(?<=[。；])", text.lstrip("．.、 "), maxsplit=1)[0]
    return first.rstrip("。；") or item.display_title


def provenance_badge(m: MeasureResult) -> str:
    """自行导入（王科员于2026年12月1日结构化，未复核） for a measure whose rules an office
    structured from an imported document; "" for a bundled one."""
    p = m.provenance
    if p is None:
        return ""
    who = str(p.get("structured_by") or "").strip()
    when = iso_date_text(str(p.get("structured_at") or "")[:10])
    done = f"{who}于{when}结构化" if who and when else f"{who or when or ''}结构化"
    details = [done if (who or when) else "", UNREVIEWED_BADGE if p.get("unreviewed") else ""]
    inner = "，".join(x for x in details if x)
    return f"{IMPORTED_BADGE}（{inner}）" if inner else IMPORTED_BADGE


def kind_label(m: MeasureResult) -> str:
    kinds = [b.kind for b in verdicts.live_benefits(m)]
    return BENEFIT_KINDS.get(kinds[0], "其他支持") if kinds else "其他支持"


def _own(m: MeasureResult) -> list[verdicts.Contact]:
    units = verdicts.contacts(m)
    own = [d for d in units if d.basis != "standing"] or units
    return sorted(own, key=lambda d: not d.lead)


def contact_text(m: MeasureResult) -> str:
    """Whom to ask: the measure's own units, lead first, at most three named."""
    own = _own(m)
    if not own:
        return NO_CONTACT
    names = list(dict.fromkeys(d.name for d in own))
    shown = "、".join(names[:MAX_CONTACTS])
    return shown + (f"等{len(names)}个部门" if len(names) > MAX_CONTACTS else "")


def lead_contact(m: MeasureResult) -> str:
    own = _own(m)
    return own[0].name if own else NO_CONTACT


def _short_working(text: str) -> str:
    # the engine's caveat in brackets stays in the detail; the notice keeps the arithmetic
    short = re.sub(r"（[^（）]*）$", "", text).strip("，；。 ")
    return short or text


def basis_text(m: MeasureResult) -> str:
    """The amount's basis in a few words: the engine's working, or what the benefit is."""
    if m.amount.value_yuan is not None and m.amount.working:
        return _short_working(m.amount.working)
    pieces = [
        _short_working(b.amount.working)
        for b in verdicts.live_benefits(m)
        if b.amount.text and b.amount.text not in ("原文未注明金额", "非资金支持")
    ]
    # without a stated standard the amount column's 原文未注明金额 says it all
    return "；".join(dict.fromkeys(pieces))


def validity_text(m: MeasureResult) -> str:
    _, end_iso, derived = verdicts.period(m)
    end = iso_date_text(end_iso)
    if m.validity.state == "in_force" and end:
        return f"至{end}" + ("（推定）" if derived else "")
    if m.validity.state == "in_force":
        return "有效"
    return m.validity.label


def _number_of(locator: str) -> str:
    digits = re.findall(r"\d+", locator)
    return digits[0] if digits else locator


def library_numbered(m: MeasureResult) -> bool:
    """The item is counted by position (locator 第N项 from the parser) because the document
    does not number it: the number is ours, not the text's."""
    return library_numbered_item(m.item)


def library_numbered_item(item: Item) -> bool:
    return item.locator.startswith("第") and item.locator.endswith("项")


def sequence_text(item: Item) -> str:
    """顺序号N for an item the document does not number (the library's count, named as such)."""
    return f"顺序号{_number_of(item.locator)}"


def source_text(m: MeasureResult) -> str:
    """The short citation, in the document's own numbering; for a document without numbers
    the library's sequence number, named as such."""
    doc = m.document
    short = nested_title(doc.short_title or doc.title)
    if doc.status == "征求意见稿" and "征求意见稿" not in short:
        short += "（征求意见稿）"
    if library_numbered(m):
        return f"《{short}》{sequence_text(m.item)}"
    _, sep, rest = m.citation.partition("》")
    # the 文号 is in the full report's detail; the notice keeps the article
    rest = re.sub(r"^（[^（）]*号）", "", rest)
    return f"《{short}》{rest}" if sep else m.citation


def numbering_notes(measures: Sequence[MeasureResult]) -> tuple[str, ...]:
    docs = {m.document.id: m.document for m in measures if library_numbered(m)}
    return tuple(
        f"《{nested_title(d.short_title or d.title)}》原文条目无编号，"
        "所注顺序号为本库编排的顺序号。"
        for d in docs.values()
    )


def needs(m: MeasureResult, result: MatchResult, registry: FactsRegistry) -> list[str]:
    """Exactly what stands between a 可能符合 measure and 符合."""
    parts = []
    if m.missing:
        labels = "、".join(dict.fromkeys(missing_label(k, result, registry) for k in m.missing))
        parts.append(f"需补充：{labels}")
    specific, generic = [], False
    for c in dict.fromkeys(c.removeprefix("需确认：") for c in m.confirmations):
        if _GENERIC.match(c):
            generic = True
        else:
            specific.append(c)
    if specific:
        parts.append("需确认：" + "；".join(specific))
    if generic or not parts:
        parts.append(GENERIC_NEED)
    return parts


def total_text(result: MatchResult) -> str | None:
    total = result.totals.get("eligible") or {}
    if total.get("kind") == "not_computable" or not total.get("text"):
        return None
    return str(total["text"])


def total_note(money: Sequence[MoneyLine], total: str | None) -> str:
    counted = [str(line.number) for line in money if line.counted]
    if not money:
        return "按所填信息，暂无可直接申请的资金支持。"
    if not total or not counted:
        return "以上资金支持原文未注明金额标准，金额以主管部门核定为准。"
    rest = len(money) - len(counted)
    text = f"可估算金额合计{total}（第{'、'.join(counted)}项之和"
    text += "，“最高”按上限计）" if any(line.amount.startswith("最高") for line in money) else "）"
    if rest:
        text += f"；另有{rest}项原文未注明金额，未计入"
    return text + "。金额以主管部门核定为准。"
