"""Text blocks of the 告知单 shared by the PDF and the Word file (headings, compact lists, the
office block and the small print), so both say exactly the same."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.model import UNSTATED
from desktop_app.core.notice.model import MoneyLine, Notice, PossibleLine, ServiceLine
from desktop_app.core.notice.wording import date_text

NO_ITEMS = "无。"
OFFICE_BLANK = "　"  # left for the official to fill in by hand


def money_heading(n: Notice) -> str:
    return f"一、可申请的资金支持（{len(n.money)}项）"


def possible_heading(n: Notice) -> str:
    return f"二、可能适用，需补充或确认（{len(n.possible)}项）"


def services_heading(n: Notice) -> str:
    return f"三、可享受的服务与便利（{len(n.services)}项）"


def measure_text(line: MoneyLine | PossibleLine) -> str:
    """A row's measure cell: its title, source and, for an imported measure, its badge. One
    paragraph, the source running on after the title rather than taking a line of its own."""
    return f"{line.title}（{line.source}）" + _badge(line)


def _badge(line: MoneyLine | PossibleLine | ServiceLine) -> str:
    return f"【{line.badge}】" if line.badge else ""


def unstated_money(n: Notice) -> list[str]:
    """Money measures whose amount the document does not state, in one compact paragraph."""
    lines = [m for m in n.money if not m.stated_amount]
    if not lines:
        return []
    items = []
    for m in lines:
        payer = "" if m.payer == UNSTATED else f"；出资：{m.payer}"
        items.append(
            f"{m.number}．{m.title}（{m.source}；咨询：{m.contact}{payer}；有效期：{m.validity}）"
            + _badge(m)
        )
    return [f"● 原文未注明金额：{'；'.join(items)}"]


def grouped_possible(lines: Sequence[PossibleLine]) -> list[str]:
    """Non-monetary measures that may apply, grouped by what is missing:
    需补充：有融资需求 —— 12．“政基企”融资对接活动；13．“产融云”平台"""
    groups: dict[str, list[str]] = {}
    for p in lines:
        what = "原文未注明金额" if p.money else "非资金支持"
        groups.setdefault("；".join(p.needs), []).append(
            f"{p.number}．{p.title}（{p.source}；{what}）" + _badge(p)
        )
    return [f"● {'；'.join(items)}——{need}" for need, items in groups.items()]


def _split_source(source: str) -> tuple[str, str]:
    """《文件》第30项 → (《文件》, 第30项)"""
    head, sep, rest = source.partition("》")
    return (head + sep, rest) if sep else ("", source)


def grouped_services(lines: Sequence[ServiceLine]) -> list[str]:
    """One line per kind and document, the document named once:
    融资服务（《厦门市…任务分解表》）：5．应收账款融资平台（第15项）；6．无还本续贷（第27项）"""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in lines:
        doc, where = _split_source(s.source)
        groups.setdefault((s.kind, doc), []).append(f"{s.number}．{s.title}（{where}）" + _badge(s))
    return [f"● {kind}（{doc}）：{'；'.join(items)}" for (kind, doc), items in groups.items()]


def next_steps_line(n: Notice) -> str:
    """Whom to ask, one department after another: 市人社局（第1、23项）；市工信局（第11项）"""
    parts = [
        f"{step.contact}（第{'、'.join(str(x) for x in step.numbers)}项）" for step in n.next_steps
    ]
    return "；".join(parts) + "。" if parts else NO_ITEMS


def office_rows(n: Notice) -> list[tuple[str, str]]:
    o = n.office
    return [
        ("服务单位", o.unit),
        ("经办人", o.officer),
        ("联系电话", o.phone),
        ("日期", date_text(n.generated)),
    ]


def small_print(n: Notice) -> list[str]:
    """Documents not in force, other regions, numbering, and the data version (small type)."""
    lines = list(n.inactive)
    if n.other_regions:
        lines.append(f"另有{n.other_regions}项其他地区的措施不适用于本企业所在地，未列出。")
    lines += n.contact_notes
    lines += n.numbering_notes
    if n.brief_note:
        lines.append(n.brief_note)
    lines.append(f"{n.data_version}（数据代码 {n.data_code}）。")
    return lines
