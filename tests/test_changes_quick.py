"""变化提醒's quick path (the batch screener's evaluations, explanations only where a change
was found, the saved side from each evaluation's stored summary) gives exactly the report of
the full path (match() per enterprise, the saved side from the whole stored result)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.core.changes.reevaluate import changes_for_all
from desktop_app.core.eligibility.profile import Profile
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


def _profile(rng: random.Random, n: int) -> dict[str, Any]:
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
        profile = _profile(rng, n)
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
