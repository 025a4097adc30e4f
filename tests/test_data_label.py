"""The data version people see names what the data contains — the bundled data's date and the
documents imported, with the latest import's date — computed once in core, carried by every
result (match --json, saved evaluations, the history, 变化提醒), with the digest kept as a code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from desktop_app import paths
from desktop_app.cli.main import main
from desktop_app.core.changes.reevaluate import changes_for_all
from desktop_app.core.data_label import data_version_label, shown_version
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db
from desktop_app.gui.views.result_html import summary_html
from tests.package_helpers import structured_library

SAMPLE = paths.resources_dir() / "samples" / "xiamen-manufacturer.json"


def _release_date() -> str:
    release = yaml.safe_load((paths.curated_dir() / "data_release.yaml").read_text("utf-8"))
    return str(release["date"])


def test_bundled_data_is_named_by_its_date(policy_db_path: Path) -> None:
    data = PolicyData.open(policy_db_path, library=False)
    try:
        assert data.data_version_label == f"政策数据 {_release_date()}"
        result = data.match(Profile.from_dict(json.loads(SAMPLE.read_text("utf-8"))))
        stored = result.to_dict()
        assert stored["data_version_label"] == data.data_version_label
        assert stored["data_version"] == data.data_version  # the code stays
        assert MatchResult.from_dict(stored).data_version_text == data.data_version_label
        older = {k: v for k, v in stored.items() if k != "data_version_label"}
        assert MatchResult.from_dict(older).data_version_text == f"数据代码 {data.data_version}"
        html = summary_html(result, "样例")
        assert data.data_version_label in html and data.data_version not in html
    finally:
        data.close()


def test_imported_documents_are_counted_with_the_latest_date(
    policy_db_path: Path, isolated_user_data: Path, tmp_path: Path
) -> None:
    structured_library(isolated_user_data, tmp_path / "src")
    data = PolicyData.open(policy_db_path)
    try:
        [doc] = [d for d in data.documents if d.is_imported]
        imported_on = (doc.imported or "")[:10]
        assert data.data_version_label == (
            f"政策数据 {_release_date()} · 自行导入 1 份（最近 {imported_on}）"
        )
        result = data.match(Profile.from_dict(json.loads(SAMPLE.read_text("utf-8"))))
        opened = open_user_db()
        try:
            repo = ProfileRepository(opened.conn)
            record = repo.save(result.profile.to_dict(), evaluation=result.to_dict())
            [saved] = repo.evaluations(record.id)
            assert saved.data_label == data.data_version_label
            assert saved.data_version_text == data.data_version_label
            report = changes_for_all(repo, data).to_dict()
            assert report["data_version_label"] == data.data_version_label
        finally:
            opened.conn.close()
    finally:
        data.close()


def test_match_json_carries_the_label(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--profile", str(SAMPLE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["data_version_label"].startswith("政策数据 ") and out["data_version"]


def test_results_saved_before_labels_show_their_code() -> None:
    assert shown_version("", "abc123def456") == "数据代码 abc123def456"
    assert shown_version("", "") == "未注明"
    assert data_version_label(None, []) == "程序内置政策数据"
    assert data_version_label(date(2026, 12, 1), []) == "政策数据 2026-12-01"
