"""Command-line arguments through the same value schema as files: a bad argument is an
InputError naming the option, never a traceback."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop_app.core import regions
from desktop_app.core.schema import values as v
from desktop_app.core.schema.errors import InputError

MAX_ARGUMENT_CHARS = 10_000  # a search query is capped further by the engine


def _option(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def check_strings(args: argparse.Namespace, positional: frozenset[str] = frozenset()) -> None:
    """Every text argument is valid Unicode of sane length. Undecodable bytes arrive as lone
    surrogates (PEP 383): they are legitimate in a file name (Path arguments pass through)
    but never in a word, an id or a code."""
    problems: list[str] = []
    for dest, value in vars(args).items():
        texts = value if isinstance(value, list) else [value]
        name = dest.upper() if dest in positional else _option(dest)
        for item in texts:
            if not isinstance(item, str) or isinstance(item, Path):
                continue
            if v.has_surrogates(item):
                problems.append(
                    f"参数 {name} 包含无法识别的字符（不是有效的文字编码）：{v.shown(item)}"
                )
            elif len(item) > MAX_ARGUMENT_CHARS:
                problems.append(f"参数 {name} 过长（超过{MAX_ARGUMENT_CHARS}个字符）")
    if problems:
        raise InputError(problems)


def as_of_date(text: str | None, option: str = "--as-of") -> date | None:
    if text is None:
        return None
    problems: list[str] = []
    parsed = v.day(text, f"参数 {option} 的日期", problems)
    if problems or parsed is None:
        raise InputError(problems or [f"参数 {option} 不能为空"])
    return parsed


def region_code(text: str | None, option: str = "--region") -> str | None:
    if text is None:
        return None
    code = v.ascii_digits(text).strip()
    try:
        return regions.get(code).code
    except regions.UnknownRegionError as exc:
        raise InputError([f"参数 {option}：{exc}"]) from exc


def number_argument(text: str | None, label: str) -> float | None:
    problems: list[str] = []
    value = v.number(text, label, problems, low=-1e15, high=1e15)
    if problems:
        raise InputError(problems)
    return value


def shown_path(path: Path) -> str:
    """A path in a message: undecodable bytes of its name shown as U+FFFD."""
    return v.shown_long(str(path))
