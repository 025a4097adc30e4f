"""policy-desk import with the real generic reader on real files: .docx (python-docx), .pdf
(reportlab, read back by pdfium), .txt in GB18030; refused formats store nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.library import samples


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _imported(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    _, out, _ = _run(capsys, "documents", "--json")
    return [d for d in json.loads(out) if str(d["id"]).startswith("imp-")]


@pytest.mark.parametrize("kind", ["docx", "pdf", "txt"])
def test_each_format_imports_and_is_found(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"措施.{kind}"
    if kind == "docx":
        samples.write_docx(path, 4)
    elif kind == "pdf":
        samples.write_pdf(path, 4)
    else:
        path.write_bytes("\n".join(samples.paragraphs(4)).encode("gb18030"))
    code, out, err = _run(capsys, "import", str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    doc = data["document"]
    assert doc["id"] == "imp-0001" and doc["title"] == samples.TITLE
    assert doc["doc_number"] == samples.NUMBER and doc["region_code"] == "220524"
    measures = [i for i in data["items"] if i["article"]]
    assert [i["article"] for i in measures] == ["（一）", "（二）", "（三）", "（四）"]
    assert measures[0]["departments"][0]["name"] == "县工信局"
    _, found, _ = _run(capsys, "search", "小巨人", "--json")
    assert "imp-0001-4" in {h["id"] for h in json.loads(found)["hits"]}
    _, shown, _ = _run(capsys, "show", "imp-0001-4", "--json")
    assert "专精特新“小巨人”" in json.loads(shown)["text"]
    # the same file again: refused, nothing added
    code, _, err = _run(capsys, "import", str(path))
    assert code == 2 and "已经导入过" in err
    assert len(_imported(capsys)) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为"),
        ("文件.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "WPS"),
        ("扫描.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
        ("空.txt", b"", "空"),
    ],
)
def test_refused_files_exit_2_with_a_chinese_message_and_store_nothing(
    name: str, data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = _run(capsys, "import", str(path))
    assert code == 2, err
    assert err.startswith("错误：") and message in err and "Traceback" not in err
    assert _imported(capsys) == []


def test_a_missing_file_and_an_unknown_region(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "import", str(tmp_path / "没有.docx"))
    assert code == 2 and "不存在" in err
    path = samples.write_docx(tmp_path / "a.docx", 2)
    code, _, err = _run(capsys, "import", str(path), "--region", "123456")
    assert code == 2 and "未知的行政区划代码" in err
    assert _imported(capsys) == []
