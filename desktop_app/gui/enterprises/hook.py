"""The main window's one seam to the enterprise features: a 企业 menu (before 帮助) with
企业评估 (Ctrl+N), 已保存企业 (Ctrl+E) and 批量筛查 (Ctrl+Shift+B).

Kept light on purpose: the wizard, the engine and the user database load on first use (about
0.1 s), not while the window is starting. The window calls install_enterprise_menu(self)
once after building its own menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from desktop_app.core.userdata.recent import RecentEnterprise
    from desktop_app.gui.enterprises.feature import EnterpriseFeature
    from desktop_app.gui.user_data import UserData

MENU_TITLE = "企业(&Q)"


class EnterpriseMenu(QObject):
    changed = Signal()  # an enterprise or evaluation was saved, deleted or imported

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._feature: EnterpriseFeature | None = None
        self._user_data: UserData | None = None
        self.menu = QMenu(MENU_TITLE, window)
        self.new_action = self._action(
            "企业评估(&N)…",
            "Ctrl+N",
            "填写一家企业的情况，看哪些惠企措施适用、金额多少、为什么",
            lambda: self.feature().open_wizard(),
        )
        self.list_action = self._action(
            "已保存企业(&L)…",
            "Ctrl+E",
            "查看、编辑、复制、删除已保存的企业和它们的评估历史",
            lambda: self.feature().open_list(),
        )
        self.batch_action = self._action(
            "批量筛查(&B)…",
            "Ctrl+Shift+B",
            "读取企业名册（Excel/CSV），逐家评估全部措施，看每项措施可以找哪些企业",
            lambda: self.feature().open_batch(),
        )
        self.menu.addSeparator()
        self.notice_action = QAction("告知单设置(&O)…", window)
        self.notice_action.setStatusTip(
            "服务单位名称、经办人、联系电话（印在告知单落款处）和默认版本"
        )
        self.notice_action.triggered.connect(lambda _checked=False: self.edit_notice_settings())
        self.menu.addAction(self.notice_action)
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text().startswith("帮助")), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        else:
            bar.addMenu(self.menu)
        window.installEventFilter(self)

    def _action(self, text: str, keys: str, tip: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)
        self.menu.addAction(action)
        return action

    def edit_notice_settings(self) -> bool:
        from desktop_app.gui import notice_settings

        settings = getattr(self.window, "settings", None)
        if settings is None:
            return False
        return notice_settings.edit_settings(self.window, settings)

    def feature(self) -> EnterpriseFeature:
        if self._feature is None:
            from desktop_app.gui.enterprises.feature import EnterpriseFeature

            self._feature = EnterpriseFeature(self.window, self.user_data())
        return self._feature

    def user_data(self) -> UserData:
        """The saved enterprises, shared by the start page, the wizard and the list."""
        if self._user_data is None:
            from desktop_app.gui.user_data import UserData

            self._user_data = UserData(parent=self)
            self._user_data.changed.connect(self.changed)
        return self._user_data

    def recent(self) -> list[RecentEnterprise]:
        """The enterprises changed last, for the start page ([] when the file cannot open)."""
        from desktop_app.core.userdata.recent import recent_enterprises

        repo = self.user_data().repository(self.window)
        return recent_enterprises(repo) if repo is not None else []

    def open_recent(self, enterprise_id: str, evaluation_id: str) -> None:
        """One click on the start page: the last evaluation as computed, or the wizard."""
        feature = self.feature()
        if evaluation_id:
            repo = self.user_data().repository(self.window)
            record = (
                next((r for r in repo.search("") if r.id == enterprise_id), None) if repo else None
            )
            feature.open_result(evaluation_id, record.name if record else "")
        else:
            feature.open_wizard(enterprise_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing the window first closes the wizards, each asking about unsaved answers.
        if (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and self._feature is not None
            and not self._feature.close_wizards()
        ):
            event.ignore()
            return True
        return False


def install_enterprise_menu(window: QMainWindow) -> EnterpriseMenu:
    return EnterpriseMenu(window)
