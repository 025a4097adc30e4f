"""After a package import the saved enterprises' 变化提醒 reflects it, and the imported
measure evaluates the same in the receiving office as where it was structured."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.cli.main import main
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db
from tests.package_helpers import structured_library

TODAY = date(2026, 12, 1)
LIUHE = {"region": "220524", "industry": "工业", "entity_type": "enterprise",
         "established": "2015-05-01", "assets": 3000}  # fmt: skip
ENTERPRISES = {
    "柳河小型企业": {**LIUHE, "employees": 50, "revenue": 1000},
    "柳河中型企业": {**LIUHE, "employees": 500, "revenue": 20000},
    "厦门示例企业": json.loads(
        (paths.resources_dir() / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
    ),
}


def _profile(name: str) -> Profile:
    return Profile.from_dict({**ENTERPRISES[name], "name": name})


def _imported(data: PolicyData, name: str) -> list[tuple[str, str, Any]]:
    result = data.match(_profile(name), TODAY)
    return [
        (r.item.id, r.status, r.to_dict()["amount"])
        for r in result.results
        if r.item.id.startswith("imp-")
    ]


def test_package_changes_list_exactly_the_enterprises_it_applies_to(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    policy_db_path: Path,
) -> None:
    monkeypatch.setenv("POLICY_DESK_DB", str(policy_db_path))
    a, b = tmp_path / "office-a", tmp_path / "office-b"
    monkeypatch.setenv("POLICY_DESK_HOME", str(a))
    doc_id = structured_library(a, tmp_path / "src")
    package = tmp_path / "柳河.policypack"
    assert main(["package", "export", doc_id, "--output", str(package)]) == 0
    data_a = PolicyData.open(policy_db_path)
    in_a = {n: _imported(data_a, n) for n in ENTERPRISES}
    data_a.close()
    assert in_a["柳河小型企业"][0][1] == "eligible"

    # office B saves its enterprises on the data it has, then receives the package
    monkeypatch.setenv("POLICY_DESK_HOME", str(b))
    data_b = PolicyData.open(policy_db_path)
    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    for name in ENTERPRISES:
        profile = _profile(name)
        repo.save(profile.to_dict(), evaluation=data_b.match(profile, TODAY).to_dict())
    opened.conn.close()
    data_b.close()
    capsys.readouterr()
    assert main(["package", "import", str(package)]) == 0
    capsys.readouterr()

    assert main(["profiles", "changes", "--as-of", TODAY.isoformat(), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == 3
    assert [e["name"] for e in report["enterprises"]] == ["柳河小型企业"]
    [change] = report["enterprises"][0]["changes"]
    assert change["kind"] == "gained" and change["measure_id"] == f"{doc_id}-2"

    data_b = PolicyData.open(policy_db_path)
    try:  # the same verdicts and amounts as where it was structured
        assert {n: _imported(data_b, n) for n in ENTERPRISES} == in_a
    finally:
        data_b.close()
