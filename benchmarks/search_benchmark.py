"""Search benchmark: synthetic corpora of 10,000 and 100,000 measures, one command.

    .venv/bin/python benchmarks/search_benchmark.py [--sizes 10000 100000] [--repeat 15]

Measures are made from the real ones: each copies a real item's document, headings, title,
departments and category, and gets a text of 2-4 clauses drawn from all real texts, so word
frequencies look like the real corpus. For a fixed query mix (1-, 2-, 4-character words,
several words, no-hit words, with filters) it reports p50/p95 latency of

* engine  SearchEngine.search(query, filters, limit=20): total, facets, ranking, snippets
* floor   a bare FTS5 MATCH of the same words on the same bigram index, ORDER BY rank LIMIT 20
* naive   a LIKE scan of the items table for all matching rows

and checks that the engine's hit sets equal substring ground truth. Corpora go to a temp dir.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlite_utils

from desktop_app import paths
from desktop_app.core.build_db import _document_row, _item_row, ensure_policy_db
from desktop_app.core.model import Item
from desktop_app.core.search import SearchEngine, SearchFilters
from desktop_app.core.search.bigrams.index import build_search_index
from desktop_app.core.search.bigrams.tokens import match_expression
from desktop_app.core.search.query import parse
from desktop_app.core.search.synonyms import SynonymTable, load_groups
from desktop_app.core.store import PolicyStore

QUERIES: list[tuple[str, str, SearchFilters | None]] = [
    ("1 字", "企", None),
    ("1 字", "息", None),
    ("1 字", "贴", None),
    ("2 字", "贴息", None),
    ("2 字", "担保", None),
    ("2 字", "企业", None),
    ("2 字", "补贴", None),
    ("4 字", "专精特新", None),
    ("4 字", "小微企业", None),
    ("4 字", "中小企业", None),
    ("4 字", "政府采购", None),
    ("多词", "政府采购 预留", None),
    ("多词", "专精特新 小巨人", None),
    ("多词", "融资 担保 银行", None),
    ("无结果", "量子纠缠", None),
    ("无结果", "区块链挖矿补贴", None),
    ("筛选", "贴息", SearchFilters(region_code="350203")),
    ("筛选", "企业", SearchFilters(levels=("省",), enterprise_facing_only=True)),
    ("筛选", "担保", SearchFilters(as_of=date(2023, 6, 1), valid_only=True)),
    ("拼音", "zjtx", None),
]
_CLAUSE = re.compile(r"(?<=[，。；])")


def synthetic_items(real: list[Item], size: int, seed: int = 7) -> list[Item]:
    rng = random.Random(seed)
    clauses = [c for item in real for c in _CLAUSE.split(item.text) if len(c) > 3]
    out: list[Item] = []
    for n in range(size):
        template = rng.choice(real)
        text = "".join(rng.choice(clauses) for _ in range(rng.randint(2, 4)))
        out.append(replace(template, id=f"{template.document_id}-s{n}", seq=n + 1, text=text))
    return out


def write_corpus(real_store: PolicyStore, items: list[Item], path: Path) -> float:
    """The synthetic database; returns the seconds the search index took to build."""
    conn = sqlite3.connect(path)
    conn.executescript((paths.curated_dir() / "schema.sql").read_text(encoding="utf-8"))
    db = sqlite_utils.Database(conn)
    docs = real_store.documents()
    db.table("documents").insert_all(
        _document_row(d, real_store.document_text(d.id) or "") for d in docs
    )
    db.table("items").insert_all(_item_row(i) for i in items)
    db.table("meta").insert_all([{"key": "data_version", "value": "benchmark"}])
    started = time.perf_counter()
    build_search_index(conn, items)
    conn.commit()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def floor_query(conn: sqlite3.Connection, query: str) -> list[int]:
    words = parse(query)
    if not words:
        return []
    expr = " AND ".join(f"({match_expression(w.norm)})" for w in words)
    sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 20"
    return [r for (r,) in conn.execute(sql, (expr,))]


def naive_query(conn: sqlite3.Connection, query: str) -> list[str]:
    words = [w for w in query.split() if w]
    where = " AND ".join("(title || path || text || departments) LIKE ?" for _ in words)
    sql = f"SELECT id FROM items WHERE coalesce({where or '1'}, 0)"
    return [r for (r,) in conn.execute(sql, [f"%{w}%" for w in words])]


def ground_truth(engine: SearchEngine, query: str) -> set[str]:
    table = SynonymTable(load_groups())
    words = [w.norm for w in parse(query)]
    forms = [[w, *table.variants(w)] for w in words]
    texts = engine._all_texts
    return {
        engine._items[i].id
        for i, text in enumerate(texts)
        if all(any(f in text for f in fs) for fs in forms)
    }


def timed(fn: object, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples[1:]  # the first run warms caches


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(size: int, repeat: int, real_store: PolicyStore, tmp: Path) -> None:
    items = synthetic_items(real_store.all_items(), size)
    path = tmp / f"corpus-{size}.sqlite"
    build_s = write_corpus(real_store, items, path)
    store = PolicyStore.open(path)
    started = time.perf_counter()
    engine = SearchEngine(store)
    load_s = time.perf_counter() - started
    print(
        f"\n## {size:,} measures — index build {build_s:.1f} s, engine load {load_s:.1f} s,"
        f" database {path.stat().st_size / 1e6:.0f} MB"
    )
    print(
        f"{'kind':<6} {'query':<18} {'hits':>7}  {'engine p50/p95':>15}  "
        f"{'floor p50/p95':>15}  {'naive p50/p95':>15}  truth"
    )
    all_samples: dict[str, list[float]] = {"engine": [], "floor": [], "naive": []}
    mismatches = 0
    for kind, query, filters in QUERIES:
        result = engine.search(query, filters, limit=20)
        e = timed(lambda q=query, f=filters: engine.search(q, f, limit=20), repeat)
        fl = timed(lambda q=query: floor_query(store.conn, q), repeat)
        nv = timed(lambda q=query: naive_query(store.conn, q), max(3, repeat // 5))
        truth = "-"
        if filters is None and not query.isascii():
            full = engine.search(query, limit=engine.size)
            expected = ground_truth(engine, query)
            same = {h.item_id for h in full.hits} == expected or (full.fallback and not expected)
            truth = "ok" if same else "DIFF"
            mismatches += not same
        for name, samples in (("engine", e), ("floor", fl), ("naive", nv)):
            all_samples[name] += samples
        print(
            f"{kind:<6} {query:<18} {result.total:>7}  "
            f"{pct(e, 0.5):>6.1f}/{pct(e, 0.95):<7.1f}  {pct(fl, 0.5):>6.1f}/{pct(fl, 0.95):<7.1f}"
            f"  {pct(nv, 0.5):>6.1f}/{pct(nv, 0.95):<7.1f}  {truth}"
        )
    print(
        "mix    "
        + "  ".join(
            f"{name} p50 {pct(s, 0.5):.1f} ms p95 {pct(s, 0.95):.1f} ms"
            for name, s in all_samples.items()
        )
    )
    ratio = pct(all_samples["engine"], 0.95) / max(pct(all_samples["floor"], 0.95), 1e-9)
    print(f"engine p95 / floor p95 = {ratio:.2f}; ground-truth mismatches: {mismatches}")
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    real_store = PolicyStore.open(ensure_policy_db())
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        for size in args.sizes:
            run(size, args.repeat, real_store, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
