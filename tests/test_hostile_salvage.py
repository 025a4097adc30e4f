"""user.sqlite damaged at random places (a row's bytes, a whole page, the header): the
salvage reads every row that is intact, reports the rest, and never writes the damaged file.

"Intact" is what survives in the file: a row none of whose bytes changed. Damage to an
interior b-tree page (or to page 1, the schema) hides the rows under it from SQLite; those are
read from the pages themselves (tests/test_salvage_pages.py covers that at random places).
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli.main import main
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.salvage import repair_user_db, salvage_user_file
from desktop_app.core.userdata.user_db import open_user_db

PAGE = 4096
COUNT = 40
DAMAGE = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _result(i: int) -> dict[str, Any]:
    return {
        "as_of": "2026-12-01",
        "data_version": "test",
        "counts": {"eligible": i % 5, "possible": 1, "ineligible": 2},
        "totals": {"eligible": {"text": f"{i}万元"}},
        "note": f"评估{i:03d}" * 30,
    }


def build(folder: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "user.sqlite"
    opened = open_user_db(path)
    repo = ProfileRepository(opened.conn)
    saved: dict[str, dict[str, Any]] = {}
    rng = random.Random(7)
    for i in range(COUNT):
        name = f"企业标记{i:03d}" + "填" * rng.randint(0, 250)
        record = repo.save(
            {"name": name, "region": "350206", "employees": i},
            notes=f"备注{i}",
            evaluation=_result(i) if i % 3 else None,
        )
        saved[record.id] = {"name": record.name, "profile": record.profile}
    opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.conn.close()
    return path, saved


def _pages(data: bytes) -> list[bytes]:
    return [data[i : i + PAGE] for i in range(0, len(data), PAGE)]


def _recovered(path: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    salvage = salvage_user_file(path)
    found = {r.id: {"name": r.name, "profile": r.profile} for r in salvage.enterprises}
    return found, salvage.problems


@DAMAGE
@given(which=st.integers(0, COUNT - 1), seed=st.integers(0, 2**32))
def test_a_damaged_row_costs_that_row_only(tmp_path_factory: Any, which: int, seed: int) -> None:
    path, saved = build(tmp_path_factory.mktemp("row"))
    data = bytearray(path.read_bytes())
    victim = next(k for k, v in saved.items() if v["name"].startswith(f"企业标记{which:03d}"))
    marker = json.dumps({"name": saved[victim]["name"]}, ensure_ascii=False)[1:-1].encode()
    start = data.index(marker)  # the profile JSON of the victim's table row
    rng = random.Random(seed)
    lo = start + rng.randrange(len(marker) - 4)
    for pos in range(lo, lo + rng.randint(1, 4)):
        data[pos] = rng.randrange(256)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    found, _problems = _recovered(path)
    assert path.read_bytes() == before  # salvage never writes the damaged file
    for key, value in saved.items():
        if key != victim:
            assert found.get(key) == value


@DAMAGE
@given(page_pick=st.integers(0, 10**6), zero=st.booleans(), seed=st.integers(0, 2**32))
def test_a_damaged_page_costs_the_rows_on_it_only(
    tmp_path_factory: Any, page_pick: int, zero: bool, seed: int
) -> None:
    path, saved = build(tmp_path_factory.mktemp("page"))
    pages = _pages(path.read_bytes())
    candidates = list(range(1, len(pages)))  # any page but page 1 (the header: see below)
    n = candidates[page_pick % len(candidates)]
    rng = random.Random(seed)
    damaged = bytes(PAGE) if zero else bytes(rng.randrange(256) for _ in range(PAGE))
    lost = {k for k, v in saved.items() if v["name"][:7].encode() in pages[n]}
    pages[n] = damaged
    path.write_bytes(b"".join(pages))
    found, _problems = _recovered(path)
    for key, value in saved.items():
        if key not in lost:
            assert found.get(key) == value, (n, key)


@DAMAGE
@given(seed=st.integers(0, 2**32), count=st.integers(1, 100))
def test_a_damaged_header_is_rebuilt_on_a_copy(
    tmp_path_factory: Any, seed: int, count: int
) -> None:
    path, saved = build(tmp_path_factory.mktemp("header"))
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(count):
        data[rng.randrange(100)] = rng.randrange(256)
    path.write_bytes(bytes(data))
    found, _ = _recovered(path)
    assert found == saved


def test_repair_keeps_the_damaged_file_and_replaces_it_with_the_readable_rows(
    tmp_path: Path,
) -> None:
    path, saved = build(tmp_path / "home")
    pages = _pages(path.read_bytes())
    leaf = next(
        n for n in range(2, len(pages)) if pages[n][0] == 0x0D and "企业标记".encode() in pages[n]
    )
    lost = {k for k, v in saved.items() if v["name"][:7].encode() in pages[leaf]}
    pages[leaf] = bytes(PAGE)
    damaged = b"".join(pages)
    path.write_bytes(damaged)
    report = repair_user_db(path)
    assert report.moved_to.read_bytes() == damaged
    opened = open_user_db(path)
    repo = ProfileRepository(opened.conn)
    ids = {r.id for r in repo.search()}
    opened.conn.close()
    assert ids == set(saved) - lost and lost


def _damage_rows(path: Path, saved: dict[str, dict[str, Any]], count: int) -> set[str]:
    """Bytes inside the profile JSON of `count` rows replaced: quick_check still says ok."""
    data = bytearray(path.read_bytes())
    victims = set(sorted(saved)[:count])
    for key in victims:
        marker = json.dumps({"name": saved[key]["name"]}, ensure_ascii=False)[1:-1].encode()
        start = data.index(marker) + 10
        data[start : start + 3] = b"\xff\xfe\x00"
    path.write_bytes(bytes(data))
    return victims


def test_cli_lists_exports_and_repairs_around_bad_rows(
    isolated_user_data: Path, tmp_path: Path, capsys: Any
) -> None:
    path, saved = build(isolated_user_data)
    lost = _damage_rows(path, saved, 3)
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone()[0] == "ok"
    capsys.readouterr()
    assert main(["profiles", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert {r["id"] for r in json.loads(out)} == set(saved) - lost
    assert "损坏" in err and "profiles repair" in err
    target = tmp_path / "export.json"
    assert main(["profiles", "export", str(target)]) == 0
    exported = json.loads(target.read_text("utf-8"))
    assert {e["id"] for e in exported["enterprises"]} == set(saved) - lost
    # nothing is written into the damaged file before it is repaired
    assert main(["profiles", "import", str(target)]) == 2
    assert "修复" in capsys.readouterr().err
    assert main(["profiles", "repair", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["enterprises"] == len(saved) - len(lost) and len(report["problems"]) >= 3
    assert Path(report["moved_to"]).exists()
    assert main(["profiles", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert {r["id"] for r in json.loads(out)} == set(saved) - lost and err == ""


def test_a_file_quick_check_refuses_is_moved_aside_with_its_rows_salvaged(
    isolated_user_data: Path, capsys: Any
) -> None:
    path, saved = build(isolated_user_data)
    pages = _pages(path.read_bytes())
    leaf = next(
        n for n in range(2, len(pages)) if pages[n][0] == 0x0D and "企业标记".encode() in pages[n]
    )
    lost = {k for k, v in saved.items() if v["name"][:7].encode() in pages[leaf]}
    pages[leaf] = bytes(range(256)) * (PAGE // 256)
    path.write_bytes(b"".join(pages))
    capsys.readouterr()
    assert main(["profiles", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert {r["id"] for r in json.loads(out)} == set(saved) - lost  # stdout: JSON only
    assert "已改名保存为" in err and "找回" in err
    assert list(isolated_user_data.glob("user.sqlite.corrupt-*"))
