"""A small document API on top of reportlab: A4, 2 cm margins, bundled font, page furniture.

    pdf = PdfBuilder("政策摘编", ["生成日期：2025年1月5日"])
    pdf.heading("一、适用政策").paragraph(text).data_table(["条款", "内容"], rows)
    pages = pdf.build(path)

Every text argument is plain text and is escaped here; callers never write markup. Content is
recorded as recipes and turned into fresh flowables on each build, because reportlab mutates
flowables while laying them out and a builder may be built more than once.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from desktop_app import APP_NAME
from desktop_app.core.dates import format_date
from desktop_app.core.pdf import tables
from desktop_app.core.pdf.canvas import NumberedCanvas, PageDecor
from desktop_app.core.pdf.markup import clean_text, escape, split_paragraphs
from desktop_app.core.pdf.page import CONTENT_HEIGHT, CONTENT_WIDTH, MARGIN, PAGE_SIZE
from desktop_app.core.pdf.styles import ACCENT, RULE, PdfStyles, get_styles
from desktop_app.core.user_files import UserFileError, write_user_file

__all__ = ["CONTENT_WIDTH", "PdfBuilder", "PdfWriteError", "Recipe", "format_date"]

Recipe = Callable[[PdfStyles], list[Flowable]]


class PdfWriteError(OSError):
    """The PDF could not be written (folder missing, file open in a viewer, disk full)."""


class PdfBuilder:
    """Collects content and writes an A4 PDF; methods return self so calls can be chained."""

    def __init__(
        self,
        title: str,
        subtitle_lines: Sequence[str] = (),
        *,
        generated: date | None = None,
        header_title: str | None = None,
        author: str = APP_NAME,
        subject: str = "",
    ) -> None:
        self.title = title
        self.subtitle_lines = list(subtitle_lines)
        self.generated = generated or date.today()
        self.header_title = header_title or title
        self.author = author
        self.subject = subject
        self.page_count = 0
        self._recipes: list[Recipe] = [self._title_block]

    # -- content -----------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> PdfBuilder:
        """A section heading (level 1 or 2); it is kept on the page of what follows."""
        if level not in (1, 2):
            raise ValueError("heading level must be 1 or 2")

        def recipe(s: PdfStyles) -> list[Flowable]:
            style = s.h1 if level == 1 else s.h2
            # Leave a heading at the foot of a page only when a few lines fit below it.
            return [CondPageBreak(3 * style.leading), Paragraph(escape(text), style)]

        return self._add(recipe)

    def paragraph(self, text: str, style: str = "body") -> PdfBuilder:
        """Plain text; blank lines start new paragraphs, single newlines break the line."""
        blocks = split_paragraphs(text)

        def recipe(s: PdfStyles) -> list[Flowable]:
            para_style = s.by_name(style)
            return [Paragraph(escape(block), para_style) for block in blocks]

        return self._add(recipe)

    def key_value_table(
        self, rows: Sequence[tuple[str, str]], *, key_width: float | None = None
    ) -> PdfBuilder:
        """A two-column label/value table, e.g. 文号 | 闽政〔2024〕1号."""
        pairs = [(k, v) for k, v in rows]
        return self._add(
            lambda s: [tables.key_value_table(pairs, s, key_width=key_width), Spacer(1, 6)]
        )

    def data_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        col_widths: Sequence[float] | None = None,
    ) -> PdfBuilder:
        """A table with its header row repeated on every page it spans; `col_widths` are
        relative weights (e.g. [1, 4, 2]), else widths follow the text length."""
        header_cells = list(header)
        body = [list(r) for r in rows]
        if any(len(r) != len(header_cells) for r in body):
            raise ValueError("every row must have as many cells as the header")
        weights = list(col_widths or tables.estimate_weights(header_cells, body))
        return self._add(
            lambda s: [
                tables.data_table(header_cells, body, s, col_widths=weights),
                Spacer(1, 8),
            ]
        )

    def note_box(self, text: str, *, title: str | None = None) -> PdfBuilder:
        """A shaded box for a remark or disclaimer, kept whole on one page when it fits."""
        return self._add(lambda s: [tables.note_box(text, s, title=title), Spacer(1, 8)])

    def rule(self) -> PdfBuilder:
        """A thin separating line across the text width."""
        return self._add(
            lambda s: [
                HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=4, spaceAfter=8)
            ]
        )

    def spacer(self, height: float = 8) -> PdfBuilder:
        return self._add(lambda s: [Spacer(1, height)])

    def page_break(self) -> PdfBuilder:
        return self._add(lambda s: [PageBreak()])

    def flowables(self, make: Recipe) -> PdfBuilder:
        """Escape hatch for custom reportlab content; `make` must escape its own text."""
        return self._add(make)

    # -- output ------------------------------------------------------------------------------

    def build_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._render(buffer)
        return buffer.getvalue()

    def build(self, path: Path | str) -> int:
        """Write the PDF atomically (a reader never sees half a file) and return its page count."""
        data = self.build_bytes()
        try:
            write_user_file(Path(path), data)
        except UserFileError as exc:
            raise PdfWriteError(str(exc)) from exc
        return self.page_count

    def _render(self, out: io.BytesIO) -> None:
        styles = get_styles()
        doc = BaseDocTemplate(
            out,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=clean_text(self.title).replace("\n", " "),
            author=self.author,
            subject=self.subject,
            creator=APP_NAME,
            lang="zh-CN",
            # Otherwise every page names Helvetica, a font the file neither uses nor embeds.
            initialFontName=styles.font_name,
            # The real creation date in the file's metadata (a record of when it was made).
            invariant=0,
        )
        # Unpadded frame: text, tables and page furniture all line up on the 2 cm margins.
        frame = Frame(
            MARGIN,
            MARGIN,
            CONTENT_WIDTH,
            CONTENT_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        decor = PageDecor(
            font_name=styles.font_name,
            header_title=clean_text(self.header_title).replace("\n", " "),
            header_right=f"生成日期：{format_date(self.generated)}",
            left_margin=MARGIN,
            right_margin=MARGIN,
        )
        story: list[Flowable] = []
        for recipe in self._recipes:
            story.extend(recipe(styles))
        doc.build(story, canvasmaker=functools.partial(NumberedCanvas, decor=decor))
        canvas = doc.canv
        assert isinstance(canvas, NumberedCanvas)
        self.page_count = canvas.page_count

    def _title_block(self, s: PdfStyles) -> list[Flowable]:
        parts: list[Flowable] = [Paragraph(escape(self.title), s.title)]
        parts += [Paragraph(escape(line), s.subtitle) for line in self.subtitle_lines]
        parts.append(
            HRFlowable(width="100%", thickness=1, color=ACCENT, spaceBefore=8, spaceAfter=10)
        )
        return parts

    def _add(self, recipe: Recipe) -> PdfBuilder:
        self._recipes.append(recipe)
        return self
