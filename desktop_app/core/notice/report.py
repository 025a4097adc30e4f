"""Write the report for one evaluation to a file: the plain core function behind
`policy-desk report`, the window's 导出PDF / 导出Word and batch printing.

    pages = write_report(result, "告知单.pdf", brief=True, office=OfficeInfo("…街道", "张三", "…"))

`.pdf` is the exact record (returns its page count); `.docx` is the same content as an editable
Word file (returns None: Word lays out the pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.notice import docx_detail, docx_writer
from desktop_app.core.notice.model import LocalGuidance, build_notice
from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.pdf.summary import BRIEF_NOTE, build_summary_pdf

FORMATS = (".pdf", ".docx")


class ReportFormatError(ValueError):
    """The file name does not end in .pdf or .docx."""


def report_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ReportFormatError(f"输出文件应以 .pdf 或 .docx 结尾：{path}")
    return suffix


def write_report(
    result: MatchResult,
    path: Path | str,
    *,
    brief: bool = True,
    office: OfficeInfo | None = None,
    guidance: Iterable[LocalGuidance] = (),
    generated: date | None = None,
    data_date: date | None = None,
    registry: FactsRegistry | None = None,
) -> int | None:
    """The 告知单 (`brief`) or the full report, as PDF or Word by the file's suffix."""
    suffix = report_format(path)
    registry = registry or load_registry()
    guidance = list(guidance)
    if suffix == ".pdf":
        return build_summary_pdf(
            result,
            path,
            generated=generated,
            registry=registry,
            brief=brief,
            office=office,
            guidance=guidance,
            data_date=data_date,
        )
    notice = build_notice(
        result,
        office,
        generated=generated,
        guidance=guidance,
        data_date=data_date,
        registry=registry,
    )
    if brief:
        docx_writer.write_docx(replace(notice, brief_note=BRIEF_NOTE), path)
    else:
        docx_detail.write_full_docx(result, notice, path, registry)
    return None
