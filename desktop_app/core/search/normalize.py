"""Text normalization shared by the index and the query, with offsets back to the original.

Documents and users write the same word in different ways: full-width and half-width letters
and digits (２０２２ / 2022), upper and lower case, and punctuation inside a term (首台（套） /
首台套, “专精特新” / 专精特新). Both sides are reduced to the same form: NFKC per character,
lower case, and without punctuation, spaces, control characters or ASCII symbols. Every kept
character remembers which original character it came from, so a match found in the
normalized text can be highlighted on the characters the reader actually sees.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Per-character results are cached: policy texts use a few thousand distinct characters. The
# cap only matters for hostile input (a paste of every code point) and keeps memory bounded.
_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def _keep(ch: str) -> bool:
    category = unicodedata.category(ch)
    kind = category[0]
    if kind in "LNM":
        return True
    # Non-ASCII symbols (℃, ×, emoji) are content; ASCII symbols (+ - < = > | ~) are the
    # punctuation of Western text and also the operators people paste from search engines.
    return kind == "S" and ord(ch) > 127


def _map_char(ch: str) -> str:
    mapped = _CACHE.get(ch)
    if mapped is None:
        folded = unicodedata.normalize("NFKC", ch).lower()
        mapped = "".join(c for c in folded if _keep(c))
        if len(_CACHE) < _CACHE_LIMIT:
            _CACHE[ch] = mapped
    return mapped


@dataclass(frozen=True)
class Normalized:
    """A normalized text and, for each of its characters, the index of the original one."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covering normalized characters [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> Normalized:
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        mapped = _map_char(ch)
        if mapped:
            out.append(mapped)
            offsets.extend([index] * len(mapped))
    return Normalized("".join(out), tuple(offsets))


def normalize_text(text: str) -> str:
    """The normalized form only (no offsets): what the index stores and the query becomes."""
    return "".join([_map_char(ch) for ch in text])


def find_all(haystack: str, needle: str) -> list[int]:
    """Start positions of needle in haystack, overlaps included (扩岗扩岗 has two 扩岗)."""
    if not needle:
        return []
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans: overlapping or touching highlights become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
