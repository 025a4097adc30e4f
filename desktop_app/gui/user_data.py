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

from desktop_app import paths
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.salvage import repair_user_db
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
        self._offered = False

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
        self._offered = False
        self._repo = ProfileRepository(opened.conn)
        if opened.message:
            prompts.warn(parent, "已保存企业的数据库已损坏", opened.message)
        return self._repo

    def offer_repair(self, parent: QWidget | None = None) -> bool:
        """Once per damaged database: say what could be read and offer the repair (a
        salvage copy first, then the damaged file moved aside). True when repaired."""
        repo = self._repo
        if repo is None or repo.damage is None or self._offered:
            return False
        self._offered = True
        damage = repo.damage
        problems = "\n".join(damage.problems[:8])
        if not prompts.confirm(
            parent,
            "已保存企业的数据库有损坏",
            f"{damage.summary}\n{problems}\n\n可读的企业已列出；修复前不会保存任何改动。\n"
            "现在修复吗？程序会先把可读的记录复制到新的数据库，再把损坏的文件改名保留（不删除）。",
            "修复",
        ):
            return False
        path = self.path or paths.user_db_path()
        self.close()
        try:
            report = repair_user_db(path)
        except UserDbError as exc:
            prompts.warn(parent, "修复失败", str(exc))
            return False
        prompts.inform(parent, "修复完成", report.message)
        self.notify_changed()
        return True

    def notify_changed(self) -> None:
        self.changed.emit()

    def close(self) -> None:
        if self._repo is not None:
            self._repo.conn.close()
            self._repo = None
