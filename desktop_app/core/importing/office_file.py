"""Word (.docx) files through python-docx: paragraphs and table rows in document order."""

from __future__ import annotations

import io
import zipfile

from desktop_app.core.importing import errors
from desktop_app.core.importing.blocks import Block, RawText

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def ole_kind(data: bytes) -> str:
    """An OLE compound file is an old .doc/.wps, or a password-protected .docx."""
    return "encrypted" if _ENCRYPTED_STREAM in data else "legacy"


def read_docx(data: bytes) -> RawText:
    import docx  # python-docx; imported here so reading .txt never pays for lxml
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise errors.DocumentReadError(errors.BROKEN_DOCX) from exc
    except Exception as exc:  # lxml parse errors and the like in a damaged part
        raise errors.DocumentReadError(errors.BROKEN_DOCX) from exc
    blocks: list[Block] = []
    auto_numbered = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == _W + "p":
            blocks.append(Block(_paragraph_text(child)))
            if child.find(f"{_W}pPr/{_W}numPr") is not None:
                auto_numbered += 1
        elif child.tag == _W + "tbl":
            blocks += _table_rows(child)
    warnings = []
    if auto_numbered:
        warnings.append(
            f"有 {auto_numbered} 个段落使用了 Word 自动编号，编号本身未保存在文字中，"
            "这些条目的序号可能缺失，请对照原文核对。"
        )
    return RawText(blocks, wrapped=False, warnings=warnings)


def _paragraph_text(p: object) -> str:
    """The paragraph's text; a manual line break inside it is a wrap, not a new paragraph."""
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):  # type: ignore[attr-defined]
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _table_rows(tbl: object) -> list[Block]:
    rows: list[Block] = []
    previous: list[str] = []
    for tr in tbl.iterchildren(f"{_W}tr"):  # type: ignore[attr-defined]
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            paragraphs = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]
            text = "\n".join(p.strip() for p in paragraphs if p.strip())
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val") != "restart":
                # a cell merged with the one above (one unit list for several rows)
                column = len(cells)
                text = previous[column] if column < len(previous) else text
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            repeat = int(span.get(f"{_W}val", "1")) if span is not None else 1
            cells += [text] * repeat
        rows.append(Block("\t".join(cells), cells=cells))
        previous = cells
    return rows
