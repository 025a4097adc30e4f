"""Structuring proposals: accuracy on the hand-labelled documents, agreement with the bundled
hand-written rules, and the time to propose rules for a 30-page document.

    .venv/bin/python benchmarks/structuring_benchmark.py [--runs 15]

Agreement: for every benefit of db/benefits/*.yaml with a computable amount, whether a proposal
for the same item has the same amount (type and figures, base facts aside). The 30-page document
is the three labelled documents' articles repeated to 30 A4 pages of text (≈ 800 characters a
page, 24,000 characters); the floor is cutting the same items into sentences and finding their
numbers (`numbers_in`), the least any proposer must do.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from structuring_labels import document_items, labels, score  # noqa: E402

from desktop_app.core.build_db import collect_content  # noqa: E402
from desktop_app.core.eligibility.facts import load_registry  # noqa: E402
from desktop_app.core.model import Item  # noqa: E402
from desktop_app.core.structuring.clauses import sentences  # noqa: E402
from desktop_app.core.structuring.numerals import numbers_in  # noqa: E402
from desktop_app.core.structuring.proposer import propose_items  # noqa: E402

PAGE_CHARS = 800
_FIGURES = ("value", "unit", "per_unit", "percent", "permille", "cap", "years")


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("type") == b.get("type") and all(
        a.get(k) == b.get(k) for k in _FIGURES if k in a or k in b
    )


def bundled_agreement() -> tuple[int, int, int]:
    content = collect_content()
    items = {i.id: i for i in content.items}
    registry = load_registry()
    wanted = {
        item_id: [
            b["amount"]
            for b in rule["benefits"]
            if b.get("amount", {}).get("type", "none") != "none"
        ]
        for item_id, rule in content.benefits.items()
    }
    results = {r.item_id: r for r in propose_items([items[i] for i in wanted], registry)}
    total = agree = extra = 0
    for item_id, amounts in wanted.items():
        proposed = [p.amount or {} for p in results[item_id].proposals if p.kind == "benefit"]
        for amount in amounts:
            total += 1
            agree += any(_same(amount, p) for p in proposed)
        extra += sum(1 for p in proposed if p.get("type") not in (None, "none")) - len(amounts)
    return agree, total, extra


def thirty_pages() -> list[Item]:
    base = [i for name in labels() for i in document_items(name)]
    out: list[Item] = []
    while sum(len(i.text) for i in out) < 30 * PAGE_CHARS:
        for item in base:
            out.append(dataclasses.replace(item, id=f"p-{len(out)}", seq=len(out)))
    return out


def _floor(items: list[Item]) -> None:
    for item in items:
        for sentence in sentences(item.text):
            numbers_in(sentence.text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    registry = load_registry()

    results: dict[str, Any] = {}
    for name in labels():
        items = document_items(name)
        results[name] = {r.article: r for r in propose_items(items, registry)}
    s = score(results, {f.id: f.label for f in registry.facts.values()})
    print(
        f"labelled documents: {s.found}/{s.labelled} benefits with the right amount ({s.share:.0%})"
    )
    for miss in s.misses:
        print("  miss:", miss)

    agree, total, extra = bundled_agreement()
    print(
        f"bundled rules: {agree}/{total} computable amounts proposed alike ({agree / total:.0%}); "
        f"{extra:+d} more computable proposals than hand-written benefits"
    )

    doc = thirty_pages()
    chars = sum(len(i.text) for i in doc)
    propose_items(doc[:5], registry)  # warm the lexicon and regex caches
    engine, floor = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        propose_items(doc, registry)
        engine.append(time.perf_counter() - start)
        start = time.perf_counter()
        _floor(doc)
        floor.append(time.perf_counter() - start)
    print(
        f"30-page document ({len(doc)} items, {chars} characters), {args.runs} runs: "
        f"propose median {statistics.median(engine) * 1000:.0f} ms, "
        f"max {max(engine) * 1000:.0f} ms; "
        f"floor (sentences and numbers only) median {statistics.median(floor) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
