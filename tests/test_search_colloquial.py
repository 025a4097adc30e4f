"""Search by what people mean: colloquial words, questions, and fallback pieces that are words.

tests/data/colloquial_queries.yaml holds how owners and officials ask (written from the counter,
not from the texts) and the measures each must find among the first five results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop_app.core.search import SearchEngine, SearchFilters
from desktop_app.core.search.colloquial import load_colloquial
from desktop_app.core.search.normalize import normalize_text
from desktop_app.core.store import PolicyStore
from tests.search_helpers import item_fields

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "colloquial_queries.yaml").read_text(encoding="utf-8")
)
PASS_RATE = 0.95


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store)


def _passes(engine: SearchEngine, case: dict[str, Any]) -> bool:
    ids = [h.item_id for h in engine.search(case["q"], limit=5).hits]
    every = all(i in ids for i in case.get("top5", []))
    some = not case.get("any5") or any(i in ids for i in case["any5"])
    return every and some


def test_enough_colloquial_queries() -> None:
    assert len(CASES) >= 100
    assert len({c["q"] for c in CASES}) == len(CASES)
    assert all(c.get("top5") or c.get("any5") for c in CASES)


def test_expected_measures_exist(store: PolicyStore) -> None:
    ids = {item.id for item in store.all_items()}
    for case in CASES:
        assert set(case.get("top5", []) + case.get("any5", [])) <= ids, case["q"]


def test_colloquial_queries_find_their_measures(engine: SearchEngine) -> None:
    failed = [c["q"] for c in CASES if not _passes(engine, c)]
    rate = 1 - len(failed) / len(CASES)
    print(f"colloquial queries: {len(CASES) - len(failed)}/{len(CASES)} pass; failing: {failed}")
    assert rate >= PASS_RATE, failed


def test_every_expansion_target_occurs_in_the_texts(store: PolicyStore) -> None:
    """An expansion never promises a word the texts do not hold."""
    texts = ["\n".join(item_fields(item)) for item in store.all_items()]
    colloquial = load_colloquial()
    missing = [
        (word, target)
        for word, targets in colloquial.expansions.items()
        for target in targets
        if not any(target in t for t in texts)
    ]
    assert not missing
    assert normalize_text("贴息") in colloquial.expand(normalize_text("利息补贴"))


def test_a_piece_across_a_word_boundary_is_not_a_word(engine: SearchEngine) -> None:
    """无人机 holds 人机, which occurs only inside 法人机构: nothing is found, nothing is
    suggested, and the result says the word was left out."""
    result = engine.search("无人机")
    assert result.total == 0
    assert "人机" not in result.suggestions
    assert result.dropped == ["无人机"]
    filtered = engine.search("无人机", SearchFilters(region_code="350200"))
    assert "人机" not in filtered.suggestions and filtered.total == 0


def test_dropped_word_is_reported_and_the_rest_searched(engine: SearchEngine) -> None:
    result = engine.search("无人机 贷款", limit=10)
    assert result.fallback and result.total > 0
    assert result.dropped == ["无人机"]
    assert "贷款" in result.pieces
    assert all("法人机构" not in h.snippet for h in result.hits)


def test_question_words_are_stripped_silently(engine: SearchEngine) -> None:
    result = engine.search("招人有补贴吗", limit=5)
    assert result.fallback
    assert result.dropped == []  # 有 and 吗 carry no meaning: not reported as left out
    assert set(result.pieces) == {"招人", "补贴"}
    assert "xm-30" in [h.item_id for h in result.hits]


def test_items_holding_every_meaning_rank_first(engine: SearchEngine, store: PolicyStore) -> None:
    """小巨人奖励多少: every hit above an item holding only one of the two meanings holds both."""
    result = engine.search("小巨人奖励多少", limit=50)
    reward = ["奖励", "补贴", "补助", "奖补", "资助"]
    both = [
        ("小巨人" in h.matched_terms) and any(w in h.matched_terms for w in reward)
        for h in result.hits
    ]
    assert both[0]
    first_partial = both.index(False)
    assert not any(both[first_partial:])


def test_colloquial_word_matches_below_the_typed_word(engine: SearchEngine) -> None:
    """房租 occurs once as typed; items that only say 低成本厂房 come after it."""
    hits = engine.search("房租", limit=10).hits
    assert hits[0].exact
    assert any(h.item_id == "xm-34" and not h.exact for h in hits)


def test_long_questions_stay_fast(engine: SearchEngine) -> None:
    result = engine.search("请问我们公司招人有没有补贴，小巨人奖励多少，贷款利息能补吗？")
    assert result.total > 0
