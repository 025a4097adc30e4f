"""PDF files with a text layer, through pdfium (pypdfium2, already bundled for printing)."""

from __future__ import annotations

from desktop_app.core.importing import errors
from desktop_app.core.importing.blocks import Block, RawText

# Fewer characters than this per page on average: no usable text layer (a scan).
_MIN_CHARS_PER_PAGE = 20


def read_pdf(data: bytes) -> RawText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise errors.DocumentReadError(errors.ENCRYPTED_PDF) from exc
        raise errors.DocumentReadError(errors.BROKEN_PDF) from exc
    try:
        pages: list[str] = []
        boxes: list[list[tuple[float, float] | None]] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            pages.append(text)
            boxes.append(_line_extents(textpage, text))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise errors.DocumentReadError(errors.BROKEN_PDF) from exc
    finally:
        pdf.close()
    if not pages:
        raise errors.DocumentReadError(errors.BROKEN_PDF)
    counts = [len("".join(text.split())) for text in pages]
    if sum(counts) < _MIN_CHARS_PER_PAGE * len(pages):
        raise errors.DocumentReadError(errors.SCANNED_PDF)
    warnings = []
    empty = [str(i + 1) for i, n in enumerate(counts) if n == 0]
    if empty:
        listed = "、".join(empty)
        warnings.append(
            f"第 {listed} 页没有文字层（可能是扫描页），这些页的内容未能读取，请对照原文补充。"
        )
    blocks: list[Block] = []
    placed: list[tuple[Block, tuple[float, float] | None]] = []
    for number, text in enumerate(pages, start=1):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        extents = boxes[number - 1]
        page_blocks = [Block(line, page=number) for line in lines]
        blocks += page_blocks
        if len(extents) == len(lines):
            placed += zip(page_blocks, extents, strict=True)
    _mark_geometry(placed)
    return RawText(blocks, wrapped=True, warnings=warnings)


def _line_extents(textpage: object, text: str) -> list[tuple[float, float] | None]:
    """(left, right) of each line's printed characters, from pdfium's boxes of its first and
    last character (two lookups a line; every character's box would cost 0.3 s for 30 pages).
    Lines as `read_pdf` splits them: at \r\n, \n or \r."""
    size = len(text)
    if textpage.count_chars() != size:  # type: ignore[attr-defined]
        return []  # characters and boxes do not line up (ligatures): no geometry
    box = textpage.get_charbox  # type: ignore[attr-defined]
    extents: list[tuple[float, float] | None] = []
    i = 0
    while i <= size:
        j = i
        while j < size and text[j] not in "\r\n":
            j += 1
        first, last = i, j - 1
        while first <= last and text[first].isspace():
            first += 1
        while last >= first and text[last].isspace():
            last -= 1
        extents.append((box(first)[0], box(last)[2]) if first <= last else None)
        if j < size and text[j] == "\r" and text[j + 1 : j + 2] == "\n":
            j += 1
        i = j + 1
    return extents


def _mark_geometry(placed: list[tuple[Block, tuple[float, float] | None]]) -> None:
    """Margins of the whole document (its pages share one layout): a line reaching the right
    margin wraps on, a line starting right of the left margin begins a paragraph."""
    known = [(block, extent) for block, extent in placed if extent is not None]
    if len(known) < 3:
        return
    rights = sorted(extent[1] for _, extent in known)
    margin_left = min(extent[0] for _, extent in known)
    # not the very widest line: a line of many digits can run a little past the others
    margin_right = rights[int(len(rights) * 0.9) - 1] if len(rights) >= 10 else rights[-1]
    em = _char_width(known)
    for block, (left, right) in known:
        block.indented = left - margin_left > 1.2 * em
        block.reaches_margin = margin_right - right < 2 * em


def _char_width(known: list[tuple[Block, tuple[float, float]]]) -> float:
    """The width of one Chinese character: a line's width over its character count."""
    widths = []
    for block, (left, right) in known:
        chars = len(block.text.strip())
        if chars >= 4:
            widths.append((right - left) / chars)
    widths.sort()
    return widths[len(widths) // 2] if widths else 10.0
