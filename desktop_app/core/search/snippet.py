"""Highlight positions and a short snippet around the first match, on the original text."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.core.search.normalize import Normalized, find_all, merge_spans

SNIPPET_CHARS = 80
LEAD_CHARS = 16  # context kept before the first match
ELLIPSIS = "…"


_OPENING = "（([【「『“‘《〈"
_CLOSING = "）)]】」』”’》〉"


def spans(norm: Normalized, words: Iterable[str], original: str = "") -> list[tuple[int, int]]:
    """Original-text spans of every occurrence of the (normalized) words, merged.

    With the original text given, a span that opens a bracket also takes the closing one
    right after it: 首台套 highlights 首台（套）, not 首台（套.
    """
    found: list[tuple[int, int]] = []
    for word in words:
        for start in find_all(norm.text, word):
            s, e = norm.span(start, start + len(word))
            if original and e < len(original) and original[e] in _CLOSING:
                inside = original[s:e]
                if sum(inside.count(c) for c in _OPENING) > sum(inside.count(c) for c in _CLOSING):
                    e += 1
            found.append((s, e))
    return merge_spans(found)


def snippet(
    text: str, highlights: list[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """About width characters of text around the first highlight, with … where cut."""
    start = max(0, highlights[0][0] - LEAD_CHARS) if highlights else 0
    end = min(len(text), start + width)
    if end - start < width:  # near the end: show more before instead
        start = max(0, end - width)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    # line breaks inside an item would break a one-line list row; same length keeps offsets
    body = text[start:end].replace("\r", " ").replace("\n", " ")
    shift = len(prefix) - start
    local: list[tuple[int, int]] = []
    for s, e in highlights:
        s, e = max(s, start), min(e, end)
        if s < e:
            local.append((s + shift, e + shift))
    return prefix + body + suffix, local
