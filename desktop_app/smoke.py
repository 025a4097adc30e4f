"""The core half of `policy-desk --smoke`: evaluate the sample enterprise and write its summary
PDF to a temporary folder, with the same functions the window uses.

No Qt here: the GUI's smoke hook (desktop_app/gui/smoke.py) runs these after its own steps,
handing over the open policy store. Each step returns a note or raises with the reason, so the
frozen build's test (tests/test_frozen_build.py) shows which part of the bundle is missing.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.eligibility import engine
from desktop_app.core.eligibility.engine import ELIGIBLE, MatchResult
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.pdf.summary import build_summary_pdf
from desktop_app.core.store import PolicyStore

SAMPLE_FILE = "xiamen-manufacturer.json"


class CoreSmokeFailure(RuntimeError):
    pass


def sample_profile_path() -> Path:
    return paths.resources_dir() / "samples" / SAMPLE_FILE


def evaluate_sample(store: PolicyStore, as_of: date | None = None) -> MatchResult:
    data = json.loads(sample_profile_path().read_text(encoding="utf-8"))
    result = engine.match(store, Profile.from_dict(data), as_of or date.today())
    if not result.results:
        raise CoreSmokeFailure("示例企业没有评估出任何措施")
    return result


def write_pdf(result: MatchResult, folder: Path) -> Path:
    """The 惠企政策适用清单 of the evaluation, as the window's export writes it."""
    path = folder / "smoke.pdf"
    build_summary_pdf(result, path)
    return path


def check_pdf(path: Path) -> int:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CoreSmokeFailure(f"生成的 PDF 不完整：{path}")
    return len(data)


class CoreSmoke:
    """Evaluation, then the PDF of that evaluation: two steps sharing one result."""

    def __init__(self) -> None:
        self.result: MatchResult | None = None

    def evaluate(self, store: PolicyStore) -> str:
        self.result = evaluate_sample(store)
        eligible = len(self.result.by_status(ELIGIBLE))
        return f"示例企业 {len(self.result.results)} 项措施，符合 {eligible} 项"

    def pdf(self, store: PolicyStore) -> str:
        result = self.result or evaluate_sample(store)
        with tempfile.TemporaryDirectory(prefix="policy-desk-smoke-") as folder:
            path = write_pdf(result, Path(folder))
            size = check_pdf(path)
        return f"PDF {size // 1024} KB（临时文件夹，已删除）"


def gui_steps(store_of: Callable[[Any], PolicyStore]) -> list[tuple[str, Callable[[Any], str]]]:
    """Steps in the GUI hook's shape; store_of gets the open store from the main window."""
    core = CoreSmoke()
    return [
        ("评估", lambda window: core.evaluate(store_of(window))),
        ("PDF", lambda window: core.pdf(store_of(window))),
    ]
