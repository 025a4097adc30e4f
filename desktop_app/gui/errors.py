"""Unexpected errors: the traceback goes to a log file in the user data folder, the user gets
a short Chinese message saying what to do. A user never sees a Python traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.log_file import LOG_NAME as LOG_NAME
from desktop_app.log_file import log_path as log_path
from desktop_app.log_file import setup_logging as setup_logging

log = logging.getLogger("desktop_app")

GENERIC_MESSAGE = (
    "程序遇到了一个意外问题，刚才的操作没有完成。\n"
    "您可以继续使用；如果问题反复出现，请把日志文件发给技术支持。"
)


def log_exception(exc: BaseException, tb_text: str | None = None) -> None:
    text = tb_text or "".join(traceback.format_exception(exc))
    log.error("未处理的异常：\n%s", text)


def show_error(
    parent: QWidget | None, message: str, *, title: str = "出错了", with_log_hint: bool = True
) -> None:
    if QApplication.instance() is None:
        print(message, file=sys.stderr)
        return
    text = message
    if with_log_hint:
        text += f"\n\n详细记录已保存到：\n{log_path()}"
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


# Tests replace this to check that a message would be shown without opening a modal box.
ErrorPresenter = Callable[[QWidget | None, str], None]
_presenter: ErrorPresenter = show_error


def set_presenter(presenter: ErrorPresenter) -> ErrorPresenter:
    global _presenter
    previous, _presenter = _presenter, presenter
    return previous


def report(exc: BaseException, tb_text: str | None = None, parent: QWidget | None = None) -> None:
    """Log exc with its traceback and tell the user in Chinese."""
    log_exception(exc, tb_text)
    _presenter(parent, GENERIC_MESSAGE)


_in_hook = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: exceptions raised in slots end here instead of stderr."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    if _in_hook:  # an error while showing the error: log only, never loop
        log.error("处理异常时又出错：\n%s", text)
        return
    _in_hook = True
    try:
        report(exc, text, QApplication.activeWindow())
    finally:
        _in_hook = False


def install_excepthook() -> None:
    sys.excepthook = excepthook


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    logging.getLogger("desktop_app.qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)


def install_qt_message_handler() -> None:
    """Qt's own warnings go to the log file, not to a console the user never sees."""
    qInstallMessageHandler(_qt_message)
