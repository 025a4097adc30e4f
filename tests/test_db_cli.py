"""build-db, documents, measures, show through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.store import PolicyDatabaseError, PolicyStore


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_db_writes_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x" / "p.sqlite"
    code, text, _ = _run(capsys, "build-db", "--out", str(out))
    assert code == 0 and out.exists() and "5 个文件" in text
    assert len(PolicyStore.open(out).documents()) == 5


def test_documents_json_is_utf8_with_chinese_characters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "documents", "--json")
    assert code == 0
    assert "厦门市" in out and "\\u" not in out
    docs = json.loads(out)
    assert {d["id"] for d in docs} == {"fj2019", "xm", "sm", "hb2019", "yj2020"}
    sm = next(d for d in docs if d["id"] == "sm")
    assert sm["status"] == "征求意见稿" and sm["doc_number"] is None


def test_measures_json_lists_a_documents_items(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "measures", "--document", "xm", "--json")
    data = json.loads(out)
    assert code == 0 and data["document"]["id"] == "xm"
    assert [i["article"] for i in data["items"]] == [str(n) for n in range(1, 51)]


def test_show_json_gives_text_departments_and_citation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "xm-30", "--json")
    item = json.loads(out)
    assert code == 0
    assert "每人1500元" in item["text"]
    assert item["citation"].endswith("第30项")
    assert item["departments"][0] == {
        "name": "市人社局",
        "as_printed": "市人社局",
        "lead": False,
        "basis": "item",
    }


def test_unknown_ids_give_a_chinese_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "show", "xm-999")
    assert code == 2 and "没有编号为“xm-999”的条目" in err and "Traceback" not in err
    code, _, err = _run(capsys, "measures", "--document", "nope")
    assert code == 2 and "可用的编号" in err


def test_missing_database_is_built_automatically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fresh" / "policies.sqlite"
    monkeypatch.setenv("POLICY_DESK_DB", str(target))
    code, out, _ = _run(capsys, "documents", "--json")
    assert code == 0 and target.exists() and len(json.loads(out)) == 5


def test_corrupt_database_is_reported_not_crashed(tmp_path: Path) -> None:
    bad = tmp_path / "policies.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PolicyDatabaseError, match="损坏"):
        PolicyStore.open(bad)


def test_corrupt_database_is_rebuilt_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "policies.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    monkeypatch.setenv("POLICY_DESK_DB", str(bad))
    code, out, _ = _run(capsys, "documents", "--json")
    assert code == 0 and len(json.loads(out)) == 5


def test_module_entry_point_runs_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "show", "yj2020-14", "--json"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert "30%以上" in json.loads(result.stdout.decode("utf-8"))["text"]
