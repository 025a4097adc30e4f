"""Real queries must return the measures that answer them near the top (data/relevance.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop_app.core.search import SearchEngine
from desktop_app.core.search.normalize import normalize_text
from desktop_app.core.store import PolicyStore
from tests.search_helpers import item_fields

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "relevance.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store)


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_relevance(engine: SearchEngine, store: PolicyStore, case: dict[str, Any]) -> None:
    result = engine.search(case["query"], limit=10)
    top = [h.item_id for h in result.hits]
    if "first" in case:
        assert top[:1] == [case["first"]], top
    for item_id in case.get("top10", []):
        assert item_id in top, (item_id, top)
    if "top10_all_contain" in case:
        word = normalize_text(case["top10_all_contain"])
        assert top
        for item_id in top:
            item = store.item(item_id)
            assert item is not None and any(word in f for f in item_fields(item)), item_id
    assert result.fallback == case.get("fallback", False)


def test_expected_ids_exist(store: PolicyStore) -> None:
    known = {i.id for i in store.all_items()}
    for case in CASES:
        for item_id in [case.get("first"), *case.get("top10", [])]:
            assert item_id is None or item_id in known, item_id


def test_exact_matches_rank_above_synonym_matches(engine: SearchEngine) -> None:
    result = engine.search("补贴", limit=engine.size)
    flags = [h.exact for h in result.hits]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)  # all exact hits first
    assert all("补贴" in h.matched_terms for h in result.hits if h.exact)


def test_heading_matches_rank_above_text_matches(engine: SearchEngine, store: PolicyStore) -> None:
    result = engine.search("融资", limit=engine.size)
    in_heading = []
    for hit in result.hits:
        item = store.item(hit.item_id)
        assert item is not None
        heads = normalize_text((item.title or "") + "".join(item.path))
        # a synonym in a heading counts as a heading match too
        in_heading.append(any(w in heads for w in ("融资", "贷款", "信贷")))
    # among exact hits, every heading match comes before every text-only match
    exact_flags = [flag for hit, flag in zip(result.hits, in_heading, strict=True) if hit.exact]
    assert True in exact_flags and False in exact_flags
    assert exact_flags == sorted(exact_flags, reverse=True)


def test_empty_query_lists_everything_in_document_order(
    engine: SearchEngine, store: PolicyStore
) -> None:
    result = engine.search("", limit=engine.size)
    assert [h.item_id for h in result.hits] == [i.id for i in store.all_items()]
    assert result.total == len(store.all_items()) == 277
    assert result.facets["document"]["xm"] == 50
    assert engine.search("  ，  ").total == 277  # nothing searchable typed yet


def test_fallback_pieces_and_suggestions(engine: SearchEngine) -> None:
    result = engine.search("小微企业贷款贴息", limit=5)
    assert result.fallback
    assert result.hits[0].item_id == "xm-26"
    assert {"小微企业贷款", "贴息"} <= set(result.suggestions)
    assert {"小微企业贷款", "贴息"} <= set(result.hits[0].matched_terms)


def test_no_hit_gives_empty_list(engine: SearchEngine) -> None:
    result = engine.search("量子纠缠通信卫星发射")
    assert result.total == 0 or result.fallback
    nothing = engine.search("😀😀")
    assert nothing.total == 0 and nothing.hits == [] and not nothing.fallback


def test_synonym_found_when_word_absent(engine: SearchEngine) -> None:
    result = engine.search("小型微型企业贷款", limit=50)
    assert result.total > 0 and not result.fallback  # via 小微企业贷款 / 融资 / 信贷
    assert not any(h.exact for h in result.hits)


def test_highlights_point_at_original_characters(engine: SearchEngine, store: PolicyStore) -> None:
    hit = engine.search("首台套").hits[0]
    item = store.item(hit.item_id)
    assert item is not None
    assert [item.text[s:e] for s, e in hit.text_highlights] == ["首台（套）"]
    assert [hit.snippet[s:e] for s, e in hit.snippet_highlights] == ["首台（套）"]
    assert hit.matched_terms == ["首台（套）"]
    assert len(hit.snippet) <= 82


def test_snippet_starts_near_the_first_match(engine: SearchEngine, store: PolicyStore) -> None:
    hit = next(h for h in engine.search("预留", limit=10).hits if h.item_id == "xm-42")
    assert hit.snippet.startswith("…") and hit.snippet_highlights
    start, end = hit.snippet_highlights[0]
    assert hit.snippet[start:end] == "预留"
    item = store.item("xm-42")
    assert item is not None
    assert all(item.text[s:e] == "预留" for s, e in hit.text_highlights)


def test_title_highlights(engine: SearchEngine) -> None:
    hit = next(h for h in engine.search("融资成本").hits if h.item_id == "yj2020-9")
    assert [hit.title[s:e] for s, e in hit.title_highlights] == ["融资成本"]
