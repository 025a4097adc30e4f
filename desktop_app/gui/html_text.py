"""Small HTML helpers for the rich-text views. Every policy string is escaped: the text is
data, and a stray < or & in a document must never turn into markup."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from desktop_app.gui import theme


def merge_spans(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clean = sorted((max(0, a), min(length, b)) for a, b in spans if b > a)
    merged: list[tuple[int, int]] = []
    for start, end in clean:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """text as escaped HTML with spans wrapped in a highlight."""
    out: list[str] = []
    pos = 0
    for start, end in merge_spans(spans, len(text)):
        out.append(escape(text[pos:start]))
        out.append(
            f'<span style="background-color:{theme.HIGHLIGHT_BG};color:{theme.HIGHLIGHT_FG};">'
            f"{escape(text[start:end])}</span>"
        )
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the matched terms occur in text (for views that get terms, not offsets)."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = text.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = text.find(term, start + len(term))
    return spans


def badge(label: str, state: str) -> str:
    fg, bg = theme.BADGE_COLOURS.get(state, theme.BADGE_COLOURS["unknown"])
    return (
        f'<span style="color:{fg};background-color:{bg};font-weight:bold;">'
        f"&nbsp;{escape(label)}&nbsp;</span>"
    )
