"""The user policy library: storing, refusing duplicates, versions, removal, crash safety,
rules and guidance with their history."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.library import store as library_store
from desktop_app.core.library.importer import ImportRefused, preview_import, store_import
from desktop_app.core.library.schema import SCHEMA_VERSION
from desktop_app.core.library.store import LibraryError, PolicyLibrary
from tests.library_helpers import import_file, metadata, stand_in_reader, write_source


@pytest.fixture
def library(tmp_path: Path) -> Iterator[PolicyLibrary]:
    lib = PolicyLibrary.open(tmp_path / "library.sqlite")
    yield lib
    lib.close()


def test_import_stores_the_document_marked_as_imported(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    source = write_source(tmp_path)
    stored = import_file(library, source)
    doc = stored.document
    assert doc.id == "imp-0001" and doc.is_imported and doc.version == 1
    assert doc.imported and doc.imported.endswith("Z")
    import hashlib

    assert doc.source_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert doc.region_code == "220524" and doc.region_name == "吉林省通化市柳河县"
    assert doc.level == "区县" and doc.valid_to == "2029-02-28"
    assert doc.validity_basis == "推定：自2026年3月1日起施行，有效期三年"
    assert doc.measure_count == 3 and doc.item_count == 4
    items = library.items(doc.id)
    assert [i.id for i in items] == ["imp-0001-1", "imp-0001-2", "imp-0001-3", "imp-0001-4"]
    assert items[1].title == "加大贴息支持" and items[1].departments[0].lead
    assert not any(i.enterprise_facing for i in items)  # not claimed until structured
    assert stored.replaced_version is None
    assert library.document_text(doc.id) == source.read_text(encoding="utf-8")


def test_same_file_again_is_refused_and_nothing_changes(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    source = write_source(tmp_path)
    import_file(library, source)
    with pytest.raises(ImportRefused, match="已经导入过：《柳河县支持中小企业发展若干措施》"):
        import_file(library, source)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(source.read_bytes())  # same bytes, other name: the same file
    with pytest.raises(ImportRefused, match="imp-0001"):
        import_file(library, copy)
    assert [d.id for d in library.documents()] == ["imp-0001"]


def test_a_new_version_replaces_the_old_one_and_keeps_it(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    first = import_file(library, write_source(tmp_path, "v1.txt")).document
    revised = [("（一）", "加大贴息支持", "对小微企业给予贷款贴息，每户最高30万元。")]
    second_file = write_source(tmp_path, "v2.txt", extra="修订")
    preview = preview_import(library, second_file, reader=stand_in_reader(measures=revised))
    assert preview.replaces is not None and preview.replaces.id == first.id
    assert any("新版本" in w for w in preview.to_dict()["warnings"])
    stored = store_import(library, preview)
    assert stored.document.id == first.id and stored.document.version == 2
    assert stored.replaced_version == 1
    assert len(library.documents()) == 1
    assert [i.text for i in library.items(first.id)][1].endswith("每户最高30万元。")
    (old,) = library.versions(first.id)
    assert old["version"] == 1 and old["source_sha256"] == first.source_sha256
    assert [i["id"] for i in old["items"]][1] == "imp-0001-2"
    assert "最高20万元" in old["items"][1]["text"]


def test_same_doc_number_with_another_title_is_a_new_version(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    import_file(library, write_source(tmp_path, "a.txt"))
    renamed = stand_in_reader(metadata(title="柳河县若干措施（修订）"))
    stored = import_file(library, write_source(tmp_path, "b.txt", "x"), reader=renamed)
    assert stored.document.id == "imp-0001" and stored.document.version == 2


def test_remove_and_ids_are_never_reused(library: PolicyLibrary, tmp_path: Path) -> None:
    first = import_file(library, write_source(tmp_path, "a.txt")).document
    removed = library.remove(first.id)
    assert removed.id == first.id and library.documents() == [] and library.items() == []
    other = stand_in_reader(metadata(title="另一份文件", doc_number=None))
    again = import_file(library, write_source(tmp_path, "b.txt", "y"), reader=other).document
    assert again.id == "imp-0002"
    with pytest.raises(LibraryError, match="程序自带的文件不能删除"):
        library.remove("xm")
    with pytest.raises(LibraryError, match="没有编号为“imp-0009”"):
        library.remove("imp-0009")


def test_a_crash_mid_import_leaves_the_library_as_it_was(
    library: PolicyLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_file(library, write_source(tmp_path, "a.txt"))
    before = library.conn.execute("SELECT count(*) FROM items").fetchone()[0]

    def crash(*_args: object) -> None:
        raise RuntimeError("power cut while indexing")

    # the import appends to the index: it fails after the new rows, counts and vocab are in
    from desktop_app.core.library import search_index

    monkeypatch.setattr(search_index, "_update_dense", crash)
    monkeypatch.setattr(library_store.PolicyLibrary, "_reindex", crash)
    other = stand_in_reader(metadata(title="第二份文件", doc_number=None))
    with pytest.raises(RuntimeError):
        import_file(library, write_source(tmp_path, "b.txt", "z"), reader=other)
    monkeypatch.undo()
    reopened = PolicyLibrary.open(library.path)
    assert [d.id for d in reopened.documents()] == ["imp-0001"]
    assert reopened.conn.execute("SELECT count(*) FROM items").fetchone()[0] == before
    assert reopened._meta("next_document") == "2"
    search_rows = reopened.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    assert search_rows == before
    reopened.close()


def test_missing_region_and_bad_corrections_are_refused(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    no_region = stand_in_reader(metadata(region_code=None))
    with pytest.raises(ImportRefused, match="--region"):
        import_file(library, write_source(tmp_path), reader=no_region)
    with pytest.raises(ImportRefused, match="未知的行政区划代码"):
        import_file(library, write_source(tmp_path), region_code="999999")
    with pytest.raises(ImportRefused, match="成文日期“2026-02-30”无效"):
        import_file(library, write_source(tmp_path), issued="2026-02-30")
    assert library.documents() == []


def test_corrections_are_recorded_and_retired_regions_follow_their_successor(
    library: PolicyLibrary, tmp_path: Path
) -> None:
    stored = import_file(
        library, write_source(tmp_path), region_code="350402", doc_number="", issuer="某县政府"
    )
    doc = stored.document
    assert doc.region_code == "350404"  # 梅列区 → 三元区
    assert doc.doc_number is None and doc.issuer == "某县政府"
    row = library.conn.execute("SELECT confirmed, warnings FROM documents").fetchone()
    assert '"issuer": "corrected"' in row["confirmed"]
    assert '"doc_number": "corrected"' in row["confirmed"]
    assert "issuer" not in doc.evidence  # the passage backed the detected value
    assert "已停用" in row["warnings"]


def test_rules_and_guidance_keep_every_change(library: PolicyLibrary, tmp_path: Path) -> None:
    doc = import_file(library, write_source(tmp_path)).document
    item_id = f"{doc.id}-2"
    rule = {"id": item_id, "benefits": [], "conditions": []}
    library.set_rules(item_id, rule, structured_by="张三", amount_text="最高20万元")
    library.set_rules(item_id, rule | {"note": "复核"}, structured_by="李四", unreviewed=False)
    current = library.rules(item_id)
    assert current is not None and current["structured_by"] == "李四"
    assert current["unreviewed"] == 0 and current["rules"]["note"] == "复核"
    assert library.structured_item_ids() == {item_id}
    library.set_guidance("xm-30", updated_by="张三", phone="0592-1234567", year_round=True)
    library.set_guidance(
        "xm-30", updated_by="张三", phone="0592-7654321", materials=["申请表", "营业执照"]
    )
    guidance = library.guidance("xm-30")
    assert guidance is not None and guidance["materials"] == ["申请表", "营业执照"]
    assert [h["phone"] for h in library.history("guidance", "xm-30")] == [
        "0592-1234567",
        "0592-7654321",
    ]
    library.remove(doc.id)
    assert library.rules(item_id) is None
    actions = [h["action"] for h in library.history("rules", item_id)]
    assert actions == ["insert", "update", "delete"]
    assert library.guidance("xm-30") is not None  # guidance of a bundled measure stays


def test_schema_version_and_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    lib = PolicyLibrary.open(path)
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    lib.close()
    path.write_bytes(b"not a database at all" * 100)
    reopened = PolicyLibrary.open(path)
    assert reopened.message and "已改名保存" in reopened.message
    assert reopened.documents() == []
    assert list(tmp_path.glob("library.sqlite.corrupt-*"))
    reopened.close()


def test_a_library_from_a_newer_program_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    PolicyLibrary.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    from desktop_app.core.userdata.user_db import UserDbError

    with pytest.raises(UserDbError, match="自行导入的政策库由更新版本"):
        PolicyLibrary.open(path)
    assert path.read_bytes() == before
