"""JSON from files the user hands us: every way it can be malformed ends in InputError.

The standard decoder is used with hooks rather than a stricter library because its leniency
is what lets a bad value be reported by its field: a lone surrogate escape or a NaN becomes a
value the schema refuses by name, instead of the whole file being "not JSON".
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.schema.errors import InputError

MAX_INT_DIGITS = 40  # far above any count or amount; stops 5,000-digit integers early


class BadNumber(float):
    """A number JSON can spell but we cannot use (NaN, Infinity, 10**400): kept in place so
    the schema can name the field, and refused there like any other invalid number."""

    def __new__(cls, text: str) -> BadNumber:
        obj = super().__new__(cls, "nan")
        obj.text = text
        return obj

    text: str

    def __repr__(self) -> str:
        return self.text[:20]


def _parse_int(text: str) -> int | float:
    digits = text.lstrip("-")
    return BadNumber(text) if len(digits) > MAX_INT_DIGITS else int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    return BadNumber(text) if value in (float("inf"), float("-inf")) else value


def load_json(raw: bytes | str, what: str = "文件") -> Any:
    """Decode JSON (UTF-8, BOM allowed); raises InputError with a Chinese message."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise InputError(
            [f"{what}不是 UTF-8 编码的文字（第{exc.start + 1}个字节无法识别）"]
        ) from exc
    try:
        return json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=BadNumber
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            [f"{what}不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：格式错误）"]
        ) from exc
    except RecursionError as exc:
        raise InputError([f"{what}的 JSON 嵌套层数过多，不是本程序能读取的内容"]) from exc
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        raise InputError([f"{what}含有无法读取的数值"]) from exc
