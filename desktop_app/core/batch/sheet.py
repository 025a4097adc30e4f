"""Read the rows of a roster file (.xlsx with openpyxl, .xls with python-calamine, .csv/.txt
with the csv module) into plain values, or refuse the file with a Chinese message.

Nothing is written anywhere: a refused file leaves no trace."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.batch.values import is_blank

ROW_LIMIT = 100_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ENCODINGS = ("utf-8-sig", "gb18030")
_OTHER_FORMATS = {b"%PDF": "PDF 文件", b"\x89PNG": "图片", b"\xff\xd8\xff": "图片", b"GIF8": "图片",
                  b"Rar!": "压缩包", b"7z\xbc\xaf": "压缩包", b"{\\rtf": "RTF 文档"}  # fmt: skip


HEADER_ROWS = 30  # title and header rows above the data, at most


def too_many_rows(name: str, limit: int) -> Exception:
    return RosterError(
        f"工作表“{name}”超过 {limit:,} 行数据，超出本程序一次可筛查的上限。"
        "请把名册分成几个文件后分别筛查"
    )


class RosterError(Exception):
    """The file cannot be read as a roster; the message is Chinese and meant for the user."""


@dataclass
class RawSheet:
    """The non-empty rows of one sheet, each with its 1-based row number in the spreadsheet."""

    name: str
    rows: list[tuple[int, list[Any]]]
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r0, c0, r1, c1 (1-based)
    notes: list[str] = field(default_factory=list)
    file_kind: str = "xlsx"


def read_sheet(path: Path, sheet: str | None = None, limit: int = ROW_LIMIT) -> RawSheet:
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except FileNotFoundError as exc:
        raise RosterError(f"找不到文件：{path}") from exc
    except IsADirectoryError as exc:
        raise RosterError(f"“{path}”是文件夹，不是电子表格文件") from exc
    except OSError as exc:
        raise RosterError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    if not head:
        raise RosterError("文件是空的（0 字节）")
    for magic, kind in _OTHER_FORMATS.items():
        if head.startswith(magic):
            raise RosterError(
                f"这不是电子表格文件（看起来是{kind}）。请选择 .xlsx、.xls 或 .csv 文件"
            )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet, limit)
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes():
            raise RosterError(
                "文件设置了打开密码，无法读取。请在 Excel 中取消密码后另存为 .xlsx 再导入"
            )
        return _read_xls(path, sheet, limit)
    return _read_text(path, head, limit)


def sheet_names(path: Path) -> list[tuple[str, bool]]:
    """The worksheets of a workbook with whether each is visible; [] for a text file or one
    that cannot be opened (reading it then gives the reason)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"PK\x03\x04"):
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True)
            try:
                return [(ws.title, ws.sheet_state == "visible") for ws in book.worksheets]
            finally:
                book.close()
        if head.startswith(_OLE):
            import python_calamine

            meta = python_calamine.CalamineWorkbook.from_path(str(path)).sheets_metadata
            return [(m.name, str(m.visible).endswith("Visible")) for m in meta]
    except Exception:
        return []
    return []


# --- .xlsx ---------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None, limit: int) -> RawSheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise RosterError("文件已损坏，无法作为 Excel 工作簿打开") from exc
    if "xl/workbook.xml" not in names:
        kind = "Word 文档" if "word/document.xml" in names else "压缩包或其他文件"
        raise RosterError(f"这不是 Excel 工作簿（看起来是{kind}）。请选择 .xlsx、.xls 或 .csv 文件")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterError(f"Excel 工作簿已损坏，无法读取（{type(exc).__name__}）") from exc
    try:
        sheets = [(ws.title, ws.sheet_state == "visible") for ws in book.worksheets]
        notes: list[str] = []

        def rows_of(name: str) -> Iterator[tuple[Any, ...]]:
            return book[name].iter_rows(values_only=True)

        raw = _pick(sheets, sheet, rows_of, limit, notes)
        raw.merged = _merged_ranges(path, raw.name)
        raw.file_kind = "xlsx"
        return raw
    finally:
        book.close()


def _merged_ranges(path: Path, name: str) -> list[tuple[int, int, int, int]]:
    """openpyxl's streaming reader does not list merged cells; calamine does, for both formats."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        ranges = book.get_sheet_by_name(name).merged_cell_ranges or []
    except Exception:
        return []
    return [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges]


# --- .xls ----------------------------------------------------------------------------------------


def _read_xls(path: Path, sheet: str | None, limit: int) -> RawSheet:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise RosterError("文件设置了密码，无法读取。请在 Excel 中取消密码后另存再导入") from exc
    except Exception as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise RosterError(
                "文件设置了密码，无法读取。请在 Excel 中取消密码后另存再导入"
            ) from exc
        raise RosterError(
            "文件不是可读取的 Excel 工作簿（.xls），可能已损坏。"
            "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
        ) from exc
    sheets = [
        (m.name, str(m.visible).endswith("Visible"))
        for m in book.sheets_metadata
        if str(m.typ).endswith("WorkSheet")
    ]
    notes: list[str] = []

    def rows_of(name: str) -> Iterator[tuple[Any, ...]]:
        try:
            data = book.get_sheet_by_name(name)
            start = data.start or (0, 0)
            rows = data.iter_rows()
        except Exception as exc:
            raise RosterError(f"工作表“{name}”无法读取，文件可能已损坏") from exc
        # calamine starts at the first used cell; pad so row and column numbers are the sheet's
        for _ in range(start[0]):
            yield ()
        for row in rows:
            yield (None,) * start[1] + tuple(None if v == "" else v for v in row)

    raw = _pick(sheets, sheet, rows_of, limit, notes)
    raw.merged = _merged_ranges(path, raw.name)
    raw.file_kind = "xls"
    return raw


# --- .csv ----------------------------------------------------------------------------------------


def _read_text(path: Path, head: bytes, limit: int) -> RawSheet:
    if b"\x00" in head:
        raise RosterError("这不是电子表格文件。请选择 .xlsx、.xls 或 .csv 文件")
    data = path.read_bytes()
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError(
            "文本文件的编码无法识别（支持 UTF-8 和 GBK/GB18030），请另存为 UTF-8 的 CSV"
        )
    if text.lstrip().lower().startswith(("<html", "<!doctype", "<?xml", "<table")):
        raise RosterError(
            "文件是网页（HTML/XML）格式的表格，请在 Excel 中打开后另存为 .xlsx 再导入"
        )
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    notes = [] if encoding == "utf-8-sig" else ["文件按 GBK/GB18030 编码读取"]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    raw = _collect(path.stem, iter(reader), limit, notes)
    raw.file_kind = "csv"
    if not raw.rows:
        raise RosterError("文件中没有数据")
    return raw


# --- shared --------------------------------------------------------------------------------------


def _collect(
    name: str, rows: Iterator[tuple[Any, ...]] | Iterator[list[Any]], limit: int, notes: list[str]
) -> RawSheet:
    out: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        values = list(row)
        while values and is_blank(values[-1]):
            values.pop()
        if not values:
            continue
        if len(out) > limit + HEADER_ROWS:  # stop reading early; the exact count is the roster's
            raise too_many_rows(name, limit)
        out.append((number, values))
    return RawSheet(name, out, notes=notes)


def _pick(
    sheets: list[tuple[str, bool]],
    wanted: str | None,
    rows_of: Any,
    limit: int,
    notes: list[str],
) -> RawSheet:
    if not sheets:
        raise RosterError("工作簿中没有工作表")
    names = [n for n, _ in sheets]
    if wanted is not None:
        if wanted not in names:
            raise RosterError(f"工作簿中没有名为“{wanted}”的工作表（有：{'、'.join(names)}）")
        visible = dict(sheets)[wanted]
        raw = _collect(wanted, rows_of(wanted), limit, notes)
        if not visible:
            raw.notes.append(f"工作表“{wanted}”是隐藏的工作表，按指定读取")
        if not raw.rows:
            raise RosterError(f"工作表“{wanted}”是空的")
        return raw
    hidden_with_data = []
    for name, visible in sheets:
        if not visible:
            if _has_data(rows_of(name)):
                hidden_with_data.append(name)
            continue
        raw = _collect(name, rows_of(name), limit, notes)
        if raw.rows:
            others = [n for n, v in sheets if v and n != name]
            if others:
                raw.notes.append(
                    f"工作簿有多个工作表，读取的是第一个有数据的“{name}”（可指定其他工作表）"
                )
            if hidden_with_data or any(not v for _, v in sheets):
                hidden = [n for n, v in sheets if not v]
                raw.notes.append(f"已跳过隐藏的工作表：{'、'.join(hidden)}")
            return raw
    if hidden_with_data:
        raise RosterError(
            f"可见的工作表都是空的；隐藏的工作表“{'、'.join(hidden_with_data)}”中有数据。"
            "请在 Excel 中取消隐藏，或指定要读取的工作表"
        )
    raise RosterError("工作簿中的工作表都是空的，没有可筛查的企业")


def _has_data(rows: Iterator[tuple[Any, ...]]) -> bool:
    return any(any(not is_blank(v) for v in row) for row in rows)
