"""policy-desk import / documents --remove / show / measures / search over imported documents,
through the real CLI entry point (the reader is the library helpers' stand-in here; the real
reader on real files is tested in test_library_formats.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import import_command
from desktop_app.cli.main import main
from desktop_app.core.library import importer
from tests.library_helpers import metadata, stand_in_reader, write_source


@pytest.fixture(autouse=True)
def _stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importer.preview_import

    def preview(library: Any, path: Path, *, region_code: str | None = None) -> Any:
        return real(library, path, region_code=region_code, reader=stand_in_reader())

    monkeypatch.setattr(import_command, "preview_import", preview)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_prints_the_reading_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_user_data: Path
) -> None:
    source = write_source(tmp_path)
    code, out, _ = _run(capsys, "import", str(source), "--dry-run", "--json")
    assert code == 0 and "\\u" not in out
    data = json.loads(out)
    assert set(data) == {"document", "items", "warnings"}
    assert data["document"] == metadata()
    assert "id" not in data["document"]
    assert data["items"][1] == {
        "article": "（一）",
        "locator": "（一）",
        "path": ["二、政策措施"],
        "title": "加大贴息支持",
        "text": "（一）加大贴息支持。对新获得贷款的小微企业给予贷款贴息，每户最高20万元。",
        "departments": [{"name": "县工信局", "as_printed": "县工信局", "lead": True}],
    }
    _, listed, _ = _run(capsys, "documents", "--json")
    assert not any(d["id"].startswith("imp-") for d in json.loads(listed))


def test_import_stores_adds_the_id_and_everything_sees_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path)
    code, out, _ = _run(capsys, "import", str(source), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["document"]["id"] == "imp-0001"
    assert data["document"]["title"] == "柳河县支持中小企业发展若干措施"

    _, listed, _ = _run(capsys, "documents", "--json")
    imported = next(d for d in json.loads(listed) if d["id"] == "imp-0001")
    assert imported["origin"] == "imported" and imported["imported"]
    assert len(imported["source_sha256"]) == 64 and imported["measure_count"] == 3
    _, text, _ = _run(capsys, "documents")
    assert "imp-0001\t柳河县支持中小企业发展若干措施" in text and "自行导入" in text

    _, shown, _ = _run(capsys, "show", "imp-0001-3", "--json")
    item = json.loads(shown)
    assert item["title"] == "支持柳河人参产业"
    assert item["citation"] == "《柳河县支持中小企业发展若干措施》（柳政发〔2026〕3号）第（二）条"
    _, measures, _ = _run(capsys, "measures", "--document", "imp-0001", "--json")
    assert len(json.loads(measures)["items"]) == 4

    _, found, _ = _run(capsys, "search", "人参", "--region", "220524", "--json")
    assert [h["id"] for h in json.loads(found)["hits"]] == ["imp-0001-3"]
    pdf = tmp_path / "摘编.pdf"
    code, _, err = _run(capsys, "excerpt", "imp-0001-3", "xm-30", "--output", str(pdf))
    assert code == 0, err
    from tests.pdf_helpers import flat, page_texts

    text = flat("".join(page_texts(pdf.read_bytes())))
    assert "支持柳河人参产业" in text and "自行导入" in text
    assert "推定：自2026年3月1日起施行，有效期三年" in text
    assert "柳政发〔2026〕3号" in text
    # the file it came from, not its hash (a developer's detail)
    assert "自行导入（" in text and "SHA" not in text and "imp-0001" not in text


def test_errors_are_chinese_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path)
    assert _run(capsys, "import", str(source))[0] == 0
    code, _, err = _run(capsys, "import", str(source))
    assert code == 2 and "错误：该文件已经导入过" in err
    code, _, err = _run(capsys, "import", str(source), "--region", "99")
    assert code == 2 and "未知的行政区划代码" in err
    code, _, err = _run(capsys, "documents", "--remove", "xm")
    assert code == 2 and "程序自带的文件不能删除" in err
    code, _, err = _run(capsys, "documents", "--remove", "imp-0042")
    assert code == 2 and "没有编号为“imp-0042”" in err


def test_remove_takes_it_out_of_search_and_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "import", str(write_source(tmp_path)))
    code, out, _ = _run(capsys, "documents", "--remove", "imp-0001", "--json")
    assert code == 0 and json.loads(out) == {
        "removed": "imp-0001",
        "title": "柳河县支持中小企业发展若干措施",
    }
    _, found, _ = _run(capsys, "search", "人参", "--json")
    assert json.loads(found)["total"] == 0
    code, _, err = _run(capsys, "show", "imp-0001-3")
    assert code == 2 and "没有编号为“imp-0001-3”的条目" in err


def test_region_option_for_any_county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "import", str(write_source(tmp_path)), "--region", "110105")
    assert code == 0
    doc = json.loads(_run(capsys, "documents", "--json")[1])[-1]
    assert doc["region_code"] == "110105" and doc["region_name"] == "北京市朝阳区"
    _, found, _ = _run(capsys, "search", "人参", "--region", "110105", "--json")
    assert json.loads(found)["total"] == 1
    _, found, _ = _run(capsys, "search", "人参", "--region", "220524", "--json")
    assert json.loads(found)["total"] == 0
    assert "已导入：imp-0001" in out
