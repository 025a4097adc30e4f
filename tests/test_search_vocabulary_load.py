"""The search vocabulary (11,000 tokens for the bundle) is read on the first word looked up,
not at start-up: the first list, every item in document order, needs none of it. Warming up
reads it ahead of the first keystroke; either way a search finds the same."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.search import SearchEngine
from desktop_app.core.services import PolicyData
from desktop_app.core.store import PolicyStore


def _loaded(engine: SearchEngine) -> list[bool]:
    return [segment._vocab is not None for segment in engine._sources]


def _ids(engine: SearchEngine, query: str) -> list[str]:
    return [hit.item_id for hit in engine.search(query, limit=200).hits]


def test_the_first_list_reads_no_vocabulary_and_a_word_reads_it(store: PolicyStore) -> None:
    engine = SearchEngine(store)
    assert _loaded(engine) == [False]
    everything = engine.search("", limit=500)
    assert everything.total == len(store.all_items()) and _loaded(engine) == [False]
    lazy = _ids(engine, "贴息")
    assert lazy and _loaded(engine) == [True]
    assert engine._sources[0].vocab["all"]  # the bundle's tokens, with document frequencies
    warmed = SearchEngine(store)
    warmed.warm_up()
    assert _loaded(warmed) == [True]
    assert _ids(warmed, "贴息") == lazy and _ids(warmed, "无人机") == _ids(engine, "无人机")


def test_warm_up_after_start_reads_it(policy_db_path: Path) -> None:
    data = PolicyData.open(policy_db_path)
    try:
        engine = data.search_engine()
        assert _loaded(engine) == [False]
        data.warm_up()
        assert all(_loaded(engine))
    finally:
        data.close()
