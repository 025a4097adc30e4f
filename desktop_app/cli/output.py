"""Shared output helpers: UTF-8 JSON with Chinese as characters, Chinese error messages."""

from __future__ import annotations

import json
import sys
from typing import Any


class CliError(Exception):
    """A user-facing failure: printed as a Chinese message, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _utf8_stream(stream: Any) -> Any:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")
    return stream


def print_json(data: Any) -> None:
    out = _utf8_stream(sys.stdout)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def print_text(text: str) -> None:
    out = _utf8_stream(sys.stdout)
    out.write(text + "\n")


def print_error(message: str) -> None:
    err = _utf8_stream(sys.stderr)
    err.write(f"错误：{message}\n")
