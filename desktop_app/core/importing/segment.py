"""Headings and items, their nesting, and each item's units, from clean paragraphs.

Which scheme is nested in which is learnt from the order the schemes first appear in (a stack
of open headings): a marker of a scheme already open closes everything below it; a new scheme
opens a level below. A numbered line is a heading when it is short, has no sentence in it and
something deeper or unnumbered follows; otherwise it is an item. An unnumbered paragraph right
after a numbered item continues that item (a second paragraph of 第五条); under a heading it is
an item of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.importing.cleanup import Paragraph
from desktop_app.core.importing.front_matter import ORG_LINE
from desktop_app.core.importing.numbering import (
    HEADING_ONLY,
    ITEM_ONLY,
    Marker,
    match_marker,
)
from desktop_app.core.importing.tables import TableLayout, is_header, layout_of
from desktop_app.core.importing.units import UNITS_LINE, parse_units, units_at_end
from desktop_app.core.model import Department

_SENTENCE = re.compile(r"[。；！？]")
_GOALS = re.compile(
    r"总体要求|指导思想|总体目标|基本原则|目标任务|工作目标|主要目标|发展目标|总体思路"
)
# The document's closing words: its period, who interprets it.
CLOSING = re.compile(
    r"^本(?:方案|办法|措施|细则|规定|意见|通知|政策|若干措施|实施方案|规划|计划)"
    r".{0,40}(?:有效期|起施行|起执行|起实施|负责解释|解释权)"
)


@dataclass
class Segment:
    kind: str  # measure | general | preamble
    article: str | None
    locator: str
    path: list[str]
    title: str | None
    text: str
    departments: list[Department] = field(default_factory=list)
    departments_text: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Open:
    scheme: str
    label: str  # the heading as printed, shown in an item's path
    locator: str
    paragraphs: int = 0  # unnumbered paragraphs seen under it
    heading: bool = True  # False for an item standing in its sub-items' path
    departments: list[Department] = field(default_factory=list)


def item_title(marker: Marker) -> str | None:
    """An item's own title: the words up to its first 。 when they are a short phrase."""
    head, sep, rest = marker.body.partition("。")
    if sep and rest.strip() and 0 < len(head) <= 24 and not re.search(r"[，,：:；]", head):
        return head
    return None


def _is_heading(paragraphs: list[Paragraph], i: int, marker: Marker, stack: list[_Open]) -> bool:
    if marker.scheme in HEADING_ONLY:
        return True
    if marker.scheme in ITEM_ONLY:
        return False
    text = paragraphs[i].text
    if _SENTENCE.search(text) or len(text) > 50:
        return False
    if re.search(r"[，,]", text) and len(text) > 24:
        return False  # a long clause list is a task, a heading with a comma is short
    nxt = next((p for p in paragraphs[i + 1 :] if not UNITS_LINE.match(p.text)), None)
    if nxt is None or nxt.cells is not None:
        return nxt is not None
    following = match_marker(nxt.text)
    if following is None:
        return True
    open_schemes = [o.scheme for o in stack] + [marker.scheme]
    return following.scheme not in open_schemes


class Segmenter:
    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.stack: list[_Open] = []
        self.items: list[Segment] = []
        self.last_numbered: Segment | None = None  # an item an unnumbered paragraph continues
        self.lead_first = False
        self.standing: list[Department] = []
        self.standing_note: str | None = None
        self.table: TableLayout | None = None
        self.repeats: set[str] = set()
        self.preamble: list[str] = []
        self.started = False  # a heading or numbered item has been seen: no more preamble
        self.after_heading = False  # the paragraph before was a heading
        self.top_paragraphs = 0

    def run(self) -> list[Segment]:
        markers = [match_marker(p.text) if p.cells is None else None for p in self.paragraphs]
        self.repeats = _restarting_schemes(markers)
        for i, paragraph in enumerate(self.paragraphs):
            heading_before, self.after_heading = self.after_heading, False
            if paragraph.cells is not None:
                self._row(paragraph.cells)
            elif UNITS_LINE.match(paragraph.text):
                self._units_line(paragraph.text, heading_before)
            elif markers[i] is not None:
                self._numbered(i, markers[i])  # type: ignore[arg-type]
            else:
                self._unnumbered(paragraph.text, self._introduces_items(i, markers))
        return self.items

    # -- numbered paragraphs -------------------------------------------------------------
    def _close_to(self, scheme: str) -> None:
        schemes = [o.scheme for o in self.stack]
        if scheme in schemes:
            del self.stack[schemes.index(scheme) :]
        if scheme in ("part", "chapter"):
            # a part or chapter closes everything; a chapter stays under its part
            keep = [o for o in self.stack if o.scheme == "part"] if scheme == "chapter" else []
            self.stack[:] = keep

    def _locator(self, marker: Marker) -> str:
        if marker.scheme not in self.repeats:
            return marker.marker
        parts = [o.locator for o in self.stack] + [marker.marker]
        out = ""
        for k, part in enumerate(parts):
            following = parts[k + 1] if k + 1 < len(parts) else ""
            piece = part
            if part.endswith("、") and following.startswith(("（", "(")):
                piece = part[:-1]
            out += piece
        return out

    def _numbered(self, i: int, marker: Marker) -> None:
        self._close_to(marker.scheme)
        self.started = True
        text = self.paragraphs[i].text
        if _is_heading(self.paragraphs, i, marker, self.stack):
            heading = _Open(marker.scheme, text, marker.marker)
            if ORG_LINE.match(marker.body):
                # a work plan's part per department (十八、福建省税务局): its unit for every item
                heading.departments = [Department(marker.body, text, basis="heading")]
            self.stack.append(heading)
            self.after_heading = True
            self.last_numbered = None
            return
        closing = marker.scheme == "article" and CLOSING.match(marker.body)
        segment = Segment(
            kind="general" if closing else self._kind(item_title(marker)),
            article=marker.marker,
            locator=self._locator(marker),
            path=[o.label for o in self.stack],
            title=item_title(marker),
            text=text,
        )
        self._add(segment, stated_here=self._attach_end_units(segment))
        self.last_numbered = segment
        # an item with sub-items below it stands in their path
        label = marker.marker + (segment.title or "")
        self.stack.append(_Open(marker.scheme, label, marker.marker, heading=False))

    def _kind(self, title: str | None) -> str:
        labels = [o.label for o in self.stack] + [title or ""]
        return "general" if any(_GOALS.search(label) for label in labels) else "measure"

    # -- unnumbered paragraphs -----------------------------------------------------------
    def _introduces_items(self, i: int, markers: list[Marker | None]) -> bool:
        """An unnumbered paragraph followed by numbered items one level down introduces them."""
        for j in range(i + 1, len(self.paragraphs)):
            if self.paragraphs[j].cells is not None or UNITS_LINE.match(self.paragraphs[j].text):
                continue
            following = markers[j]
            return following is not None and following.scheme not in [o.scheme for o in self.stack]
        return False

    def _unnumbered(self, text: str, introduces_items: bool = False) -> None:
        if CLOSING.match(text):
            self._add(Segment("general", None, "结语", [], None, text))
            self.last_numbered = None
            return
        if self.last_numbered is not None:
            if _continues_item(self.last_numbered):
                item = self.last_numbered
                item.text += "\n" + text
                if units_at_end(text):
                    self._apply_standing(item, stated_here=self._attach_end_units(item))
                return
            # a paragraph after a numbered leaf item is its sibling, under the same headings
            self.stack.pop()
            self.last_numbered = None
        if not self.stack and not self.started:
            self.preamble.append(text)
            self._add(Segment("preamble", None, "前言", [], None, text))
            return
        if self.stack:
            parent = self.stack[-1]
            parent.paragraphs += 1
            locator = "".join(o.locator for o in self.stack) + f"第{parent.paragraphs}段"
        else:
            self.top_paragraphs += 1
            locator = f"第{self.top_paragraphs}段"
        kind = "general" if introduces_items else self._kind(None)
        segment = Segment(kind, None, locator, [o.label for o in self.stack], None, text)
        self._add(segment, stated_here=self._attach_end_units(segment))

    # -- units ----------------------------------------------------------------------------
    def _add(self, segment: Segment, *, stated_here: bool = False) -> None:
        if not segment.departments:
            inherited = next((o.departments for o in reversed(self.stack) if o.departments), [])
            if inherited:
                segment.departments = list(inherited)
        self.items.append(segment)
        self._apply_standing(segment, stated_here=stated_here)

    def _apply_standing(self, segment: Segment, *, stated_here: bool = False) -> None:
        if self.standing and not stated_here and segment.kind != "preamble":
            names = {d.name for d in segment.departments}
            segment.departments += [d for d in self.standing if d.name not in names]
            note = f"责任单位含前文所注“{self.standing_note}”的单位。"
            if note not in segment.notes:
                segment.notes.append(note)

    def _attach_end_units(self, segment: Segment) -> bool:
        """Units at the end of the item's text; True when they state a standing list."""
        found = units_at_end(segment.text)
        if found is None:
            return False
        return self._set_units(segment, *found)

    def _set_units(self, segment: Segment, passage: str, body: str) -> bool:
        units = parse_units(passage, body, lead_first=self.lead_first)
        if units.lead_from_here:
            self.lead_first = True
        segment.departments = units.departments
        segment.departments_text = passage
        if units.standing:
            self.standing, self.standing_note = units.standing, units.standing_note
            return True
        return False

    def _units_line(self, text: str, after_heading: bool) -> None:
        if after_heading and self.stack:
            # units right under a heading, before its items: the units of every item below it
            units = parse_units(text, text, lead_first=self.lead_first)
            self.stack[-1].departments = units.departments
            return
        if self.items:
            self._set_units(self.items[-1], text, text)

    # -- tables ---------------------------------------------------------------------------
    def _row(self, cells: list[str]) -> None:
        self.started = True
        if is_header(cells):
            self.table = layout_of(cells)
            return
        if self.table is None:
            self.table = layout_of([""] * len(cells))
        row = self.table.read(cells)
        if not row.text:
            return
        segment = Segment(
            kind=self._kind(None),
            article=row.number,
            locator=row.number or f"第{len(self.items) + 1}项",
            path=[o.label for o in self.stack],
            title=None,
            text=row.text,
        )
        stated_here = False
        if row.units_text:
            stated_here = self._set_units(segment, row.units_text, row.units_body)
        self.items.append(segment)
        self._apply_standing(segment, stated_here=stated_here)
        self.last_numbered = None


def _continues_item(item: Segment) -> bool:
    """An article (第五条) runs over several paragraphs; so does an item that ends in a colon
    (its list follows). Other numbered items are one paragraph each."""
    return (item.article or "").startswith("第") or item.text.rstrip().endswith(("：", ":"))


def _restarting_schemes(markers: list[Marker | None]) -> set[str]:
    """Schemes whose numbers start again somewhere (1. under each （一）): their locator needs
    the headings above; a scheme numbered straight through (（一）–（二十五）, 第X条) does not."""
    seen: dict[str, set[int]] = {}
    repeats: set[str] = set()
    for marker in markers:
        if marker is None or marker.number is None:
            continue
        numbers = seen.setdefault(marker.scheme, set())
        if marker.number in numbers:
            repeats.add(marker.scheme)
        numbers.add(marker.number)
    return repeats


def segment(paragraphs: list[Paragraph]) -> tuple[list[Segment], list[str]]:
    segmenter = Segmenter(paragraphs)
    return segmenter.run(), segmenter.preamble
