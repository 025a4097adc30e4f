"""What a file reader hands to the clean-up: lines or paragraphs, and table rows, in order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str  # a paragraph (.docx), a line (.pdf, .txt), "" for a blank line
    cells: list[str] | None = None  # a table row, its cells left to right
    page: int | None = None  # 1-based page of a .pdf line
    # where a .pdf line sits on its page: set only when the reader knows
    indented: bool | None = None  # starts right of the text's left margin (a first line)
    reaches_margin: bool | None = None  # runs to the right margin (the text wraps on)


@dataclass
class RawText:
    blocks: list[Block]
    # True when blocks are lines broken at a fixed width (a PDF, a hard-wrapped .txt), so a
    # line ending mid-sentence continues on the next; False when each block is a paragraph.
    wrapped: bool
    warnings: list[str] = field(default_factory=list)
