"""policy-desk profiles list / export / import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db


def seed(*names: str) -> None:
    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    for name in names:
        repo.save({"name": name, "region": "350206"})
    opened.conn.close()


def test_every_profiles_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("list", "export", "import", "changes"):
        with pytest.raises(SystemExit) as info:
            main(["profiles", sub, "--help"])
        assert info.value.code == 0
        assert "用法" in capsys.readouterr().out


def test_list_empty_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "list"]) == 0
    assert "没有已保存的企业" in capsys.readouterr().out
    seed("甲公司", "乙公司")
    assert main(["profiles", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in data} == {"甲公司", "乙公司"}
    assert main(["profiles", "list", "--search", "乙"]) == 0
    out = capsys.readouterr().out
    assert "乙公司" in out and "甲公司" not in out


def test_export_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed("甲公司")
    path = tmp_path / "all.json"
    assert main(["profiles", "export", str(path)]) == 0
    assert "已导出 1 家" in capsys.readouterr().out
    assert main(["profiles", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unchanged"] == 1


def test_import_broken_file_is_a_chinese_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert main(["profiles", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "没有导入任何内容" in err
    assert "Traceback" not in err
