"""Saved enterprises: round trips, search, duplicate, delete, evaluation history, and saves
that leave the previous version intact when they fail half-way."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import MAX_NAME, Profile, ProfileError
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.profiles import (
    COPY_SUFFIX,
    UNNAMED,
    ProfileRepository,
    RecordNotFoundError,
)
from desktop_app.core.userdata.user_db import open_user_db

SAMPLE = paths.resources_dir() / "samples" / "xiamen-manufacturer.json"


@pytest.fixture
def repo() -> Iterator[ProfileRepository]:
    opened = open_user_db()
    yield ProfileRepository(opened.conn)
    opened.conn.close()


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def test_save_and_get_round_trip_gives_the_same_profile(repo: ProfileRepository) -> None:
    record = repo.save(sample(), notes="联系人：林女士")
    again = repo.get(record.id)
    assert again.name == "厦门示例精密制造有限公司"
    assert again.notes == "联系人：林女士"
    assert again.to_profile() == Profile.from_dict(sample())
    assert again.created == again.updated
    assert again.evaluation_count == 0


def test_blank_profile_is_saved_as_unnamed(repo: ProfileRepository) -> None:
    record = repo.save({})
    assert record.name == UNNAMED
    assert record.to_profile() == Profile()


def test_invalid_profile_is_refused_with_chinese_problems(repo: ProfileRepository) -> None:
    with pytest.raises(ProfileError) as info:
        repo.save({"name": "甲", "employees": -3, "facts": {"youth_hires_count": "三"}})
    assert any("从业人员" in p for p in info.value.problems)
    assert repo.count() == 0


def test_update_keeps_id_and_created(repo: ProfileRepository) -> None:
    first = repo.save(sample())
    changed = dict(sample(), employees=120)
    second = repo.save(changed, first.id)
    assert second.id == first.id
    assert second.created == first.created
    assert second.updated > first.updated
    assert second.to_profile().employees == 120
    assert repo.count() == 1


def test_crash_inside_a_save_leaves_previous_version_intact(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = repo.save(sample())

    def crash(*_args: Any, **_kwargs: Any) -> str:
        raise RuntimeError("crash while writing the evaluation")

    monkeypatch.setattr(repo, "_add_evaluation", crash)
    with pytest.raises(RuntimeError):
        repo.save(dict(sample(), name="改过的名字", employees=5), first.id, evaluation={})
    monkeypatch.undo()
    kept = repo.get(first.id)
    assert kept.name == first.name
    assert kept.profile == first.profile
    assert kept.updated == first.updated
    assert repo.evaluations(first.id) == []
    assert not repo.conn.in_transaction


def test_save_survives_a_killed_connection(tmp_path: Path) -> None:
    """A second connection (as after a restart) sees the last committed version only."""
    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    record = repo.save(sample())
    opened.conn.execute("BEGIN IMMEDIATE")
    opened.conn.execute("UPDATE enterprises SET name = 'half' WHERE id = ?", (record.id,))
    # the process "dies" here: the connection is dropped without COMMIT
    other = sqlite3.connect(paths.user_db_path())
    try:
        assert other.execute("SELECT name FROM enterprises").fetchone()[0] == record.name
    finally:
        other.close()
        opened.conn.close()


def test_evaluation_history_round_trip(repo: ProfileRepository, store: PolicyStore) -> None:
    profile = Profile.from_dict(sample())
    result = match(store, profile, date(2026, 11, 22)).to_dict()
    record = repo.save(sample(), evaluation=result)
    assert record.evaluation_count == 1
    later = match(store, profile, date(2027, 1, 5)).to_dict()
    repo.add_evaluation(record.id, later)
    history = repo.evaluations(record.id)
    assert [h.as_of for h in history] == ["2027-01-05", "2026-11-22"]
    first = history[1]
    assert first.counts == result["counts"]
    assert first.total_text == result["totals"]["eligible"]["text"]
    assert first.data_version == result["data_version"]
    assert "符合" in first.summary
    assert first.result is None  # lists stay light
    full = repo.get_evaluation(first.id)
    assert full.result == json.loads(json.dumps(result, ensure_ascii=False))


def test_evaluation_for_a_deleted_enterprise_is_refused(repo: ProfileRepository) -> None:
    with pytest.raises(RecordNotFoundError):
        repo.add_evaluation("no-such-id", {"as_of": "2026-01-01"})


def test_malformed_evaluation_is_refused_and_nothing_written(repo: ProfileRepository) -> None:
    record = repo.save({"name": "乙"})
    with pytest.raises(ValueError):
        repo.save({"name": "乙改"}, record.id, evaluation={"counts": "x"})
    assert repo.get(record.id).name == "乙"


def test_duplicate_copies_answers_not_history(repo: ProfileRepository) -> None:
    record = repo.save(sample(), notes="备注")
    repo.add_evaluation(
        record.id,
        {"as_of": "2026-01-01", "counts": {}, "totals": {"eligible": {"text": "0元"}}},
    )
    copy = repo.duplicate(record.id)
    assert copy.id != record.id
    assert copy.name == record.name + COPY_SUFFIX
    assert copy.profile["name"] == copy.name
    assert copy.notes == "备注"
    assert copy.evaluation_count == 0
    assert {k: v for k, v in copy.profile.items() if k != "name"} == {
        k: v for k, v in record.profile.items() if k != "name"
    }


def test_duplicate_of_a_name_at_the_length_limit(repo: ProfileRepository) -> None:
    record = repo.save({"name": "长" * MAX_NAME})
    copy = repo.duplicate(record.id)
    assert copy.name.endswith(COPY_SUFFIX)
    assert len(copy.name) == MAX_NAME
    assert copy.profile["name"] == copy.name
    assert repo.count() == 2


def test_delete_removes_enterprise_and_history(repo: ProfileRepository) -> None:
    record = repo.save(
        sample(),
        evaluation={"as_of": "2026-01-01", "counts": {}, "totals": {"eligible": {"text": "0元"}}},
    )
    history = repo.evaluations(record.id)
    repo.delete(record.id)
    with pytest.raises(RecordNotFoundError):
        repo.get(record.id)
    with pytest.raises(RecordNotFoundError):
        repo.get_evaluation(history[0].id)
    with pytest.raises(RecordNotFoundError):
        repo.delete(record.id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ＡＢＣ贸易有限公司", "abc科技", "厦门100%满意公司", "a_b 工作室", "引号\"'公司"}),
        ("abc", {"ＡＢＣ贸易有限公司", "abc科技"}),
        ("ABC", {"ＡＢＣ贸易有限公司", "abc科技"}),
        ("ａｂｃ", {"ＡＢＣ贸易有限公司", "abc科技"}),
        ("贸易", {"ＡＢＣ贸易有限公司"}),
        ("%", {"厦门100%满意公司"}),
        ("_", {"a_b 工作室"}),
        ("\\", set()),
        ("\"'", {"引号\"'公司"}),
        ("  科技  ", {"abc科技"}),
        ("不存在", set()),
    ],
)
def test_search_is_substring_case_and_width_insensitive_and_literal(
    repo: ProfileRepository, query: str, expected: set[str]
) -> None:
    for name in expected | {"ＡＢＣ贸易有限公司", "abc科技", "厦门100%满意公司", "a_b 工作室"}:
        repo.save({"name": name})
    repo.save({"name": "引号\"'公司"})
    assert {r.name for r in repo.search(query)} == expected


def test_search_lists_most_recently_updated_first(repo: ProfileRepository) -> None:
    a = repo.save({"name": "甲"})
    repo.save({"name": "乙"})
    repo.save({"name": "甲"}, a.id)
    assert [r.name for r in repo.search()] == ["甲", "乙"]


def test_notes_are_cleaned(repo: ProfileRepository) -> None:
    record = repo.save({"name": "丙"}, notes="第一行\n第二行\x00\x07  ")
    assert record.notes == "第一行\n第二行"
