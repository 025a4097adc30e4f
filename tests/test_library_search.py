"""Bundled and imported items together: search equals substring truth over both, filters and
facets see imported documents, the union survives a rebuild and an upgrade of the bundled
database, and an imported item is gone from search once removed."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.build_db import build_database
from desktop_app.core.library.combined import CombinedStore, with_library
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.search import SearchEngine, SearchFilters
from desktop_app.core.store import PolicyStore
from tests.library_helpers import import_file, metadata, stand_in_reader, write_source
from tests.search_helpers import hit_ids, item_fields, word_truth

QUERIES = [
    "贴息",
    "人参",
    "柳河",
    "扩岗补助",
    "县工信局",
    "企业",
    "1500",
    "小微企业贷款贴息",
    "政策措施",
]


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture
def combined(policy_db_path: Path, tmp_path: Path) -> Iterator[CombinedStore]:
    library = PolicyLibrary.open(tmp_path / "library.sqlite")
    import_file(library, write_source(tmp_path))
    other = stand_in_reader(
        metadata(title="厦门市稳岗措施", doc_number=None, region_code="350203", level="区县"),
        [("1.", "稳岗返还", "对不裁员的企业返还失业保险费。"), ("2.", "贴息", "担保贷款贴息。")],
    )
    import_file(library, write_source(tmp_path, "xm.txt", "厦门"), reader=other)
    store = CombinedStore(PolicyStore.open(policy_db_path), library)
    yield store
    store.close()


def test_search_equals_substring_truth_over_bundled_and_imported(combined: CombinedStore) -> None:
    engine = SearchEngine(combined)
    items = combined.all_items()
    assert engine.size == len(items) and any(i.id.startswith("imp-") for i in items)
    for query in QUERIES:
        found = hit_ids(engine, query)
        if engine.search(query).fallback:
            continue  # no item has the whole word: ranked partial matches, checked elsewhere
        assert found == word_truth(items, query), query
    assert "imp-0001-2" in hit_ids(engine, "贴息")
    assert hit_ids(engine, "人参") == {"imp-0001-3"}


def test_random_substrings_of_imported_items_equal_truth(combined: CombinedStore) -> None:
    engine = SearchEngine(combined)
    items = combined.all_items()
    imported = [i for i in items if i.id.startswith("imp-")]

    @st.composite
    def substrings(draw: st.DrawFn) -> str:
        fields = [f for f in item_fields(draw(st.sampled_from(imported))) if f]
        field = draw(st.sampled_from(fields))
        start = draw(st.integers(0, max(0, len(field) - 1)))
        return str(field[start : start + draw(st.integers(1, 4))])

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(substrings())
    def check(word: str) -> None:
        result = engine.search(word, limit=engine.size)
        if not word.strip() or result.fallback:
            return
        assert {h.item_id for h in result.hits} == word_truth(items, word), word

    check()


def test_filters_and_facets_cover_imported_documents(combined: CombinedStore) -> None:
    engine = SearchEngine(combined)
    result = engine.search("贴息", SearchFilters(region_code="220524"))
    ids = {h.item_id for h in result.hits}
    assert "imp-0001-2" in ids and "imp-0002-3" not in ids
    assert result.facets["document"]["imp-0001"] == 1
    in_xiamen = {h.item_id for h in engine.search("贴息", SearchFilters(region_code="350203")).hits}
    assert "imp-0002-3" in in_xiamen and "imp-0001-2" not in in_xiamen
    only = engine.search("", SearchFilters(document_ids=("imp-0002",)), limit=50)
    assert {h.item_id for h in only.hits} == {"imp-0002-1", "imp-0002-2", "imp-0002-3"}


def test_reader_citation_and_show_cover_imported_items(combined: CombinedStore) -> None:
    item = combined.item("imp-0001-2")
    assert item is not None and combined.document("imp-0001") is not None
    assert (
        combined.citation(item)
        == "《柳河县支持中小企业发展若干措施》（柳政发〔2026〕3号）第（一）条"
    )
    assert "若干措施" in (combined.document_text("imp-0001") or "")
    assert next(i.id for i in combined.items("imp-0001")) == "imp-0001-1"
    assert combined.item("xm-30") is not None  # bundled still there


def test_removed_document_is_no_longer_found(combined: CombinedStore) -> None:
    combined.library.remove("imp-0001")
    combined.refresh()
    engine = SearchEngine(combined)
    assert not any(i.startswith("imp-0001") for i in hit_ids(engine, "贴息"))
    assert hit_ids(engine, "人参") == set()
    assert combined.item("imp-0001-2") is None


def test_imports_survive_a_rebuild_and_an_upgrade_of_the_bundled_database(
    policy_db_path: Path, tmp_path: Path
) -> None:
    bundled_path = tmp_path / "bundle" / "policies.sqlite"
    bundled_path.parent.mkdir()
    shutil.copy(policy_db_path, bundled_path)
    library_path = tmp_path / "home" / "library.sqlite"
    library = PolicyLibrary.open(library_path)
    import_file(library, write_source(tmp_path))
    library.close()

    build_database(bundled_path)  # the user rebuilds the bundled database
    store, message = with_library(PolicyStore.open(bundled_path), library_path)
    assert message is None
    assert hit_ids(SearchEngine(store), "人参") == {"imp-0001-3"}
    store.close()

    # An upgrade ships another bundled database (a new data version, one document fewer).
    conn = sqlite3.connect(bundled_path)
    conn.execute("UPDATE meta SET value = 'next-release' WHERE key = 'data_version'")
    for table in ("benefits",):
        conn.execute(f"DELETE FROM {table} WHERE item_id LIKE 'hb2019-%'")
    conn.execute("DELETE FROM items WHERE document_id = 'hb2019'")
    conn.execute("DELETE FROM documents WHERE id = 'hb2019'")
    conn.commit()
    conn.close()
    store, _ = with_library(PolicyStore.open(bundled_path), library_path)
    assert store.meta()["data_version"] == "next-release"
    engine = SearchEngine(store)  # the new bundle has no current index: built in memory
    assert hit_ids(engine, "人参") == {"imp-0001-3"}
    assert store.document("hb2019") is None and store.document("imp-0001") is not None
    ids = [i.id for i in store.all_items()]
    assert len(ids) == len(set(ids))
    store.close()


def test_imported_ids_never_clash_with_bundled_ones(store: PolicyStore) -> None:
    assert not any(d.id.startswith("imp-") for d in store.documents())
    assert not any(i.id.startswith("imp-") for i in store.all_items())
