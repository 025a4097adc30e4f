"""Measure the built bundles: size side by side with the hello-world yardstick, and frozen
start-up time.

    .venv/bin/python build/build.py && .venv/bin/python build/build.py --hello
    .venv/bin/python build/measure.py [--runs 10]

Start-up is the time from just before the process is started to the moment the main window
shows its first search results (the app prints a time.monotonic() stamp then, with
POLICY_DESK_STARTUP_MARK=1) or, for the yardstick, to its first event-loop turn with the window
shown. CLOCK_MONOTONIC is system-wide, so the child's stamp minus the parent's is the start-up
time. Runs alternate so that disk caches and CPU frequency treat both alike; the first run of
each is reported separately (the bundle's files are least likely to be cached then). The full
`--smoke` (search, evaluation, PDF, exit) is timed wall-clock as well. All runs use the
offscreen platform, with POLICY_DESK_HOME in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import bundle_meta
from bundle_meta import bundle_size, mib

APP_MARK = "STARTUP-READY"
HELLO_MARK = "HELLO-OK"


def stamped(cmd: list[str], env: dict[str, str], mark: str) -> float:
    """Seconds from just before the process starts to the stamp it prints after `mark`."""
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    for line in done.stdout.splitlines():
        if line.startswith(mark) and len(line.split()) == 2:
            return float(line.split()[1]) - start
    raise RuntimeError(f"no {mark} from {cmd}: rc={done.returncode}\n{done.stderr[-2000:]}")


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    subprocess.run(cmd, capture_output=True, env=env, timeout=180, check=True)
    return time.monotonic() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:5.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    app, hello = bundle_meta.executable(), bundle_meta.executable(bundle_meta.HELLO_FOLDER)
    for exe in (app, hello):
        if not exe.exists():
            raise SystemExit(f"{exe} missing: run build/build.py and build/build.py --hello")

    app_size, app_files = bundle_size(bundle_meta.bundle_dir())
    hello_size, hello_files = bundle_size(bundle_meta.bundle_dir(bundle_meta.HELLO_FOLDER))
    print(f"bundle {bundle_meta.APP_FOLDER}: {mib(app_size)} in {app_files} files")
    print(f"bundle {bundle_meta.HELLO_FOLDER}: {mib(hello_size)} in {hello_files} files")
    print(f"size ratio: {app_size / hello_size:.2f}")

    with tempfile.TemporaryDirectory(prefix="measure-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_DESK_")}
        env.update(QT_QPA_PLATFORM="offscreen", POLICY_DESK_HOME=str(Path(tmp) / "home"))
        mark_env = {**env, "POLICY_DESK_STARTUP_MARK": "1"}
        first_app = stamped([str(app)], mark_env, APP_MARK)
        first_hello = stamped([str(hello), "--smoke"], env, HELLO_MARK)
        app_times: list[float] = []
        hello_times: list[float] = []
        smoke_times: list[float] = []
        for _ in range(args.runs):
            hello_times.append(stamped([str(hello), "--smoke"], env, HELLO_MARK))
            app_times.append(stamped([str(app)], mark_env, APP_MARK))
            smoke_times.append(wall([str(app), "--smoke"], env))

    print(f"start-up, first run:  app {ms(first_app)}   hello-world {ms(first_hello)}")
    print(
        f"start-up, median of {args.runs}: app {ms(statistics.median(app_times))}"
        f" (min {ms(min(app_times))}, max {ms(max(app_times))})"
        f"   hello-world {ms(statistics.median(hello_times))}"
    )
    print(f"--smoke wall time, median: {ms(statistics.median(smoke_times))}")


if __name__ == "__main__":
    main()
