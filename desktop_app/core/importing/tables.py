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


@dataclass(frozen=True)
class TableLayout:
    number: int | None
    content: int
    units: int | None
    width: int


def is_header(cells: list[str]) -> bool:
    return any(c.strip() in _NUMBER_HEADERS for c in cells)


def layout_of(header: list[str]) -> TableLayout:
    names = [c.strip() for c in header]
    number = next((i for i, n in enumerate(names) if n in _NUMBER_HEADERS), None)
    units = next((i for i, n in enumerate(names) if _UNIT_HEADER.search(n)), None)
    others = [i for i in range(len(names)) if i not in (number, units)]
    content = max(others, key=lambda i: len(names[i])) if others else 0
    return TableLayout(number, content, units, len(names))


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
