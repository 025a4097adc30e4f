"""The log file in the user data folder, for the window and the command line alike (no Qt
here, so the CLI does not pay for it)."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app import paths

LOG_NAME = "policy-desk.log"


def log_path() -> Path:
    return paths.user_data_dir() / "logs" / LOG_NAME


def setup_logging() -> Path:
    """Log to a file in the user data folder (created on demand; never into the bundle).
    A folder that cannot be written drops the lines silently: a full disk or a read-only
    home must never print a logging traceback."""
    path = log_path()
    root = logging.getLogger("desktop_app")
    if any(getattr(h, "_policy_desk", False) for h in root.handlers):
        return path
    logging.raiseExceptions = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler._policy_desk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
