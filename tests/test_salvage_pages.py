"""user.sqlite damaged at random places — a table-leaf page, an interior b-tree page, page 1,
the 100-byte header, an overflow page, random bytes anywhere — with a seeded RNG: every row
whose own pages are intact is recovered exactly as saved, and nothing is invented (no row
that was not saved, no deleted row brought back, no old version of an updated row).

Which page holds a row is found from the saved file by content, independently of the
reader under test: an enterprise's leaf page holds its unique name marker, an evaluation's
its id; the large evaluations (incompressible notes) also own overflow pages, so they are
only required when no non-b-tree page is damaged.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.raw_recovery import layouts_from_migrations
from desktop_app.core.raw_sqlite import RawFile, committed_wal_frames, decode_record
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.salvage import salvage_user_file
from desktop_app.core.userdata.user_db import MIGRATIONS, open_user_db

PAGE = 4096
COUNT = 150
DAMAGE = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


def _result(i: int, rng: random.Random) -> dict[str, Any]:
    large = i % 25 == 1
    note = "".join(rng.choice("0123456789abcdef") for _ in range(12000)) if large else "短"
    return {
        "as_of": "2026-12-01",
        "data_version": "test",
        "counts": {"eligible": i % 5, "possible": 1, "ineligible": 2},
        "totals": {"eligible": {"text": f"{i}万元"}},
        "note": note,
    }


@dataclass(frozen=True)
class Saved:
    data: bytes
    enterprises: dict[str, dict[str, Any]]  # id → what a salvage must give back
    evaluations: dict[str, dict[str, Any]]
    deleted: frozenset[str]
    large: frozenset[str]  # evaluations with overflow pages
    marker: dict[str, bytes]  # enterprise or evaluation id → bytes only its leaf page holds


def _enterprise(r: Any) -> dict[str, Any]:
    return {"name": r.name, "profile": r.profile, "notes": r.notes, "updated": r.updated}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Saved:
    path = tmp_path_factory.mktemp("built") / "user.sqlite"
    opened = open_user_db(path)
    repo = ProfileRepository(opened.conn)
    rng = random.Random(18)
    ids: dict[int, str] = {}
    for i in range(COUNT):
        name = f"企业标记{i:03d}号" + "填" * rng.randint(0, 250)
        evaluation = _result(i, rng) if i % 3 else None
        ids[i] = repo.save(
            {"name": name, "region": "350206", "employees": i},
            notes=f"备注{i}",
            evaluation=evaluation,
        ).id
    for i in range(0, COUNT, 15):  # deleted: must never come back
        repo.delete(ids[i + 7])
    for i in range(0, COUNT, 10):  # updated: only the newest version counts
        if i + 3 not in (j + 7 for j in range(0, COUNT, 15)):
            record = repo.get(ids[i + 3])
            repo.save({**record.profile, "employees": 1000 + i}, record.id, notes="改过")
    enterprises = {r.id: _enterprise(r) for r in repo.search()}
    evaluations: dict[str, dict[str, Any]] = {}
    large = set()
    for enterprise_id in enterprises:
        for e in repo.evaluations(enterprise_id):
            full = repo.get_evaluation(e.id)
            evaluations[e.id] = {"enterprise_id": enterprise_id, "result": full.result}
            if len(str(full.result)) > 10000:
                large.add(e.id)
    opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.conn.close()
    marker = {k: f"企业标记{v['name'][4:8]}".encode() for k, v in enterprises.items()}
    marker.update({k: k.encode() for k in evaluations})
    deleted = frozenset(ids.values()) - set(enterprises)
    assert len(deleted) == COUNT // 15 and large
    return Saved(path.read_bytes(), enterprises, evaluations, deleted, frozenset(large), marker)


def _pages(data: bytes) -> list[bytes]:
    return [data[i : i + PAGE] for i in range(0, len(data), PAGE)]


def _leaf_of(saved: Saved, key: str, pages: list[bytes]) -> int:
    found = [n for n, p in enumerate(pages) if n and p[0] == 0x0D and saved.marker[key] in p]
    assert len(found) == 1, (key, found)
    return found[0]


def _check(saved: Saved, folder: Path, data: bytes, damaged_pages: set[int]) -> None:
    """Salvage the damaged bytes; compare with what was saved."""
    path = folder / "user.sqlite"
    path.write_bytes(data)
    salvage = salvage_user_file(path)
    assert path.read_bytes() == data  # never written
    pages = _pages(saved.data)
    overflow_hit = any(pages[n][0] not in (0x02, 0x05, 0x0A, 0x0D) for n in damaged_pages if n)
    found = {r.id: _enterprise(r) for r in salvage.enterprises}
    evaluations = {
        e.id: {"enterprise_id": e.enterprise_id, "result": e.result}
        for records in salvage.evaluations.values()
        for e in records
    }
    for key, value in saved.enterprises.items():
        if _leaf_of(saved, key, pages) not in damaged_pages:
            assert found.get(key) == value, key
    for key, value in saved.evaluations.items():
        intact = _leaf_of(saved, key, pages) not in damaged_pages
        owner_intact = _leaf_of(saved, value["enterprise_id"], pages) not in damaged_pages
        if intact and owner_intact and not (key in saved.large and overflow_hit):
            assert evaluations.get(key) == value, key
    # nothing invented: every row given back is a saved row, exactly
    assert not set(found) & saved.deleted
    for key, value in found.items():
        assert saved.enterprises.get(key) == value, key
    for key, value in evaluations.items():
        assert saved.evaluations.get(key) == value, key


@DAMAGE
@given(kind=st.sampled_from([0x0D, 0x05, "overflow"]), pick=st.integers(0), seed=st.integers(0))
def test_a_damaged_page_costs_only_the_rows_on_it(
    saved: Saved, tmp_path_factory: pytest.TempPathFactory, kind: Any, pick: int, seed: int
) -> None:
    pages = _pages(saved.data)
    if kind == "overflow":
        candidates = [n for n in range(1, len(pages)) if pages[n][0] not in (2, 5, 10, 13)]
    else:
        candidates = [n for n in range(1, len(pages)) if pages[n][0] == kind]
    assert candidates
    n = candidates[pick % len(candidates)]
    rng = random.Random(seed)
    pages[n] = bytes(PAGE) if seed % 2 else rng.randbytes(PAGE)
    _check(saved, tmp_path_factory.mktemp("page"), b"".join(pages), {n})


@DAMAGE
@given(seed=st.integers(0), zero=st.booleans())
def test_a_damaged_page_one_loses_no_row(
    saved: Saved, tmp_path_factory: pytest.TempPathFactory, seed: int, zero: bool
) -> None:
    """Page 1 is the header and the schema: SQLite reads nothing, the pages still hold all."""
    rng = random.Random(seed)
    first = bytes(PAGE) if zero else rng.randbytes(PAGE)
    _check(saved, tmp_path_factory.mktemp("one"), first + saved.data[PAGE:], set())


@DAMAGE
@given(seed=st.integers(0), count=st.integers(1, 100))
def test_a_damaged_header_loses_no_row(
    saved: Saved, tmp_path_factory: pytest.TempPathFactory, seed: int, count: int
) -> None:
    data = bytearray(saved.data)
    rng = random.Random(seed)
    for _ in range(count):
        data[rng.randrange(100)] = rng.randrange(256)
    _check(saved, tmp_path_factory.mktemp("header"), bytes(data), set())


@DAMAGE
@given(seed=st.integers(0), count=st.integers(1, 60))
def test_random_bytes_cost_only_the_rows_on_their_pages(
    saved: Saved, tmp_path_factory: pytest.TempPathFactory, seed: int, count: int
) -> None:
    """Bytes anywhere (a row's own bytes included) replaced by random ones. A row whose own
    bytes changed but still parse would be given back as read, so rows on damaged pages are
    not compared here; every row elsewhere must be, and every saved row still matches."""
    data = bytearray(saved.data)
    rng = random.Random(seed)
    positions = {rng.randrange(PAGE, len(data)) for _ in range(count)}
    for pos in positions:
        data[pos] = rng.randrange(256)
    damaged = {pos // PAGE for pos in positions}
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / "user.sqlite"
    path.write_bytes(bytes(data))
    salvage = salvage_user_file(path)
    pages = _pages(saved.data)
    found = {r.id: _enterprise(r) for r in salvage.enterprises}
    for key, value in saved.enterprises.items():
        if _leaf_of(saved, key, pages) not in damaged:
            assert found.get(key) == value, key
    assert not set(found) & saved.deleted


def test_every_row_is_read_from_the_pages_alone(saved: Saved, tmp_path: Path) -> None:
    """The raw reader by itself, on the undamaged file: as many records as SQLite holds."""
    path = tmp_path / "user.sqlite"
    path.write_bytes(saved.data)
    # an evaluation has as many values as the migrations give it columns (12 since v4)
    width = len(layouts_from_migrations(MIGRATIONS, ["evaluations"])["evaluations"].columns)
    counts = {6: 0, 8: 0, width: 0}
    with RawFile(path) as raw:
        assert raw.page_size == PAGE
        free = raw.freelist()
        for number, page in raw.pages():
            if number in free:
                continue
            for cell in raw.leaf_cells(number, page) or []:
                values = decode_record(cell.payload or b"")
                if len(values) in counts:
                    counts[len(values)] += 1
    assert counts[8] == len(saved.enterprises) and counts[width] == len(saved.evaluations)


def test_records_of_every_serial_type_decode_as_sqlite_stored_them(tmp_path: Path) -> None:
    import sqlite3

    values = [
        None, 0, 1, -1, 127, -129, 2**23 - 1, -(2**31), 2**47 - 5, -(2**63), 2**63 - 1,
        1.5, -0.0, "", "中文" * 3000, b"", b"\x00\xff" * 5000,
    ]  # fmt: skip
    path = tmp_path / "t.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(values)))})")
    conn.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(values))})", values)
    conn.commit()
    conn.close()
    with RawFile(path) as raw:
        rows = [
            decode_record(cell.payload or b"", raw.encoding)
            for number, page in raw.pages()
            for cell in raw.leaf_cells(number, page) or []
            if number != 1
        ]
    assert rows == [values]


def test_committed_wal_frames_are_read_and_a_torn_frame_is_not(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "w.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES ('第一次')")
    conn.execute("INSERT INTO t VALUES ('第二次')")
    wal = (tmp_path / "w.sqlite-wal").read_bytes()
    (page_size,) = struct.unpack_from(">I", wal, 8)

    def committed(data: bytes) -> list[bytes]:
        return [data[at : at + page_size] for at in committed_wal_frames(data, page_size).values()]

    assert any("第二次".encode() in p for p in committed(wal))
    torn = bytearray(wal)
    torn[-10] ^= 0xFF  # the last frame's checksum no longer holds: its commit is not read
    assert not any("第二次".encode() in p for p in committed(bytes(torn)))
    assert any("第一次".encode() in p for p in committed(bytes(torn)))
    # and the reader lays the committed frames over the file's pages
    with RawFile(path) as raw:
        texts = [
            decode_record(cell.payload or b"")
            for number, page in raw.pages()
            if number != 1
            for cell in raw.leaf_cells(number, page) or []
        ]
    assert texts == [["第一次"], ["第二次"]]
    conn.close()


@pytest.mark.parametrize("page_size", [1024, 4096, 8192])
def test_the_page_size_is_found_when_the_header_is_gone(
    tmp_path: Path, page_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every size that divides the file is tried; pages that are not b-tree pages (zeroed
    ones here) must not make a multiple of the real size look better, however many pages
    are sampled (fewer than the file has, as in a large file)."""
    import sqlite3

    monkeypatch.setattr(RawFile, "SAMPLED_PAGES", 20)

    path = tmp_path / "s.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"行{i}" * 20,) for i in range(3000)])
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    while len(data) % 65536:  # a length every candidate size divides
        data += bytes(page_size)
    for n in (0, 1, 3, 5):  # page 1 and pages a doubled size would not look at, zeroed
        data[n * page_size : (n + 1) * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    with RawFile(path) as raw:
        assert raw.page_size == page_size


@pytest.mark.parametrize("magic_intact", [True, False])
def test_a_wrong_page_size_in_the_header_reads_no_other_table(
    saved: Saved, tmp_path: Path, magic_intact: bool
) -> None:
    """The stored size doubled (a file of an even number of pages fits it too): SQLite then
    reads halves of other pages as the evaluations table. Found by hypothesis: enterprise
    rows came back as evaluations and hid the real ones."""
    data = bytearray(saved.data)
    data[16:18] = (PAGE * 2).to_bytes(2, "big")
    if not magic_intact:
        data[3] ^= 0xFF
    _check(saved, tmp_path, bytes(data), set())


def test_a_freelist_whose_count_the_header_misstates_hides_no_page(
    saved: Saved, tmp_path: Path
) -> None:
    data = bytearray(saved.data)
    data[32:40] = (11).to_bytes(4, "big") + (3).to_bytes(4, "big")  # a live page as trunk
    data[0] ^= 0xFF
    _check(saved, tmp_path, bytes(data), set())
