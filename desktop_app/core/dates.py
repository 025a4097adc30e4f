"""Dates as people read them in this app, on screen and on paper alike: 2025年1月5日."""

from __future__ import annotations

from datetime import date


def format_date(day: date) -> str:
    """The date as printed on official documents, e.g. 2025年1月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def iso_date_text(iso: str | None) -> str | None:
    """2025-12-31 (or the date part of a timestamp) → 2025年12月31日; anything else as
    stored, None for nothing."""
    if not iso:
        return None
    try:
        return format_date(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso
