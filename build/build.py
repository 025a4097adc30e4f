"""Build the one-folder package of 惠企政策通 with one command.

    .venv/bin/python build/build.py            # Linux: build/dist/PolicyDesk
    py -3.11 build\\build.py --zip              # Windows: ...\\PolicyDesk + a zip to hand out
    python build/build.py --hello              # the hello-world yardstick, filtered the same way
                                               # (sizes of both and their ratio are printed)

Steps: check the app's version matches pyproject.toml, build the policy database into
build/work/staging, run PyInstaller on build/policy-desk.spec (work files in build/work, the
bundle in build/dist), add a short README.txt beside the executable, print the bundle size.
Started by a Python outside the project's .venv, it sets the venv up first (scripts/bootstrap.py)
and continues inside it, so a clean clone needs only Python 3.11.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_meta
from bundle_meta import ROOT, bundle_size, mib

VENV = ROOT / ".venv"
# Inputs of a bundle: when their digest matches the stamp, --reuse skips the build.
BUILD_GLOBS = ["pyproject.toml", "requirements.lock", "build/*.py", "build/*.spec"]
APP_GLOBS = [*BUILD_GLOBS, "desktop_app/**/*.py", "resources/**/*", "db/**/*"]
BUNDLE_README = """\
{name} {version}

启动：双击本文件夹中的 {exe}（不要把它单独拿出文件夹，旁边的 _internal 文件夹是程序的一部分）。
本程序完全离线运行，不需要安装 Python，也不会连接网络。
设置、日志和用户数据保存在：{data_dir}
可以把整个文件夹放在任何位置（包括只读的 U 盘或共享盘）；删除文件夹即可卸载。
"""


def in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def reexec_in_venv() -> int:
    """Create/refresh .venv from the lock file, then run this script again inside it."""
    bootstrap = ROOT / "scripts" / "bootstrap.py"
    subprocess.run([sys.executable, str(bootstrap), "setup"], check=True, cwd=ROOT)
    python = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return subprocess.run([str(python), __file__, *sys.argv[1:]], cwd=ROOT, check=False).returncode


def check_version() -> str:
    """pyproject.toml's version names the bundle and the Windows version resource; the app
    shows desktop_app.__version__. A build with the two apart would contradict itself."""
    from desktop_app import __version__

    version = bundle_meta.project_version()
    if __version__ != version:
        raise SystemExit(
            f"desktop_app.__version__ is {__version__}, pyproject.toml says {version}: "
            "update desktop_app/__init__.py"
        )
    return version


def source_digest(name: str) -> str:
    digest = hashlib.sha256(f"{name} {sys.version} {sys.platform}".encode())
    files: set[Path] = set()
    for pattern in APP_GLOBS if name == bundle_meta.APP_FOLDER else BUILD_GLOBS:
        files.update(p for p in ROOT.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stamp_path(name: str) -> Path:
    return bundle_meta.WORK_DIR / f"{name}.digest"


def is_up_to_date(name: str, digest: str) -> bool:
    stamp = stamp_path(name)
    return (
        bundle_meta.executable(name).exists()
        and stamp.exists()
        and stamp.read_text(encoding="utf-8") == digest
    )


def stage_database() -> Path:
    """Build the policy database with the app's own command, as the frozen app will read it."""
    out = bundle_meta.STAGED_DB
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "build-db", "--out", str(out)],
        check=True,
        cwd=ROOT,
    )
    conn = sqlite3.connect(out)
    try:
        # A WAL database cannot be opened from a read-only folder (it needs a -shm file).
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() == "wal":
            conn.execute("PRAGMA journal_mode=DELETE")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise SystemExit(f"staged database failed quick_check: {out}")
    finally:
        conn.close()
    return out


def run_pyinstaller(spec: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(bundle_meta.DIST_DIR),
            "--workpath",
            str(bundle_meta.WORK_DIR),
            str(spec),
        ],
        check=True,
        cwd=ROOT,
    )


def check_linux_plugins(folder: Path) -> None:
    """Every kept Qt plugin must load: PyInstaller only warns when a library it should bundle
    is missing on the build host (the xcb family above all), and the offscreen smoke test would
    not notice a broken xcb plugin. ldd, with the bundle first on the search path, names them."""
    internal = folder / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing: list[str] = []
    for plugin in sorted(internal.glob("PySide6/Qt/plugins/*/*.so")):
        out = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, env=env, check=True
        ).stdout
        missing += [
            f"{plugin.relative_to(internal)}: {line.strip()}"
            for line in out.splitlines()
            if "not found" in line
        ]
    if missing:
        raise SystemExit(
            "libraries missing on the build host (install them, see .ci/run):\n  "
            + "\n  ".join(missing)
        )


def write_bundle_readme(version: str) -> None:
    """Beside the executable, for the person who unzips the folder. UTF-8 with a BOM so that
    older Notepad versions do not guess a legacy code page."""
    data_dir = r"%APPDATA%\PolicyDesk" if bundle_meta.IS_WINDOWS else "~/.local/share/PolicyDesk"
    text = BUNDLE_README.format(
        name=bundle_meta.APP_DISPLAY_NAME,
        version=version,
        exe=bundle_meta.exe_file(bundle_meta.APP_FOLDER),
        data_dir=data_dir,
    )
    newline = "\r\n" if bundle_meta.IS_WINDOWS else "\n"
    path = bundle_meta.bundle_dir() / "README.txt"
    path.write_text(text.replace("\n", newline), encoding="utf-8-sig", newline="")


def platform_tag() -> str:
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)


def make_zip(name: str, version: str) -> Path:
    """build/dist/<name>-<version>-<platform>.zip holding the folder <name>/ (symlinks kept)."""
    folder = bundle_meta.bundle_dir(name)
    target = bundle_meta.DIST_DIR / f"{name}-{version}-{platform_tag()}.zip"
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(folder.rglob("*")):
            arcname = f"{name}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink():
                info = zipfile.ZipInfo(arcname)
                info.create_system = 3  # Unix: lets unzip restore the link
                info.external_attr = 0o120777 << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_file():
                zf.write(path, arcname)
    return target


def make_writable(folder: Path) -> None:
    """PyInstaller replaces the old bundle; a folder left read-only (by an interrupted
    read-only test, or by copying from a read-only medium) would stop it."""
    if not folder.exists():
        return
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def build(name: str, spec: Path, version: str, reuse: bool) -> Path:
    digest = source_digest(name)
    if reuse and is_up_to_date(name, digest):
        print(f"{name}: up to date ({bundle_meta.bundle_dir(name)})", flush=True)
        return bundle_meta.bundle_dir(name)
    stamp_path(name).unlink(missing_ok=True)
    make_writable(bundle_meta.bundle_dir(name))
    started = time.monotonic()
    if name == bundle_meta.APP_FOLDER:
        stage_database()
    run_pyinstaller(spec)
    if sys.platform.startswith("linux"):
        check_linux_plugins(bundle_meta.bundle_dir(name))
    if name == bundle_meta.APP_FOLDER:
        write_bundle_readme(version)
    stamp_path(name).write_text(digest, encoding="utf-8")
    print(f"{name}: built in {time.monotonic() - started:.0f} s", flush=True)
    return bundle_meta.bundle_dir(name)


def report_sizes() -> None:
    sizes = {}
    for name in (bundle_meta.APP_FOLDER, bundle_meta.HELLO_FOLDER):
        folder = bundle_meta.bundle_dir(name)
        if bundle_meta.executable(name).exists():
            size, count = bundle_size(folder)
            sizes[name] = size
            print(f"{name}: {mib(size)} in {count} files ({folder})")
    if len(sizes) == 2:
        ratio = sizes[bundle_meta.APP_FOLDER] / sizes[bundle_meta.HELLO_FOLDER]
        print(f"ratio {bundle_meta.APP_FOLDER}/{bundle_meta.HELLO_FOLDER}: {ratio:.2f}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--hello", action="store_true", help="build the hello-world yardstick instead of the app"
    )
    parser.add_argument("--zip", action="store_true", help="also write a zip of the app folder")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="skip a bundle whose inputs are unchanged since its last build (tests)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not in_project_venv():
        return reexec_in_venv()
    version = check_version()
    if args.hello:
        build(bundle_meta.HELLO_FOLDER, bundle_meta.BUILD_DIR / "hello.spec", version, args.reuse)
    else:
        build(
            bundle_meta.APP_FOLDER, bundle_meta.BUILD_DIR / "policy-desk.spec", version, args.reuse
        )
    report_sizes()
    if args.zip:
        archive = make_zip(bundle_meta.APP_FOLDER, version)
        print(f"zip: {archive} ({mib(archive.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
