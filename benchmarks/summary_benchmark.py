"""惠企政策告知单 (简版) and the full report (详版) against bare reportlab, same text and font.

    python benchmarks/summary_benchmark.py [--repeat N] [--pages N]

Evaluates the sample enterprise (resources/samples/xiamen-manufacturer.json) on 2026-11-22.
The brief is its whole 告知单; the full report keeps enough of its measures for about --pages
pages (default 10). Each bare document is every line of text of that report (read back from
the PDF) as plain Paragraphs in the same font and sizes, in a SimpleDocTemplate: no tables, no
keep-together logic, no page furniture. Report and bare are built alternately N times in one
process; the script prints the medians and their ratio. The goal is each report within 1.5x of
its bare document.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bare_reportlab import build_bare_story  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from reportlab.platypus import Paragraph  # noqa: E402

from desktop_app.cli.db_commands import open_data  # noqa: E402
from desktop_app.core.eligibility.profile import Profile  # noqa: E402
from desktop_app.core.eligibility.results import (  # noqa: E402
    ELIGIBLE,
    INELIGIBLE,
    POSSIBLE,
    MatchResult,
    MeasureResult,
)
from desktop_app.core.pdf.markup import escape  # noqa: E402
from desktop_app.core.pdf.styles import get_styles  # noqa: E402
from desktop_app.core.pdf.summary import summary_builder  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "xiamen-manufacturer.json"
AS_OF = date(2026, 11, 22)


def _trimmed(result: MatchResult, share: float) -> MatchResult:
    """The result with only the first `share` of each status group (totals left as they are:
    the benchmark measures layout, not arithmetic)."""

    def head(status: str) -> list[MeasureResult]:
        group = result.by_status(status)
        return group[: max(1, round(len(group) * share))]

    kept = head(ELIGIBLE) + head(POSSIBLE) + head(INELIGIBLE)
    ids = {m.item.id for m in kept}
    supplements = [
        s | {"measures": [i for i in s["measures"] if i in ids]}
        for s in result.supplements
        if any(i in ids for i in s["measures"])
    ]
    return replace(result, results=kept, supplements=supplements)


def sample_result() -> MatchResult:
    policy = open_data()
    try:
        profile = Profile.from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))
        return policy.match(profile, AS_OF)
    finally:
        policy.close()


def summary_for_pages(full: MatchResult, pages: int) -> MatchResult:
    share = 1.0
    while share > 0.02:
        result = _trimmed(full, share)
        pdf = summary_builder(result, generated=AS_OF, brief=False)
        pdf.build_bytes()
        if pdf.page_count <= pages:
            return result
        share *= 0.9
    return result


def build_summary(result: MatchResult, brief: bool) -> tuple[int, int]:
    pdf = summary_builder(result, generated=AS_OF, brief=brief)
    data = pdf.build_bytes()
    return pdf.page_count, len(data)


def text_lines(result: MatchResult, brief: bool) -> list[str]:
    data = summary_builder(result, generated=AS_OF, brief=brief).build_bytes()
    reader = PdfReader(io.BytesIO(data))
    lines: list[str] = []
    for page in reader.pages:
        lines += [ln for ln in (page.extract_text() or "").splitlines() if ln.strip()]
    return lines


def build_bare(lines: list[str]) -> tuple[int, int]:
    s = get_styles()
    story = [Paragraph(escape(line), s.cell) for line in lines]
    return build_bare_story(story)


def compare(name: str, result: MatchResult, brief: bool, repeat: int) -> float:
    lines = text_lines(result, brief)
    build_summary(result, brief)
    build_bare(lines)
    times: dict[str, list[float]] = {name: [], "bare": []}
    sizes: dict[str, tuple[int, int]] = {}
    for _ in range(repeat):
        for which in (name, "bare"):
            start = time.perf_counter()
            sizes[which] = build_summary(result, brief) if which == name else build_bare(lines)
            times[which].append(time.perf_counter() - start)
    counts = {s: len(result.by_status(s)) for s in (ELIGIBLE, POSSIBLE, INELIGIBLE)}
    print(f"{name}: measures {counts}, text lines: {len(lines)}")
    for which in (name, "bare"):
        pages, size = sizes[which]
        median = statistics.median(times[which])
        print(
            f"  {which:8s} median {median * 1000:7.1f} ms  min {min(times[which]) * 1000:7.1f} ms"
            f"  {pages} pages  {size / 1024:.0f} KB"
        )
    ratio = statistics.median(times[name]) / statistics.median(times["bare"])
    print(f"  ratio {name}/bare: {ratio:.2f} (goal <= 1.5) over {repeat} runs each")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each (default 15)")
    parser.add_argument("--pages", type=int, default=10, help="full report length (default 10)")
    args = parser.parse_args()
    get_styles()  # font loading (~0.1 s, once per process) is not what is compared
    full = sample_result()
    compare("brief", full, True, args.repeat)
    compare("full", summary_for_pages(full, args.pages), False, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
