"""变化提醒: a saved enterprise's last evaluation against a new one on today's data — measures
gained, lost, ended, amounts changed, ending soon — without changing anything saved."""

from __future__ import annotations

import copy
import json
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
