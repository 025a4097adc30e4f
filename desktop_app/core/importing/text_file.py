"""Plain-text files: encoding detection, and the two layouts text exports come in."""

from __future__ import annotations

import ast
import codecs

from desktop_app.core.importing import errors
from desktop_app.core.importing.blocks import Block, RawText
from desktop_app.core.importing.tables import fold_flat_tables
from desktop_app.core.importing.wrapping import looks_hard_wrapped

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or without one by its zero bytes), GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise errors.DocumentReadError(errors.BINARY_TXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise errors.DocumentReadError(errors.UNKNOWN_ENCODING) from exc


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.DocumentReadError(errors.UNKNOWN_ENCODING) from exc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Chinese text has no zero bytes, but ASCII in UTF-16 has many, on
    one side of each pair; a text of only CJK has none either, so also accept it when it decodes
    to mostly CJK and line breaks."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(data) // 2
    if zeros_odd > half * 0.2 and zeros_even < half * 0.05:
        return "utf-16-le"
    if zeros_even > half * 0.2 and zeros_odd < half * 0.05:
        return "utf-16-be"
    return None


def _list_of_strings(text: str) -> list[str] | None:
    """Scraped texts sometimes come as a Python list literal of paragraphs, hard-wrapped."""
    stripped = text.strip()
    if not (stripped.startswith("[") and stripped.endswith("]")):
        return None
    joined = stripped.replace("\r", "").replace("\n", "")
    try:
        value = ast.literal_eval(joined)  # a literal only, never eval
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, list) and value and all(isinstance(s, str) for s in value):
        return value
    return None


def read_text(data: bytes) -> RawText:
    text = decode(data)
    strings = _list_of_strings(text)
    if strings is not None:
        blocks = [Block(s) for s in strings]
        return RawText(blocks, wrapped=False, warnings=["文本为字符串列表格式，已按列表项分段。"])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = fold_flat_tables(lines)
    return RawText(blocks, wrapped=looks_hard_wrapped([b.text for b in blocks if not b.cells]))
