"""The floor the PDF benchmarks compare against: a story built by reportlab's plain
SimpleDocTemplate on A4 with 2 cm margins, no page furniture, wrapped by reportlab's own line
splitters (the app's Chinese line-breaking rules are part of what is measured, not of the floor)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, SimpleDocTemplate

from desktop_app.core.pdf.line_breaks import reportlab_own


def build_bare_story(story: list[Flowable]) -> tuple[int, int]:
    """Build `story` in memory; returns (pages, bytes)."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        invariant=1,
    )
    with reportlab_own():
        doc.build(story)
    return doc.canv.getPageNumber() - 1, len(out.getvalue())
