from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.store import PolicyStore
from desktop_app.core.validity import DRAFT, EXPIRED, IN_FORCE, NOT_YET, UNKNOWN, validity_on


def _doc(store: PolicyStore, doc_id: str):  # type: ignore[no-untyped-def]
    doc = store.document(doc_id)
    assert doc is not None
    return doc


def test_draft_is_never_in_force(store: PolicyStore) -> None:
    sm = _doc(store, "sm")
    for day in (date(2021, 6, 1), date(2023, 6, 1), date(2026, 11, 22)):
        v = validity_on(sm, day)
        assert v.state == DRAFT and not v.applicable and "征求意见稿" in v.detail
    assert "2025-12-31" in validity_on(sm, date(2023, 6, 1)).detail


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2021, 12, 31), NOT_YET),
        (date(2022, 1, 1), IN_FORCE),
        (date(2025, 12, 31), IN_FORCE),
        (date(2026, 1, 1), EXPIRED),
    ],
)
def test_stated_period_boundaries(store: PolicyStore, day: date, state: str) -> None:
    final = replace(_doc(store, "sm"), status=None)  # the same period, as if adopted
    assert validity_on(final, day).state == state


def test_no_stated_period_is_unknown(store: PolicyStore) -> None:
    for doc_id in ("xm", "fj2019", "hb2019", "yj2020"):
        v = validity_on(_doc(store, doc_id), date(2026, 11, 22))
        assert v.state == UNKNOWN and v.label == "未注明" and v.applicable
