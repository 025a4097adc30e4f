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
    for number, text in enumerate(pages, start=1):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        extents = boxes[number - 1]
        blocks += [Block(line, page=number) for line in lines]
        if len(extents) == len(lines):
            _mark_geometry(blocks[len(blocks) - len(lines) :], extents)
    return RawText(blocks, wrapped=True, warnings=warnings)


def _line_extents(textpage: object, text: str) -> list[tuple[float, float] | None]:
    """(left, right) of each line's printed characters, from pdfium's character boxes."""
    count = textpage.count_chars()  # type: ignore[attr-defined]
    if count != len(text):
        return []  # characters and boxes do not line up (ligatures): no geometry
    extents: list[tuple[float, float] | None] = []
    left: float | None = None
    right = 0.0
    i = 0
    while i <= len(text):
        if i == len(text) or text[i] in "\r\n":
            extents.append((left, right) if left is not None else None)
            left, right = None, 0.0
            if i < len(text) and text[i] == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
        elif not text[i].isspace():
            box_left, _, box_right, _ = textpage.get_charbox(i)  # type: ignore[attr-defined]
            left = box_left if left is None else left
            right = max(right, box_right)
        i += 1
    return extents


def _mark_geometry(blocks: list[Block], extents: list[tuple[float, float] | None]) -> None:
    known = [e for e in extents if e is not None]
    if len(known) < 3:
        return
    margin_left = min(e[0] for e in known)
    # not the very widest line: a line of many digits can run a little past the others
    rights = sorted(e[1] for e in known)
    margin_right = rights[int(len(rights) * 0.9) - 1] if len(rights) >= 10 else rights[-1]
    em = _char_width(blocks, known)
    for block, extent in zip(blocks, extents, strict=True):
        if extent is not None:
            block.indented = extent[0] - margin_left > 1.2 * em
            block.reaches_margin = margin_right - extent[1] < 2 * em


def _char_width(blocks: list[Block], extents: list[tuple[float, float]]) -> float:
    """The width of one Chinese character: a full line's width over its character count."""
    widths = []
    for block, (left, right) in zip((b for b in blocks if b.text.strip()), extents, strict=False):
        chars = len(block.text.strip())
        if chars >= 4:
            widths.append((right - left) / chars)
    widths.sort()
    return widths[len(widths) // 2] if widths else 10.0
