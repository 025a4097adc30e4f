"""Filters and facet counts as bitsets over the items (see bitset.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from desktop_app.core import validity
from desktop_app.core.model import Document, Item
from desktop_app.core.search import bitset
from desktop_app.core.search.results import SearchFilters

FACETS = (
    "document",
    "level",
    "department",
    "category",
    "enterprise_facing",
    "validity",
    "region",
    "has_amount",
)
YES, NO = "true", "false"


def _region_contains(outer: str, inner: str) -> bool:
    """Whether region inner lies in outer; codes the region table lacks compare by prefix."""
    try:
        from desktop_app.core import regions

        return regions.contains(outer, inner)
    except Exception:
        # Unknown code, or the table unreadable: a GB/T 2260 code's meaningful prefix
        # (350000 → 35, 350200 → 3502) still tells province and city apart.
        outer_code, inner_code = str(outer).strip(), str(inner).strip()
        prefix = outer_code
        while prefix.endswith("00") and len(prefix) > 2:
            prefix = prefix[:-2]
        return bool(prefix) and inner_code.startswith(prefix)


class FacetIndex:
    """Per facet value, the set of items having it; per document, its items."""

    def __init__(
        self, items: Sequence[Item], documents: Sequence[Document], amount_ids: frozenset[str]
    ) -> None:
        self.size = len(items)
        self.documents = {d.id: d for d in documents}
        values: dict[str, dict[str, list[int]]] = {name: {} for name in FACETS}
        for i, item in enumerate(items):
            doc = self.documents.get(item.document_id)
            values["document"].setdefault(item.document_id, []).append(i)
            if doc is not None:
                values["level"].setdefault(doc.level, []).append(i)
                values["region"].setdefault(doc.scope_region_code, []).append(i)
            for name in dict.fromkeys(d.name for d in item.departments):
                values["department"].setdefault(name, []).append(i)
            values["category"].setdefault(item.category, []).append(i)
            facing = YES if item.enterprise_facing else NO
            values["enterprise_facing"].setdefault(facing, []).append(i)
            amount = YES if item.id in amount_ids else NO
            values["has_amount"].setdefault(amount, []).append(i)
        self.masks: dict[str, dict[str, int]] = {
            name: {v: bitset.from_indices(ix, self.size) for v, ix in vals.items()}
            for name, vals in values.items()
        }
        self.masks["level"] = _ordered(self.masks["level"], ("省", "市", "区县"))
        # The busiest departments first: a filter panel lists them in that order.
        self.masks["department"] = dict(
            sorted(self.masks["department"].items(), key=lambda kv: -kv[1].bit_count())
        )
        self.prior = bitset.from_indices(
            (i for i, it in enumerate(items) if it.enterprise_facing and it.kind == "measure"),
            self.size,
        )

    def _docs_where(self, keep: Callable[[Document], bool]) -> int:
        mask = 0
        for doc_id, doc_mask in self.masks["document"].items():
            doc = self.documents.get(doc_id)
            if doc is not None and keep(doc):
                mask |= doc_mask
        return mask

    def validity_masks(self, on: date) -> dict[str, int]:
        states: dict[str, int] = {}
        for doc_id, doc_mask in self.masks["document"].items():
            doc = self.documents.get(doc_id)
            state = validity.validity_on(doc, on).state if doc else validity.UNKNOWN
            states[state] = states.get(state, 0) | doc_mask
        return states

    def filter_masks(self, filters: SearchFilters, on: date) -> dict[str, int]:
        """facet -> the items its filter lets through (facets without a filter are absent)."""
        out: dict[str, int] = {}
        m = self.masks
        if filters.document_ids:
            out["document"] = _union(m["document"], filters.document_ids)
        if filters.levels:
            out["level"] = _union(m["level"], filters.levels)
        if filters.departments:
            out["department"] = _union(m["department"], filters.departments)
        if filters.categories:
            out["category"] = _union(m["category"], filters.categories)
        if filters.enterprise_facing_only:
            out["enterprise_facing"] = m["enterprise_facing"].get(YES, 0)
        if filters.has_amount:
            out["has_amount"] = m["has_amount"].get(YES, 0)
        if filters.valid_only:
            out["validity"] = self._docs_where(lambda d: validity.validity_on(d, on).applicable)
        if filters.region_code is not None:
            code = str(filters.region_code)
            # a place picked in the filter shows what applies there (documents whose scope
            # contains it) and what was issued for places inside it (福建省 shows 三明's plan)
            out["region"] = self._docs_where(
                lambda d: (
                    _region_contains(d.scope_region_code, code)
                    or _region_contains(code, d.scope_region_code)
                )
            )
        return out

    def counts(
        self, matches: int, filter_masks: dict[str, int], on: date, filters: SearchFilters
    ) -> dict[str, dict[str, int]]:
        everything = bitset.full(self.size)
        selected: dict[str, tuple[str, ...]] = {
            "document": filters.document_ids,
            "level": filters.levels,
            "department": filters.departments,
            "category": filters.categories,
            "enterprise_facing": (YES,) if filters.enterprise_facing_only else (),
            "has_amount": (YES,) if filters.has_amount else (),
        }
        value_masks = dict(self.masks)
        value_masks["validity"] = self.validity_masks(on)
        result: dict[str, dict[str, int]] = {}
        for name in FACETS:
            base = matches
            for other, mask in filter_masks.items():
                if other != name:
                    base &= mask
            counts: dict[str, int] = {}
            if base:
                for value, mask in value_masks[name].items():
                    n = (base & mask & everything).bit_count()
                    if n:
                        counts[value] = n
            for value in selected.get(name, ()):
                counts.setdefault(value, 0)
            result[name] = counts
        return result


def _union(masks: dict[str, int], values: Sequence[str]) -> int:
    out = 0
    for value in values:
        out |= masks.get(value, 0)
    return out


def _ordered(masks: dict[str, int], order: Sequence[str]) -> dict[str, int]:
    known = {k: masks[k] for k in order if k in masks}
    return known | {k: v for k, v in masks.items() if k not in known}
