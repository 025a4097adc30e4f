"""Start-up time: from launching the process to the first frame on screen (first paint) and to
the main window shown with its first results, side by side with a bare PySide6 window (the
floor) in the same run. Goals: first paint within 1.5x the floor, first results within 2.5x.

    .venv/bin/python benchmarks/startup_benchmark.py [--runs 15]

Both are started as fresh processes under the offscreen platform, alternating so that disk
caches and CPU frequency treat them alike. Each prints a time.monotonic() timestamp once its
window is up (the app: `python -m desktop_app` with POLICY_DESK_STARTUP_MARK=1, after the
first results are in the list); the time is that stamp minus the stamp taken just before the
process was started (CLOCK_MONOTONIC is system-wide on Linux and Windows).

Two app rows: `python -m desktop_app` (what `policy-desk` runs, through the CLI module, which
imports every subcommand first), and the window's own entry `desktop_app.gui_launch` (the
same start-up minus the CLI's imports), so the two costs can be told apart.

The app runs the normal source-checkout path: POLICY_DESK_HOME points at a temporary folder,
the first (warm-up) run builds the policy database there, later runs open it, as on a
user's second start.

Bytecode: the floor's PySide6 comes with compiled .pyc files, and so does a user's app (the
frozen build ships bytecode; `pip install` compiles it). A shell with PYTHONDONTWRITEBYTECODE=1
(this project's work machines) would make the app compile its ~150 modules from source on
every measured start, a cost no user pays. So the app's bytecode goes to a cache folder in the
temporary folder, written by the warm-up runs, read by the measured ones.
--no-bytecode-cache measures the old way (every start compiles) for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 720)
window.show()
def ready():
    print("STARTUP-READY", f"{time.monotonic():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""
MARK = "STARTUP-READY"
PAINT = "STARTUP-PAINT"


def launch(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from just before the process starts to its first frame and to its ready stamp
    (the bare window has one stamp: both)."""
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    stamps = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in (MARK, PAINT):
            stamps[parts[0]] = float(parts[1]) - start
    if MARK not in stamps:
        raise RuntimeError(f"no {MARK} from {cmd}: rc={done.returncode}\n{done.stderr[-2000:]}")
    return stamps.get(PAINT, stamps[MARK]), stamps[MARK]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile the app's modules on every start (as with PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        bare_script = Path(tmp) / "bare_window.py"
        bare_script.write_text(BARE_WINDOW, encoding="utf-8")
        env = dict(os.environ)
        env.pop("POLICY_DESK_DB", None)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            POLICY_DESK_HOME=str(Path(tmp) / "home"),
            POLICY_DESK_STARTUP_MARK="1",
        )
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = {
            "bare PySide6 window (floor)": [sys.executable, str(bare_script)],
            "window entry (gui_launch)": [
                sys.executable,
                "-c",
                "import sys; from desktop_app.gui_launch import launch_gui; sys.exit(launch_gui())",
            ],
            "python -m desktop_app": [sys.executable, "-m", "desktop_app"],
        }
        first = launch(commands["python -m desktop_app"], env)[1]  # builds the database
        paint: dict[str, list[float]] = {name: [] for name in commands}
        ready: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():  # warm the disk cache for each
            launch(cmd, env)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                p, r = launch(cmd, env)
                paint[name].append(p)
                ready[name].append(r)
    floor = statistics.median(ready["bare PySide6 window (floor)"])
    for what, times in (("first paint", paint), ("first results", ready)):
        for name, samples in times.items():
            median = statistics.median(samples)
            print(
                f"{what:13s} {name:30s} median {median * 1000:5.0f} ms  "
                f"min {min(samples) * 1000:5.0f}  max {max(samples) * 1000:5.0f}  "
                f"ratio {median / floor:4.2f}x"
            )
    print(
        f"{args.runs} runs each, offscreen, interleaved, "
        f"{'no bytecode cache' if args.no_bytecode_cache else 'bytecode cached'}; "
        f"first start (builds the database): {first * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
