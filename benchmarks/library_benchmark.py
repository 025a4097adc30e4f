"""User library benchmark, one command:

    .venv/bin/python benchmarks/library_benchmark.py [--pages 30] [--imported 1000] [--repeat 15]

1. Import: a 30-page .docx and a 30-page .pdf (made by core/library/samples.py) read by the
   generic reader, segmented, stored and indexed (`preview_import` + `store_import`), into an
   empty library and into one that already holds the imported measures of part 2. Goal ≤ 2 s.
2. Search: the search benchmark's query mix on the bundled database alone ("before") and on
   the bundled database plus a library of 1,000 imported measures ("after", synthetic
   measures made from the real clauses as in search_benchmark.py), timed alternately in one
   run, with the floor (a bare FTS5 MATCH on the bundled index) and a ground-truth check of
   the "after" engine. Goal: the same figures within noise.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_benchmark import (
    QUERIES,
    floor_query,
    ground_truth,
    pct,
    synthetic_items,
)

from desktop_app.core.build_db import ensure_policy_db
from desktop_app.core.library import samples as sample_documents
from desktop_app.core.library.combined import CombinedStore
from desktop_app.core.library.importer import preview_import, store_import
from desktop_app.core.library.store import NewDocument, PolicyLibrary
from desktop_app.core.model import Item
from desktop_app.core.search import SearchEngine
from desktop_app.core.store import PolicyStore

MEASURES_PER_PAGE = 6.2  # samples.py's layout: 80 measures fill 13 A4 pages
REGIONS = ["220524", "350203", "110105", "440305", "510104", "330106", "420111", "370102"]


def fill_library(library: PolicyLibrary, items: list[Item], per_document: int = 100) -> None:
    """Store items as imported documents of per_document measures each."""
    for start in range(0, len(items), per_document):
        chunk = items[start : start + per_document]
        n = start // per_document
        region = REGIONS[n % len(REGIONS)]
        document = {
            "title": f"基准测试导入文件{n + 1}",
            "short_title": f"基准测试导入文件{n + 1}",
            "doc_number": None,
            "issuer": None,
            "region_code": region,
            "region_name": region,
            "scope_region_code": region,
            "scope_note": None,
            "level": "区县",
            "doc_type": "若干措施",
            "issued": "2026-01-01",
            "valid_from": "2026-01-01",
            "valid_to": "2028-12-31",
            "validity_basis": None,
            "status": None,
            "evidence": {},
            "notes": [],
            "source_file": f"bench-{n}.docx",
            "source_sha256": f"{n:064d}",
            "source_text": "\n".join(i.text for i in chunk),
            "imported": "2026-12-01T00:00:00Z",
            "confirmed": {},
            "warnings": [],
        }
        rows = [
            {
                "kind": "measure",
                "article": i.article,
                "locator": i.locator,
                "path": i.path,
                "title": i.title,
                "text": i.text,
                "departments": [d.to_dict() for d in i.departments],
                "departments_text": None,
                "source_notes": [],
                "enterprise_facing": False,
                "category": "其他",
            }
            for i in chunk
        ]
        library.add(NewDocument(document, rows))


def time_import(library: PolicyLibrary, path: Path, region: str) -> tuple[float, float, int]:
    started = time.perf_counter()
    preview = preview_import(library, path, region_code=region)
    read_s = time.perf_counter() - started
    stored = store_import(library, preview)
    total = time.perf_counter() - started
    library.remove(stored.document.id)
    return read_s, total, stored.document.item_count


def import_part(tmp: Path, pages: int, library_sizes: list[tuple[str, Path]]) -> None:
    measures = round(pages * MEASURES_PER_PAGE)
    pdf = sample_documents.write_pdf(tmp / "sample.pdf", measures)
    docx = sample_documents.write_docx(tmp / "sample.docx", measures)
    print(f"\n## Import — {sample_documents.page_count(pdf)}-page PDF, the same text as .docx")
    print(f"{'file':<6} {'library':<26} {'items':>5}  {'read':>8}  {'total p50 / max':>16}")
    for label, library_path in library_sizes:
        library = PolicyLibrary.open(library_path)
        for path in (docx, pdf):
            runs = [time_import(library, path, "220524") for _ in range(5)]
            reads = [r[0] for r in runs]
            totals = [r[1] for r in runs]
            print(
                f"{path.suffix[1:]:<6} {label:<26} {runs[0][2]:>5}  {pct(reads, 0.5):>6.2f} s"
                f"  {pct(totals, 0.5):>6.2f} / {max(totals):.2f} s"
            )
        library.close()


def search_part(bundled_path: Path, library_path: Path, repeat: int) -> None:
    before_store = PolicyStore.open(bundled_path)
    before = SearchEngine(before_store)
    after_store = CombinedStore(PolicyStore.open(bundled_path), PolicyLibrary.open(library_path))
    started = time.perf_counter()
    after = SearchEngine(after_store)
    load_s = time.perf_counter() - started
    print(
        f"\n## Search — bundled {before.size} items vs bundled + "
        f"{after.size - before.size} imported (engine load {load_s:.2f} s)"
    )
    print(
        f"{'kind':<6} {'query':<18} {'hits':>11}  {'before p50/p95':>15}  "
        f"{'after p50/p95':>15}  {'floor p50/p95':>15}  truth"
    )
    totals: dict[str, list[float]] = {"before": [], "after": [], "floor": []}
    mismatches = 0
    for kind, query, filters in QUERIES:
        samples: dict[str, list[float]] = {"before": [], "after": [], "floor": []}
        calls = {
            "before": lambda q=query, f=filters: before.search(q, f, limit=20),
            "after": lambda q=query, f=filters: after.search(q, f, limit=20),
            "floor": lambda q=query: floor_query(before_store.conn, q),
        }
        for run in range(repeat + 1):
            for name, call in calls.items():  # alternately, so load hits both alike
                t0 = time.perf_counter()
                call()
                if run:
                    samples[name].append((time.perf_counter() - t0) * 1000)
        truth = "-"
        if filters is None and not query.isascii():
            full = after.search(query, limit=after.size)
            expected = ground_truth(after, query)
            same = {h.item_id for h in full.hits} == expected or (full.fallback and not expected)
            truth = "ok" if same else "DIFF"
            mismatches += not same
        hits = f"{before.search(query, filters).total}/{after.search(query, filters).total}"
        for name in totals:
            totals[name] += samples[name]
        print(
            f"{kind:<6} {query:<18} {hits:>11}  "
            + "  ".join(
                f"{pct(samples[n], 0.5):>6.1f}/{pct(samples[n], 0.95):<7.1f}" for n in totals
            )
            + f"  {truth}"
        )
    print(
        "mix    "
        + "  ".join(
            f"{n} p50 {pct(s, 0.5):.2f} ms p95 {pct(s, 0.95):.2f} ms" for n, s in totals.items()
        )
    )
    print(f"ground-truth mismatches (after): {mismatches}")
    before_store.close()
    after_store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--imported", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    bundled_path = ensure_policy_db()
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="library-bench-") as folder:
        tmp = Path(folder)
        real = PolicyStore.open(bundled_path)
        items = synthetic_items(real.all_items(), args.imported)
        real.close()
        full_path = tmp / "library-full.sqlite"
        library = PolicyLibrary.open(full_path)
        started = time.perf_counter()
        fill_library(library, items)
        fill_s = time.perf_counter() - started
        library.close()
        print(f"{args.imported} imported measures stored in {fill_s:.1f} s (10 writes)")
        search_part(bundled_path, full_path, args.repeat)
        import_part(
            tmp,
            args.pages,
            [
                ("empty", tmp / "library-empty.sqlite"),
                (f"{args.imported} measures already", full_path),
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
