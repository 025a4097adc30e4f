"""Character bigrams: how normalized text becomes index tokens, and a query becomes a MATCH.

Chinese has no spaces, so every field is indexed as its overlapping character pairs, plus the
last character of each segment on its own (小微企业 → 小微 微企 企业 业). Then

* a query of two or more characters is the phrase of its bigrams, which FTS5 matches exactly
  where the query occurs as a substring (consecutive positions, never across a segment
  boundary because the pair spanning a boundary is never emitted);
* a one-character query is a prefix query: every occurrence of a character is either the first
  half of a pair or the last character of its segment.

The index uses FTS5's ``ascii`` tokenizer, which treats every non-ASCII character as part of a
token: ``unicode61`` would split tokens at symbols (℃, emoji) and at characters newer than
Unicode 6.1, and fold diacritics, so its matches would no longer equal substring matches.
Normalized text contains no ASCII punctuation (see normalize.py), so tokens never contain a
space or a quote.
"""

from __future__ import annotations

SEGMENT_SEP = "\n"  # between headings / department names; dropped by normalization


def segment_tokens(segment: str) -> list[str]:
    if not segment:
        return []
    tokens = [segment[i : i + 2] for i in range(len(segment) - 1)]
    tokens.append(segment[-1])
    return tokens


def field_tokens(field: str) -> list[str]:
    tokens: list[str] = []
    for segment in field.split(SEGMENT_SEP):
        tokens += segment_tokens(segment)
    return tokens


def field_token_text(field: str) -> str:
    return " ".join(field_tokens(field))


def query_tokens(term: str) -> list[str]:
    """The index tokens a normalized term needs (one character: the character itself)."""
    if len(term) == 1:
        return [term]
    return [term[i : i + 2] for i in range(len(term) - 1)]


def _quote(token: str) -> str:
    # Normalized text has no quotes; doubling is the FTS5 escape should one ever appear.
    return '"' + token.replace('"', '""') + '"'


def match_expression(term: str, columns: tuple[str, ...] | None = None) -> str:
    """An FTS5 MATCH string for a normalized, non-empty term: always quoted, never user syntax."""
    expr = _quote(term) + " *" if len(term) == 1 else _quote(" ".join(query_tokens(term)))
    if columns:
        return "{" + " ".join(columns) + "} : " + expr
    return expr
