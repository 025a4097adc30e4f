"""Printing prints the PDF's own pages: checked offscreen with a QPrinter writing a PDF file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.gui import printing
from desktop_app.gui.tasks import TaskError, TaskRunner


@pytest.fixture
def source_pdf(tmp_path: Path) -> Path:
    pdf = PdfBuilder("打印测试", ["三页"], generated=date(2026, 1, 5))
    for n in range(1, 4):
        pdf.heading(f"第{n}部分").paragraph("厦门市中小微企业扩岗补助，每人1500元。" * 20)
        if n < 3:
            pdf.page_break()
    path = tmp_path / "源文件.pdf"
    assert pdf.build(path) == 3
    return path


def _file_printer(source: Path, target: Path) -> QPrinter:
    printer = printing.new_printer(source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(150)  # keeps the test quick; the code path is the same
    return printer


def _grey_pixels(path: Path, index: int) -> list[int]:
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        bitmap = page.render(scale=40 / 72, grayscale=True)
        data = list(bytes(bitmap.buffer))
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        page.close()
    finally:
        doc.close()
    return [data[y * stride + x] for y in range(height) for x in range(width)]


def test_printing_to_a_file_gives_the_same_pages(
    gui_app: Any, source_pdf: Path, tmp_path: Path
) -> None:
    target = tmp_path / "打印输出.pdf"
    printer = _file_printer(source_pdf, target)
    assert printing.paint_pdf(source_pdf, printer) == 3
    reader = PdfReader(target)
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1
    # the printed page looks like the PDF page: same picture at 40 dpi, up to resampling
    for index in range(3):
        printed, original = _grey_pixels(target, index), _grey_pixels(source_pdf, index)
        assert len(printed) == len(original)
        mean_diff = sum(abs(a - b) for a, b in zip(printed, original, strict=True)) / len(printed)
        assert mean_diff < 6, (index, mean_diff)
    # a blank page would also be "similar": make sure there is ink
    assert min(_grey_pixels(target, 0)) < 128


def test_progress_is_reported_per_page_and_can_stop_the_job(
    gui_app: Any, source_pdf: Path, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1  # the user cancels after the first page

    printer = _file_printer(source_pdf, tmp_path / "中途取消.pdf")
    assert printing.paint_pdf(source_pdf, printer, progress=progress) == 1
    assert seen == [(0, 3), (1, 3)]


def test_page_range_from_the_dialog_is_respected(
    gui_app: Any, source_pdf: Path, tmp_path: Path
) -> None:
    target = tmp_path / "第2-3页.pdf"
    printer = _file_printer(source_pdf, target)
    printer.setFromTo(2, 3)
    assert printing.paint_pdf(source_pdf, printer) == 2
    assert len(PdfReader(target).pages) == 2


def test_print_pdf_prints_after_the_dialog_is_accepted(
    gui_app: Any, source_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    target = tmp_path / "对话框打印.pdf"
    assert printing.print_pdf(None, source_pdf, printer=_file_printer(source_pdf, target))
    assert len(PdfReader(target).pages) == 3


def test_print_pdf_cancelled_prints_nothing(
    gui_app: Any, source_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    target = tmp_path / "取消.pdf"
    assert not printing.print_pdf(None, source_pdf, printer=_file_printer(source_pdf, target))
    assert not target.exists()


def test_unreadable_pdf_is_reported_not_raised(
    gui_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "坏文件.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(printing.PrintError, match="无法打开 PDF 文件"):
        printing.pdf_page_count(broken)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    assert not printing.print_pdf(None, broken)
    assert warnings and "无法打开 PDF 文件" in warnings[0]


def test_preview_shows_every_page(gui_app: Any, qtbot: Any, source_pdf: Path) -> None:
    dialog = printing.preview_dialog(None, source_pdf)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.updatePreview()  # paints synchronously through paintRequested
    assert widget.pageCount() == 3


def test_export_dialog_remembers_the_folder(
    gui_app: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    answer = {"path": str(tmp_path / "报告" / "清单")}

    def fake_dialog(parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return answer["path"], filters

    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", fake_dialog)
    chosen = printing.export_pdf_dialog(None, "惠企政策适用清单-<A&B>公司", settings)
    assert chosen == tmp_path / "报告" / "清单.pdf"
    assert offered[0].endswith("惠企政策适用清单-_A&B_公司.pdf")
    assert settings.last_folder(printing.EXPORT_FOLDER_KEY) == str(tmp_path / "报告")
    printing.export_pdf_dialog(None, "第二份.pdf", settings)
    assert Path(offered[1]) == tmp_path / "报告" / "第二份.pdf"
    answer["path"] = ""  # cancelled
    assert printing.export_pdf_dialog(None, "x", settings) is None


def test_safe_file_name() -> None:
    assert printing.safe_file_name('a<b>:c"d/e\\f|g?h*') == "a_b__c_d_e_f_g_h_.pdf"
    assert printing.safe_file_name("清单.PDF") == "清单.pdf"
    assert printing.safe_file_name(" . ") == "导出.pdf"
    assert len(printing.safe_file_name("长" * 300)) <= 124


def test_export_runs_the_build_off_the_gui_thread(gui_app: Any, qtbot: Any, tmp_path: Path) -> None:
    import threading

    gui_thread = threading.get_ident()
    threads: list[int] = []

    def build(path: Path) -> int:
        threads.append(threading.get_ident())
        pdf = PdfBuilder("导出测试", generated=date(2026, 1, 5))
        return pdf.paragraph("内容").build(path)

    done: list[printing.ExportDone] = []
    errors: list[TaskError] = []
    runner = TaskRunner()
    try:
        printing.start_export(runner, build, tmp_path / "导出.pdf", done.append, errors.append)
        qtbot.waitUntil(lambda: bool(done or errors))
    finally:
        runner.shutdown()
    assert not errors
    assert done[0].pages == 1 and done[0].path.is_file()
    assert threads and threads[0] != gui_thread
