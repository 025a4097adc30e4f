"""The policy database damaged, replaced by a folder, left read-only and stale, or its folder
unwritable or full: the CLI recovers (rebuilds with a notice on stderr) or says in Chinese what
to do — never a traceback, and --json output stays one valid JSON document."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli.main import main
from desktop_app.core import build_db, policy_db
from desktop_app.core.repair_note import take_repair_note

ROOT = Path(__file__).resolve().parent.parent
DAMAGE = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def own_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy_db_path: Path) -> Path:
    """A private copy of the built database as POLICY_DESK_DB (the session's stays sound)."""
    path = tmp_path / "policy" / "policies.sqlite"
    path.parent.mkdir()
    shutil.copyfile(policy_db_path, path)
    monkeypatch.setenv("POLICY_DESK_DB", str(path))
    return path


def _search(capsys: Any) -> tuple[int, Any, str]:
    capsys.readouterr()
    code = main(["search", "担保", "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out) if out else None, err


def _baseline(capsys: Any) -> Any:
    code, data, _ = _search(capsys)
    assert code == 0
    return [h["id"] for h in data["hits"]]


def test_the_checksum_covers_the_content_and_survives_vacuum(own_db: Path) -> None:
    assert policy_db.full_problem(own_db) is None
    conn = sqlite3.connect(own_db)
    conn.execute("VACUUM")
    conn.close()
    assert policy_db.full_problem(own_db) is None
    conn = sqlite3.connect(own_db)
    conn.execute("UPDATE items SET text = text || '。' WHERE rowid = 3")
    conn.commit()
    conn.close()
    assert policy_db.quick_problem(own_db) is None  # the cheap check cannot see this …
    assert "校验" in (policy_db.full_problem(own_db) or "")  # … the full one does


@DAMAGE
@given(kind=st.sampled_from(["flip", "zero-half", "bad-json"]), seed=st.integers(0, 2**32))
def test_damaged_body_is_rebuilt_or_the_command_answers_unharmed(
    own_db: Path, policy_db_path: Path, capsys: Any, kind: str, seed: int
) -> None:
    shutil.copyfile(policy_db_path, own_db)  # the fixture is shared by the examples
    expected = _baseline(capsys)
    rng = random.Random(seed)
    if kind == "bad-json":
        conn = sqlite3.connect(own_db)
        conn.execute("UPDATE items SET departments = '{[' WHERE rowid % 5 = ?", (seed % 5,))
        conn.commit()
        conn.close()
    else:
        data = bytearray(own_db.read_bytes())
        if kind == "flip":
            for _ in range(200):
                data[rng.randrange(4096, len(data))] ^= 0xFF
        else:
            data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)
        own_db.write_bytes(bytes(data))
    code, found, err = _search(capsys)
    assert code == 0, err
    # the same answer: either the damage was not on the pages this read needs, or the
    # failed read led to the full check and a rebuild (said on stderr)
    assert [h["id"] for h in found["hits"]] == expected
    if err:
        assert "重新建立" in err


def test_an_automatic_rebuild_is_recorded_once_for_the_window(own_db: Path) -> None:
    take_repair_note()
    own_db.write_bytes(own_db.read_bytes()[:5000])  # truncated: the cheap check sees it
    assert policy_db.ensure_policy_db() == own_db and policy_db.quick_problem(own_db) is None
    note = take_repair_note()
    assert note and "重新建立" in note and "没有任何丢失" in note
    assert take_repair_note() is None  # said once
    told: list[str] = []
    own_db.write_bytes(own_db.read_bytes()[:5000])
    policy_db.ensure_policy_db(notice=told.append)  # the CLI says it itself, on stderr
    assert told and take_repair_note() is None


def test_a_folder_where_the_database_belongs_is_moved_aside(own_db: Path, capsys: Any) -> None:
    own_db.unlink()
    own_db.mkdir()
    (own_db / "something").write_text("kept", "utf-8")
    code, found, err = _search(capsys)
    assert code == 0 and found["total"] > 0
    assert "文件夹" in err
    moved = [p for p in own_db.parent.iterdir() if p.name.startswith("policies.sqlite.moved-")]
    assert len(moved) == 1 and (moved[0] / "something").read_text("utf-8") == "kept"


def test_a_read_only_stale_database_is_rebuilt(own_db: Path, capsys: Any) -> None:
    conn = sqlite3.connect(own_db)
    conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'data_version'")
    conn.commit()
    conn.close()
    own_db.chmod(0o444)
    code, found, _err = _search(capsys)
    assert code == 0 and found["total"] > 0
    assert build_db.database_is_current(own_db)


def test_leftovers_of_killed_builds_are_removed_at_the_next_build(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "policies.sqlite"
    env = {**os.environ, "POLICY_DESK_DB": str(target)}
    for _ in range(3):  # real kills: the build's temporary file stays behind
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "build-db"], env=env, cwd=ROOT
        )
        deadline = time.monotonic() + 60
        while not list(folder.glob(".building-*")) and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    (folder / ".building-legacy.sqlite").write_bytes(b"0.1 left me")  # no pid: from 0.1
    (folder / ".building-1-alive.sqlite").write_bytes(b"pid 1 is alive: kept")
    assert len(list(folder.glob(".building-*"))) >= 3
    build_db.build_database(target)
    assert {p.name for p in folder.glob(".building-*")} == {".building-1-alive.sqlite"}


def test_an_unwritable_home_builds_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    home = tmp_path / "read-only-home"
    monkeypatch.setenv("POLICY_DESK_HOME", str(home))
    monkeypatch.delenv("POLICY_DESK_DB")
    fallback = tmp_path / "tmp" / "PolicyDesk-test" / "policies.sqlite"
    monkeypatch.setattr(policy_db, "fallback_db_path", lambda: fallback)
    real_mkstemp = build_db.tempfile.mkstemp

    def refusing(*args: Any, **kwargs: Any) -> Any:  # root ignores chmod: refuse by hand
        if Path(kwargs["dir"]) == home:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(build_db.tempfile, "mkstemp", refusing)
    code, found, err = _search(capsys)
    assert code == 0 and found["total"] > 0
    assert "无法写入" in err and str(fallback) in err
    assert (
        main(
            [
                "match",
                "--profile",
                str(ROOT / "resources/samples/xiamen-manufacturer.json"),
                "--json",
            ]
        )
        == 0
    )


def test_a_full_disk_during_a_build_is_a_message_and_keeps_the_old_file(
    own_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    before = own_db.read_bytes()

    def full(*_args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(build_db, "_write", full)
    capsys.readouterr()
    assert main(["build-db"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "磁盘空间已满" in err and "Traceback" not in err
    assert own_db.read_bytes() == before
    assert not list(own_db.parent.glob(".building-*"))
