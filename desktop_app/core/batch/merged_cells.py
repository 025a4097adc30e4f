"""Merged cells of a roster sheet: refused in the header (a column's meaning would be unclear),
filled into every row they cover below it (what a person sees there), and said in the notes."""

from __future__ import annotations

from typing import Any

from desktop_app.core.batch import columns as cols
from desktop_app.core.batch.sheet import RawSheet, RosterError


def check_header_merges(raw: RawSheet, header_row: int, width: int) -> None:
    for r0, c0, r1, c1 in raw.merged:
        if r0 <= header_row <= r1 and c0 <= width and (c1 > c0 or r1 > header_row):
            raise RosterError(
                f"表头（第{header_row}行）有合并单元格（{_cell(r0, c0)}:{_cell(r1, c1)}），"
                "无法确定每一列的含义。请改为一行、每列一个列名后再导入"
            )


def fill_merged(raw: RawSheet, header_at: int) -> list[tuple[int, list[Any]]]:
    """What a person sees in a merged range is its first cell's value in every cell."""
    header_row = raw.rows[header_at][0]
    data = [(n, list(v)) for n, v in raw.rows[header_at + 1 :]]
    merges = [m for m in raw.merged if m[0] > header_row]
    if not merges:
        return data
    by_number = {n: values for n, values in data}
    for r0, c0, r1, c1 in merges:
        first = by_number.get(r0)
        value = first[c0 - 1] if first and len(first) >= c0 else None
        for r in range(r0, r1 + 1):
            values = by_number.get(r)
            if values is None:
                continue
            values.extend([None] * (c1 - len(values)))
            for c in range(c0, c1 + 1):
                values[c - 1] = value
    return data


def merge_notes(raw: RawSheet, header_row: int, mapping: list[cols.ColumnSpec]) -> list[str]:
    notes = []
    for r0, c0, r1, c1 in raw.merged:
        if r0 <= header_row:
            continue
        names = "、".join(f"“{c.header}”" for c in mapping if c0 <= c.index + 1 <= c1 and c.header)
        notes.append(
            f"第{r0}–{r1}行{names or '的单元格'}是合并单元格（{_cell(r0, c0)}:{_cell(r1, c1)}），"
            "已按合并后显示的值用于其中每一行"
        )
    return notes


def _cell(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
