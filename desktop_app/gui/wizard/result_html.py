"""HTML for the result page, built from MatchResult.to_dict() — the same form the history
stores, so a reopened evaluation reads exactly as it did the day it was made.

Every string from the data or the user is escaped. Marks are √ × ？！ (all in GB2312, so the
bundled font draws them) next to words: colour is never the only signal.
"""

from __future__ import annotations

from html import escape
from typing import Any

from desktop_app.gui import theme

STATUS_COLOURS = {"eligible": "#1e6b3a", "possible": "#8a5300", "ineligible": "#9b2c2c"}
STATUS_LABELS = {"eligible": "符合", "possible": "可能符合（需确认）", "ineligible": "不符合"}
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


def mark(condition: dict[str, Any]) -> str:
    key = "confirm" if condition.get("needs_confirmation") else condition.get("state", "unknown")
    text, fg, bg = _MARKS.get(key, _MARKS["unknown"])
    return (
        f'<span style="color:{fg};background-color:{bg};font-weight:bold;white-space:nowrap;">'
        f"&nbsp;{text}&nbsp;</span>"
    )


def _muted(text: str) -> str:
    return f'<span style="color:{theme.TEXT_MUTED};">{text}</span>'


def _condition_rows(conditions: list[dict[str, Any]], depth: int = 0) -> str:
    rows = []
    for c in conditions:
        indent = "&nbsp;" * 4 * depth + ("└ " if depth else "")
        quote = f"“{_e(c.get('quote'))}”" if c.get("quote") else _muted("—")
        rows.append(
            "<tr>"
            f'<td valign="top">{mark(c)}</td>'
            f'<td valign="top">{indent}{_e(c.get("text"))}</td>'
            f'<td valign="top">{_e(c.get("value"))}</td>'
            f'<td valign="top" style="color:{theme.TEXT_MUTED};">{quote}</td>'
            "</tr>"
        )
        children = c.get("children") or []
        if children:
            rows.append(_condition_rows(children, depth + 1))
    return "".join(rows)


def conditions_table(conditions: list[dict[str, Any]]) -> str:
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


def departments_text(departments: list[dict[str, Any]]) -> str:
    if not departments:
        return "原文未注明"
    names = []
    for d in departments:
        name = _e(d.get("name"))
        names.append(f"<b>{name}</b>（牵头）" if d.get("lead") else name)
    return "、".join(names)


def _benefit_html(b: dict[str, Any]) -> str:
    amount = b.get("amount") or {}
    state = b.get("state", "unknown")
    parts = [
        f"<p>{mark({'state': state})}　<b>{_e(b.get('label'))}</b>"
        f"　{_muted(_e(b.get('kind_label')))}</p>",
        f"<p>金额：<b>{_e(amount.get('text'))}</b>"
        + (f"　{_muted('计算：' + _e(amount.get('working')))}" if amount.get("working") else "")
        + "</p>",
    ]
    if b.get("quote"):
        parts.append(f"<p>{_muted('原文：“' + _e(b['quote']) + '”')}</p>")
    for p in b.get("parameters") or []:
        parts.append(
            f"<p>{_muted(_e(p.get('label')) + '：' + _e(p.get('value')) + _e(p.get('unit')))}</p>"
        )
    if b.get("conditions"):
        parts.append(conditions_table(b["conditions"]))
    for note in b.get("notes") or []:
        parts.append(f"<p>{_muted('说明：' + _e(note))}</p>")
    stack = b.get("stacks_with")
    if stack:
        relation = "与" + _e(stack.get("measure")) + "的关系：" + _e(stack.get("relation"))
        parts.append(f"<p>{_muted(relation)}</p>")
    return f'<div style="margin-left:8px;">{"".join(parts)}</div>'


def measure_html(m: dict[str, Any], *, can_open: bool = True) -> str:
    status = m.get("status", "possible")
    colour = STATUS_COLOURS.get(status, theme.TEXT)
    amount = m.get("amount") or {}
    validity = m.get("validity") or {}
    title = m.get("summary") or m.get("title") or m.get("measure_id")
    out = [
        f'<h2 style="margin-bottom:4px;">{_e(title)}</h2>',
        f'<p><b style="color:{colour};">【{_e(STATUS_LABELS.get(status, status))}】</b>'
        f"　估算金额：<b>{_e(amount.get('text'))}</b></p>",
    ]
    if amount.get("working") and amount.get("kind") != "not_computable":
        out.append(f"<p>{_muted('计算过程：' + _e(amount['working']))}</p>")
    elif amount.get("working"):
        out.append(f"<p>{_muted(_e(amount['working']))}</p>")
    if m.get("failed"):
        out.append(
            f'<p style="color:{STATUS_COLOURS["ineligible"]};">不符合的原因：'
            + "；".join(_e(f) for f in m["failed"])
            + "</p>"
        )
    if m.get("confirmations"):
        out.append(
            "<p>需要向主管部门确认：" + "；".join(_e(c) for c in m["confirmations"]) + "</p>"
        )
    link = (
        f'　<a href="{OPEN_PREFIX}{_e(m.get("measure_id"))}">在主窗口查看原文</a>'
        if can_open
        else ""
    )
    out.append(f"<p>出处：{_e(m.get('citation'))}{link}</p>")
    out.append(
        f"<p>有效性：<b>{_e(validity.get('label'))}</b>　{_muted(_e(validity.get('detail')))}</p>"
    )
    out.append(f"<p>联系部门：{departments_text(m.get('departments') or [])}</p>")
    out.append(f'<h3 style="color:{theme.ACCENT};">适用条件</h3>')
    out.append(conditions_table(m.get("conditions") or []))
    benefits = m.get("benefits") or []
    if benefits:
        out.append(f'<h3 style="color:{theme.ACCENT};">支持内容</h3>')
        out.extend(_benefit_html(b) for b in benefits)
    notes = m.get("notes") or []
    if notes:
        out.append(f'<h3 style="color:{theme.ACCENT};">说明</h3>')
        out.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
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


def summary_html(result: dict[str, Any], name: str) -> str:
    """Three lines, so the measures keep most of a 768-pixel-high screen."""
    counts = result.get("counts") or {}
    totals = result.get("totals") or {}
    total = totals.get("eligible") or {}
    size = result.get("size") or {}
    not_computable = totals.get("not_computable") or 0
    working = str(total.get("working") or "")
    if len(working) > 90:
        working = working[:90] + "…"
    extra = (
        f"另有 {not_computable} 项符合的措施未注明金额或非资金支持，不计入合计。"
        if not_computable
        else ""
    )
    meta = (
        "评估日期 " + _e(result.get("as_of")) + "　政策数据版本 " + _e(result.get("data_version"))
    )
    explanation = _muted(_e(size.get("explanation")))
    tally = "　".join(
        f'<b style="color:{STATUS_COLOURS[key]};">{label} {counts.get(key, 0)} 项</b>'
        for key, label in (("eligible", "符合"), ("possible", "可能符合"), ("ineligible", "不符合"))
    )
    return (
        f'<p><span style="font-size:large;"><b>{_e(name)}</b></span>　{_muted(meta)}'
        f"<br>企业规模：<b>{_e(size.get('size_label'))}</b>　{explanation}</p>"
        f'<p><span style="font-size:x-large;">可计算金额合计：'
        f'<b style="color:{STATUS_COLOURS["eligible"]};">{_e(total.get("text"))}</b></span>　'
        f"{tally}"
        f"<br>{_muted(_e(working) + ('；' if working and extra else '') + _e(extra))}</p>"
    )
