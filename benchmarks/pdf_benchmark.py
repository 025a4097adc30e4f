"""PdfBuilder against bare reportlab on the same text and font.

    python benchmarks/pdf_benchmark.py [--repeat N]

Builds a ~10-page document through PdfBuilder (title block, headings, paragraphs, a key/value
table, a data table, a note box, "第 x 页 共 y 页" furniture) and a bare SimpleDocTemplate of
the same strings as Paragraphs in the same font, alternating the two N times, and prints the
median times and their ratio. The goal is a builder within 1.5x of bare reportlab: the
builder's extras (escaping, glyph checks, tables, the two-pass page count) must stay cheap.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bare_reportlab import build_bare_story  # noqa: E402
from reportlab.platypus import Paragraph  # noqa: E402

from desktop_app.core.pdf.builder import PdfBuilder  # noqa: E402
from desktop_app.core.pdf.markup import escape  # noqa: E402
from desktop_app.core.pdf.styles import get_styles  # noqa: E402

SOURCE = ROOT / "resources" / "documents" / "xiamen-sme-measures-task-table.txt"


def _content() -> tuple[list[str], list[tuple[str, str, str]]]:
    """Section headings and (number, measure text, units) rows of the Xiamen task table."""
    lines = [ln.strip() for ln in SOURCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    headings = [ln for ln in lines if ln[:2] in ("一、", "二、", "三、", "四、", "五、")]
    rows: list[tuple[str, str, str]] = []
    for i, line in enumerate(lines[:-2]):
        if line.isdigit() and len(lines[i + 1]) > 20:
            rows.append((line, lines[i + 1], lines[i + 2]))
    return headings, rows


def build_with_builder(headings: list[str], rows: list[tuple[str, str, str]]) -> tuple[int, int]:
    pdf = PdfBuilder("厦门市中小微企业若干措施摘要", ["基准测试文档"], generated=date(2025, 1, 5))
    pdf.key_value_table([("来源", SOURCE.name), ("条目数", str(len(rows)))])
    per_section = max(1, len(rows) // max(1, len(headings)))
    for n, heading in enumerate(headings):
        pdf.heading(heading)
        for number, text, units in rows[n * per_section : (n + 1) * per_section]:
            pdf.paragraph(f"{number}. {text}").paragraph(f"责任单位：{units}", style="small")
    pdf.heading("附表")
    pdf.data_table(["序号", "措施内容", "责任单位"], [list(r) for r in rows], col_widths=[1, 7, 3])
    pdf.note_box("以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。")
    data = pdf.build_bytes()
    return pdf.page_count, len(data)


def build_bare(headings: list[str], rows: list[tuple[str, str, str]]) -> tuple[int, int]:
    s = get_styles()
    story = [Paragraph(escape("厦门市中小微企业若干措施摘要"), s.title)]
    story.append(Paragraph(escape("基准测试文档"), s.subtitle))
    story += [Paragraph(escape(f"来源 {SOURCE.name}"), s.body)]
    story += [Paragraph(escape(f"条目数 {len(rows)}"), s.body)]
    per_section = max(1, len(rows) // max(1, len(headings)))
    for n, heading in enumerate(headings):
        story.append(Paragraph(escape(heading), s.h1))
        for number, text, units in rows[n * per_section : (n + 1) * per_section]:
            story.append(Paragraph(escape(f"{number}. {text}"), s.body))
            story.append(Paragraph(escape(f"责任单位：{units}"), s.small))
    story.append(Paragraph(escape("附表"), s.h1))
    for row in rows:
        story += [Paragraph(escape(cell), s.cell) for cell in row]
    story.append(
        Paragraph(
            escape("以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。"), s.note
        )
    )
    return build_bare_story(story)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each (default 15)")
    args = parser.parse_args()
    headings, rows = _content()
    get_styles()  # font loading (~0.1 s, once per process) is not what is compared
    build_with_builder(headings, rows)
    build_bare(headings, rows)
    times: dict[str, list[float]] = {"builder": [], "bare": []}
    sizes: dict[str, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for name, fn in (("builder", build_with_builder), ("bare", build_bare)):
            start = time.perf_counter()
            sizes[name] = fn(headings, rows)
            times[name].append(time.perf_counter() - start)
    for name in ("builder", "bare"):
        pages, size = sizes[name]
        median = statistics.median(times[name])
        print(
            f"{name:8s} median {median * 1000:7.1f} ms  min {min(times[name]) * 1000:7.1f} ms  "
            f"{pages} pages  {size / 1024:.0f} KB"
        )
    ratio = statistics.median(times["builder"]) / statistics.median(times["bare"])
    print(f"ratio builder/bare: {ratio:.2f} (goal <= 1.5) over {args.repeat} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
