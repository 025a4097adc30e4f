"""Where bundled resources and the user's writable data live.

Bundled files are found relative to this package so that the same code works from a source
checkout and from a PyInstaller bundle. Nothing here is ever written into the bundle: the
policy database built on demand and the user's own data go to the user data folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "PolicyDesk"


def project_root() -> Path:
    """The folder holding resources/ and db/ (the bundle root when frozen)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def documents_dir() -> Path:
    return resources_dir() / "documents"


def curated_dir() -> Path:
    """Reviewed data: schema, document metadata, structure, benefits, synonyms."""
    return project_root() / "db"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icon_path() -> Path:
    """The 256 px application icon (window icon; the .ico beside it is for the Windows exe)."""
    return resources_dir() / "icons" / "icon.png"


def bundled_policy_db() -> Path:
    """A database shipped inside a package build (absent in a source checkout)."""
    return resources_dir() / "data" / "policies.sqlite"


def user_data_dir() -> Path:
    """The user's writable folder; POLICY_DESK_HOME overrides it (tests, portable use)."""
    override = os.environ.get("POLICY_DESK_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def policy_db_path() -> Path:
    """The policy database the app reads: POLICY_DESK_DB, else the bundled one, else a
    copy built into the user data folder."""
    override = os.environ.get("POLICY_DESK_DB")
    if override:
        return Path(override)
    bundled = bundled_policy_db()
    if bundled.exists():
        return bundled
    return user_data_dir() / "policies.sqlite"


def user_db_path() -> Path:
    return user_data_dir() / "user.sqlite"


def library_db_path() -> Path:
    """The user's policy library: imported documents, their rules, local guidance."""
    return user_data_dir() / "library.sqlite"
