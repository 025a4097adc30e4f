"""The user database as the GUI sees it: opened once on first use, shared by the wizard and
the enterprise list, and a `changed` signal so every open view refreshes after a write.

A damaged file is moved aside by core.userdata.user_db; here the user is told where it went.
A database that cannot be opened at all leaves saving unavailable with a Chinese message,
never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import UserDbError, open_user_db
from desktop_app.gui.widgets import prompts

log = logging.getLogger(__name__)


class UserData(QObject):
    changed = Signal()  # an enterprise or evaluation was written, deleted or imported

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._repo: ProfileRepository | None = None
        self.error: str | None = None

    def repository(self, parent: QWidget | None = None) -> ProfileRepository | None:
        """The repository, opening the database on first use; None (after telling the user)
        when it cannot be opened."""
        if self._repo is not None:
            return self._repo
        try:
            opened = open_user_db(self.path)
        except UserDbError as exc:
            self.error = str(exc)
            log.error("user database: %s", exc)
            prompts.warn(parent, "无法打开已保存企业", str(exc))
            return None
        self.error = None
        self._repo = ProfileRepository(opened.conn)
        if opened.message:
            prompts.warn(parent, "已保存企业的数据库已损坏", opened.message)
        return self._repo

    def notify_changed(self) -> None:
        self.changed.emit()

    def close(self) -> None:
        if self._repo is not None:
            self._repo.conn.close()
            self._repo = None
