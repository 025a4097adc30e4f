"""变化提醒: a saved enterprise's last evaluation against a new one on today's data — measures
gained, lost, ended, amounts changed, ending soon — without changing anything saved. The quick
path (the batch screener's evaluations, explanations only where a change was found, the saved
side from each evaluation's stored summary) gives exactly the report of the full path
(match() per enterprise, the saved side from the whole stored result)."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.core.changes.compare import AMOUNT, ENDED, ENDING, GAINED, LOST, compare
from desktop_app.core.changes.reevaluate import changes_for_all
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import ELIGIBLE, INELIGIBLE, NOT_IN_FORCE
from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.saved_measures import (
    pack_measures,
    saved_measures,
    unpack_measures,
)
from desktop_app.core.userdata.user_db import open_user_db

SAMPLE: dict[str, Any] = json.loads(
    (paths.resources_dir() / "samples" / "xiamen-manufacturer.json").read_text(encoding="utf-8")
)
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def data(policy_db_path: Path) -> Iterator[PolicyData]:
    policy = PolicyData.open(policy_db_path, library=False)
    yield policy
    policy.close()


@pytest.fixture
def repo() -> Iterator[ProfileRepository]:
    opened = open_user_db()
    yield ProfileRepository(opened.conn)
    opened.conn.close()


def _profile() -> Profile:
    return Profile.from_dict(SAMPLE)


def test_unchanged_result_has_no_changes(data: PolicyData) -> None:
    new = data.match(_profile(), TODAY)
    assert compare(new.to_dict(), new) == []


def test_gained_lost_amount_and_unlisted(data: PolicyData) -> None:
    new = data.match(_profile(), TODAY)
    eligible = [r for r in new.results if r.status == ELIGIBLE]
    assert len(eligible) >= 2
    stored = copy.deepcopy(new.to_dict())
    rows = {r["measure_id"]: r for r in stored["results"]}
    gained, changed = eligible[0].item.id, eligible[1].item.id
    rows[gained]["status"] = INELIGIBLE  # was not open before: now gained
    rows[changed]["amount"]["text"] = "1元"  # the amount differed
    removed = next(r for r in new.results if r.status == INELIGIBLE).item.id
    stored["results"] = [r for r in stored["results"] if r["measure_id"] != removed]
    stored["results"].append(dict(rows[changed], measure_id="gone-1", title="已删除的措施"))
    changes = {(c.kind, c.measure_id): c for c in compare(stored, new)}
    assert (GAINED, gained) in changes and "此前为不符合" in changes[GAINED, gained].reason
    assert (AMOUNT, changed) in changes and "1元" in changes[AMOUNT, changed].reason
    assert (LOST, "gone-1") in changes and "不在本机政策库" in changes[LOST, "gone-1"].reason
    assert not any(mid == removed for _, mid in changes)  # ineligible before and after


def test_measure_ending_soon_is_flagged(data: PolicyData) -> None:
    new = data.match(_profile(), TODAY)
    target = next(r for r in new.results if r.status == ELIGIBLE)
    end = (TODAY + timedelta(days=20)).isoformat()
    ending = replace(target, validity=replace(target.validity, valid_to=end))
    new.results[new.results.index(target)] = ending
    changes = compare(new.to_dict(), new)
    assert [(c.kind, c.measure_id) for c in changes] == [(ENDING, target.item.id)]
    assert "30天内到期" in changes[0].reason and end in changes[0].reason


def test_a_work_plan_past_its_year_shows_as_ended(
    data: PolicyData, repo: ProfileRepository
) -> None:
    """Saved in 2019, when the 2019 work plan was in force; on 2026-12-01 it is not."""
    then = date(2019, 6, 1)
    profile = Profile.from_dict(dict(SAMPLE, established="2015-04-18"))
    old = data.match(profile, then)
    assert any(r.document.id == "fj2019" and r.status == ELIGIBLE for r in old.results)
    record = repo.save(profile.to_dict(), evaluation=old.to_dict())
    before = repo.evaluations(record.id)
    report = changes_for_all(repo, data, TODAY)
    assert report.checked == 1 and len(report.enterprises) == 1
    changes = report.enterprises[0].changes
    fj = [c for c in changes if c.measure_id.startswith("fj2019-")]
    assert fj and all(c.kind in (ENDED, LOST) for c in fj)
    assert any(c.kind == ENDED for c in fj)
    new = data.match(profile, TODAY)
    assert all(new.measure(c.measure_id).status == NOT_IN_FORCE for c in fj)  # type: ignore[union-attr]
    assert "2019年福建省中小企业发展工作要点" in fj[0].reason
    assert repo.evaluations(record.id) == before  # nothing saved changed


def test_since_picks_the_baseline_and_unevaluated_are_listed(
    data: PolicyData, repo: ProfileRepository
) -> None:
    profile = _profile()
    repo.save(profile.to_dict(), evaluation=data.match(profile, TODAY).to_dict())
    repo.save(dict(profile.to_dict(), name="未评估的企业"))
    report = changes_for_all(repo, data, TODAY, since=date(2000, 1, 1))
    assert report.checked == 0
    assert set(report.not_evaluated) == {SAMPLE["name"], "未评估的企业"}
    report = changes_for_all(repo, data, TODAY)
    assert report.checked == 1 and report.enterprises == []
    assert report.not_evaluated == ["未评估的企业"]
    json.dumps(report.to_dict(), ensure_ascii=False)


def test_cli_changes_json(
    data: PolicyData, repo: ProfileRepository, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli.main import main

    profile = _profile()
    repo.save(profile.to_dict(), evaluation=data.match(profile, date(2019, 6, 1)).to_dict())
    assert main(["profiles", "changes", "--as-of", "2026-12-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checked"] == 1 and out["as_of"] == "2026-12-01"
    kinds = {c["kind"] for e in out["enterprises"] for c in e["changes"]}
    assert kinds and kinds <= {"gained", "lost", "amount", "ending", "ended"}
    assert main(["profiles", "changes", "--as-of", "2026-12-01"]) == 0
    assert "家已保存企业的评估结果有变化" in capsys.readouterr().out
    assert main(["profiles", "changes", "--since", "not-a-date"]) == 2


# -- the quick path equals the full one ------------------------------------------------------

REGIONS = ["350206", "350203", "350404", "350102", "350500", "512002", "130100", None]
INDUSTRIES = ["工业", "农、林、牧、渔业", "建筑业", "批发业", "零售业", "软件和信息技术服务业"]
QUALIFICATIONS = [
    [],
    SAMPLE["qualifications"],
    [{"id": "little_giant", "granted": "2018-01-01"}],
    [{"id": "specialized_sme"}],
]
# saved on one date, checked on another: the 2019 work plan ends within 30 days of the
# first check and has ended at the second; the Hebei next steps (to 2020-12-31) end within
# 90 days of the third and have ended at the fourth
DATES = [
    (date(2019, 6, 1), date(2019, 12, 15)),
    (date(2019, 6, 1), date(2026, 12, 1)),
    (date(2020, 6, 1), date(2020, 11, 15)),
    (date(2020, 6, 1), date(2021, 2, 1)),
]


def _generated(rng: random.Random, n: int) -> dict[str, Any]:
    facts = {k: v for k, v in SAMPLE["facts"].items() if rng.random() < 0.6}
    return dict(
        SAMPLE,
        name=f"生成企业{n:03d}",
        region=rng.choice(REGIONS),
        industry=rng.choice(INDUSTRIES),
        employees=rng.choice([None, 3, 15, 85, 299, 450, 1200]),
        revenue=rng.choice([None, 40, 280, 4200, 25000, 60000]),
        assets=rng.choice([None, 100, 3600]),
        established=rng.choice([None, "2010-03-01", "2019-04-18", "2024-08-08"]),
        entity_type=rng.choice(["enterprise", "enterprise", "individual_business"]),
        qualifications=rng.choice(QUALIFICATIONS),
        facts=facts,
    )


def _seed(repo: ProfileRepository, data: PolicyData, saved_on: date, count: int) -> None:
    rng = random.Random(saved_on.toordinal())
    for n in range(count):
        profile = _generated(rng, n)
        result = data.match(Profile.from_dict(profile), saved_on).to_dict()
        repo.save(profile, evaluation=result)


@pytest.mark.parametrize(("saved_on", "checked_on"), DATES)
def test_quick_report_equals_the_full_one(
    data: PolicyData, repo: ProfileRepository, saved_on: date, checked_on: date
) -> None:
    _seed(repo, data, saved_on, 40)
    quick = changes_for_all(repo, data, checked_on).to_dict()
    full = changes_for_all(repo, data, checked_on, quick=False).to_dict()
    assert quick == full
    assert quick["checked"] == 40
    assert quick["enterprises"]  # something to compare: not only "no change"


def test_the_kinds_of_change_are_all_reached(data: PolicyData, repo: ProfileRepository) -> None:
    kinds: set[str] = set()
    for saved_on, checked_on in DATES:
        _seed(repo, data, saved_on, 15)
        report = changes_for_all(repo, data, checked_on)
        kinds |= {c.kind for e in report.enterprises for c in e.changes}
        repo.conn.execute("DELETE FROM evaluations")
        repo.conn.execute("DELETE FROM enterprises")
    assert {"gained", "lost", "ended", "ending"} <= kinds


def test_evaluations_saved_without_a_summary_are_read_whole_then_backfilled(
    data: PolicyData, repo: ProfileRepository
) -> None:
    _seed(repo, data, date(2019, 6, 1), 12)
    expected = changes_for_all(repo, data, date(2026, 12, 1)).to_dict()
    repo.conn.execute("UPDATE evaluations SET measures = NULL")  # as saved before version 4
    again = changes_for_all(repo, data, date(2026, 12, 1)).to_dict()
    assert again == expected
    rows = repo.conn.execute("SELECT id, measures FROM evaluations").fetchall()
    assert rows and all(r["measures"] for r in rows)
    for row in rows:
        stored = repo.get_evaluation(row["id"]).result or {}
        assert unpack_measures(row["measures"]) == saved_measures(stored)


def test_summary_round_trips_and_refuses_what_it_cannot_read(data: PolicyData) -> None:
    result = data.match(Profile.from_dict(SAMPLE), date(2019, 6, 1)).to_dict()
    measures = saved_measures(result)
    assert len(measures) == len(result["results"])
    assert unpack_measures(pack_measures(measures)) == measures
    for bad in (None, "", "not json", '{"v": 99, "m": []}', '{"v": 1, "m": [["x", "a"]]}'):
        assert unpack_measures(bad) is None
