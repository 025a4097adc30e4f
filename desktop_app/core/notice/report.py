"""Write the report for one evaluation to a file: the plain core function behind
`policy-desk report`, the window's 导出PDF / 导出Word and batch printing.

    pages = write_report(result, "告知单.pdf", brief=True, office=OfficeInfo("…街道", "张三", "…"))

`.pdf` is the exact record (returns its page count); `.docx` is the same content as an editable
Word file (returns None: Word lays out the pages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Unpack

from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.notice import docx_detail, docx_writer
from desktop_app.core.notice.model import ReportOptions, report_notice
from desktop_app.core.pdf.summary import build_summary_pdf

FORMATS = (".pdf", ".docx")


class ReportFormatError(ValueError):
    """The file name does not end in .pdf or .docx."""


def report_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ReportFormatError(f"输出文件应以 .pdf 或 .docx 结尾：{path}")
    return suffix


def write_report(
    result: MatchResult, path: Path | str, **options: Unpack[ReportOptions]
) -> int | None:
    """The 告知单 (`brief`, the default) or the full report, as PDF or Word by the file's
    suffix."""
    suffix = report_format(path)
    chosen: ReportOptions = {"brief": True, **options}
    if suffix == ".pdf":
        return build_summary_pdf(result, path, **chosen)
    registry = chosen.get("registry") or load_registry()
    notice = report_notice(result, {**chosen, "registry": registry})
    if chosen["brief"]:
        docx_writer.write_docx(notice, path)
    else:
        docx_detail.write_full_docx(result, notice, path, registry)
    return None
