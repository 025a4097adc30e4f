"""Start-up: a missing database is built with progress, a corrupt one is offered a rebuild,
`policy-desk --smoke` and the start-up mark work as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.gui.settings import Settings
from desktop_app.gui.startup import Startup


def _start(gui_app, qtbot, settings: Settings) -> Startup:
    startup = Startup(gui_app, settings)
    with qtbot.waitSignal(startup.window_ready, timeout=60_000):
        startup.begin()
    return startup


def _stop(startup: Startup) -> None:
    startup.shutdown()
    if startup.window is not None:
        startup.window.close()
        startup.window.deleteLater()


def test_missing_database_is_built_with_progress(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fresh" / "policies.sqlite"
    monkeypatch.setenv("POLICY_DESK_DB", str(target))
    steps: list[tuple[int, str]] = []
    original = Startup._show_progress

    def record(self: Startup, percent: int, message: str) -> None:
        steps.append((percent, message))
        original(self, percent, message)

    monkeypatch.setattr(Startup, "_show_progress", record)
    startup = _start(gui_app, qtbot, settings)
    try:
        assert target.exists()
        assert steps and steps[-1][0] == 100
        assert all("\u4e00" <= m[0] <= "\u9fff" for _, m in steps)  # Chinese messages
        assert startup._progress is None  # closed once the data is ready
        window = startup.window
        assert window is not None and window.isVisible()
        assert window.model.rowCount() > 0
    finally:
        _stop(startup)


def test_corrupt_database_is_rebuilt_from_the_sources_without_asking(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    corrupt = tmp_path / "broken.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("POLICY_DESK_DB", str(corrupt))
    monkeypatch.setattr("desktop_app.core.build_db.ensure_policy_db", lambda progress=None: corrupt)
    asked: list[str] = []
    monkeypatch.setattr(Startup, "ask_rebuild", lambda self, message: asked.append(message))
    startup = _start(gui_app, qtbot, settings)
    try:
        assert asked == []  # the full check found the damage; nothing of the user's is in it
        assert startup.window is not None and startup.window.model.rowCount() > 0
        assert startup.data is not None and startup.data.path == corrupt
    finally:
        _stop(startup)


def test_corrupt_database_offers_rebuild_when_it_cannot_rebuild_by_itself(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = tmp_path / "broken.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("POLICY_DESK_DB", str(corrupt))
    # As with a shipped database: used as it is, so opening it is what fails.
    monkeypatch.setattr("desktop_app.core.build_db.ensure_policy_db", lambda progress=None: corrupt)
    monkeypatch.setattr("desktop_app.core.policy_db.full_problem", lambda path: None)
    asked: list[str] = []

    def answer(self: Startup, message: str) -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(Startup, "ask_rebuild", answer)
    startup = _start(gui_app, qtbot, settings)
    try:
        assert len(asked) == 1
        assert "损坏" in asked[0] and "Traceback" not in asked[0]
        assert startup.window is not None and startup.window.model.rowCount() > 0
        assert startup.data is not None and startup.data.path == corrupt
    finally:
        _stop(startup)


def test_declining_rebuild_quits_with_code_2(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = tmp_path / "broken.sqlite"
    corrupt.write_bytes(b"\0" * 4096)
    monkeypatch.setenv("POLICY_DESK_DB", str(corrupt))
    monkeypatch.setattr("desktop_app.core.build_db.ensure_policy_db", lambda progress=None: corrupt)
    monkeypatch.setattr("desktop_app.core.policy_db.full_problem", lambda path: None)
    monkeypatch.setattr(Startup, "ask_rebuild", lambda self, message: False)
    monkeypatch.setattr(gui_app, "quit", lambda: None)
    startup = Startup(gui_app, settings)
    startup.begin()
    qtbot.waitUntil(lambda: startup.exit_code is not None, timeout=20_000)
    assert startup.exit_code == 2 and startup.window is None
    startup.shutdown()


def test_outdated_database_opens_at_once_then_is_rebuilt(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import sqlite3

    from desktop_app.core.build_db import database_is_current
    from desktop_app.gui import startup as startup_mod

    stale = tmp_path / "stale.sqlite"
    shutil.copy(policy_db(), stale)
    with sqlite3.connect(stale) as conn:
        conn.execute("UPDATE meta SET value = 'old-version' WHERE key = 'data_version'")
    assert not database_is_current(stale)
    monkeypatch.setenv("POLICY_DESK_DB", str(stale))
    monkeypatch.setattr(startup_mod, "VERIFY_DELAY_MS", 0)
    startup = _start(gui_app, qtbot, settings)
    try:
        # the window came up on the old file, without building first
        window = startup.window
        assert window is not None and window.model.rowCount() > 0
        with qtbot.waitSignal(window.controller.results_ready, timeout=60_000):
            pass  # the check finds it outdated, rebuilds, searches again
        assert database_is_current(stale)
        assert startup.data is not None and startup.data.path == stale
        assert "政策数据已更新" in window.statusBar().currentMessage()
    finally:
        _stop(startup)


def test_current_database_is_only_checked(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from desktop_app.gui import startup as startup_mod

    current = tmp_path / "current.sqlite"
    shutil.copy(policy_db(), current)
    monkeypatch.setenv("POLICY_DESK_DB", str(current))
    monkeypatch.setattr(startup_mod, "VERIFY_DELAY_MS", 0)
    rebuilt: list[str] = []
    monkeypatch.setattr(Startup, "rebuild", lambda self, message="": rebuilt.append(message))
    startup = _start(gui_app, qtbot, settings)
    try:
        assert startup.data is not None
        qtbot.waitUntil(lambda: startup.data.verified, timeout=30_000)
        assert rebuilt == []
    finally:
        _stop(startup)


def test_rebuild_with_window_open(
    gui_app, qtbot, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "db" / "policies.sqlite"
    monkeypatch.setenv("POLICY_DESK_DB", str(target))
    startup = _start(gui_app, qtbot, settings)
    try:
        window = startup.window
        assert window is not None
        old_policy = startup.data.policy  # type: ignore[union-attr]
        with qtbot.waitSignal(window.controller.results_ready, timeout=60_000):
            startup.rebuild()
        assert startup.data is not None and startup.data.policy is not old_policy
        assert window.data is startup.data.policy
        assert window.model.rowCount() > 0
        assert "重建" in window.statusBar().currentMessage()
    finally:
        _stop(startup)


def policy_db() -> Path:
    from desktop_app.core.build_db import ensure_policy_db

    return ensure_policy_db()


def _run_app(
    args: list[str], env_extra: dict[str, str], home: Path
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "POLICY_DESK_HOME": str(home)} | env_extra)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_smoke_mode_prints_marker(policy_db_path: Path, tmp_path: Path) -> None:
    done = _run_app(["--smoke"], {"POLICY_DESK_DB": str(policy_db_path)}, tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "SMOKE-OK" in done.stdout.splitlines()
    assert "Traceback" not in done.stderr


def test_startup_mark_for_the_benchmark(policy_db_path: Path, tmp_path: Path) -> None:
    done = _run_app(
        [],
        {"POLICY_DESK_DB": str(policy_db_path), "POLICY_DESK_STARTUP_MARK": "1"},
        tmp_path / "home",
    )
    assert done.returncode == 0, done.stderr
    marks = [line for line in done.stdout.splitlines() if line.startswith("STARTUP-READY ")]
    assert len(marks) == 1
    ready = float(marks[0].split()[1])
    # the first frame is on screen before the data, the fonts and the window's modules load
    paints = [line for line in done.stdout.splitlines() if line.startswith("STARTUP-PAINT ")]
    assert len(paints) == 1
    assert float(paints[0].split()[1]) < ready


def test_first_frame_is_replaced_by_the_window(qtbot, gui_app) -> None:
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.gui.shell import LoadingShell

    shell = LoadingShell(None)
    shell.move(40, 30)
    shell.show()
    window = QMainWindow()
    qtbot.addWidget(window)
    shell.hand_over(window)
    window.show()
    assert not shell.isVisible()
    assert window.size() == shell.size() and window.isVisible()


# Modules the first results do not need: each loads when its feature is first used (or in
# the warm-up after the first results). A module here imported again before the stamp is a
# start-up cost every user pays, so the check names it.
NOT_BEFORE_FIRST_RESULTS = (
    "desktop_app.core.userdata.profiles",  # the recent enterprises: read after the results
    "desktop_app.core.eligibility.facts",  # the facts registry: with the first evaluation
    "desktop_app.core.eligibility.rules",
    "desktop_app.core.regions",  # the region filter's table: when the filter is shown
    "desktop_app.core.policy_db",  # the database checks: only when it does not open
    "desktop_app.core.build_db",
    "desktop_app.core.notice.office",  # the 告知单's office block: with the first 告知单
    "desktop_app.core.library.importer",  # with the first import
    "desktop_app.gui.result_paint",  # with the first result row painted (QStyle's enums)
    "yaml",
)


def test_the_first_results_load_only_what_they_need(policy_db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        POLICY_DESK_HOME=str(tmp_path / "home"),
        POLICY_DESK_DB=str(policy_db_path),
        POLICY_DESK_STARTUP_MARK="1",
    )
    done = subprocess.run(  # -X importtime: one line per import, on the same pipe as the stamp
        [sys.executable, "-X", "importtime", "-m", "desktop_app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    lines = done.stdout.splitlines()
    ready = next(n for n, line in enumerate(lines) if line.startswith("STARTUP-READY "))
    before = {line.rsplit("|", 1)[1].strip() for line in lines[:ready] if "|" in line}
    after = {line.rsplit("|", 1)[1].strip() for line in lines[ready:] if "|" in line}
    assert "desktop_app.gui.main_window" in before  # the check sees the window's imports
    assert sorted(before.intersection(NOT_BEFORE_FIRST_RESULTS)) == []
    # the start page's recent enterprises are read right after the stamp, in the same signal
    assert "desktop_app.core.userdata.profiles" in after


def test_data_replaced_by_a_reload_is_closed_only_when_the_worker_is_done_with_it(
    gui_app, qtbot, settings: Settings, policy_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """After an import the window reopens the data; the old data's warm-up may still be
    reading it on the worker. Closing its SQLite connection then crashed the process (a
    segfault seen in CI): the old data is closed once the tasks started before are done."""
    import threading

    from desktop_app.core.services import PolicyData

    monkeypatch.setenv("POLICY_DESK_DB", str(policy_db_path))
    reading = threading.Event()
    release = threading.Event()
    original = PolicyData.warm_up

    def slow_warm_up(self: PolicyData) -> None:
        reading.set()
        release.wait(10)  # the old data's warm-up, still running when the reload lands
        self.store.conn.execute("SELECT count(*) FROM items").fetchone()
        original(self)

    monkeypatch.setattr(PolicyData, "warm_up", slow_warm_up)
    startup = _start(gui_app, qtbot, settings)
    try:
        assert startup.data is not None
        old = startup.data.policy
        qtbot.waitUntil(reading.is_set, timeout=5_000)
        with qtbot.waitSignal(startup.window.controller.results_ready, timeout=60_000):  # type: ignore[union-attr]
            startup.reload("政策数据已重新载入")
        assert startup.data.policy is not old
        old.store.conn.execute("SELECT 1").fetchone()  # still open: its warm-up reads it
        release.set()
        qtbot.waitUntil(lambda: old not in startup._retired, timeout=5_000)
        with pytest.raises(Exception, match="closed"):
            old.store.conn.execute("SELECT 1")
    finally:
        release.set()
        _stop(startup)
