"""Set up the virtual environment from the lock file, then run the app or the checks.

    python3.11 scripts/bootstrap.py run     # the application
    python3.11 scripts/bootstrap.py test    # ruff, mypy and the test suite (what CI runs)

Works the same on Windows and Linux; uses only the standard library before the venv exists.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".lock-sha256"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older Python
        sys.exit("需要 Python 3.11 或更高版本。")
    if not venv_python().exists():
        print("正在创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    lock_digest = hashlib.sha256(
        LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != lock_digest:
        print("正在按 requirements.lock 安装依赖 …", flush=True)
        py = str(venv_python())
        pip = [py, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-r", str(LOCK)], check=True, cwd=ROOT)
        subprocess.run([*pip, "--no-deps", "-e", "."], check=True, cwd=ROOT)
        STAMP.write_text(lock_digest)
    return venv_python()


def run_checks(py: Path, extra: list[str]) -> int:
    steps = [
        [str(py), "-m", "ruff", "check", "."],
        [str(py), "-m", "ruff", "format", "--check", "."],
        [str(py), "-m", "mypy"],
        [str(py), "-m", "pytest", *extra],
    ]
    for step in steps:
        print("$ " + " ".join(step[2:]), flush=True)
        code = subprocess.run(step, cwd=ROOT, check=False).returncode
        if code != 0:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    py = ensure_venv()
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "setup":
        return 0
    if command == "test":
        return run_checks(py, extra)
    return subprocess.run([str(py), "-m", "desktop_app", *extra], cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
