"""Tables: a task table's header decides which cell is the number, the content, the units.

A .docx gives rows directly. A .txt export of a table puts each cell on its own line, rows
separated by blank lines, after a header row that begins with 序号; `fold_flat_tables` turns
that back into rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.importing.blocks import Block

_NUMBER_HEADERS = ("序号", "编号", "序列")
_UNIT_HEADER = re.compile(r"责任单位|牵头单位|责任部门|牵头部门|承办单位|主责单位|配合单位")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass
class TableLayout:
    """Which cells of a row are what, from the header row."""

    header: list[str]
    number: int | None
    units: list[int]  # 责任单位 / 牵头单位 / 配合单位 columns
    others: list[int]  # everything else: the content and columns such as 完成时限
    content: int | None = None  # the main content column, fixed by the first data row

    def read(self, cells: list[str]) -> Row:
        cell = {i: (cells[i].strip() if i < len(cells) else "") for i in range(len(cells))}
        if self.content is None:
            candidates = self.others or list(cell)
            self.content = max(candidates, key=lambda i: len(cell.get(i, "")))
        extra = [
            f"{self.header[i]}：{cell[i]}"
            for i in self.others
            if i != self.content and cell.get(i) and i < len(self.header) and self.header[i]
        ]
        text = "\n".join([cell.get(self.content, ""), *extra]).strip()
        filled = [i for i in self.units if cell.get(i)]
        if len(filled) == 1 and len(self.units) == 1:
            # one units column: its cell as printed (the bundled task table's layout)
            units_text = units_body = cell[filled[0]]
        else:
            units_text = "；".join(cell[i] for i in filled)
            units_body = "；".join(f"{self.header[i]}：{cell[i]}" for i in filled)
        number = cell.get(self.number) if self.number is not None else None
        return Row(number or None, text, units_text, units_body)


@dataclass(frozen=True)
class Row:
    number: str | None
    text: str  # the content cell, then other cells as "表头：内容" lines
    units_text: str  # the units cells as printed
    units_body: str  # the same with their column labels (牵头单位：…；配合单位：…)


def is_header(cells: list[str]) -> bool:
    return any(c.strip() in _NUMBER_HEADERS for c in cells)


def layout_of(header: list[str]) -> TableLayout:
    names = [c.strip() for c in header]
    number = next((i for i, n in enumerate(names) if n in _NUMBER_HEADERS), None)
    units = [i for i, n in enumerate(names) if _UNIT_HEADER.search(n)]
    others = [i for i in range(len(names)) if i != number and i not in units]
    return TableLayout(names, number, units, others)


def spanning_text(cells: list[str]) -> str | None:
    """A row whose cells all say the same (merged) or only one says anything: a heading row."""
    distinct = {c.strip() for c in cells if c.strip()}
    return distinct.pop() if len(distinct) == 1 else None


def fold_flat_tables(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() in _NUMBER_HEADERS:
            header = _group(lines, i)
            if len(header) >= 2:
                i = _fold_rows(lines, i, header, blocks)
                continue
        blocks.append(Block(lines[i]))
        i += 1
    return blocks


def _group(lines: list[str], start: int) -> list[str]:
    group = []
    for line in lines[start:]:
        if not line.strip():
            break
        group.append(line.strip())
    return group


def _fold_rows(lines: list[str], i: int, header: list[str], out: list[Block]) -> int:
    out.append(Block("\t".join(header), cells=header))
    i += len(header)
    while i < len(lines):
        if not lines[i].strip():
            out.append(Block(""))
            i += 1
            continue
        group = _group(lines, i)
        if len(group) == len(header) and _ROW_NUMBER.match(group[0]):
            out.append(Block("\t".join(group), cells=group))
        elif len(group) == 1 and "。" not in group[0] and not _ROW_NUMBER.match(group[0]):
            out.append(Block(group[0]))  # a heading row spanning the table
        else:
            return i  # the table ended: the rest are ordinary lines
        i += len(group)
    return i
