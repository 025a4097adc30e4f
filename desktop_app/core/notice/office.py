"""The office that hands the notice over: 服务单位, 经办人, 联系电话, and the default version.

Kept by the window in settings.ini (section [notice]) through QSettings; read here without Qt
so the command line and batch printing use the same details. QSettings writes UTF-8 and puts
a value with commas, quotes or semicolons in double quotes with backslash escapes.
"""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from pathlib import Path

SECTION = "notice"
MAX_FIELD = 80


@dataclass(frozen=True)
class OfficeInfo:
    """The 告知单's office block: who hands it over and how to reach them."""

    unit: str = ""  # 服务单位名称
    officer: str = ""  # 经办人
    phone: str = ""  # 联系电话

    @property
    def empty(self) -> bool:
        return not (self.unit or self.officer or self.phone)

    def cleaned(self) -> OfficeInfo:
        return OfficeInfo(clean(self.unit), clean(self.officer), clean(self.phone))


def clean(text: str | None) -> str:
    """One printable line of at most MAX_FIELD characters."""
    if not text:
        return ""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return line[:MAX_FIELD]


_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _qt_value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = raw[1:-1]
    return re.sub(
        r"\\(x[0-9a-fA-F]{1,4}|.)",
        lambda m: (
            chr(int(m.group(1)[1:], 16))
            if m.group(1).startswith("x")
            else _ESCAPES.get(m.group(1), m.group(1))
        ),
        raw,
    )


@dataclass(frozen=True)
class NoticeSettings:
    """The office block and the default version, as settings.ini holds them."""

    office: OfficeInfo
    brief: bool  # default version: True 简版 (the 告知单), False 详版


def read_settings(path: Path) -> NoticeSettings:
    """The [notice] section of settings.ini; a missing or unreadable file gives the defaults."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return NoticeSettings(OfficeInfo(), True)
    if not parser.has_section(SECTION):
        return NoticeSettings(OfficeInfo(), True)
    sec = parser[SECTION]
    office = OfficeInfo(
        _qt_value(sec.get("unit", "")),
        _qt_value(sec.get("officer", "")),
        _qt_value(sec.get("phone", "")),
    ).cleaned()
    brief = _qt_value(sec.get("brief", "true")).lower() not in ("false", "0", "no")
    return NoticeSettings(office, brief)
