"""An item's text cut into sentences and comma clauses, with their offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_CLAUSE_END = re.compile(r"[，,：:]")


@dataclass(frozen=True)
class Span:
    start: int  # offset in the item's text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _cut(text: str, start: int, pattern: re.Pattern[str]) -> list[Span]:
    spans, last = [], 0
    for match in pattern.finditer(text):
        piece = text[last : match.start()]
        if piece.strip():
            spans.append(_trimmed(piece, start + last))
        last = match.end()
    if text[last:].strip():
        spans.append(_trimmed(text[last:], start + last))
    return spans


def _trimmed(piece: str, start: int) -> Span:
    lead = len(piece) - len(piece.lstrip())
    return Span(start + lead, piece.strip())


def sentences(text: str) -> list[Span]:
    """Sentences, cut at 。；！？ and line ends; brackets keep a year split in its sentence."""
    return _cut(text, 0, _SENTENCE_END)


def clauses(sentence: Span) -> list[Span]:
    return _cut(sentence.text, sentence.start, _CLAUSE_END)


def clause_at(sentence: Span, offset: int) -> Span:
    """The comma clause of the sentence that holds the text offset."""
    for clause in clauses(sentence):
        if clause.start <= offset < clause.end + 1:
            return clause
    return sentence
