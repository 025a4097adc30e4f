"""The words of the 惠企政策适用清单, kept apart from its layout so they can be tested as text.

Every fact printed here is taken from the engine's MatchResult (amounts, conditions, quotes,
departments, validity) or from the profile as the user entered it. Nothing is recomputed or
reworded: a field the engine or the document leaves empty prints as 未注明 / 未填写.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop_app.core import regions
from desktop_app.core.citation import nested_title
from desktop_app.core.eligibility.conditions import MET, UNKNOWN, UNMET, ConditionResult
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import ENTITY_TYPES, Profile
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    POSSIBLE,
    STATUS_PRINT_LABELS,
    MatchResult,
    SizeInfo,
)
from desktop_app.core.eligibility.results import MeasureResult as Measure
from desktop_app.core.model import UNSTATED, Department, Item
from desktop_app.core.numbers import plain
from desktop_app.core.pdf.builder import format_date
from desktop_app.core.pdf.fonts import has_glyph

UNFILLED = "未填写"
NONE_MARK = "—"
TITLE = "惠企政策适用清单"
SIZE_SOURCE_NOTE = "《中小企业划型标准规定》（工信部联企业〔2011〕300号）"

# -- marks -------------------------------------------------------------------------------------


def _first_drawable(*candidates: str) -> str | None:
    return next((c for c in candidates if all(has_glyph(ch) for ch in c)), None)


@dataclass(frozen=True)
class Marks:
    """Result marks printed before a state label; None where the font lacks the symbols, and
    the label is then bracketed instead (【符合】)."""

    met: str | None
    unknown: str | None
    unmet: str | None

    def label(self, state: str, text: str) -> str:
        symbol = {MET: self.met, UNKNOWN: self.unknown, UNMET: self.unmet}[state]
        return f"{symbol} {text}" if symbol else f"【{text}】"


def marks() -> Marks:
    met = _first_drawable("✓", "√")
    unknown = _first_drawable("？")
    # U+2717 is missing from WenQuanYi; the heavy ballot X is there.
    unmet = _first_drawable("✗", "✘", "×")
    if met and unknown and unmet:
        return Marks(met, unknown, unmet)
    return Marks(None, None, None)


def condition_mark(cond: ConditionResult, m: Marks | None = None) -> str:
    """e.g. ✓ 符合 / ？ 需人工确认 / ✘ 不符合 (the state label is the engine's)."""
    return (m or marks()).label(cond.state, cond.state_label)


STATUS_BADGES = STATUS_PRINT_LABELS
_STATUS_STATE = {ELIGIBLE: MET, POSSIBLE: UNKNOWN, INELIGIBLE: UNMET}


def status_mark(status: str, m: Marks | None = None) -> str:
    return (m or marks()).label(_STATUS_STATE[status], STATUS_BADGES[status])


# -- header facts -----------------------------------------------------------------------------


def enterprise_name(profile: Profile) -> str:
    return profile.name or UNFILLED


def region_text(code: str | None) -> str:
    if not code:
        return UNFILLED
    try:
        return f"{regions.path_label(code)}（{code}）"
    except LookupError:
        # a code outside the bundled table is shown as entered rather than guessed at
        return f"{code}（行政区划代码，未能识别名称）"


def _number(value: float | None, unit: str) -> str:
    return UNFILLED if value is None else f"{plain(value)}{unit}"


def _value_text(value: Any, unit: str | None) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return f"{plain(value)}{unit or ''}"
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def profile_rows(
    profile: Profile, registry: FactsRegistry, notes: list[str] | None = None
) -> list[tuple[str, str]]:
    """The profile as entered, one labelled row per field; blanks are 未填写 (+ profile_notes)."""
    quals = []
    for q in profile.qualifications:
        label = registry.qualifications[q.id].label if q.id in registry.qualifications else q.id
        granted = f"{format_date(q.granted)}认定" if q.granted else "认定日期未填写"
        quals.append(f"{label}（{granted}）")
    rows = [
        ("企业名称", enterprise_name(profile)),
        ("统一社会信用代码", profile.credit_code or UNFILLED),
        ("联系方式", profile.contact or UNFILLED),
        ("所在地区", region_text(profile.region)),
        ("所属行业", profile.industry or UNFILLED),
        ("主体类型", ENTITY_TYPES.get(profile.entity_type or "", UNFILLED)),
        ("成立日期", format_date(profile.established) if profile.established else UNFILLED),
        ("从业人员", _number(profile.employees, "人")),
        ("营业收入", _number(profile.revenue, "万元")),
        ("资产总额", _number(profile.assets, "万元")),
        ("已取得资质", "；".join(quals) if quals else "未填写（按未取得计）"),
    ]
    answered = []
    for key, value in profile.facts.items():
        fact = registry.facts.get(key)
        label = fact.label if fact else key
        answered.append(f"{label}：{_value_text(value, fact.unit if fact else None)}")
    rows.append(("其他情况", "\n".join(answered) if answered else UNFILLED))
    if notes:
        rows.append(("保存时的内容", "\n".join(notes)))
    return rows


def size_rows(size: SizeInfo) -> list[tuple[str, str]]:
    """The size class with its working: the rule each indicator fell under, and the source."""
    if size.override:
        return [
            ("企业规模", f"{size.label}（手动指定）"),
            ("指定理由", size.override.get("reason") or UNFILLED),
            ("说明", "未按划型标准计算，以手动指定的规模评估。"),
        ]
    rows = [("企业规模", size.label), ("判断过程", size.explanation or UNSTATED)]
    working = size.working
    if not working:
        return rows
    for w in working.get("working", []):
        value = w.get("value")
        if value is None:
            rows.append((w["name"], f"{UNFILLED}（{w['size_label']}）"))
            continue
        text = f"{plain(value)}{w['unit']}，属{w['size_label']}（{w.get('rule') or UNSTATED}）"
        if w.get("decisive"):
            text += "，决定规模"
        rows.append((w["name"], text))
    notes = list(working.get("notes", []))
    if notes:
        rows.append(("说明", "\n".join(notes)))
    source = working.get("source")
    if source:
        rows.append(("依据", source))
    quote = working.get("quote")
    if quote:
        rows.append(("原文", quoted(quote)))
    return rows


# -- measures ---------------------------------------------------------------------------------


def quoted(text: str) -> str:
    """The document's words in Chinese quotation marks; quotes inside become ‘’."""
    if not text:
        return NONE_MARK
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def document_conditions(measures: Sequence[Measure]) -> dict[str, list[ConditionResult]]:
    """Per document, the leading conditions every one of its measures shares word for word
    and that quote nothing of their own (the engine's region and validity checks).

    They are printed once per document instead of once per measure. A document whose measures
    differ in any of them keeps them with each measure.
    """

    def key(c: ConditionResult) -> tuple[str, str, str, bool]:
        return (c.text, c.state, c.value, c.needs_confirmation)

    by_doc: dict[str, list[Measure]] = {}
    for m in measures:
        by_doc.setdefault(m.document.id, []).append(m)
    shared: dict[str, list[ConditionResult]] = {}
    for doc_id, group in by_doc.items():
        common: list[ConditionResult] = []
        for position, cond in enumerate(group[0].conditions):
            if cond.quote or cond.children:
                break
            if not all(
                len(m.conditions) > position and key(m.conditions[position]) == key(cond)
                for m in group
            ):
                break
            common.append(cond)
        shared[doc_id] = common
    return shared


def short_source(measure: Measure) -> str:
    """The citation with the document's short title, e.g. 《厦门市…任务分解表》第30项."""
    doc = measure.document
    citation = measure.citation
    _, sep, rest = citation.partition("》")
    if not sep or not doc.short_title:
        return citation
    short = nested_title(doc.short_title)
    draft = "（征求意见稿）" if doc.status == "征求意见稿" and "征求意见稿" not in short else ""
    return f"《{short}{draft}》{rest}"


def local_item(measure: Measure) -> Item:
    """The measure's item with its units as the enterprise should read them: another place's
    units marked as such, or named as the enterprise's own counterpart (engine departments)."""
    if all(d.get("local", True) for d in measure.departments):
        return measure.item
    return replace(measure.item, departments=measure.shown_departments())


def _department_label(dept: Department) -> str:
    return dept.name + ("（牵头）" if dept.lead else "")


def own_departments(item: Item) -> list[Department]:
    return [d for d in item.departments if d.basis != "standing"]


def standing_departments(item: Item) -> list[Department]:
    return [d for d in item.departments if d.basis == "standing"]


def departments_full(item: Item) -> str:
    """Every responsible unit, the common ones named as such."""
    own = own_departments(item)
    standing = standing_departments(item)
    text = "、".join(_department_label(d) for d in own)
    if standing:
        common = "、".join(_department_label(d) for d in standing)
        text = f"{text}；另：{common}（各项通用）" if text else common
    return text or item.departments_text or UNSTATED


def missing_label(key: str, result: MatchResult, registry: FactsRegistry) -> str:
    """The evaluation's own wording of a missing fact, else the registry's (the same words)."""
    return result.missing_label(key) or registry.missing_label(key)


def _all_conditions(measure: Measure) -> list[ConditionResult]:
    return list(measure.conditions) + [c for b in measure.benefits for c in b.conditions]


def failed_text(measure: Measure) -> list[str]:
    """Why a measure does not apply: each failed condition with the enterprise's own value."""
    by_text = {c.text: c for c in _all_conditions(measure)}
    parts = []
    for text in dict.fromkeys(measure.failed):
        cond = by_text.get(text)
        value = cond.value if cond and cond.value else ""
        parts.append(f"{text}（本企业：{value}）" if value else text)
    return parts or ["不符合适用条件"]


def stacks_text(
    stacks: dict[str, str | None], numbers: dict[str, int], titles: dict[str, str]
) -> str:
    target = stacks.get("measure") or ""
    relation = stacks.get("relation") or UNSTATED
    quote = stacks.get("quote")
    if not target:
        # the measure it builds on is in no bundled document
        return f"叠加关系：{relation}" + (f"；原文：{quoted(quote)}" if quote else "")
    where = f"第{numbers[target]}项" if target in numbers else target
    title = titles.get(target)
    named = f"{where}（{title}）" if title else where
    return f"与{named}的关系：{relation}" + (f"；原文：{quoted(quote)}" if quote else "")
