"""Filters and facet counts, checked against brute force over the items."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core import validity
from desktop_app.core.model import Item
from desktop_app.core.search import SearchEngine, SearchFilters, bitset
from desktop_app.core.store import PolicyStore
from tests.search_helpers import hit_ids, truth


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


AMOUNTS = frozenset({"xm-30", "xm-3", "sm-2-2-2"})


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store, amount_item_ids=AMOUNTS)


def _docs(store: PolicyStore, ids: set[str]) -> set[str]:
    return {i.id for i in store.all_items() if i.document_id in ids}


def test_region_finds_own_city_and_province(engine: SearchEngine, store: PolicyStore) -> None:
    # an enterprise in 厦门市思明区: Fujian's plan and Xiamen's table, not Sanming's
    assert hit_ids(engine, "", SearchFilters(region_code="350203")) == _docs(
        store, {"fj2019", "xm"}
    )
    # Xiamen's table applies province-wide (scope 350000), Sanming's plan in Sanming only
    assert hit_ids(engine, "", SearchFilters(region_code="350404")) == _docs(
        store, {"fj2019", "xm", "sm"}
    )
    assert hit_ids(engine, "", SearchFilters(region_code="512002")) == _docs(store, {"yj2020"})
    assert hit_ids(engine, "", SearchFilters(region_code="130100")) == _docs(store, {"hb2019"})


def test_region_includes_documents_of_places_inside_it(
    engine: SearchEngine, store: PolicyStore
) -> None:
    # 福建省 picked in the filter: the province's documents and Sanming's plan (in Fujian)
    assert hit_ids(engine, "", SearchFilters(region_code="350000")) == _docs(
        store, {"fj2019", "xm", "sm"}
    )
    assert hit_ids(engine, "", SearchFilters(region_code="510000")) == _docs(store, {"yj2020"})
    assert hit_ids(engine, "", SearchFilters(region_code="440000")) == set()


def test_filters_match_brute_force(engine: SearchEngine, store: PolicyStore) -> None:
    items = store.all_items()
    docs = {d.id: d for d in store.documents()}
    on = date(2023, 6, 1)
    filters = SearchFilters(
        levels=("省", "市"),
        categories=("融资信贷", "资金奖补"),
        enterprise_facing_only=True,
        as_of=on,
        valid_only=True,
    )

    def keep(i: Item) -> bool:
        d = docs[i.document_id]
        return (
            d.level in filters.levels
            and i.category in filters.categories
            and i.enterprise_facing
            and validity.validity_on(d, on).applicable
        )

    expected = {i.id for i in items if keep(i)} & truth(items, ["企业"])
    assert hit_ids(engine, "企业", filters) == expected
    assert expected


def test_department_and_document_filters(engine: SearchEngine, store: PolicyStore) -> None:
    items = store.all_items()
    ids = hit_ids(engine, "", SearchFilters(departments=("市人社局",), document_ids=("xm",)))
    assert ids == {
        i.id
        for i in items
        if i.document_id == "xm" and "市人社局" in {d.name for d in i.departments}
    }
    assert "xm-30" in ids


def test_has_amount(engine: SearchEngine, store: PolicyStore) -> None:
    assert hit_ids(engine, "", SearchFilters(has_amount=True)) == set(AMOUNTS)
    assert SearchEngine(store).search("", SearchFilters(has_amount=True)).total == 0


def test_draft_excluded_when_valid_only(engine: SearchEngine) -> None:
    ids = hit_ids(engine, "专精特新", SearchFilters(as_of=date(2023, 1, 1), valid_only=True))
    assert ids and not any(i.startswith("sm-") for i in ids)
    facets = engine.search("专精特新", SearchFilters(as_of=date(2023, 1, 1))).facets
    assert facets["validity"]["draft"] > 0


def test_facets_count_as_if_own_filter_were_off(engine: SearchEngine, store: PolicyStore) -> None:
    items = store.all_items()
    docs = {d.id: d for d in store.documents()}
    filters = SearchFilters(document_ids=("xm",), categories=("融资信贷",))
    result = engine.search("企业", filters)
    matched = [i for i in items if i.id in truth(items, ["企业"])]
    in_cat = [i for i in matched if i.category == "融资信贷"]
    in_doc = [i for i in matched if i.document_id == "xm"]
    both = [i for i in in_doc if i.category == "融资信贷"]
    assert result.total == len(both)
    assert result.facets["document"] == _count(i.document_id for i in in_cat)
    assert result.facets["category"] == _count(i.category for i in in_doc)
    assert result.facets["level"] == _count(docs[i.document_id].level for i in both)
    depts = _count(name for i in both for name in {d.name for d in i.departments})
    assert result.facets["department"] == depts
    assert result.facets["enterprise_facing"] == _count(
        "true" if i.enterprise_facing else "false" for i in both
    )


def test_selected_value_without_matches_is_listed(engine: SearchEngine) -> None:
    result = engine.search("扩岗", SearchFilters(document_ids=("sm",)))
    assert result.total == 0
    assert result.facets["document"] == {"xm": 3, "sm": 0}


def _count(values: object) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:  # type: ignore[attr-defined]
        out[v] = out.get(v, 0) + 1
    return out


def test_weighted_groups_brute_force() -> None:
    masks = [(0b101101, 4), (0b011011, 2), (0b110001, 1), (0b000111, 3)]
    universe = 0b111111
    groups = bitset.weighted_groups(masks, universe)
    scores = {i: sum(w for m, w in masks if m >> i & 1) for i in range(6)}
    assert [s for s, _ in groups] == sorted({*scores.values()}, reverse=True)
    for score, mask in groups:
        assert set(bitset.iter_bits(mask)) == {i for i, s in scores.items() if s == score}


def test_index_missing_is_built_in_memory(
    policy_db_path: Path, tmp_path: Path, store: PolicyStore, engine: SearchEngine
) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(policy_db_path, path)
    conn = sqlite3.connect(path)
    for table in ("search_meta", "search_docs", "search_fts", "search_vocab", "search_dense"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE search_pinyin")
    conn.commit()
    conn.close()
    old = PolicyStore.open(path)
    try:
        rebuilt = SearchEngine(old)
        for query in ["贴息", "zjtx", "政府采购 预留", "小微企业贷款贴息"]:
            assert [h.item_id for h in rebuilt.search(query).hits] == [
                h.item_id for h in engine.search(query).hits
            ]
    finally:
        old.close()
