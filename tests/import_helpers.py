"""Real fixture files for the import tests: .docx through python-docx, .pdf through reportlab
with the bundled font (a real text layer, wrapped at a fixed width, with page footers), and
.txt in a given encoding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop_app.core.importing.wrapping import visual_width

FIXTURES = Path(__file__).parent / "data" / "import"


def make_docx(
    path: Path, paragraphs: Sequence[str], tables: Sequence[Sequence[Sequence[str]]] = ()
) -> Path:
    """Paragraphs, then each table (rows of cells); a paragraph "<TABLE n>" places table n."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text.startswith("<TABLE ") and text.endswith(">"):
            rows = tables[int(text[7:-1])]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        document.add_paragraph(text)
    document.save(str(path))
    return path


def wrap(text: str, width: float, indent: float = 0) -> list[str]:
    """Break a paragraph into lines of at most `width` full-width characters, the first line
    `indent` characters shorter."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if visual_width(line + ch) > width - (indent if not lines else 0):
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def make_pdf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    width_chars: int = 30,
    lines_per_page: int = 28,
    footer: str | None = "— {n} —",
    running_head: str | None = None,
    font_size: float = 11,
) -> Path:
    """A text PDF as an office prints one: paragraphs wrapped at a fixed width with the first
    line indented two characters, a page footer, optionally a running head."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from desktop_app.core.pdf.fonts import register_fonts

    font = register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    left, top = 72.0, A4[1] - 90
    lines: list[tuple[str, bool]] = []
    for paragraph in paragraphs:
        for k, line in enumerate(wrap(paragraph, width_chars, indent=2)):
            lines.append((line, k == 0))
    page = 1
    for start in range(0, len(lines), lines_per_page):
        pdf.setFont(font, font_size)
        if running_head:
            pdf.drawCentredString(A4[0] / 2, A4[1] - 50, running_head)
        y = top
        for line, first in lines[start : start + lines_per_page]:
            x = left + (2 * font_size if first else 0)
            pdf.drawString(x, y, line)
            y -= font_size * 1.9
        if footer:
            pdf.drawCentredString(A4[0] / 2, 40, footer.format(n=page))
        pdf.showPage()
        page += 1
    pdf.save()
    return path


def fixture_paragraphs(name: str) -> list[str]:
    text = (FIXTURES / name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]
