"""How long the generic reader takes on a 30-page policy document, per format.

    .venv/bin/python benchmarks/reader_benchmark.py [--runs 15] [--pages 30]

The document is laid out as GB/T 9704 prescribes for official documents (22 lines of 28
characters per A4 page, 三号 type, page numbers "— n —"): the county 若干措施 of
tests/data/import, its articles repeated under more parts until it fills the pages. Timed:
`read_document` (file → metadata and items: extraction, clean-up, front matter, segmenting,
units, validity). Floor: the bare extraction alone (pdfium's text of every page; python-docx
loading the file and listing its paragraphs; decoding the text file).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.importing.numbering import cn_number  # noqa: E402
from desktop_app.core.importing.reader import read_document  # noqa: E402
from tests.import_helpers import fixture_paragraphs, make_docx, make_pdf  # noqa: E402

_CN = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """1 → 一, 14 → 十四, 25 → 二十五, 103 → 一百零三."""
    if n >= 100:
        rest = n % 100
        return _CN[n // 100] + "百" + ("" if not rest else ("零" if rest < 10 else "") + _cn(rest))
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + ("" if not ones else _CN[ones])


def document(pages: int) -> list[str]:
    """The county fixture's articles, renumbered, until they fill `pages` pages."""
    source = fixture_paragraphs("jiangle-county-measures.txt")
    start = source.index("一、加大财政扶持力度")
    head, body = source[:start], source[start:-1]
    articles = [p for p in body if p.startswith("第")]
    paragraphs, part, number = list(head), 0, 0
    per_page = 28 * 22
    while sum(len(p) for p in paragraphs) < pages * per_page * 0.82:
        part += 1
        paragraphs.append(f"{_cn(part)}、第{_cn(part)}部分支持措施")
        for article in articles:
            number += 1
            marker, _, rest = article.partition(" ")
            assert cn_number(marker[1:-1]) is not None
            paragraphs.append(f"第{_cn(number)}条 {rest}")
    paragraphs.append(f"第{_cn(number + 1)}条 本措施自2024年6月1日起施行，有效期三年。")
    return paragraphs


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm: imports, the font, the region table
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _floor_pdf(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    for i in range(len(pdf)):
        pdf[i].get_textpage().get_text_range()
    pdf.close()


def _floor_docx(path: Path) -> None:
    import docx

    [p.text for p in docx.Document(str(path)).paragraphs]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    paragraphs = document(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = make_pdf(
            folder / "doc.pdf", paragraphs, width_chars=28, lines_per_page=22, font_size=16
        )
        docx_file = make_docx(folder / "doc.docx", paragraphs)
        txt = folder / "doc.txt"
        txt.write_text("\n".join(paragraphs), "utf-8")
        import pypdfium2 as pdfium

        page_count = len(pdfium.PdfDocument(pdf.read_bytes()))
        result = read_document(pdf)
        measures = sum(1 for i in result.items if i.kind != "preamble")
        print(
            f"{page_count} pages, {sum(len(p) for p in paragraphs)} characters, "
            f"{measures} items read ({args.runs} timed runs each)"
        )
        rows = [
            (".pdf", lambda: read_document(pdf), lambda: _floor_pdf(pdf)),
            (".docx", lambda: read_document(docx_file), lambda: _floor_docx(docx_file)),
            (".txt", lambda: read_document(txt), lambda: txt.read_bytes().decode("utf-8")),
        ]
        print("| format | read_document p50 / p95 | floor (extraction only) p50 / p95 |")
        print("|---|---|---|")
        for name, full, floor in rows:
            f_times, b_times = timed(full, args.runs), timed(floor, args.runs)
            print(
                f"| {name} | {statistics.median(f_times):.0f} / {_p95(f_times):.0f} ms "
                f"| {statistics.median(b_times):.0f} / {_p95(b_times):.0f} ms |"
            )


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, int(len(times) * 0.95))]


if __name__ == "__main__":
    main()
