"""Policy packages between offices: export in one user data folder, import into another, the
preview of changes, refusals of damaged or hostile files (library unchanged), and undo."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main
from desktop_app.core.packages.container import MAX_ENTRY
from tests.package_helpers import (
    LOAN_RULE,
    dump,
    edit_json,
    library_at,
    rewrite_entry,
    structured_library,
)


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy_db_path: Path) -> dict[str, Path]:
    monkeypatch.setenv("POLICY_DESK_DB", str(policy_db_path))
    return {"a": tmp_path / "office-a", "b": tmp_path / "office-b", "src": tmp_path / "src"}


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path, *argv: str
) -> tuple[int, Any, str]:
    monkeypatch.setenv("POLICY_DESK_HOME", str(home))
    code = main(list(argv))
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except json.JSONDecodeError:
        return code, out, err


@pytest.fixture
def package(
    homes: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    doc_id = structured_library(homes["a"], homes["src"])
    out = homes["src"] / "柳河.policypack"
    code, manifest, err = cli(
        monkeypatch, capsys, homes["a"], "package", "export", doc_id, "--output", str(out),
        "--office", "柳河县工信局", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert manifest["counts"] == {"documents": 1, "items": 4, "rules": 1, "guidance": 1}
    assert manifest["office"] == "柳河县工信局" and manifest["format_version"] == 1
    assert len(manifest["documents"][0]["text_sha256"]) == 64
    return out


def test_export_import_into_a_second_home_searchable_and_undo_exact(
    homes: dict[str, Path],
    package: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    b = homes["b"]
    cli(monkeypatch, capsys, b, "documents", "--json")  # creates the empty library
    before = dump(b / "library.sqlite")
    code, plan, _ = cli(monkeypatch, capsys, b, "package", "import", str(package), "--dry-run",
                        "--json")  # fmt: skip
    assert code == 0 and plan["dry_run"] is True
    [doc] = plan["documents"]
    assert doc["action"] == "new" and doc["local_id"] is None and "id" not in doc
    [measure] = doc["measures_changed"]
    assert measure["before"] is None and measure["after"]["amount"] == "最高20万元"
    assert dump(b / "library.sqlite") == before  # a dry run writes nothing

    code, done, _ = cli(monkeypatch, capsys, b, "package", "import", str(package), "--json")
    assert code == 0
    new_id = done["documents"][0]["id"]
    code, hits, _ = cli(monkeypatch, capsys, b, "search", "贷款贴息", "--json")
    assert any(h["document_id"] == new_id for h in hits["hits"])
    library = library_at(b)
    try:
        row = library.rules(f"{new_id}-2")
        assert row is not None and row["rules"] == LOAN_RULE
        assert row["structured_by"] == "package:柳河县工信局:县工信局张三"
        guidance = library.guidance(f"{new_id}-2")
        assert guidance is not None and guidance["office"] == "县政务服务中心3号窗口"
    finally:
        library.close()

    # the same package again changes nothing
    code, again, _ = cli(monkeypatch, capsys, b, "package", "import", str(package), "--json")
    assert [d["action"] for d in again["documents"]] == ["unchanged"]
    assert [d["id"] for d in again["documents"]] == [new_id]
    code, _, _ = cli(monkeypatch, capsys, b, "package", "import", str(package))
    assert code == 0
    # undo takes back the last import, once
    code, undone, err = cli(monkeypatch, capsys, b, "package", "undo", "--json")
    assert code == 0 and undone["removed"] == [] and undone["restored"] == [], err
    code, _, err = cli(monkeypatch, capsys, b, "package", "undo")
    assert code == 2 and "没有可以撤销的政策包导入" in err


def test_undo_of_a_new_document_gives_back_the_empty_library(
    homes: dict[str, Path],
    package: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    b = homes["b"]
    cli(monkeypatch, capsys, b, "documents", "--json")
    before = dump(b / "library.sqlite")
    code, done, _ = cli(monkeypatch, capsys, b, "package", "import", str(package), "--json")
    new_id = done["documents"][0]["id"]
    code, undone, err = cli(monkeypatch, capsys, b, "package", "undo", "--json")
    assert code == 0 and undone["removed"] == [new_id], err
    assert dump(b / "library.sqlite") == before
    code, hits, _ = cli(monkeypatch, capsys, b, "search", "贷款贴息", "--json")
    assert not any(h["document_id"] == new_id for h in hits["hits"])


def test_undo_restores_the_library_exactly_after_a_rules_update(
    homes: dict[str, Path],
    package: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Office B has the same document structured differently: kept unless --replace-rules;
    replacing then undoing gives back every row of B's library."""
    other = {**LOAN_RULE, "benefits": [{**LOAN_RULE["benefits"][0], "label": "贴息"}]}
    structured_library(homes["b"], homes["src"] / "b", rule=other)
    before = dump(homes["b"] / "library.sqlite")
    code, kept, _ = cli(monkeypatch, capsys, homes["b"], "package", "import", str(package),
                        "--json")  # fmt: skip
    assert code == 0 and [d["action"] for d in kept["documents"]] == ["kept"]
    assert kept["documents"][0]["rules_conflict"] is True
    [side] = kept["documents"][0]["measures_changed"]
    assert side["before"]["benefits"] == ["贴息"] and side["after"]["benefits"] == ["贷款贴息"]
    assert dump(homes["b"] / "library.sqlite")["rules"] == before["rules"]
    cli(monkeypatch, capsys, homes["b"], "package", "undo")

    code, replaced, _ = cli(monkeypatch, capsys, homes["b"], "package", "import", str(package),
                            "--replace-rules", "--json")  # fmt: skip
    assert [d["action"] for d in replaced["documents"]] == ["updated"]
    assert dump(homes["b"] / "library.sqlite")["rules"] != before["rules"]
    code, _, err = cli(monkeypatch, capsys, homes["b"], "package", "undo")
    assert code == 0, err
    assert dump(homes["b"] / "library.sqlite") == before


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _edit_quote(path: Path) -> None:
    """A rule's amount edited after export, the checksums recomputed: the validator refuses."""
    from desktop_app.core.packages.container import CHECKSUM, CONTENT, MANIFEST, checksum

    def bump(data: dict[str, Any]) -> None:
        benefit = data["documents"][0]["rules"][0]["rules"]["benefits"][0]
        benefit["quote"] = "每户最高200万元"
        benefit["amount"]["value"] = 200

    rewrite_entry(path, CONTENT, lambda b: edit_json(b, bump))
    with zipfile.ZipFile(path) as zf:
        manifest, content = zf.read(MANIFEST), zf.read(CONTENT)
    import hashlib

    manifest = edit_json(
        manifest, lambda m: m.update(content_sha256=hashlib.sha256(content).hexdigest())
    )
    rewrite_entry(path, MANIFEST, lambda _: manifest)
    rewrite_entry(path, CHECKSUM, lambda _: checksum(manifest, content).encode())


def _newer_format(path: Path) -> None:
    from desktop_app.core.packages.container import CHECKSUM, CONTENT, MANIFEST, checksum

    with zipfile.ZipFile(path) as zf:
        manifest, content = zf.read(MANIFEST), zf.read(CONTENT)
    manifest = edit_json(manifest, lambda m: m.update(format_version=2))
    rewrite_entry(path, MANIFEST, lambda _: manifest)
    rewrite_entry(path, CHECKSUM, lambda _: checksum(manifest, content).encode())


def _zip_bomb(path: Path) -> None:
    """10 MB of one byte in a few KB: refused by its ratio before anything is inflated."""
    rewrite_entry(path, "content.json", lambda _: b"0" * (MAX_ENTRY // 6))


def _traversal(path: Path) -> None:
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("../../evil.txt", b"x")


def _foreign(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", b"<w:document/>")


def _not_a_zip(path: Path) -> None:
    path.write_text("这不是政策包", encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncate, "不是有效的政策包"),
        (_flip_byte, "政策包"),
        (_edit_quote, "规则未通过核对"),
        (_newer_format, "较新版本的程序"),
        (_zip_bomb, "压缩炸弹"),
        (_traversal, "../../evil.txt"),
        (_foreign, "不应有的条目"),
        (_not_a_zip, "不是有效的政策包"),
    ],
)
def test_damaged_or_hostile_packages_are_refused_and_nothing_changes(
    homes: dict[str, Path],
    package: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damage: Any,
    message: str,
) -> None:
    structured_library(homes["b"], homes["src"] / "b")
    before = dump(homes["b"] / "library.sqlite")
    damage(package)
    for extra in ((), ("--dry-run",)):
        code, out, err = cli(monkeypatch, capsys, homes["b"], "package", "import", str(package),
                             *extra)  # fmt: skip
        assert code == 2 and message in err, err
        assert "Traceback" not in err and not out
    assert dump(homes["b"] / "library.sqlite") == before
    assert not (homes["b"].parent / "evil.txt").exists()


def test_export_refuses_a_bundled_or_unknown_document(
    homes: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = homes["src"] / "x.policypack"
    code, _, err = cli(monkeypatch, capsys, homes["a"], "package", "export", "xm", "--output",
                       str(out))  # fmt: skip
    assert code == 2 and "程序自带的文件不能导出" in err and not out.exists()
