"""Lines broken at a fixed width: telling them from paragraphs, and joining them back."""

from __future__ import annotations

import re
import unicodedata

# A line ending in one of these can end a paragraph.
_TERMINAL = "。！？；：…”’」』）)】"
_OPENERS = {"《": "》", "（": "）", "(": ")", "“": "”", "〔": "〕", "【": "】"}


def visual_width(text: str) -> float:
    """Full-width characters count 1, half-width 0.5: a printed line's width in CJK cells."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def line_width(lines: list[str]) -> float:
    """The width a wrapped text breaks at: the common width of its longest lines."""
    widths = sorted(visual_width(line.strip()) for line in lines if line.strip())
    if not widths:
        return 0.0
    return widths[int(len(widths) * 0.9) - 1 if len(widths) >= 10 else -1]


def looks_hard_wrapped(lines: list[str]) -> bool:
    """A text whose lines mostly stop at the same width, short of a paragraph's length."""
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) < 8:
        return False
    width = line_width(texts)
    if width < 10 or width > 60:
        return False
    full = sum(1 for t in texts if visual_width(t) >= width - 1.5)
    return full >= 0.4 * len(texts)


def unbalanced(text: str) -> bool:
    """An opening 《（“ without its closing mark: the phrase goes on on the next line."""
    return any(text.count(opener) > text.count(closer) for opener, closer in _OPENERS.items())


def ends_paragraph(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def is_full(text: str, width: float) -> bool:
    return width > 0 and visual_width(text) >= width - 1.5


_NUMERIC_CONTINUATION = re.compile(r"^\d+[.．]\d")


def continues(
    previous: str,
    raw_line: str,
    width: float,
    *,
    starts_item: bool,
    previous_full: bool | None = None,
    indented: bool | None = None,
) -> bool:
    """Whether `raw_line` continues the sentence of `previous` in a wrapped text.

    `previous_full` and `indented` come from a PDF's geometry when known: a line that reaches
    the right margin wraps on; an indented line starts a paragraph.
    """
    line = raw_line.strip()
    if not previous or not line:
        return False
    if previous_full is not None and indented is not None:
        if unbalanced(previous) and not ends_paragraph(previous):
            return True  # a title broken inside its 《》
        if starts_item and not _NUMERIC_CONTINUATION.match(line):
            return False
        if indented and (ends_paragraph(previous) or not previous_full):
            return False
        return previous_full or unbalanced(previous)
    indent = raw_line[: len(raw_line) - len(raw_line.lstrip())]
    if ends_paragraph(previous) and ("\u3000" in indent or indent.count(" ") >= 2):
        return False  # an indented first line starts a paragraph
    if starts_item and not _NUMERIC_CONTINUATION.match(line):
        return bool(unbalanced(previous) and not ends_paragraph(previous))
    if unbalanced(previous):
        return True
    return is_full(previous, width)
