"""Document metadata as stated in the texts, and item ids that never change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.core.build_db import build_database, collect_content
from desktop_app.core.store import PolicyStore

IDS_SNAPSHOT = Path(__file__).parent / "data" / "item_ids.txt"


def _squash(text: str) -> str:
    return "".join(text.split())


def test_metadata_values_and_unstated_fields(store: PolicyStore) -> None:
    docs = {d.id: d for d in store.documents()}
    assert set(docs) == {"fj2019", "xm", "sm", "hb2019", "yj2020"}
    yj = docs["yj2020"]
    assert (yj.doc_number, yj.issuer, yj.issued, yj.level, yj.region_code) == (
        "资雁府办发〔2020〕19号",
        "资阳市雁江区人民政府办公室",
        "2020-03-30",
        "区县",
        "512002",
    )
    assert yj.valid_from is None and yj.valid_to is None
    sm = docs["sm"]
    assert (sm.status, sm.valid_from, sm.valid_to, sm.region_code) == (
        "征求意见稿",
        "2022-01-01",
        "2025-12-31",
        "350400",
    )
    xm = docs["xm"]
    assert (xm.region_code, xm.scope_region_code, xm.issued, xm.doc_number, xm.issuer) == (
        "350200",
        "350000",
        None,
        None,
        None,
    )
    assert docs["hb2019"].issued is None and docs["hb2019"].region_code == "130000"
    assert docs["fj2019"].issuer == "福建省促进中小企业发展工作领导小组办公室"
    assert [docs[k].measure_count for k in ("xm", "sm", "hb2019", "yj2020")] == [50, 16, 6, 23]


def test_every_metadata_quote_is_in_its_document(store: PolicyStore) -> None:
    for doc in store.documents():
        text = _squash(store.document_text(doc.id) or "")
        assert doc.evidence, doc.id
        for field, quote in doc.evidence.items():
            assert _squash(quote) in text, (doc.id, field)


def test_stated_dates_appear_in_their_evidence(store: PolicyStore) -> None:
    for doc in store.documents():
        for field in ("issued", "valid_from", "valid_to"):
            value = getattr(doc, field)
            if value is None:
                continue
            year, month, day = (int(x) for x in value.split("-"))
            assert f"{year}年{month}月{day}日" in doc.evidence[field], (doc.id, field)


def test_item_ids_match_the_committed_snapshot() -> None:
    ids = [i.id for i in collect_content().items]
    expected = IDS_SNAPSHOT.read_text("utf-8").split()
    assert ids == expected


def _dump(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        rows = list(conn.execute("SELECT * FROM documents ORDER BY id"))
        rows += list(conn.execute("SELECT * FROM items ORDER BY id"))
        rows += list(conn.execute("SELECT * FROM meta WHERE key != 'built_at' ORDER BY key"))
        return rows
    finally:
        conn.close()


def test_building_twice_gives_the_same_content(tmp_path: Path) -> None:
    build_database(tmp_path / "a.sqlite")
    build_database(tmp_path / "b.sqlite")
    assert _dump(tmp_path / "a.sqlite") == _dump(tmp_path / "b.sqlite")
