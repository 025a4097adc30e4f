"""Names, version and locations shared by build.py, the spec files and the frozen-build test.

Naming: the folder and the executable are `PolicyDesk` (ASCII) while the name people see is
惠企政策通 (window title, taskbar, and on Windows the executable's version resource that
Explorer and Task Manager show). An ASCII folder survives every unzip tool: Windows' own
extractor and older archivers decode non-UTF-8-flagged names in the local code page and produce
mojibake, and an ASCII path is also safe on the command line and in support phone calls.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "build"
WORK_DIR = BUILD_DIR / "work"
DIST_DIR = BUILD_DIR / "dist"
STAGING_DIR = WORK_DIR / "staging"
STAGED_DB = STAGING_DIR / "policies.sqlite"
ICON_PNG = ROOT / "resources" / "icons" / "icon.png"
ICON_ICO = ROOT / "resources" / "icons" / "icon.ico"

APP_FOLDER = "PolicyDesk"
APP_DISPLAY_NAME = "惠企政策通"
APP_DESCRIPTION = "惠企政策通：离线查询中小企业惠企政策"
HELLO_FOLDER = "HelloWorld"
IS_WINDOWS = sys.platform == "win32"


def project_version() -> str:
    """The single source of the version: [project].version in pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a pre-release tail such as '0.2.0rc1' counts as 0.2.0."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    a, b, c, d = (int(group or 0) for group in match.groups())
    return a, b, c, d


def exe_file(folder: str) -> str:
    return f"{folder}.exe" if IS_WINDOWS else folder


def bundle_dir(folder: str = APP_FOLDER) -> Path:
    return DIST_DIR / folder


def executable(folder: str = APP_FOLDER) -> Path:
    return bundle_dir(folder) / exe_file(folder)


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of regular files; symlinks (Linux) cost nothing and are not followed."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def windows_version_info(version: str) -> Any:
    """The Windows version resource (Simplified Chinese, Unicode), built only on Windows:
    PyInstaller's versioninfo module imports pefile, which exists only there."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_numbers(version)
    strings = [
        vi.StringStruct("CompanyName", APP_DISPLAY_NAME),
        vi.StringStruct("FileDescription", APP_DISPLAY_NAME),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", APP_FOLDER),
        vi.StringStruct("OriginalFilename", exe_file(APP_FOLDER)),
        vi.StringStruct("ProductName", APP_DISPLAY_NAME),
        vi.StringStruct("ProductVersion", version),
        vi.StringStruct("Comments", APP_DESCRIPTION),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 0804 = zh-CN, 04b0 = 1200 = UTF-16: the language/code page the strings are in.
            vi.StringFileInfo([vi.StringTable("080404b0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
