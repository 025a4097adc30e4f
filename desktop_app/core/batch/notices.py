"""One 告知单 PDF per screened enterprise, in a folder or merged into one file, and saving the
screened enterprises — each written so that a failure leaves nothing half-done."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop_app.core.batch.screen import BatchResult, Cancelled, Outcome, explain
from desktop_app.core.eligibility.engine import PolicySource
from desktop_app.core.notice.office import OfficeInfo

Progress = Callable[[int, str], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}  # fmt: skip
MAX_STEM = 80


def safe_file_stem(name: str, row: int) -> str:
    """A file name any Windows or Linux folder accepts, from the enterprise's name and row."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _UNSAFE.sub("_", text)
    text = "".join(ch for ch in text if ch.isprintable()).strip(" .")
    text = text[:MAX_STEM].rstrip(" .") or "未命名企业"
    if text.upper().split(".")[0] in _RESERVED:
        text = "_" + text
    return f"{row:05d}-{text}"


def write_notices(
    store: PolicySource,
    result: BatchResult,
    folder: Path,
    *,
    outcomes: list[Outcome] | None = None,
    merged: bool = False,
    office: OfficeInfo | None = None,
    brief: bool = True,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """告知单 PDFs of `outcomes` (default: all) in `folder`, or one 告知单合集.pdf when `merged`,
    each signed with `office` (服务单位, 经办人, 联系电话) as a single 告知单 is.

    Built in a temporary folder beside the target and moved in only when all are done."""
    from desktop_app.core.notice.report import write_report
    from desktop_app.core.store import data_date

    day = data_date(store)
    chosen = result.outcomes if outcomes is None else outcomes
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".batch-", dir=folder))
    try:
        built: list[Path] = []
        for n, outcome in enumerate(chosen):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(
                    int(n * 100 / max(len(chosen), 1)), f"正在生成告知单 {n + 1} / {len(chosen)}"
                )
            full = explain(store, outcome, result.as_of)
            target = work / f"{safe_file_stem(outcome.name, outcome.row.row)}.pdf"
            write_report(
                full, target, brief=brief, office=office, generated=date.today(), data_date=day
            )
            built.append(target)
        if merged:
            out = folder / f"告知单合集-{result.as_of.isoformat()}.pdf"
            _merge(built, work / "merged.pdf")
            os.replace(work / "merged.pdf", out)
            return [out]
        final = []
        for path in built:
            dest = folder / path.name
            os.replace(path, dest)
            final.append(dest)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _merge(parts: list[Path], out: Path) -> None:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    try:
        for part in parts:
            source = pdfium.PdfDocument(str(part))
            try:
                merged.import_pages(source)
            finally:
                source.close()
        merged.save(str(out))
    finally:
        merged.close()


def save_outcomes(result: BatchResult, outcomes: list[Outcome] | None = None) -> dict[str, int]:
    """Save the enterprises (one transaction): one saved under the same name is updated."""
    from desktop_app.core.userdata.profiles import ProfileRepository
    from desktop_app.core.userdata.user_db import open_user_db

    chosen = result.outcomes if outcomes is None else outcomes
    opened = open_user_db()
    try:
        repo = ProfileRepository(opened.conn)
        entries = []
        for outcome in chosen:
            note = f"来自名册“{Path(result.roster.source).name}”第{outcome.row.row}行"
            if outcome.row.credit_code:
                note += f"；统一社会信用代码：{outcome.row.credit_code}"
            if outcome.row.notes:
                note += f"；{outcome.row.notes}"
            entries.append((outcome.row.profile.to_dict(), note))
        return repo.save_many(entries)
    finally:
        opened.conn.close()
