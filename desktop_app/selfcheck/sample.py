"""The second half of `policy-desk --smoke`: evaluate the sample enterprise, write its summary
PDF to a temporary folder and print its first page to a file, with the functions the window uses.

Only the print step touches Qt (imported there). The smoke steps (selfcheck/steps.py) run these
after the window's own steps, handing over the open policy store. Each step returns a note or
raises with the reason, so the frozen build's test (tests/test_frozen_build.py) shows which part
of the bundle is missing.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.eligibility import engine
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import ELIGIBLE, MatchResult
from desktop_app.core.pdf.summary import build_summary_pdf
from desktop_app.core.store import PolicyStore

SAMPLE_FILE = "xiamen-manufacturer.json"


class CoreSmokeFailure(RuntimeError):
    pass


def sample_profile_path() -> Path:
    return paths.resources_dir() / "samples" / SAMPLE_FILE


def evaluate_sample(store: PolicyStore, as_of: date | None = None) -> MatchResult:
    data = json.loads(sample_profile_path().read_text(encoding="utf-8"))
    result = engine.match(store, Profile.from_dict(data), as_of or date.today())
    if not result.results:
        raise CoreSmokeFailure("示例企业没有评估出任何措施")
    return result


def write_pdf(result: MatchResult, folder: Path) -> Path:
    """The 惠企政策适用清单 of the evaluation, as the window's export writes it."""
    path = folder / "smoke.pdf"
    build_summary_pdf(result, path)
    return path


def check_pdf(path: Path) -> int:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CoreSmokeFailure(f"生成的 PDF 不完整：{path}")
    return len(data)


class CoreSmoke:
    """Evaluation, its PDF, then printing that PDF: steps sharing one result and one folder."""

    def __init__(self) -> None:
        self.result: MatchResult | None = None
        self.pdf_path: Path | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def evaluate(self, store: PolicyStore) -> str:
        self.result = evaluate_sample(store)
        eligible = len(self.result.by_status(ELIGIBLE))
        return f"示例企业 {len(self.result.results)} 项措施，符合 {eligible} 项"

    def pdf(self, store: PolicyStore) -> str:
        result = self.result or evaluate_sample(store)
        # Removed by print_first_page, or by the object's finalizer when a later step fails.
        self._folder = tempfile.TemporaryDirectory(prefix="policy-desk-smoke-")
        self.pdf_path = write_pdf(result, Path(self._folder.name))
        return f"{check_pdf(self.pdf_path) // 1024} KB，写入临时文件夹 {self._folder.name}"

    def print_first_page(self) -> str:
        """Page 1 through the print path (pdfium renders, QPrinter paints) into a PDF file:
        pdfium is loaded with ctypes, so only running it shows the bundle carries it."""
        from PySide6.QtPrintSupport import QPrinter

        from desktop_app.gui.printing import new_printer, paint_pdf

        if self.pdf_path is None or self._folder is None:
            raise CoreSmokeFailure("没有可打印的 PDF")
        try:
            printer = new_printer(self.pdf_path)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printed = Path(self._folder.name) / "printed.pdf"
            printer.setOutputFileName(str(printed))
            printer.setFromTo(1, 1)
            pages = paint_pdf(self.pdf_path, printer, max_dpi=72)
            if pages != 1 or check_pdf(printed) == 0:
                raise CoreSmokeFailure(f"打印输出 {pages} 页，应为 1 页")
        finally:
            self._folder.cleanup()
        return "第 1 页经 pdfium 和 QPrinter 输出（临时文件夹已删除）"


def batch_roundtrip(store: PolicyStore) -> str:
    """A generated roster written and read as .xlsx (openpyxl, calamine for merged cells),
    screened, and the result workbook written (XlsxWriter) and read back: the spreadsheet
    libraries only show they are in the bundle by running."""
    import openpyxl

    from desktop_app.core.batch.roster import read_roster
    from desktop_app.core.batch.screen import screen
    from desktop_app.core.batch.synthetic import generate, write_xlsx
    from desktop_app.core.batch.workbook import write_workbook

    with tempfile.TemporaryDirectory(prefix="policy-desk-smoke-batch-") as tmp:
        roster = read_roster(write_xlsx(generate(20, seed=1, bad_share=0), Path(tmp) / "r.xlsx"))
        result = screen(store, roster, date.today())
        out = write_workbook(result, Path(tmp) / "out.xlsx")
        book = openpyxl.load_workbook(out, read_only=True)
        try:
            rows = book["按企业"].max_row
        finally:
            book.close()
        if len(result.outcomes) != 20 or rows != 21:
            raise CoreSmokeFailure(f"批量筛查结果不完整：{len(result.outcomes)} 家，{rows} 行")
    return f"名册 20 家企业读取、筛查并写入 .xlsx（{rows - 1} 行）"


def gui_steps(store_of: Callable[[Any], PolicyStore]) -> list[tuple[str, Callable[[Any], str]]]:
    """Steps in the GUI hook's shape; store_of gets the open store from the main window."""
    core = CoreSmoke()
    return [
        ("评估", lambda window: core.evaluate(store_of(window))),
        ("PDF", lambda window: core.pdf(store_of(window))),
        ("打印", lambda window: core.print_first_page()),
        ("导入", lambda window: import_samples(_bundled_path(store_of(window)))),
        ("批量筛查", lambda window: batch_roundtrip(store_of(window))),
    ]


def _bundled_path(store: PolicyStore) -> Path:
    bundled = getattr(store, "bundled", store)
    if bundled.path is None:
        raise CoreSmokeFailure("政策数据库没有文件路径")
    return Path(bundled.path)


def import_samples(bundled_path: Path) -> str:
    """Write a small .docx and .pdf, import both into a library in a temporary folder (never
    the user's), and find an imported measure by search: the frozen build's readers
    (python-docx with lxml, pdfium), the library and its index."""
    from desktop_app.core.library import samples
    from desktop_app.core.library.combined import CombinedStore
    from desktop_app.core.library.importer import preview_import, store_import
    from desktop_app.core.library.store import PolicyLibrary
    from desktop_app.core.search import SearchEngine

    with tempfile.TemporaryDirectory(prefix="policy-desk-smoke-import-") as name:
        folder = Path(name)
        files = [
            samples.write_docx(folder / "smoke.docx", 3),
            samples.write_pdf(
                folder / "smoke.pdf", 3, "柳河县稳岗扩岗若干措施", "柳政发〔2026〕4号"
            ),
        ]
        library = PolicyLibrary.open(folder / "library.sqlite")
        try:
            for path in files:
                store_import(library, preview_import(library, path))
            docs = library.documents()
            if len(docs) != len(files) or not all(d.measure_count == 3 for d in docs):
                raise CoreSmokeFailure(f"导入结果不对：{[(d.id, d.measure_count) for d in docs]}")
            store = CombinedStore(PolicyStore.open(bundled_path), library)
            hits = SearchEngine(store).search("小巨人", limit=50).hits
            found = sorted({h.document_id for h in hits if h.document_id.startswith("imp-")})
            store.bundled.close()
        finally:
            library.close()
        if found != [d.id for d in docs]:
            raise CoreSmokeFailure(f"搜索“小巨人”没有找到导入的文件：{found}")
    return f".docx 与 .pdf 各 3 条措施已导入临时政策库并可检索（{', '.join(found)}）"
