"""HTML for the result page, built from the typed MatchResult — a live evaluation and one
reopened from the history (MatchResult.from_dict) read exactly alike.

Every string from the data or the user is escaped. Marks are √ × ？！ (all in GB2312, so the
bundled font draws them) next to words: colour is never the only signal.
"""

from __future__ import annotations

from html import escape
from typing import Any

from desktop_app.core.eligibility.conditions import ConditionResult
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
    BenefitResult,
    MatchResult,
    MeasureResult,
)
from desktop_app.core.model import Department
from desktop_app.core.structuring.guidance import MARK as GUIDANCE_MARK
from desktop_app.core.structuring.guidance import guidance_lines
from desktop_app.core.structuring.provenance import badge_text
from desktop_app.gui import theme

STATUS_COLOURS = {
    ELIGIBLE: "#1e6b3a",
    POSSIBLE: "#8a5300",
    INELIGIBLE: "#9b2c2c",
    NOT_IN_FORCE: "#4a5563",
}
_MARKS = {
    "met": ("√ 符合", "#1e6b3a", "#e3f3e8"),
    "unmet": ("× 不符合", "#9b2c2c", "#fbe9e9"),
    "unknown": ("？ 待确认", "#8a5300", "#fdf1d6"),
    "confirm": ("！ 需人工确认", "#8a5300", "#fdf1d6"),
}
OPEN_PREFIX = "open:"
SELECT_PREFIX = "measure:"


def _e(value: Any) -> str:
    return escape(str(value)) if value is not None else ""


def mark(state: str, needs_confirmation: bool = False) -> str:
    key = "confirm" if needs_confirmation else state
    text, fg, bg = _MARKS.get(key, _MARKS["unknown"])
    return (
        f'<span style="color:{fg};background-color:{bg};font-weight:bold;white-space:nowrap;">'
        f"&nbsp;{text}&nbsp;</span>"
    )


def _muted(text: str) -> str:
    return f'<span style="color:{theme.TEXT_MUTED};">{text}</span>'


def _condition_rows(conditions: list[ConditionResult], depth: int = 0) -> str:
    rows = []
    for c in conditions:
        indent = "&nbsp;" * 4 * depth + ("└ " if depth else "")
        quote = f"“{_e(c.quote)}”" if c.quote else _muted("—")
        rows.append(
            "<tr>"
            f'<td valign="top">{mark(c.state, c.needs_confirmation)}</td>'
            f'<td valign="top">{indent}{_e(c.text)}</td>'
            f'<td valign="top">{_e(c.value)}</td>'
            f'<td valign="top" style="color:{theme.TEXT_MUTED};">{quote}</td>'
            "</tr>"
        )
        if c.children:
            rows.append(_condition_rows(c.children, depth + 1))
    return "".join(rows)


def conditions_table(conditions: list[ConditionResult]) -> str:
    if not conditions:
        return f"<p>{_muted('没有其他条件。')}</p>"
    head = (
        f'<tr style="color:{theme.TEXT_MUTED};"><td>判断</td><td>条件</td>'
        "<td>所填情况</td><td>原文依据</td></tr>"
    )
    return (
        f'<table cellspacing="0" cellpadding="5" width="100%" '
        f'style="border-color:{theme.BORDER};">{head}{_condition_rows(conditions)}</table>'
    )


def departments_text(departments: list[Department]) -> str:
    if not departments:
        return "原文未注明"
    names = []
    for d in departments:
        name = _e(d.name)
        names.append(f"<b>{name}</b>（牵头）" if d.lead else name)
    return "、".join(names)


def _benefit_html(b: BenefitResult) -> str:
    amount = b.amount
    parts = [
        f"<p>{mark(b.state)}　<b>{_e(b.label)}</b>　{_muted(_e(b.kind_label))}</p>",
        f"<p>金额：<b>{_e(amount.text)}</b>"
        + (f"　出资：{_e(b.payer.get('name'))}" if b.payer else "")
        + (f"　{_muted('计算：' + _e(amount.working))}" if amount.working else "")
        + "</p>",
    ]
    if b.quote:
        parts.append(f"<p>{_muted('原文：“' + _e(b.quote) + '”')}</p>")
    for p in b.parameters:
        parts.append(
            f"<p>{_muted(_e(p.get('label')) + '：' + _e(p.get('value')) + _e(p.get('unit')))}</p>"
        )
    if b.conditions:
        parts.append(conditions_table(b.conditions))
    for note in b.notes:
        parts.append(f"<p>{_muted('说明：' + _e(note))}</p>")
    stack = b.stacks_with
    if stack:
        target = stack.get("measure")
        lead = "与" + _e(target) + "的关系：" if target else "叠加关系："
        relation = lead + _e(stack.get("relation"))
        parts.append(f"<p>{_muted(relation)}</p>")
    return f'<div style="margin-left:8px;">{"".join(parts)}</div>'


def local_html(provenance: dict[str, Any] | None, guidance: dict[str, Any] | None) -> str:
    """自行导入 (who structured it, when, 未复核) and the office's 本地补充（非原文）, apart from
    the text."""
    out = []
    badge_line = badge_text(provenance)
    if badge_line:
        out.append(f'<p><b style="color:{theme.ACCENT};">{_e(badge_line)}</b></p>')
    lines = guidance_lines(guidance)
    if lines:
        body = "<br>".join(_e(line) for line in lines)
        out.append(f'<p style="background:#fff6e0;"><b>{_e(GUIDANCE_MARK)}</b><br>{body}</p>')
    return "".join(out)


def measure_html(m: MeasureResult, *, can_open: bool = True) -> str:
    colour = STATUS_COLOURS.get(m.status, theme.TEXT)
    amount = m.amount
    out = [
        f'<h2 style="margin-bottom:4px;">{_e(m.title)}</h2>',
        f'<p><b style="color:{colour};">【{_e(m.status_label)}】</b>'
        f"　估算金额：<b>{_e(amount.text)}</b></p>",
    ]
    if amount.working and amount.kind != "not_computable":
        out.append(f"<p>{_muted('计算过程：' + _e(amount.working))}</p>")
    elif amount.working:
        out.append(f"<p>{_muted(_e(amount.working))}</p>")
    if m.status == NOT_IN_FORCE:
        # the document decides alone; the conditions are shown for reference, not as a failure
        by_conditions = STATUS_LABELS.get(m.conditions_status, "—")
        out.append(
            "<p>文件在评估日不在有效期内，本项仅供参考，不计入合计。"
            f"　仅按条件判断：<b>{_e(by_conditions)}</b></p>"
        )
    elif m.failed:
        out.append(
            f'<p style="color:{STATUS_COLOURS[INELIGIBLE]};">不符合的原因：'
            + "；".join(_e(f) for f in m.failed)
            + "</p>"
        )
    if m.confirmations:
        out.append("<p>需要向主管部门确认：" + "；".join(_e(c) for c in m.confirmations) + "</p>")
    link = f'　<a href="{OPEN_PREFIX}{_e(m.item.id)}">在主窗口查看原文</a>' if can_open else ""
    out.append(f"<p>出处：{_e(m.citation)}{link}</p>")
    out.append(f"<p>有效性：<b>{_e(m.validity.label)}</b>　{_muted(_e(m.validity.detail))}</p>")
    out.append(f"<p>联系部门：{departments_text(m.shown_departments())}</p>")
    if m.departments_note:
        out.append(f"<p>{_muted(_e(m.departments_note))}</p>")
    out.append(local_html(m.provenance, m.guidance))
    out.append(f'<h3 style="color:{theme.ACCENT};">适用条件</h3>')
    out.append(conditions_table(m.conditions))
    if m.benefits:
        out.append(f'<h3 style="color:{theme.ACCENT};">支持内容</h3>')
        out.extend(_benefit_html(b) for b in m.benefits)
    if m.notes:
        out.append(f'<h3 style="color:{theme.ACCENT};">说明</h3>')
        out.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in m.notes) + "</ul>")
    return "".join(out)


def supplement_html(s: dict[str, Any], titles: dict[str, str], hint: str) -> str:
    items = "".join(
        f'<li><a href="{SELECT_PREFIX}{_e(mid)}">{_e(titles.get(mid, mid))}</a></li>'
        for mid in s.get("measures") or []
    )
    kind = {"qualification": "取得认定", "fact": "补充填写", "profile": "补充填写"}.get(
        s.get("kind", ""), "补充"
    )
    return (
        f"<h2>{_e(s.get('label'))}</h2>"
        f"<p>{kind}这一项后，下面 {len(s.get('measures') or [])} 项措施的判断可能改变：</p>"
        f"<ul>{items}</ul><p>{_muted(_e(hint))}</p>"
    )


def summary_html(result: MatchResult, name: str) -> str:
    """Three lines, so the measures keep most of a 768-pixel-high screen."""
    counts = result.counts()
    total = result.totals.get("eligible") or {}
    not_computable = result.totals.get("not_computable") or 0
    parts = result.totals.get("parts") or []
    # the total says which measures it adds
    working = (
        "合计包含：" + "；".join(f"{p.get('title')} {p.get('amount')}" for p in parts)
        if parts
        else str(total.get("working") or "")
    )
    if len(working) > 90:
        working = working[:90] + "…"
    extra = (
        f"另有 {not_computable} 项符合的措施未注明金额或非资金支持，不计入合计。"
        if not_computable
        else ""
    )
    if result.other_regions:
        extra += f"其他地区的 {len(result.other_regions)} 项措施不列入。"
    # what the data contains (core.data_label), not the hash, which means nothing to people
    # (#19): the PDF keeps the code in small print for a support person
    meta = "评估日期 " + _e(result.as_of.isoformat()) + "　" + _e(result.data_version_text)
    explanation = _muted(_e(result.size.explanation))
    groups = [(ELIGIBLE, "符合"), (POSSIBLE, "可能符合"), (INELIGIBLE, "不符合")]
    if counts.get(NOT_IN_FORCE):
        groups.append((NOT_IN_FORCE, "仅供参考"))
    tally = "　".join(
        f'<b style="color:{STATUS_COLOURS[key]};">{label} {counts.get(key, 0)} 项</b>'
        for key, label in groups
    )
    # a reopened evaluation whose saved profile today's checks refuse says so, as the print does
    saved = (
        "<br>" + _muted("保存时的内容：" + _e("；".join(result.profile_notes)))
        if result.profile_notes
        else ""
    )
    return (
        f'<p><span style="font-size:large;"><b>{_e(name)}</b></span>　{_muted(meta)}'
        f"<br>企业规模：<b>{_e(result.size.label)}</b>　{explanation}{saved}</p>"
        f'<p><span style="font-size:x-large;">可计算金额合计：'
        f'<b style="color:{STATUS_COLOURS[ELIGIBLE]};">{_e(result.total_text)}</b></span>　'
        f"{tally}"
        f"<br>{_muted(_e(working) + ('；' if working and extra else '') + _e(extra))}</p>"
    )
