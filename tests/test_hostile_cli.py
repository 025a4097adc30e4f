"""Every CLI entry point under hostile arguments and files: exit 0 with output, or exit 2 with
a Chinese message on stderr — never exit 1, never a traceback; with --json, stdout is one
valid JSON document or empty. Plus the real process: undecodable bytes in argv, locked, full
and read-only user databases."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_inputs import NASTY_TEXT, SAMPLE, has_chinese, profiles, values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli.main import main
from desktop_app.core.userdata import user_db
from desktop_app.core.userdata.exchange import FORMAT
from desktop_app.core.userdata.profiles import ProfileRepository

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
words = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=20))

COMMANDS: list[tuple[str, ...]] = [
    ("search", "{w}", "--json"),
    ("search", "贴息", "--region", "{w}", "--json"),
    ("search", "贴息", "--as-of", "{w}", "--json"),
    ("search", "贴息", "--document", "{w}", "--json"),
    ("search", "贴息", "--limit", "{w}", "--json"),
    ("show", "{w}", "--json"),
    ("measures", "--document", "{w}", "--json"),
    ("regions", "--parent", "{w}", "--json"),
    ("classify", "--industry", "{w}", "--employees", "{w}", "--json"),
    ("classify", "--industry", "工业", "--revenue", "{w}", "--json"),
    ("profiles", "list", "--search", "{w}", "--json"),
    ("match", "--profile", "{file}", "--as-of", "{w}", "--json"),
    ("{w}",),
    ("search", "--{w}"),
]


def run(capsys: Any, argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in out + err
    if code == 2:
        assert err.startswith("错误：") and has_chinese(err), err
    if "--json" in argv and code == 0:
        json.loads(out)
    if code != 0:
        assert out == ""
    return code, out, err


@FUZZ
@given(template=st.sampled_from(COMMANDS), word=words)
def test_every_command_answers_any_argument(
    capsys: Any, tmp_path_factory: Any, template: tuple[str, ...], word: str
) -> None:
    profile = tmp_path_factory.mktemp("p") / "profile.json"
    profile.write_text(json.dumps(SAMPLE, ensure_ascii=False), "utf-8")
    argv = [part.replace("{w}", word).replace("{file}", str(profile)) for part in template]
    run(capsys, argv)


@FUZZ
@given(data=profiles)
def test_match_and_report_answer_any_profile_file(
    capsys: Any, tmp_path_factory: Any, data: Any
) -> None:
    folder = tmp_path_factory.mktemp("m")
    path = folder / "profile.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8", "surrogatepass")
    run(capsys, ["match", "--profile", str(path), "--as-of", "2026-12-01", "--json"])
    run(capsys, ["report", "--profile", str(path), "--brief", "--output", str(folder / "r.pdf")])


@pytest.mark.parametrize(
    "raw",
    [
        b'{"employees": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"region": "\\ud800"}',
        b'{"employees": 1e400, "revenue": NaN}',
        b"\xff\xfe garbage",
        b"",
    ],
)
def test_profile_files_that_broke_the_parser(capsys: Any, tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(raw)
    code, _, err = run(capsys, ["match", "--profile", str(path), "--json"])
    assert code == 2 and "企业信息" in err


export_entries = st.lists(
    st.one_of(
        values,
        st.fixed_dictionaries(
            {"profile": profiles},
            optional={
                "id": st.one_of(st.sampled_from(["dup", "a-1"]), values),
                "updated": st.one_of(
                    st.sampled_from(["9999-12-31T23:59:59", "0001-01-01T00:00:00-01:00"]),
                    values,
                ),
                "created": values,
                "notes": values,
                "evaluations": st.one_of(
                    values,
                    st.lists(
                        st.fixed_dictionaries({"id": values, "created": values, "result": values}),
                        max_size=2,
                    ),
                ),
            },
        ),
    ),
    max_size=4,
)


@FUZZ
@given(entries=export_entries, version=st.one_of(st.just(1), values))
def test_import_answers_any_export_file(
    capsys: Any, tmp_path_factory: Any, entries: Any, version: Any
) -> None:
    path = tmp_path_factory.mktemp("x") / "export.json"
    document = {"format": FORMAT, "format_version": version, "enterprises": entries}
    text = json.dumps(document, ensure_ascii=False, default=str)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, out, _ = run(capsys, ["profiles", "import", str(path), "--json"])
    if code == 0:
        report = json.loads(out)
        assert set(report) >= {"added", "updated", "problems"}
    run(capsys, ["profiles", "list", "--json"])  # whatever was stored lists and matches


def test_duplicates_and_future_timestamps_in_an_export(capsys: Any, tmp_path: Path) -> None:
    entry = {"id": "same-id", "name": "甲", "profile": {"name": "甲", "region": "350206"}}
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "format_version": 1,
                "enterprises": [entry, {**entry, "profile": {"name": "乙"}}],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    _, out, _ = run(capsys, ["profiles", "import", str(path), "--json"])
    report = json.loads(out)
    assert report["added"] == 1 and any("编号与第1条" in p for p in report["problems"])
    future = {**entry, "profile": {"name": "丙"}, "updated": "9999-12-31T00:00:00"}
    path.write_text(
        json.dumps({"format": FORMAT, "format_version": 1, "enterprises": [future]}), "utf-8"
    )
    _, out, _ = run(capsys, ["profiles", "import", str(path), "--json"])
    report = json.loads(out)
    assert report["updated"] == 0 and any("不可信" in n for n in report["notes"])
    _, out, _ = run(capsys, ["profiles", "list", "--json"])
    assert [r["name"] for r in json.loads(out)] == ["甲"]


def _process(
    *args: bytes | str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.parametrize(
    "argv",
    [
        [b"search", b"\xff", b"--json"],
        [b"search", b"x", b"--region", b"\xff"],
        [b"show", b"\xff\xfe"],
        [b"measures", b"--document", b"\xff"],
        [b"regions", b"--parent", b"\xff"],
        [b"classify", b"--industry", b"\xff"],
        [b"profiles", b"list", b"--search", b"\xff"],
        [b"match", b"--profile", b"/nonexistent/\xff.json", b"--as-of", b"\xff"],
        [b"report", b"--profile", b"\xff.json", b"--output", b"\xff.pdf"],
        [b"profiles", b"import", b"\xff\xfe.json"],
        [b"--bogus-option"],
        [b"search"],
    ],
)
def test_undecodable_bytes_in_the_real_argv(argv: list[bytes]) -> None:
    done = _process(*argv)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert err.startswith("错误：") and "Traceback" not in err and "lost sys.stderr" not in err
    assert done.stdout == b""


def test_usage_errors_are_chinese(capsys: Any) -> None:
    _, _, err = run(capsys, ["search"])
    assert "缺少必需的参数" in err and "用法" in err
    _, _, err = run(capsys, ["search", "x", "--limit", "many"])
    assert "参数 --limit" in err and "无效" in err
    _, _, err = run(capsys, ["nonsense"])
    assert "无效的选择" in err


def _seeded() -> Path:
    opened = user_db.open_user_db()
    ProfileRepository(opened.conn).save({"name": "已有企业", "region": "350206"})
    opened.conn.close()
    return opened.path


def _export_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.json"
    entry = {"name": "新企业", "profile": {"name": "新企业", "region": "350206"}}
    path.write_text(
        json.dumps({"format": FORMAT, "format_version": 1, "enterprises": [entry]}), "utf-8"
    )
    return path


def test_another_writer_holding_the_lock(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(user_db, "BUSY_TIMEOUT_S", 0.5)
    path = _seeded()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(capsys, ["profiles", "import", str(_export_file(tmp_path))])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "正被另一个程序写入" in err and "没有保存任何改动" in err
    _, out, _ = run(capsys, ["profiles", "list", "--json"])
    assert [r["name"] for r in json.loads(out)] == ["已有企业"]
    # released while waiting: the import waits and succeeds
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.2, lambda: holder.execute("ROLLBACK")).start()
    monkeypatch.setattr(user_db, "BUSY_TIMEOUT_S", 5)
    code, _, _ = run(capsys, ["profiles", "import", str(_export_file(tmp_path))])
    time.sleep(0.3)
    holder.close()
    assert code == 0


def test_a_full_disk_and_a_read_only_file_keep_what_is_saved(tmp_path: Path) -> None:
    from desktop_app.core.userdata.exchange import import_file

    path = _seeded()
    opened = user_db.open_user_db(path)
    repo = ProfileRepository(opened.conn)
    pages = opened.conn.execute("PRAGMA page_count").fetchone()[0]
    opened.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    big = tmp_path / "big.json"
    entries = [
        {"name": f"企业{i}", "profile": {"name": f"企业{i}" + "长" * 250, "region": "350206"}}
        for i in range(200)
    ]
    big.write_text(json.dumps({"format": FORMAT, "format_version": 1, "enterprises": entries}))
    with pytest.raises(user_db.UserDbError, match="磁盘空间已满"):
        import_file(repo, big)
    assert [r.name for r in repo.search()] == ["已有企业"]
    opened.conn.close()
    readonly = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(user_db.UserDbError, match="只读"):
        ProfileRepository(readonly).save({"name": "写不进去"})
    readonly.close()
