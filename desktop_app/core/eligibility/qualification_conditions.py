"""Qualification conditions: held on the evaluation date (a higher tier counts unless the text
treats each tier on its own), 新认定 within the document's period, and not yet held (小升规)."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.core.eligibility.condition_state import (
    MET,
    UNKNOWN,
    UNMET,
    ConditionResult,
    Context,
)
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.rules import ConditionSpec


def describe_qualification(spec: ConditionSpec, registry: FactsRegistry) -> str:
    labels = "或".join(registry.qualifications[q].label for q in spec.params["any_of"])
    return f"{'新认定为' if spec.params.get('new') else '已认定为'}{labels}"


def held_on(ctx: Context, qual_id: str, *, tiers: bool) -> tuple[Any, str]:
    """The qualification (or, with tiers, a higher tier standing on it) held on the evaluation
    date, and a note on a grant dated after it; (None, note) when none is held then."""
    ids = ctx.registry.held_through(qual_id) if tiers else (qual_id,)
    later = []
    for qid in ids:
        qual = ctx.profile.qualification(qid)
        if qual is None:
            continue
        if qual.granted is not None and qual.granted > ctx.as_of:
            label = ctx.registry.qualifications[qid].label
            later.append(f"{label}于{qual.granted.isoformat()}认定，晚于评估日{ctx.as_of}")
            continue
        return qual, ""
    return None, "；".join(later)


def qual_value(ctx: Context, qual: Any, wanted: str) -> str:
    label = ctx.registry.qualifications[qual.id].label
    granted = f"（{qual.granted.isoformat()}认定）" if qual.granted else "（未填写认定日期）"
    value = f"已认定{label}{granted}"
    if qual.id != wanted:
        value += f"，属{ctx.registry.qualifications[wanted].label}的更高层次"
    return value


def qualification(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    ids: list[str] = spec.params["any_of"]
    new = bool(spec.params.get("new"))
    text = spec.label or describe_qualification(spec, ctx.registry)
    # a higher tier counts (a 小巨人 is a 专精特新中小企业), except for 新认定 and where the text
    # gives each tier its own treatment (分别…, `exact: true`)
    tiers = not new and not spec.params.get("exact")
    found = [(q, held_on(ctx, q, tiers=tiers)) for q in ids]
    held = [(wanted, qual) for wanted, (qual, _) in found if qual is not None]
    if not held:
        # qualifications are ticked by the user: one not ticked is one not held
        notes = "；".join(note for _, (_, note) in found if note)
        return ConditionResult(text, UNMET, notes or "未认定", spec.quote, missing=list(ids))
    wanted, qual = held[0]
    value = qual_value(ctx, qual, wanted)
    if not new:
        return ConditionResult(text, MET, value, spec.quote)
    if qual.granted is None:
        return ConditionResult(text, UNKNOWN, value, spec.quote, missing=[f"{qual.id}.granted"])
    if ctx.period is None:
        return ConditionResult(
            text + "（文件未注明“新认定”的时间范围）",
            UNKNOWN,
            value,
            spec.quote,
            needs_confirmation=True,
        )
    start_s, end_s = ctx.period
    start = date.fromisoformat(start_s) if start_s else date.min
    end = date.fromisoformat(end_s) if end_s else date.max
    inside = start <= qual.granted <= end
    kind = "推定执行期" if ctx.period_derived else "文件有效期"
    period = f"（{kind}{start_s or '未注明'}至{end_s or '未注明'}）"
    return ConditionResult(text + period, MET if inside else UNMET, value, spec.quote)


def lacks_qualification(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    qid = spec.params["id"]
    label = ctx.registry.qualifications[qid].label
    qual, _ = held_on(ctx, qid, tiers=True)
    return ConditionResult(
        f"尚未成为{label}",
        MET if qual is None else UNMET,
        f"未认定为{label}" if qual is None else qual_value(ctx, qual, qid),
        spec.quote,
    )
