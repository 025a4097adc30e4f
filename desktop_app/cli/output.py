"""Shared output helpers: UTF-8 JSON with Chinese as characters, Chinese error messages.

The streams are made UTF-8 with errors="backslashreplace": a message that echoes what the user
typed (an argument with undecodable bytes arrives as lone surrogates) must still print, and a
plain reconfigure(encoding=...) would reset `errors` to strict.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")


class CliError(Exception):
    """A user-facing failure: printed as a Chinese message, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextlib.contextmanager
def cli_errors(*errors: type[Exception]) -> Iterator[None]:
    """The core's own failures (a refused input, a file that cannot be written) as CliError:
    their message is already Chinese and meant for the user."""
    try:
        yield
    except errors as exc:
        raise CliError(str(exc)) from exc


def json_fields(obj: Any, *names: str) -> dict[str, Any]:
    """The named attributes of obj, under their own names, for a JSON object."""
    return {name: getattr(obj, name) for name in names}


def _utf8_stream(stream: Any) -> Any:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        # a closed or detached stream: write what we can
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def json_text(data: Any) -> str:
    """JSON any parser accepts: a lone surrogate (from an undecodable file name) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", json.dumps(data, ensure_ascii=False, indent=2))


def print_json(data: Any) -> None:
    out = _utf8_stream(sys.stdout)
    out.write(json_text(data) + "\n")


def print_text(text: str) -> None:
    out = _utf8_stream(sys.stdout)
    out.write(text + "\n")


def print_notice(text: str) -> None:
    """Something the user should know that is not the command's output: stderr, so --json
    output stays parseable."""
    err = _utf8_stream(sys.stderr)
    err.write(text + "\n")


def print_error(message: str) -> None:
    err = _utf8_stream(sys.stderr)
    err.write(f"错误：{message}\n")
