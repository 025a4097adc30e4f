"""The user's window and search preferences, kept in an INI file in the user data folder.

An INI file under POLICY_DESK_HOME (rather than the registry / ~/.config default of
QSettings) keeps everything the app writes in one folder the user can back up or delete, and
lets tests run against a private copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths

if TYPE_CHECKING:  # the office block's module (configparser, dataclasses) loads on first use
    from desktop_app.core.notice.office import OfficeInfo

FONT_SIZE_DEFAULT = 12
FONT_SIZE_MIN = 10
FONT_SIZE_MAX = 20
HISTORY_LIMIT = 30


def _as_list(value: object) -> list[str]:
    # QSettings gives back a bare string for one-element lists and None for empty ones.
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v)]
    return []


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_data_dir() / "settings.ini"
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- window -----------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)

    def splitter_state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/splitter_{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_splitter_state(self, name: str, data: QByteArray) -> None:
        self._qs.setValue(f"window/splitter_{name}", data)

    # -- font -------------------------------------------------------------------------------
    def font_size(self) -> int:
        try:
            size = int(str(self._qs.value("view/font_size", FONT_SIZE_DEFAULT)))
        except ValueError:
            return FONT_SIZE_DEFAULT
        return clamp_font_size(size)

    def set_font_size(self, size: int) -> None:
        self._qs.setValue("view/font_size", clamp_font_size(size))

    # -- search history ---------------------------------------------------------------------
    def history(self) -> list[str]:
        return _as_list(self._qs.value("search/history"))

    def add_history(self, query: str) -> list[str]:
        """Put query first (once) and return the new list; blank queries are not kept."""
        query = query.strip()
        if not query:
            return self.history()
        entries = [query] + [q for q in self.history() if q != query]
        entries = entries[:HISTORY_LIMIT]
        self._qs.setValue("search/history", entries)
        return entries

    def clear_history(self) -> None:
        self._qs.remove("search/history")

    # -- folders and first start ------------------------------------------------------------
    def last_folder(self, purpose: str) -> str:
        value = self._qs.value(f"folders/{purpose}", "")
        return str(value) if value else str(Path.home())

    def set_last_folder(self, purpose: str, folder: str) -> None:
        self._qs.setValue(f"folders/{purpose}", folder)

    def changes_checked(self) -> str:
        """The data fingerprint the saved enterprises were last checked against."""
        return str(self._qs.value("changes/checked", ""))

    def changes_summary(self) -> tuple[int, str]:
        try:
            count = int(str(self._qs.value("changes/count", 0)))
        except ValueError:
            count = 0
        return count, str(self._qs.value("changes/summary", ""))

    def set_changes_checked(self, key: str, count: int, summary: str) -> None:
        self._qs.setValue("changes/checked", key)
        self._qs.setValue("changes/count", count)
        self._qs.setValue("changes/summary", summary)

    def tip_dismissed(self) -> bool:
        return str(self._qs.value("tips/first_start_dismissed", "false")).lower() == "true"

    def set_tip_dismissed(self, dismissed: bool = True) -> None:
        self._qs.setValue("tips/first_start_dismissed", "true" if dismissed else "false")

    # -- the 告知单's office block and default version (read by core.notice.office too) -----
    def office(self) -> OfficeInfo:
        from desktop_app.core.notice.office import SECTION as NOTICE_SECTION
        from desktop_app.core.notice.office import OfficeInfo

        def text(key: str) -> str:
            value = self._qs.value(f"{NOTICE_SECTION}/{key}", "")
            return value if isinstance(value, str) else ""

        return OfficeInfo(text("unit"), text("officer"), text("phone")).cleaned()

    def set_office(self, office: OfficeInfo) -> None:
        from desktop_app.core.notice.office import SECTION as NOTICE_SECTION

        office = office.cleaned()
        self._qs.setValue(f"{NOTICE_SECTION}/unit", office.unit)
        self._qs.setValue(f"{NOTICE_SECTION}/officer", office.officer)
        self._qs.setValue(f"{NOTICE_SECTION}/phone", office.phone)

    def notice_brief(self) -> bool:
        """The default version: True for the 告知单 alone (简版), False for the 详版."""
        from desktop_app.core.notice.office import SECTION as NOTICE_SECTION

        return str(self._qs.value(f"{NOTICE_SECTION}/brief", "true")).lower() != "false"

    def set_notice_brief(self, brief: bool) -> None:
        from desktop_app.core.notice.office import SECTION as NOTICE_SECTION

        self._qs.setValue(f"{NOTICE_SECTION}/brief", "true" if brief else "false")


def clamp_font_size(size: int) -> int:
    return max(FONT_SIZE_MIN, min(FONT_SIZE_MAX, size))
