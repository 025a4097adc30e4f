"""The content of the 惠企政策告知单, as plain data built from one evaluation.

    notice = build_notice(result, office)            # then render_pdf / write_docx

The PDF and the Word file both render this one object, so they hold the same measures, amounts
and wording by construction. Everything in it comes from the engine's result (amounts, working,
departments, validity, what is missing) or from the office's settings; nothing is recomputed.
Local guidance (受理窗口、电话、申报材料 an office adds for a measure) is an optional input,
printed in 下一步 and marked 本地补充（非原文）.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.results import MatchResult, MeasureResult
from desktop_app.core.model import UNSTATED
from desktop_app.core.notice import verdicts, wording
from desktop_app.core.notice.office import OfficeInfo

NOTICE_TITLE = "惠企政策告知单"
DISCLAIMER = "以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。"
LOCAL_MARK = "本地补充（非原文）"
UNSTATED_AMOUNT = "原文未注明金额"
BRIEF_NOTE = (
    "本告知单为简版；详版（另附每项措施的条件、金额计算过程、原文引用和不符合的措施）"
    "可在程序中导出。"
)


class ReportOptions(TypedDict, total=False):
    """How to print one evaluation, whatever the format (core.notice.report, core.pdf.summary)."""

    brief: bool  # the 告知单 alone (简版); else the full report (详版) starts with it
    office: OfficeInfo | None
    guidance: Iterable[LocalGuidance]
    generated: date | None
    data_date: date | None
    registry: FactsRegistry | None


@dataclass(frozen=True)
class LocalGuidance:
    """What an office adds for one measure; none of it comes from the document."""

    measure_id: str
    window: str | None = None  # 受理窗口
    phone: str | None = None
    materials: tuple[str, ...] = ()  # 申报材料
    note: str | None = None

    def text(self) -> str:
        parts = []
        if self.window:
            parts.append(f"受理窗口：{self.window}")
        if self.phone:
            parts.append(f"电话：{self.phone}")
        if self.materials:
            parts.append("申报材料：" + "、".join(self.materials))
        if self.note:
            parts.append(self.note)
        return "；".join(parts)


@dataclass(frozen=True)
class MoneyLine:
    number: int
    measure_id: str
    title: str
    amount: str  # the engine's text: 4500元 / 最高300万元 / 原文未注明金额
    basis: str  # how, in a few words: 3人 × 1500元 = 4500元
    payer: str  # who pays, 未注明 when the engine does not say
    contact: str  # whom to ask
    validity: str
    source: str
    value_yuan: Decimal | None = None
    counted: bool = False  # added up in the total
    badge: str = ""  # 自行导入（…结构化，未复核） for an office's imported measure

    @property
    def stated_amount(self) -> bool:
        """A row of its own when the document states an amount or standard; the others are
        listed compactly under 原文未注明金额."""
        return self.amount not in (UNSTATED_AMOUNT, UNSTATED)


@dataclass(frozen=True)
class PossibleLine:
    number: int
    measure_id: str
    title: str
    amount: str
    basis: str
    needs: tuple[str, ...]  # 需补充：… / 需确认：…
    contact: str
    source: str
    money: bool
    potential_yuan: Decimal | None = None
    badge: str = ""

    @property
    def stated_amount(self) -> bool:
        """The document states an amount or standard (printed in a row, largest first);
        the others are listed compactly by what is missing."""
        return self.money and self.amount not in (UNSTATED_AMOUNT, "非资金支持", UNSTATED)


@dataclass(frozen=True)
class ServiceLine:
    number: int
    measure_id: str
    title: str
    kind: str  # 融资服务 / 政府采购 / 服务 …
    contact: str
    source: str
    badge: str = ""


@dataclass(frozen=True)
class NextStep:
    contact: str  # a department, or 未注明联系部门
    numbers: tuple[int, ...]
    guidance: tuple[str, ...] = ()  # local guidance lines for those measures


@dataclass(frozen=True)
class Notice:
    enterprise: str
    credit_code: str | None
    enterprise_contact: str | None
    region: str
    as_of: date
    generated: date
    data_version: str  # readable
    data_code: str  # the short code, printed small
    money: tuple[MoneyLine, ...]
    total: str | None
    total_note: str
    possible: tuple[PossibleLine, ...]
    services: tuple[ServiceLine, ...]
    next_steps: tuple[NextStep, ...]
    bring: str
    office: OfficeInfo
    inactive: tuple[str, ...] = ()
    other_regions: int = 0
    numbering_notes: tuple[str, ...] = ()
    contact_notes: tuple[str, ...] = ()  # units of another place: ask the local counterpart
    disclaimer: str = DISCLAIMER
    title: str = NOTICE_TITLE
    brief_note: str = field(default="")

    def numbers(self) -> dict[str, int]:
        """measure id → its number on the notice (the full report's detail reuses them)."""
        lines: list[MoneyLine | PossibleLine | ServiceLine] = [
            *self.money,
            *self.possible,
            *self.services,
        ]
        return {line.measure_id: line.number for line in lines}

    def header_lines(self) -> list[str]:
        lines = [f"企业名称：{self.enterprise}"]
        extra = []
        if self.credit_code:
            extra.append(f"统一社会信用代码：{self.credit_code}")
        if self.enterprise_contact:
            extra.append(f"联系方式：{self.enterprise_contact}")
        if extra:
            lines.append("　".join(extra))
        lines.append(f"所在地区：{self.region}　评估日期：{wording.date_text(self.as_of)}")
        return lines


def build_notice(
    result: MatchResult,
    office: OfficeInfo | None = None,
    *,
    generated: date | None = None,
    guidance: Mapping[str, LocalGuidance] | Iterable[LocalGuidance] = (),
    data_date: date | None = None,
    registry: FactsRegistry | None = None,
) -> Notice:
    """The notice for `result`; `guidance` maps measure ids to an office's local guidance."""
    registry = registry or load_registry()
    local = _guidance_map(guidance)
    for m in result.results:  # the office's guidance stored in the user library (#14)
        if m.guidance and m.item.id not in local:
            local[m.item.id] = _stored_guidance(m.item.id, m.guidance)
    relevant = [m for m in result.results if verdicts.in_region(m, result)]
    applying = [m for m in relevant if verdicts.applies(m)]
    money_ms = [m for m in applying if verdicts.is_money(m)]
    service_ms = [m for m in applying if not verdicts.is_money(m)]
    possible_ms = sorted(
        (m for m in relevant if verdicts.may_apply(m)),
        key=lambda m: (
            not verdicts.is_money(m),
            m.amount.text in (UNSTATED_AMOUNT, "非资金支持"),
            -(m.amount.value_yuan or Decimal(0)),
        ),
    )
    counter = iter(range(1, 10_000))
    money = tuple(_money_line(next(counter), m) for m in money_ms)
    possible = tuple(_possible_line(next(counter), m, result, registry) for m in possible_ms)
    services = tuple(
        ServiceLine(
            next(counter),
            m.item.id,
            wording.title(m),
            wording.kind_label(m),
            _contact(m),
            wording.source_text(m),
            wording.provenance_badge(m),
        )
        for m in service_ms
    )
    total = wording.total_text(result)
    shown = [*money_ms, *possible_ms, *service_ms]
    profile = result.profile
    return Notice(
        enterprise=profile.name or wording.UNFILLED,
        credit_code=profile.credit_code,
        enterprise_contact=profile.contact,
        region=wording.region_name(profile.region),
        as_of=result.as_of,
        generated=generated or date.today(),
        data_version=wording.data_version_text(result.data_version, data_date),
        data_code=result.data_version or UNSTATED,
        money=money,
        total=total,
        total_note=wording.total_note(money, total),
        possible=possible,
        services=services,
        next_steps=_next_steps([*money, *possible, *services], shown, local),
        bring=wording.BRING_NO_GUIDANCE if not local else wording.BRING_WITH_GUIDANCE,
        office=office or OfficeInfo(),
        inactive=_inactive(result),
        other_regions=verdicts.out_of_region_count(result),
        numbering_notes=wording.numbering_notes(shown),
        contact_notes=tuple(
            dict.fromkeys(n for m in shown if (n := verdicts.departments_note(m)) is not None)
        ),
    )


def report_notice(result: MatchResult, options: ReportOptions) -> Notice:
    """The notice a report in either format starts with (the 简版's says where the 详版 is)."""
    notice = build_notice(
        result,
        options.get("office"),
        generated=options.get("generated"),
        guidance=options.get("guidance", ()),
        data_date=options.get("data_date"),
        registry=options.get("registry"),
    )
    return replace(notice, brief_note=BRIEF_NOTE) if options.get("brief") else notice


def _stored_guidance(measure_id: str, g: Mapping[str, Any]) -> LocalGuidance:
    window = "，".join(x for x in (g.get("office"), g.get("address")) if x) or None
    when = "常年申报" if g.get("year_round") else g.get("period")
    note = "；".join(x for x in (f"申报时间：{when}" if when else None, g.get("note")) if x)
    return LocalGuidance(
        measure_id, window, g.get("phone"), tuple(g.get("materials") or ()), note or None
    )


def _guidance_map(
    guidance: Mapping[str, LocalGuidance] | Iterable[LocalGuidance],
) -> dict[str, LocalGuidance]:
    if isinstance(guidance, Mapping):
        return dict(guidance)
    return {g.measure_id: g for g in guidance}


def _contact(m: MeasureResult) -> str:
    return wording.contact_text(m)


def _money_line(number: int, m: MeasureResult) -> MoneyLine:
    return MoneyLine(
        number=number,
        measure_id=m.item.id,
        title=wording.title(m),
        amount=m.amount.text or UNSTATED,
        basis=wording.basis_text(m),
        payer=verdicts.payer(m) or UNSTATED,
        contact=_contact(m),
        validity=wording.validity_text(m),
        source=wording.source_text(m),
        value_yuan=m.amount.value_yuan,
        counted=m.amount.kind in ("exact", "up_to") and m.amount.value_yuan is not None,
        badge=wording.provenance_badge(m),
    )


def _possible_line(
    number: int, m: MeasureResult, result: MatchResult, registry: FactsRegistry
) -> PossibleLine:
    money = verdicts.is_money(m)
    return PossibleLine(
        number=number,
        measure_id=m.item.id,
        title=wording.title(m),
        amount=(m.amount.text or UNSTATED) if money else "非资金支持",
        basis=wording.basis_text(m) if money else "",
        needs=tuple(wording.needs(m, result, registry)),
        contact=_contact(m),
        source=wording.source_text(m),
        money=money,
        potential_yuan=m.amount.value_yuan,
        badge=wording.provenance_badge(m),
    )


def _next_steps(
    lines: Sequence[MoneyLine | PossibleLine | ServiceLine],
    measures: Sequence[MeasureResult],
    local: Mapping[str, LocalGuidance],
) -> tuple[NextStep, ...]:
    """One step per department to ask, with the numbers of its measures, money first."""
    by_id = {m.item.id: m for m in measures}
    groups: dict[str, list[int]] = {}
    notes: dict[str, list[str]] = {}
    for line in lines:
        m = by_id[line.measure_id]
        key = wording.lead_contact(m)
        groups.setdefault(key, []).append(line.number)
        g = local.get(line.measure_id)
        if g is not None and g.text():
            notes.setdefault(key, []).append(f"第{line.number}项：{g.text()}（{LOCAL_MARK}）")
    unknown = groups.pop(wording.NO_CONTACT, None)
    steps = [NextStep(k, tuple(v), tuple(notes.get(k, []))) for k, v in groups.items()]
    if unknown:
        steps.append(
            NextStep(wording.NO_CONTACT, tuple(unknown), tuple(notes.get(wording.NO_CONTACT, [])))
        )
    return tuple(steps)


def _inactive(result: MatchResult) -> tuple[str, ...]:
    """One line per document of the enterprise's region that is not in force."""
    lines: dict[str, str] = {}
    for m in result.results:
        if verdicts.in_region(m, result) and not verdicts.in_force(m):
            lines.setdefault(m.document.id, verdicts.inactive_line(m.document, m))
    return tuple(lines.values())
