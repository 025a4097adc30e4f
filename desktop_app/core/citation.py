"""How the app cites a measure: 《document title》（文号）第（十四）条 — the one wording used by
the window, the result page, the PDFs and the CLI."""

from __future__ import annotations

import re

from desktop_app.core.model import Document, Item

DRAFT_MARK = "（征求意见稿）"

_PART_ITEM = re.compile(r"^([一二三四五六七八九十]+)（([一二三四五六七八九十]+)）(\d+)\.$")
_PART_GROUP = re.compile(r"^([一二三四五六七八九十]+)（([一二三四五六七八九十]+)）$")
_PART_PARA = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")


def locator_phrase(item: Item) -> str:
    """How a citation names the item's place: 第（十四）条, 第30项, 第二部分（一）第2条 …"""
    loc = item.locator
    if loc.isdigit():
        return f"第{loc}项"
    if loc.startswith("第"):
        # unnumbered items are counted by position; the heading above makes them findable
        return (f"{item.path[-1]} " if item.path else "") + loc
    if loc.startswith("（"):
        return f"第{loc}条"
    if m := _PART_ITEM.match(loc):
        return f"第{m.group(1)}部分（{m.group(2)}）第{m.group(3)}条"
    if m := _PART_GROUP.match(loc):
        return f"第{m.group(1)}部分第（{m.group(2)}）条"
    if m := _PART_PARA.match(loc):
        return f"第{m.group(1)}部分{m.group(2)}"
    return loc


def nested_title(title: str) -> str:
    """《…》 inside a title becomes 〈…〉 when the title itself is put in 《》."""
    return title.replace("《", "〈").replace("》", "〉")


def citation(item: Item, doc: Document | None) -> str:
    """A citation such as 《…》第（十四）条 (or 第N项 where the source has no number)."""
    title = nested_title(doc.title) if doc else item.document_id
    number = doc.doc_number if doc else None
    draft = DRAFT_MARK if doc and doc.status == "征求意见稿" else ""
    head = f"《{title}{draft}》" + (f"（{number}）" if number else "")
    return head + locator_phrase(item)
