"""What a query word becomes in the engine: a Term with its Variants (as typed, a synonym or a
colloquial form, a pinyin reading), each with the bitmap of the items it matches."""

from __future__ import annotations

from dataclasses import dataclass

EXACT, SYNONYM, PINYIN = "exact", "synonym", "pinyin"
ALL, HEAD = "all", "head"


@dataclass
class Variant:
    """One way a query word can be found: as typed, a synonym or pinyin."""

    word: str  # normalized
    kind: str  # exact | synonym | pinyin
    scope: str  # all | head
    mask: int = 0


@dataclass
class Term:
    """A query word and the items each of its variants matches."""

    word: str  # normalized query word (or a piece of one in fallback)
    variants: list[Variant]
    mask: int = 0  # items matching any variant
    exact_mask: int = 0
    head_mask: int = 0  # items matching some variant in a heading

    @property
    def weight(self) -> int:
        return len(self.word)
