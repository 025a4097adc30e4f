from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.store import PolicyStore
from desktop_app.core.validity import (
    DRAFT,
    EXPIRED,
    IN_FORCE,
    LAPSED,
    NOT_YET,
    UNKNOWN,
    validity_on,
)
from desktop_app.core.validity_rules import derive_period


def _doc(store: PolicyStore, doc_id: str):
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


def test_no_stated_or_derivable_period_is_unknown(store: PolicyStore) -> None:
    for doc_id in ("xm", "yj2020"):
        v = validity_on(_doc(store, doc_id), date(2026, 11, 22))
        assert v.state == UNKNOWN and v.label == "未注明有效期" and v.applicable
        assert v.basis is None and not v.derived


def test_annual_work_plan_lapses_after_its_year(store: PolicyStore) -> None:
    fj = _doc(store, "fj2019")
    during = validity_on(fj, date(2019, 7, 1))
    assert during.state == IN_FORCE and during.label == "有效（推定）" and during.derived
    after = validity_on(fj, date(2020, 1, 1))
    assert after.state == LAPSED and not after.applicable and after.period_ended
    assert after.basis == {
        "rule": "年度文件：标题所载年份为2019年，其工作安排以该年度为期",
        "quote": "2019年福建省中小企业发展工作要点",
    }
    assert "推定" in after.detail and "2019-12-31" in after.detail


def test_report_deadlines_bound_its_next_steps(store: PolicyStore) -> None:
    hb = _doc(store, "hb2019")
    assert validity_on(hb, date(2020, 12, 31)).state == IN_FORCE
    late = validity_on(hb, date(2021, 1, 1))
    assert late.state == LAPSED and late.basis is not None
    assert late.basis["quote"].startswith("到2020年底前")
    text = store.document_text("hb2019") or ""
    assert late.basis["quote"] in text


def test_draft_past_its_stated_end_says_both(store: PolicyStore) -> None:
    v = validity_on(_doc(store, "sm"), date(2026, 12, 1))
    assert v.state == DRAFT and v.period_ended
    assert "征求意见稿" in v.label and "届满" in v.label
    assert "2025-12-31" in v.detail and "届满" in v.detail
    assert not validity_on(_doc(store, "sm"), date(2023, 6, 1)).period_ended


@pytest.mark.parametrize(
    ("text", "issued", "end"),
    [
        ("本办法自发布之日起施行，暂定三年。", "2021-03-15", "2024-03-14"),
        ("本方案有效期5年。", "2020-01-01", "2024-12-31"),
        ("有效期为两年", "2024-02-29", "2026-02-27"),
    ],
)
def test_stated_term_counts_from_the_documents_date(text: str, issued: str, end: str) -> None:
    derived = derive_period("某某办法", "实施办法", issued, text)
    assert derived is not None and derived["valid_from"] == issued
    assert derived["valid_to"] == end and derived["after"] == EXPIRED
    assert derived["quote"] in text


def test_term_without_a_date_or_a_stated_period_derives_nothing() -> None:
    assert derive_period("某某办法", "实施办法", None, "暂定三年") is None
    # a stated period is never overridden
    assert derive_period("2019年工作要点", "工作要点", None, "", "2019-03-01", None) is None
    # a target year in a plan ("力争到2022年") is not a period
    assert (
        derive_period("某区实施方案", "实施方案", "2020-03-30", "力争到2022年，企业达到5000户")
        is None
    )


def test_expired_derived_term_reads_as_expired(store: PolicyStore) -> None:
    doc = replace(
        _doc(store, "yj2020"),
        derived_period=derive_period("某办法", "实施办法", "2020-03-30", "有效期2年"),
    )
    v = validity_on(doc, date(2023, 1, 1))
    assert v.state == EXPIRED and v.label == "已失效（推定）" and v.valid_to == "2022-03-29"


def test_imported_document_with_a_derived_basis_is_marked(store: PolicyStore) -> None:
    doc = replace(
        _doc(store, "yj2020"),
        valid_from="2026-03-01",
        valid_to="2029-02-28",
        validity_basis="推定：有效期3年，自施行日2026-03-01起算至2029-02-28；原文“有效期三年”",
    )
    v = validity_on(doc, date(2026, 12, 1))
    assert v.state == IN_FORCE and v.derived and v.label == "有效（推定）"
    assert v.basis == {
        "rule": "有效期3年，自施行日2026-03-01起算至2029-02-28",
        "quote": "有效期三年",
    }
    bare = replace(doc, validity_basis="推定：自印发之日起施行")
    assert validity_on(bare, date(2026, 12, 1)).basis == {"rule": "自印发之日起施行", "quote": ""}
