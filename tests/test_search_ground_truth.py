"""Search results equal substring ground truth, through FTS and through the dense bitmaps."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.search import SearchEngine
from desktop_app.core.search.bigrams.index import build_search_index
from desktop_app.core.search.colloquial import load_colloquial
from desktop_app.core.search.normalize import normalize_text
from desktop_app.core.search.synonyms import SynonymTable, load_groups
from desktop_app.core.store import PolicyStore
from tests.search_helpers import hit_ids, item_fields, truth

FIXED = [
    "企", "贴", "息", "%", "1", "万", "贴息", "担保", "补贴", "融资", "企业", "中小",
    "专精特新", "首台套", "小微企业", "政府采购", "扩岗补助", "2019", "16-24", "ｘｍ",
    "市工信局", "人民政府", "（十）", "小巨人", "〇",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store)


@pytest.fixture(scope="module")
def dense_engine(
    policy_db_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """Every token dense: the bitmap path, with Python verification for 3+ characters."""
    path = tmp_path_factory.mktemp("dense") / "policies.sqlite"
    shutil.copy(policy_db_path, path)
    conn = sqlite3.connect(path)
    build_search_index(conn, PolicyStore(conn).all_items(), dense_min=1)
    conn.commit()
    conn.close()
    store = PolicyStore.open(path)
    yield SearchEngine(store)
    store.close()


@pytest.fixture(scope="module")
def combined(
    policy_db_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PolicyStore]:
    """The bundled items followed by an imported document's, each with its own index."""
    from desktop_app.core.library.combined import CombinedStore
    from desktop_app.core.library.store import PolicyLibrary
    from tests.library_helpers import import_file, write_source

    folder = tmp_path_factory.mktemp("library")
    library = PolicyLibrary.open(folder / "library.sqlite")
    import_file(library, write_source(folder))
    store = CombinedStore(PolicyStore.open(policy_db_path), library)
    yield store
    store.close()


@pytest.fixture(scope="module")
def combined_engine(combined: PolicyStore) -> SearchEngine:
    return SearchEngine(combined)


def _forms(query: str) -> list[str]:
    """The query, its synonym forms and its colloquial expansions with theirs (what a single
    word legitimately matches)."""
    norm = normalize_text(query)
    table = SynonymTable(load_groups())
    forms = [norm, *table.variants(norm)]
    for target in load_colloquial().expand(norm):
        forms += [target, *table.variants(target)]
    return forms


def _expected(items: list, query: str) -> set[str]:
    forms = _forms(query)
    fields = {item.id: item_fields(item) for item in items}
    return {i for i, fs in fields.items() if any(w in f for w in forms for f in fs)}


@pytest.mark.parametrize("query", FIXED)
def test_fixed_queries_equal_substring_truth(
    engine: SearchEngine, dense_engine: SearchEngine, store: PolicyStore, query: str
) -> None:
    expected = _expected(store.all_items(), query)
    assert hit_ids(engine, query) == expected
    assert hit_ids(dense_engine, query) == expected


@pytest.mark.parametrize("query", [*FIXED, "人参", "柳河", "扩岗"])
def test_fixed_queries_with_imported_items_equal_substring_truth(
    combined_engine: SearchEngine, combined: PolicyStore, query: str
) -> None:
    items = combined.all_items()
    assert hit_ids(combined_engine, query) == _expected(items, query)


def test_several_words_must_all_match(engine: SearchEngine, store: PolicyStore) -> None:
    ids = hit_ids(engine, "政府采购 预留")
    assert ids == truth(store.all_items(), ["政府采购", "预留"])
    assert ids == {"xm-42", "sm-2-3-3", "yj2020-14"}


def test_dense_index_has_bitmaps(dense_engine: SearchEngine) -> None:
    assert dense_engine._dense  # the path under test is really taken


@st.composite
def corpus_substrings(draw: st.DrawFn, items: list) -> str:
    item = draw(st.sampled_from(items))
    fields = [f for f in item_fields(item) if f]
    field = draw(st.sampled_from(fields))
    length = draw(st.integers(1, 4))
    start = draw(st.integers(0, max(0, len(field) - 1)))
    return str(field[start : start + length])


def test_random_substrings_equal_truth(
    engine: SearchEngine, dense_engine: SearchEngine, store: PolicyStore
) -> None:
    items = store.all_items()

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus_substrings(items))
    def check(query: str) -> None:
        if query.isascii() and query.isalpha():
            return  # letters are also tried as pinyin: covered in test_search_pinyin
        expected = _expected(items, query)
        assert hit_ids(engine, query) == expected
        assert hit_ids(dense_engine, query) == expected

    check()
