"""The library's search tables kept by appending (core/library/search_index.py) end exactly as a
full build of the same items writes them, after every step: rows, FTS hits, document
frequencies, bitmaps (tokens becoming dense, the threshold rising), pinyin and meta."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.library.search_index import append
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.model import Department, Item
from desktop_app.core.search.bigrams.index import build_search_index
from desktop_app.core.search.bigrams.tokens import match_expression
from desktop_app.core.store import item_from_row
from tests.library_helpers import import_file, metadata, stand_in_reader, write_source

WORDS = ["企业", "贴息", "补助", "专精特新", "技术改造", "县工信局", "担保", "人参", "扩岗",
         "研发投入", "小微", "一次性奖励", "厂房租金", "2026年", "500万元"]  # fmt: skip


def _items(rng: random.Random, doc: str, count: int) -> list[Item]:
    out = []
    for n in range(1, count + 1):
        text = "，".join(rng.choice(WORDS) + rng.choice("的和对按给予") for _ in range(8)) + "。"
        out.append(
            Item(
                id=f"{doc}-{n}",
                document_id=doc,
                seq=n,
                kind="measure",
                article=f"{n}.",
                locator=f"{n}.",
                path=[rng.choice(["一、加大扶持", "二、优化服务", "三、支持创新"])],
                title=rng.choice([None, rng.choice(WORDS) + "支持"]),
                text=text,
                departments=[Department(d, d) for d in [rng.choice(["县工信局", "县财政局"])]],
            )
        )
    return out


def _tables(conn: sqlite3.Connection) -> dict[str, Any]:
    out: dict[str, Any] = {
        table: [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        for table in ("search_docs", "search_vocab", "search_dense", "search_pinyin", "search_meta")
    }
    tokens = [t for (t,) in conn.execute("SELECT token FROM search_vocab") if "*" not in t]
    out["fts"] = {
        t: [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid",
                (match_expression(t),),
            )
        ]
        for t in tokens
    }
    return out


def _full(items: list[Item], dense_min: int) -> dict[str, Any]:
    conn = sqlite3.connect(":memory:")
    build_search_index(conn, items, dense_min=dense_min)
    return _tables(conn)


def test_appending_equals_a_full_build_at_every_step() -> None:
    rng = random.Random(14)
    conn = sqlite3.connect(":memory:")
    dense_min = 4  # small, so tokens become dense and the threshold rises within the test
    items = _items(rng, "imp-0001", 30)
    build_search_index(conn, items, dense_min=dense_min)
    thresholds = set()
    for n, size in enumerate([1, 40, 7, 90, 3, 160], start=2):
        new = _items(rng, f"imp-{n:04d}", size)
        assert append(conn, len(items), new, dense_min)
        items += new
        tables = _tables(conn)
        assert tables == _full(items, dense_min), f"after document {n}"
        thresholds.add(dict(tables["search_meta"])["dense_threshold"])
    assert len(thresholds) > 1  # the threshold rose on the way (bitmaps dropped and grown)


def test_tables_that_do_not_fit_are_left_for_a_rebuild() -> None:
    rng = random.Random(3)
    conn = sqlite3.connect(":memory:")
    items = _items(rng, "imp-0001", 10)
    assert not append(conn, 0, items, 4)  # no tables yet
    build_search_index(conn, items, dense_min=4)
    before = _tables(conn)
    assert not append(conn, 9, _items(rng, "imp-0002", 3), 4)  # not the items it holds
    conn.execute("UPDATE search_meta SET value = '0' WHERE key = 'version'")
    assert not append(conn, 10, _items(rng, "imp-0002", 3), 4)  # another index version
    conn.execute("UPDATE search_meta SET value = '1' WHERE key = 'version'")
    assert _tables(conn) == before  # nothing written


def test_library_writes_keep_the_index_equal_to_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through PolicyLibrary: imports append, a new version and a removal rebuild; the tables
    equal a full build of the library's items after each."""
    from desktop_app.core.search.bigrams import index

    rebuilds: list[int] = []

    def counted(conn: sqlite3.Connection, items: Any, **kw: Any) -> None:
        rebuilds.append(len(items))
        build_search_index(conn, items, **kw)

    monkeypatch.setattr(index, "build_search_index", counted)
    library = PolicyLibrary.open(tmp_path / "library.sqlite")
    rng = random.Random(5)

    def check() -> None:
        rows = library.conn.execute(
            "SELECT items.* FROM items JOIN documents ON documents.id = items.document_id "
            "ORDER BY documents.id, items.seq"
        )
        items = [item_from_row(r) for r in rows]
        assert _tables(library.conn) == _full(items, 32)

    try:
        stored = []
        for n in range(4):
            measures = [(f"{k}.", f"措施{n}-{k}", i.text) for k, i in
                        enumerate(_items(rng, "x", 25), 1)]  # fmt: skip
            reader = stand_in_reader(metadata(title=f"测试县措施{n}", doc_number=None), measures)
            path = write_source(tmp_path, f"doc{n}.txt", extra=str(n))
            stored.append(import_file(library, path, reader=reader).document)
            check()
        first = len(rebuilds)
        assert first <= 1  # at most the first import, into tables not yet written
        library.remove(stored[1].id)
        check()
        measures = [("1.", "新版措施", "对企业给予贴息补助。")]
        reader = stand_in_reader(metadata(title="测试县措施0", doc_number=None), measures)
        new_version = import_file(
            library, write_source(tmp_path, "doc0-v2.txt", extra="v2"), reader=reader
        )
        assert new_version.replaced_version == 1
        check()
        assert len(rebuilds) == first + 2  # the removal and the new version rebuilt
    finally:
        library.close()
