"""导出PDF, 打印预览 and 打印 for the PDFs the app makes (政策摘编, 惠企政策适用清单).

Printing sends the PDF's own pages: pdfium (pypdfium2, which carries its own binary) turns each
page into an image at the printer's resolution, and the image is painted on the QPrinter. So
paper shows exactly what the PDF shows — same line breaks, page breaks and "第 x 页 共 y 页" —
rather than a second layout of the same content by Qt. PySide6-Essentials has no QtPdf, and
PDF files cannot be handed to a printer directly on Windows.

Everything here runs on the GUI thread (pdfium is not thread-safe, QPrinter painting belongs
to the GUI); the PDF itself is built beforehand, off the GUI thread (`start_export`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.gui.tasks import TaskError, TaskRunner

log = logging.getLogger(__name__)

# 300 dpi is what office printers print text at without visible steps; 600 dpi took about a
# second and 3 MB per page here (40 s for a 38-page summary), four times the work for no
# difference a reader sees on paper.
MAX_PRINT_DPI = 300
# The preview keeps every page as an image in memory: screen sharpness is enough there.
PREVIEW_DPI = 150
EXPORT_FOLDER_KEY = "pdf_export"
_POINTS_PER_INCH = 72


class PrintError(RuntimeError):
    """The PDF could not be opened or painted; the message is Chinese and meant for the user."""


class FolderMemory(Protocol):
    """Where dialogs remember their last folder (desktop_app.gui.settings.Settings)."""

    def last_folder(self, purpose: str) -> str: ...

    def set_last_folder(self, purpose: str, folder: str) -> None: ...


# -- painting PDF pages ------------------------------------------------------------------------


@contextmanager
def _open_pdf(pdf_path: Path | str) -> Iterator[pdfium.PdfDocument]:
    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise PrintError(f"无法打开 PDF 文件：{pdf_path}（{exc}）") from exc
    try:
        yield doc
    finally:
        doc.close()


def pdf_page_count(pdf_path: Path | str) -> int:
    with _open_pdf(pdf_path) as doc:
        return len(doc)


def _page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / _POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    # The QImage only borrows pdfium's buffer, which is freed with the bitmap.
    return image.copy()


def _page_range(printer: QPrinter, count: int) -> range:
    """The pages the user chose in the print dialog (1-based, inclusive), else all."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return range(count)
    first = max(first, 1)
    last = min(last if last > 0 else count, count)
    return range(first - 1, last)


def _fit(image_size: tuple[float, float], target: QRectF) -> QRectF:
    """The largest rectangle of the page's proportions centred in target (A4 on Letter paper
    shrinks slightly instead of losing its footer)."""
    width, height = image_size
    scale = min(target.width() / width, target.height() / height)
    w, h = width * scale, height * scale
    return QRectF(
        target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h
    )


def paint_pdf(
    pdf_path: Path | str,
    printer: QPrinter,
    *,
    max_dpi: int = MAX_PRINT_DPI,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Paint the PDF's pages on `printer` (a real printer, a PDF file, or a preview) and return
    how many pages were painted. Copies the driver cannot make are painted in turn.

    `progress(done, total)` is called before each page; returning False stops the job."""
    with _open_pdf(pdf_path) as doc:
        pages = _page_range(printer, len(doc))
        if not pages:
            return 0
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("无法开始打印：打印机不可用或输出文件无法写入")
        painted = 0
        try:
            engine = painter.paintEngine()
            previewing = engine is not None and engine.type() == QPaintEngine.Type.Picture
            dpi = min(PREVIEW_DPI if previewing else printer.resolution(), max_dpi)
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            total = copies * len(pages)
            for copy in range(copies):
                for n, index in enumerate(pages):
                    if progress is not None and not progress(painted, total):
                        printer.abort()
                        break
                    if (copy or n) and not printer.newPage():
                        raise PrintError("打印中断：无法开始新的一页")
                    page = doc[index]
                    try:
                        image = _page_image(page, dpi)
                        width, height = page.get_size()
                    finally:
                        page.close()
                    painter.drawImage(_fit((width, height), target), image)
                    painted += 1
        finally:
            painter.end()
        return painted


def new_printer(pdf_path: Path | str) -> QPrinter:
    """A printer set up for the PDF: its page size, portrait, whole-sheet coordinates."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # Full page: the PDF already has its margins; Qt's would shrink the page a second time.
    printer.setFullPage(True)
    with _open_pdf(pdf_path) as doc:
        count = len(doc)
        if count:
            page = doc[0]
            width, height = page.get_size()
            page.close()
            size = QPageSize(QPageSize.PageSizeId.A4)
            if abs(width - size.sizePoints().width()) > 2:
                size = QPageSize(QRectF(0, 0, width, height).size(), QPageSize.Unit.Point)
            printer.setPageSize(size)
    orientation = QPageLayout.Orientation.Portrait
    printer.setPageOrientation(orientation)
    printer.setFromTo(0, 0)
    printer.setDocName(Path(pdf_path).stem)
    return printer


@contextmanager
def _busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


# -- dialogs -----------------------------------------------------------------------------------


def print_pdf(
    parent: QWidget | None, pdf_path: Path | str, *, printer: QPrinter | None = None
) -> bool:
    """Ask for a printer (system print dialog) and print the PDF. True if it was printed."""
    try:
        printer = printer or new_printer(pdf_path)
        count = pdf_page_count(pdf_path)
    except PrintError as exc:
        _warn(parent, str(exc))
        return False
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, max(1, count))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return _print(parent, pdf_path, printer)


class PdfPreviewDialog(QPrintPreviewDialog):
    """Print preview of a PDF file; its print button prints the same pages."""

    def __init__(self, printer: QPrinter, pdf_path: Path | str, parent: QWidget | None) -> None:
        super().__init__(printer, parent)
        # The dialog does not own its printer: without this reference Python would free the
        # QPrinter while the dialog still paints on it (a crash, not an exception).
        self._owned_printer = printer
        self.pdf_path = Path(pdf_path)
        self._reported = False
        self.setWindowTitle(f"打印预览 - {self.pdf_path.name}")
        self.resize(900, 1000)
        self.paintRequested.connect(self._paint)

    def _paint(self, target: QPrinter) -> None:
        try:
            with _busy():
                paint_pdf(self.pdf_path, target)
        except PrintError as exc:
            # An exception raised in a Qt slot would be lost; tell the user once instead.
            if not self._reported:
                self._reported = True
                _warn(self, str(exc))


def preview_dialog(
    parent: QWidget | None, pdf_path: Path | str, *, printer: QPrinter | None = None
) -> PdfPreviewDialog:
    return PdfPreviewDialog(printer or new_printer(pdf_path), pdf_path, parent)


def preview_pdf(parent: QWidget | None, pdf_path: Path | str) -> None:
    """Show the print preview (modal)."""
    try:
        dialog = preview_dialog(parent, pdf_path)
    except PrintError as exc:
        _warn(parent, str(exc))
        return
    dialog.exec()
    dialog.deleteLater()


def _print(parent: QWidget | None, pdf_path: Path | str, printer: QPrinter) -> bool:
    dialog = QProgressDialog("正在打印…", "取消", 0, 0, parent)
    dialog.setWindowTitle("打印")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)

    def progress(done: int, total: int) -> bool:
        # painting must stay on the GUI thread (QPrinter); keep the window alive between pages
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"正在打印第 {done + 1} 页，共 {total} 页…")
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        with _busy():
            painted = paint_pdf(pdf_path, printer, progress=progress)
    except PrintError as exc:
        _warn(parent, str(exc))
        return False
    finally:
        dialog.close()
        dialog.deleteLater()
    log.info("printed %s pages of %s", painted, pdf_path)
    return painted > 0


def _warn(parent: QWidget | None, message: str) -> None:
    log.warning("printing: %s", message)
    QMessageBox.warning(parent, "打印", message)


# -- export ------------------------------------------------------------------------------------


def export_pdf_dialog(
    parent: QWidget | None,
    suggested_name: str,
    settings: FolderMemory,
    *,
    title: str = "导出PDF",
) -> Path | None:
    """Ask where to save a PDF, starting in the folder used last time; None if cancelled.

    The name gets .pdf if the user left it off, and the folder is remembered for next time.
    """
    folder = Path(settings.last_folder(EXPORT_FOLDER_KEY))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(folder / safe_file_name(suggested_name)), "PDF 文件 (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    settings.set_last_folder(EXPORT_FOLDER_KEY, str(path.parent))
    return path


_UNSAFE = str.maketrans({c: "_" for c in '<>:"/\\|?*'} | {c: None for c in map(chr, range(32))})


def safe_file_name(name: str, *, limit: int = 120) -> str:
    """A file name Windows accepts, from text that may hold an enterprise name."""
    cleaned = name.translate(_UNSAFE).strip(" .") or "导出"
    stem, dot, ext = cleaned.rpartition(".")
    if dot and ext.lower() == "pdf":
        return stem[: limit - 4].rstrip(" .") + ".pdf"
    return cleaned[:limit].rstrip(" .") + ".pdf"


@dataclass(frozen=True)
class ExportDone:
    path: Path
    pages: int


def start_export(
    runner: TaskRunner,
    build: Callable[[Path], int],
    path: Path,
    on_done: Callable[[ExportDone], None],
    on_error: Callable[[TaskError], None],
) -> int:
    """Run `build(path)` (which writes the PDF and returns its page count) on a worker; the
    callbacks run on the GUI thread. Returns the task token."""

    def work() -> ExportDone:
        return ExportDone(path, int(build(path)))

    return runner.run(work, on_done, on_error, channel=f"export:{path}")
