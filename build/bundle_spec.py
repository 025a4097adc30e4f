"""The one recipe both spec files follow, so the app and the hello-world yardstick are frozen with
exactly the same options and the same PySide6 filtering (build/bundle_filter.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import bundle_filter
import bundle_meta

# strip removes symbol tables from the Linux .so files (about a sixth of the bundle); Windows
# DLLs carry no symbols to strip and PyInstaller would look for a cygwin strip there.
STRIP = sys.platform.startswith("linux")


def write_filter_report(name: str, report: bundle_filter.FilterReport) -> Path:
    """What was dropped and why, next to PyInstaller's own warn/xref files (not in the bundle)."""
    path = bundle_meta.WORK_DIR / name / "bundle-filter.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"kept {len(report.kept_binaries)} binaries, {len(report.kept_datas)} data files",
        f"dropped {len(report.dropped)}:",
        *sorted(report.dropped),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_bundle(
    *,
    script: Path,
    name: str,
    datas: Sequence[tuple[str, str]],
    hiddenimports: Sequence[str] = (),
    extra_excludes: Sequence[str] = (),
    icon: Path | None = None,
    version_info: Any = None,
) -> None:
    """Analysis -> filter -> PYZ -> EXE -> COLLECT: a one-folder bundle in build/dist/<name>."""
    from PyInstaller.building.api import COLLECT, EXE, PYZ
    from PyInstaller.building.build_main import Analysis

    analysis = Analysis(
        [str(script)],
        pathex=[str(bundle_meta.ROOT)],
        datas=list(datas),
        hiddenimports=list(hiddenimports),
        excludes=[*bundle_filter.EXCLUDED_MODULES, *extra_excludes],
        noarchive=False,
    )
    report = bundle_filter.filter_toc(analysis.binaries, analysis.datas)
    analysis.binaries = report.kept_binaries
    analysis.datas = report.kept_datas
    print(f"bundle filter: {write_filter_report(name, report)}", flush=True)

    pyz = PYZ(analysis.pure)
    exe = EXE(
        pyz,
        analysis.scripts,
        [],
        exclude_binaries=True,
        name=name,
        # A windowed exe on Windows: double-clicking must not open a black console window.
        # --smoke still prints when its output is redirected (the test and CI do that).
        console=not bundle_meta.IS_WINDOWS,
        icon=str(icon) if icon and bundle_meta.IS_WINDOWS else None,
        version=version_info,
        strip=STRIP,
        upx=False,  # UPX-packed DLLs trip antivirus scanners on office laptops
    )
    COLLECT(exe, analysis.binaries, analysis.datas, strip=STRIP, upx=False, name=name)
