"""Any input is safe: results or an empty list, never an exception (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.search import SearchEngine, SearchFilters
from desktop_app.core.store import PolicyStore

HOSTILE = [
    '"加计', '"', "'", "*", "贴息*", "AND", "OR", "NEAR", "NOT", "贴息 AND 担保", "贴息 OR",
    "NEAR(贴息 担保)", "(", ")", "[", "{title}: 贴息", "title:贴息", "^贴息", "-", "--",
    "\x00", "\x1b[31m", "😀", "👨‍👩‍👧", "\ud800", "\u200b", "贴\u0000息", "　", "\t\n",
    "贴息" * 5000, "a" * 10000, " ".join(["担保"] * 200), "%", "_", "\\", "%贴%",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store)


def _check(engine: SearchEngine, query: str, filters: SearchFilters | None = None) -> None:
    result = engine.search(query, filters, limit=30)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        item = engine.store.item(hit.item_id)
        assert item is not None
        for start, end in hit.snippet_highlights:
            assert 0 <= start < end <= len(hit.snippet)
        for start, end in hit.text_highlights:
            assert 0 <= start < end <= len(item.text)
        for start, end in hit.title_highlights:
            assert 0 <= start < end <= len(hit.title)


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries(engine: SearchEngine, query: str) -> None:
    _check(engine, query)


def test_ten_thousand_character_paste(engine: SearchEngine, store: PolicyStore) -> None:
    text = "".join(i.text for i in store.all_items())[:10_000]
    _check(engine, text)
    result = engine.search(text)
    assert result.total >= 0


def test_unquoted_fts_syntax_is_literal(engine: SearchEngine) -> None:
    # "贴息" quoted, starred or with operators still finds the 贴息 items
    plain = {h.item_id for h in engine.search("贴息", limit=50).hits}
    for query in ['"贴息"', "贴息*", "贴息 AND", "(贴息)"]:
        assert {h.item_id for h in engine.search(query, limit=50).hits} == plain


def test_bad_arguments_do_not_raise(engine: SearchEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", False)
    result = engine.search(None, limit=-5, offset=-3)  # type: ignore[arg-type]
    assert result.total == engine.size and result.hits == []
    assert engine.search("贴息", SearchFilters(region_code="not a code")).total == 0


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_text(engine: SearchEngine, query: str) -> None:
    _check(engine, query)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from([*'贴息担保企业补"*() 　，、', "AND", "OR", "NEAR", "专精特新", "zjtx"]),
        max_size=8,
    ).map("".join),
    st.builds(
        SearchFilters,
        region_code=st.sampled_from([None, "350203", "350400", "130100", "512002", "999999"]),
        document_ids=st.lists(st.sampled_from(["xm", "sm", "fj2019", "nope"]), max_size=2).map(
            tuple
        ),
        levels=st.lists(st.sampled_from(["省", "市", "区县"]), max_size=2).map(tuple),
        enterprise_facing_only=st.booleans(),
        valid_only=st.booleans(),
        has_amount=st.booleans(),
    ),
    st.integers(0, 300),
    st.integers(0, 300),
)
def test_any_query_with_filters(
    engine: SearchEngine, query: str, filters: SearchFilters, limit: int, offset: int
) -> None:
    result = engine.search(query, filters, limit=limit, offset=offset)
    assert len(result.hits) == max(0, min(limit, result.total - offset))
