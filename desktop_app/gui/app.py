"""Application set-up: the bundled CJK font, Qt's Chinese translations, the theme, the error
hook, then the start-up sequence (data first, then the window with its first results).

Module-level imports are kept to what the first frame needs; the window's modules load once
the policy data is on its way, so `policy-desk` shows results as early as possible.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME, __version__, paths
from desktop_app.gui import errors, theme
from desktop_app.gui.wheel_guard import install_wheel_guard

if TYPE_CHECKING:
    from desktop_app.gui.startup import Startup
    from desktop_app.selfcheck.run import SelfCheck

log = logging.getLogger(__name__)

FONT_FILE = "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"
# Set to 1 by benchmarks/startup_benchmark.py: print a timestamp once the first results are
# on screen, then quit.
STARTUP_MARK_ENV = "POLICY_DESK_STARTUP_MARK"


def register_bundled_font(app: QApplication, point_size: int) -> str | None:
    """Register the bundled WenQuanYi Micro Hei and make it the application font.

    Without it, a machine with no Chinese font (and Qt's offscreen platform) draws boxes.
    Returns the family name, or None when the font could not be loaded.
    """
    path = paths.fonts_dir() / FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font not loaded: %s", path)
        font = app.font()
        font.setPointSize(point_size)
        app.setFont(font)
        return None
    family = FONT_FAMILY if FONT_FAMILY in families else families[0]
    font = QFont(family)
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return family


def load_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own Chinese strings (确定/取消, 上一步/下一步, file dialogs, context menus)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(paths.resources_dir() / "translations"),
    ]
    loaded: list[QTranslator] = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                loaded.append(translator)
                break
    if not loaded:
        log.warning("Qt Chinese translations not found in %s", folders)
    from desktop_app.gui.qt_strings import MissingStrings

    missing = MissingStrings(app)
    app.installTranslator(missing)  # installed last: asked first, answers only for its strings
    loaded.append(missing)
    return loaded


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fusion from the start (theme.apply_theme): Qt's own -style option sets it without a
        # platform style made first and replaced, and without handing Python the QStyle object
        # (creating its Python type makes its dozen enums, ~8 ms of every start)
        args = list(argv if argv is not None else sys.argv[:1]) or [APP_NAME]
        app = QApplication([args[0], "-style", theme.STYLE, *args[1:]])
        app.setProperty(theme.STYLE_PROPERTY, theme.STYLE)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("PolicyDesk")
    app.setApplicationVersion(__version__)
    return app


def setup_application(app: QApplication, font_size: int, *, wheel_guard: bool = True) -> None:
    """Font, translations, theme, icon; with wheel_guard, the wheel guard too (run() installs
    it once the window is up: see there)."""
    register_bundled_font(app, font_size)
    load_translations(app)
    if wheel_guard:
        install_wheel_guard(app)
    theme.apply_theme(app, font_size)
    icon = paths.icon_path()
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def run(smoke: bool = False) -> int:
    """Start the window; with smoke=True run SMOKE_STEPS, print SMOKE-OK and exit."""
    errors.setup_logging()
    errors.install_qt_message_handler()
    app = create_application()
    from desktop_app.gui.settings import Settings
    from desktop_app.gui.shell import LoadingShell

    settings = Settings()
    mark = os.environ.get(STARTUP_MARK_ENV) == "1"
    # the first frame before the fonts, the theme, the data and the window's modules
    shell = LoadingShell(settings.geometry())
    shell.show()
    checks: list[SelfCheck] = []
    if mark:
        from desktop_app.selfcheck.run import paint_stamp

        QTimer.singleShot(0, paint_stamp)
    holder: dict[str, Startup] = {}

    def continue_startup() -> None:
        # The wheel guard is an application-wide event filter: every event passes through
        # Python (~6 µs each). Installed once the window shows its first results, it skips the
        # ~3,000 events of building the window; nothing can be scrolled before then.
        errors.install_excepthook()
        from desktop_app.gui.startup import Startup

        startup = Startup(app, settings, interactive=not (smoke or mark), shell=shell)
        startup.window_ready.connect(lambda: install_wheel_guard(app))
        if smoke or mark:
            from desktop_app.selfcheck.run import SmokeRun, StartupStamp

            checks.append(SmokeRun(app, startup) if smoke else StartupStamp(app, startup))
        holder["startup"] = startup
        startup.begin()
        # The fonts and the theme while the worker opens the data: Qt's own work here leaves
        # the interpreter to the worker much of the time. The window (built when the data is
        # in, from the event loop) gets them either way.
        setup_application(app, settings.font_size(), wheel_guard=False)

    QTimer.singleShot(0, continue_startup)
    code = app.exec()
    startup = holder.get("startup")
    if startup is None:
        return int(code)
    startup.shutdown()
    for decided in (checks[0].exit_code if checks else None, startup.exit_code):
        if decided is not None:
            return decided
    return int(code)
