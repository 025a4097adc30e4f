"""The typed, versioned evaluation result: to_dict / from_dict, and a saved evaluation that
prints exactly as it was computed after the policy data changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import flat, page_texts

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import (
    FORMAT_VERSION,
    POSSIBLE,
    STATUS_LABELS,
    MatchResult,
    ResultFormatError,
)
from desktop_app.core.pdf.summary import summary_builder
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = json.loads(
    (ROOT / "resources" / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
)
AS_OF = date(2026, 11, 22)
GENERATED = date(2026, 11, 23)
# What version 0.1 stored: the result without format_version and without the keys added in 2.
V2_MEASURE_KEYS = (
    "document_short_title",
    "document_status",
    "document_scope_note",
    "departments_text",
)


def _pdf_text(result: MatchResult) -> str:
    return flat("".join(page_texts(summary_builder(result, generated=GENERATED).build_bytes())))


@pytest.fixture(scope="module")
def computed(store: PolicyStore) -> MatchResult:
    return match(store, Profile.from_dict(SAMPLE), AS_OF)


def test_round_trip_keeps_every_field(computed: MatchResult) -> None:
    stored = json.loads(json.dumps(computed.to_dict(), ensure_ascii=False))
    assert stored["format_version"] == FORMAT_VERSION
    reopened = MatchResult.from_dict(stored)
    assert reopened.to_dict() == stored
    assert reopened.as_of == AS_OF and reopened.profile == computed.profile
    first = reopened.results[0]
    assert first.item.departments == computed.results[0].item.departments
    assert first.amount == computed.results[0].amount


def test_a_result_saved_by_version_0_1_loads(computed: MatchResult) -> None:
    old = json.loads(json.dumps(computed.to_dict(), ensure_ascii=False))
    del old["format_version"]
    for measure in old["results"]:
        for key in V2_MEASURE_KEYS:
            del measure[key]
    reopened = MatchResult.from_dict(old)
    assert [r.item.id for r in reopened.results] == [r.item.id for r in computed.results]
    assert reopened.counts() == computed.counts()
    assert reopened.results[0].citation == computed.results[0].citation
    # and prints: the short source falls back to the full citation it stored
    assert "惠企政策适用清单" in _pdf_text(reopened)


def test_labels_come_from_core(computed: MatchResult) -> None:
    data = computed.to_dict()
    for measure, typed in zip(data["results"], computed.results, strict=True):
        assert measure["status_label"] == STATUS_LABELS[typed.status] == typed.status_label
    possible = computed.by_status(POSSIBLE)
    keys = {k for m in possible for k in m.missing}
    assert keys and all(computed.missing_label(k) for k in keys)


@pytest.mark.parametrize(
    "bad",
    [None, [], {"as_of": "not a date", "results": []}, {"format_version": FORMAT_VERSION + 1}],
)
def test_unreadable_results_are_refused_with_a_message(bad: Any) -> None:
    with pytest.raises(ResultFormatError) as info:
        MatchResult.from_dict(bad)
    assert str(info.value) and "Traceback" not in str(info.value)


def _changed_database(original: Path, target: Path) -> Path:
    """The policy data a later program version ships: another version, a measure gone, and a
    document's title reworded."""
    shutil.copy(original, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE meta SET value = 'changed-data' WHERE key = 'data_version'")
        conn.execute("DELETE FROM benefits WHERE item_id = 'xm-30'")
        conn.execute("UPDATE documents SET title = title || '（修订）'")
    conn.close()
    return target


def test_saved_evaluation_prints_as_computed_after_the_data_changed(
    computed: MatchResult, policy_db_path: Path, tmp_path: Path
) -> None:
    opened = open_user_db(tmp_path / "user.sqlite")
    repo = ProfileRepository(opened.conn)
    record = repo.save(SAMPLE, evaluation=computed.to_dict())
    evaluation_id = repo.evaluations(record.id)[0].id
    as_computed = _pdf_text(computed)

    changed = PolicyStore.open(_changed_database(policy_db_path, tmp_path / "changed.sqlite"))
    try:
        rerun = match(changed, Profile.from_dict(SAMPLE), AS_OF)
        assert rerun.data_version == "changed-data"
        assert rerun.measure("xm-30") is None and _pdf_text(rerun) != as_computed

        reopened = MatchResult.from_dict(repo.get_evaluation(evaluation_id).result)
        assert reopened.data_version == computed.data_version
        assert _pdf_text(reopened) == as_computed
    finally:
        changed.close()
        opened.conn.close()


def test_round_trip_keeps_the_honest_verdict_fields(store: PolicyStore) -> None:
    """Format 3: not_in_force with what the conditions say, the validity's basis, localized
    departments, payers and the measures of other regions survive the history."""
    sanming = {**SAMPLE, "region": "350404"}
    result = match(store, Profile.from_dict(sanming), date(2026, 12, 1))
    back = MatchResult.from_dict(json.loads(json.dumps(result.to_dict(), ensure_ascii=False)))
    assert back.to_dict() == result.to_dict()
    assert back.other_regions == result.other_regions and back.other_regions
    fj = back.measure("fj2019-016")
    assert fj is not None and fj.status == "not_in_force" and fj.conditions_status == "eligible"
    assert fj.validity.basis and fj.validity.derived
    xm30 = back.measure("xm-30")
    assert xm30 is not None
    assert xm30.shown_departments()[0].name == "三明市人社局（对应部门）"
    xm8 = back.measure("xm-8")
    assert xm8 is not None and xm8.benefits[0].payer == {
        "name": "省级财政",
        "quote": "省级财政给予一次性100万元奖励",
    }
