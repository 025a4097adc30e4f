"""Ground truth for search tests: plain substring checks over the normalized fields."""

from __future__ import annotations

from desktop_app.core.model import Item
from desktop_app.core.search import SearchEngine, SearchFilters
from desktop_app.core.search.normalize import normalize_text


def item_fields(item: Item) -> list[str]:
    fields = [item.title or "", *item.path, item.text, *(d.name for d in item.departments)]
    return [normalize_text(f) for f in fields]


def truth(items: list[Item], words: list[str]) -> set[str]:
    """Items where every word (normalized, or one of its given forms) is a substring of one
    of the item's fields."""
    fields = {item.id: item_fields(item) for item in items}
    return {
        item_id for item_id, fs in fields.items() if all(any(w in f for f in fs) for w in words)
    }


def hit_ids(engine: SearchEngine, query: str, filters: SearchFilters | None = None) -> set[str]:
    result = engine.search(query, filters, limit=engine.size)
    ids = {h.item_id for h in result.hits}
    assert len(ids) == result.total
    return ids


def word_truth(items: list[Item], query: str) -> set[str]:
    """Items a single query word matches: it, one of its synonyms or one of its colloquial
    expansions (with theirs) is a substring."""
    from desktop_app.core.search.colloquial import load_colloquial
    from desktop_app.core.search.synonyms import SynonymTable, load_groups

    norm = normalize_text(query)
    table = SynonymTable(load_groups())
    forms = [norm, *table.variants(norm)]
    for target in load_colloquial().expand(norm):
        forms += [target, *table.variants(target)]
    fields = {item.id: item_fields(item) for item in items}
    return {i for i, fs in fields.items() if any(w in f for w in forms for f in fs)}
