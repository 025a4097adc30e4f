"""Batch screening gives, for every good row, exactly what match() gives for the same profile."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main
from desktop_app.core.batch.roster import read_roster
from desktop_app.core.batch.screen import Cancelled, screen
from desktop_app.core.batch.synthetic import generate, write_csv, write_xlsx
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile

AS_OF = date(2026, 12, 1)


def _cli(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.mark.parametrize(("seed", "kind"), [(1, "xlsx"), (2, "csv"), (3, "xlsx")])
def test_generated_rosters_equal_match(store, tmp_path: Path, seed: int, kind: str) -> None:  # type: ignore[no-untyped-def]
    generated = generate(160, seed=seed, bad_share=0.05)
    path = tmp_path / f"roster.{kind}"
    (write_xlsx if kind == "xlsx" else write_csv)(generated, path)
    roster = read_roster(path)
    assert {r.row for r in roster.rejected} == set(generated.bad)
    assert all(r.reason for r in roster.rejected)
    result = screen(store, roster, AS_OF)
    assert len(result.outcomes) == len(generated.expected)
    assert result.evaluations < len(result.outcomes) * len(result.measures)  # reuse happened
    for outcome in result.outcomes:
        # the row means what the generator typed
        assert outcome.row.profile == Profile.from_dict(generated.expected[outcome.row.row])
        full = match(store, outcome.row.profile, AS_OF).to_dict()
        mine = outcome.to_dict()
        assert [(r["measure_id"], r["status"]) for r in mine["results"]] == [
            (r["measure_id"], r["status"]) for r in full["results"]
        ]
        assert [r["amount"] for r in mine["results"]] == [r["amount"] for r in full["results"]]
        assert mine["counts"] == full["counts"]
        assert mine["total"] == full["totals"]["eligible"]
        assert mine["size"]["size"] == full["size"]["size"]


def test_cli_batch_equals_cli_match(tmp_path: Path) -> None:
    generated = generate(40, seed=7, bad_share=0.1)
    path = write_xlsx(generated, tmp_path / "r.xlsx")
    batch = _cli("batch", "--input", str(path), "--as-of", "2026-12-01", "--json")
    assert {r["row"] for r in batch["rejected"]} == set(generated.bad)
    assert batch["columns"]["企业名称"] == "name"
    rows_by_measure = {m["measure_id"]: m for m in batch["measures"]}
    for enterprise in batch["enterprises"][:8]:
        profile_file = tmp_path / f"{enterprise['row']}.json"
        profile_file.write_text(json.dumps(enterprise["profile"], ensure_ascii=False), "utf-8")
        single = _cli("match", "--profile", str(profile_file), "--as-of", "2026-12-01", "--json")
        assert enterprise["counts"] == single["counts"]
        assert enterprise["total"] == single["totals"]["eligible"]
        assert [(r["measure_id"], r["status"]) for r in enterprise["results"]] == [
            (r["measure_id"], r["status"]) for r in single["results"]
        ]
        for r in single["results"]:
            listed = rows_by_measure[r["measure_id"]]
            assert (enterprise["row"] in listed["eligible"]) == (r["status"] == "eligible")
            assert (enterprise["row"] in listed["possible"]) == (r["status"] == "possible")


def test_progress_and_cancel(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster = read_roster(write_xlsx(generate(120, seed=4), tmp_path / "r.xlsx"))
    seen: list[int] = []
    screen(store, roster, AS_OF, progress=lambda p, _m: seen.append(p))
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        screen(store, roster, AS_OF, cancelled=lambda: True)


def test_bad_file_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"%PDF-1.4 not a roster")
    assert main(["batch", "--input", str(path)]) == 2
    assert "不是电子表格文件" in capsys.readouterr().err
