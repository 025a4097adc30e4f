"""Sets of items as Python integers: bit i is the item at position i in document order.

Filters, facet counts and rank tiers are set operations over up to 100,000 items on every
keystroke. Big-integer AND/OR and ``int.bit_count`` run in C, so a facet count is a few
microseconds where a Python loop over the hits would take tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def from_indices(indices: Iterable[int], size: int) -> int:
    buf = bytearray((size >> 3) + 1)
    for i in indices:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def to_bytes(mask: int, size: int) -> bytes:
    return mask.to_bytes((size >> 3) + 1, "little")


def full(size: int) -> int:
    return (1 << size) - 1


def iter_bits(mask: int) -> Iterator[int]:
    """Set bit positions in ascending order (document order)."""
    if not mask:
        return
    # bin() is linear C code; finding '1's in its reversed text beats shifting the integer.
    digits = bin(mask)[:1:-1]
    pos = digits.find("1")
    while pos != -1:
        yield pos
        pos = digits.find("1", pos + 1)


def weighted_groups(parts: list[tuple[int, int]], universe: int) -> list[tuple[int, int]]:
    """Split universe into groups of equal score, best first.

    parts: (mask, weight) pairs, weight >= 0; an item's score is the sum of the weights of
    the masks holding it. Returns (score, mask) pairs in descending score, empty groups left
    out. Scores are added as binary counters over the bit planes, so the cost depends on the
    number of parts, not on the number of items.
    """
    planes: list[int] = []
    for mask, weight in parts:
        mask &= universe
        bit = 0
        while weight:
            if weight & 1:
                _add(planes, mask, bit)
            weight >>= 1
            bit += 1
    groups: list[tuple[int, int]] = []
    _split(planes, len(planes) - 1, universe, 0, groups)
    return groups


def _add(planes: list[int], mask: int, bit: int) -> None:
    carry = mask
    while carry:
        while bit >= len(planes):
            planes.append(0)
        plane = planes[bit]
        planes[bit] = plane ^ carry
        carry &= plane
        bit += 1


def _split(planes: list[int], bit: int, mask: int, score: int, out: list[tuple[int, int]]) -> None:
    if not mask:
        return
    if bit < 0:
        out.append((score, mask))
        return
    high = mask & planes[bit]
    _split(planes, bit - 1, high, score | (1 << bit), out)
    _split(planes, bit - 1, mask & ~planes[bit], score, out)
