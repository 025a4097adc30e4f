"""--office / --officer / --phone: the office block of a printed 告知单 (服务单位, 经办人,
联系电话), taken from the program's settings (settings.ini, what the window's 告知单设置 saves)
and overridden one by one on the command line — for `report` and for `batch --pdf-dir`."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app import paths
from desktop_app.core.notice.office import NoticeSettings, OfficeInfo, clean, read_settings


def add_office_options(parser: Any) -> None:
    parser.add_argument("--office", metavar="NAME", help="服务单位名称（默认取自设置）")
    parser.add_argument("--officer", metavar="NAME", help="经办人（默认取自设置）")
    parser.add_argument("--phone", metavar="TEXT", help="联系电话（默认取自设置）")


def notice_settings(args: argparse.Namespace) -> NoticeSettings:
    """The saved settings with the office fields given on the command line put in."""
    settings = read_settings(paths.user_data_dir() / "settings.ini")
    saved = settings.office
    office = OfficeInfo(
        clean(args.office) if args.office is not None else saved.unit,
        clean(args.officer) if args.officer is not None else saved.officer,
        clean(args.phone) if args.phone is not None else saved.phone,
    )
    return NoticeSettings(office, settings.brief)
