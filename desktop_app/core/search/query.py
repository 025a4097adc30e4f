"""Turning what was typed into search words: never interpreted as FTS syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.search.normalize import normalize_text

MAX_TERMS = 12  # a pasted paragraph is not a list of words; the first dozen decide
# Spaces and list punctuation separate words (政府采购 预留, 贴息、担保); punctuation inside a
# word does not (首台（套） is one word).
_SPLIT = re.compile(r"[\s,，、;；|/]+")
# Search-engine operators people paste: meaningless here, and harmful as words (AND would
# have to occur in the text). Only the upper-case forms, as those tools write them.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True)
class QueryWord:
    """A word of the query, as typed and normalized."""

    raw: str  # as typed
    norm: str  # normalized, non-empty


def parse(query: str) -> list[QueryWord]:
    raw_words = [w for w in _SPLIT.split(query) if w]
    if len(raw_words) > 1 and any(w not in _OPERATORS for w in raw_words):
        raw_words = [w for w in raw_words if w not in _OPERATORS]
    words: list[QueryWord] = []
    seen: set[str] = set()
    for raw in raw_words:
        norm = normalize_text(raw)
        if norm and norm not in seen:
            seen.add(norm)
            words.append(QueryWord(raw, norm))
        if len(words) == MAX_TERMS:
            break
    return words
