"""Dates on screen and on paper alike (core/dates.py)."""

from __future__ import annotations

from datetime import date

from desktop_app.core.dates import format_date, iso_date_text


def test_dates_read_as_on_official_documents() -> None:
    assert format_date(date(2025, 1, 5)) == "2025年1月5日"
    assert iso_date_text("2025-12-31") == "2025年12月31日"
    # an import's stamp is a UTC timestamp: its date part
    assert iso_date_text("2026-12-01T08:30:00+00:00") == "2026年12月1日"
    assert iso_date_text(None) is None and iso_date_text("") is None
    assert iso_date_text("2019年") == "2019年"  # anything else as stored, never invented
