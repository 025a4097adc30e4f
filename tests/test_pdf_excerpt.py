from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdf_helpers import embedded_fonts, flat, make_policy_db, page_lines, page_texts
from pypdf import PdfReader

from desktop_app.cli.main import main
from desktop_app.core.pdf.excerpt import (
    DISCLAIMER,
    ExcerptError,
    build_excerpt_pdf,
    excerpt_builder,
)
from desktop_app.core.store import PolicyStore

AS_OF = date(2026, 1, 5)


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    return make_policy_db(tmp_path / "policies.sqlite")


@pytest.fixture
def small_store(small_db: Path) -> Iterator[PolicyStore]:
    store = PolicyStore.open(small_db)
    yield store
    store.close()


def _text(store: PolicyStore, ids: list[str]) -> tuple[list[str], str]:
    texts = page_texts(excerpt_builder(store, ids, as_of=AS_OF).build_bytes())
    return texts, flat("".join(texts))


def test_excerpt_contains_item_text_source_units_and_disclaimer(
    small_store: PolicyStore, tmp_path: Path
) -> None:
    target = tmp_path / "摘编.pdf"
    pages = build_excerpt_pdf(small_store, ["xm-30", "yj2020-3"], target, as_of=AS_OF)
    data = target.read_bytes()
    assert pages == len(PdfReader(target).pages)
    texts = page_texts(data)
    joined = flat("".join(texts))
    xm30 = small_store.item("xm-30")
    yj3 = small_store.item("yj2020-3")
    assert xm30 is not None and yj3 is not None
    # the full text, with its numbers, exactly
    assert flat(xm30.text) in joined
    assert "每人1500元" in joined and "扩岗补助" in joined
    # document, 文号 (or 未注明), heading path, locator, citation
    assert "厦门市贯彻落实〈关于支持中小微企业健康发展的若干措施〉任务分解表" in joined
    assert "文号未注明" in joined
    assert "资雁府办发〔2020〕19号" in joined
    assert "四、加强对中小微企业的要素保障（十）加大稳岗扩岗支持力度" in joined
    assert "条目编号30" in joined
    for item in (xm30, yj3):
        assert flat(small_store.citation(item)) in joined
    # responsible units with the lead unit marked, standing units named
    assert "区发改局（牵头）、区市场监管局" in joined
    assert "市人社局；另：各区人民政府、自贸委、火炬管委会（各项通用）" in joined
    assert flat(DISCLAIMER) in joined
    assert "以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准" in joined
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{len(texts)}页" in flat(text)
        assert "政策摘编" in flat(text)
    assert all(has_file for _, has_file in embedded_fonts(data))


def test_validity_of_each_document_is_stated(small_store: PolicyStore) -> None:
    _, joined = _text(small_store, ["sm-2-1-1", "xm-30"])
    assert "2022年1月1日至2025年12月31日（征求意见稿，未正式生效）" in joined
    assert "有效期未注明" in joined
    assert "编者注：本文件为征求意见稿" in joined
    assert "有效期核对日期：2026年1月5日" in joined


def test_items_are_grouped_by_document_in_selection_order(small_store: PolicyStore) -> None:
    _, joined = _text(small_store, ["xm-31", "sm-2-1-1", "xm-30", "xm-31"])
    assert joined.count("创业带动就业补贴") == 1  # duplicate selection printed once
    assert "共3条，摘自2份政策文件" in joined
    order = [joined.index(s) for s in ("创业带动就业补贴", "扩岗补助", "建培育库")]
    assert order == sorted(order)
    assert joined.index("一、《厦门市") < joined.index("二、《三明市")


def test_unknown_or_empty_selection_is_refused(small_store: PolicyStore, tmp_path: Path) -> None:
    with pytest.raises(ExcerptError, match="xm-999"):
        build_excerpt_pdf(small_store, ["xm-30", "xm-999"], tmp_path / "x.pdf")
    with pytest.raises(ExcerptError):
        build_excerpt_pdf(small_store, [], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_hostile_policy_text_is_printed_literally(tmp_path: Path) -> None:
    hostile = {
        "id": "xm-99",
        "document_id": "xm",
        "seq": 99,
        "article": "99",
        "locator": "99",
        "path": ["<script>标题</script>"],
        "title": "R&D <img src=x> 😀",
        "text": "对研发投入<100万元 & “专精特新”企业给予支持\x07。",
        "departments": [{"name": "市<工信>局", "as_printed": "x", "lead": True, "basis": "item"}],
        "departments_text": None,
        "source_notes": [],
        "enterprise_facing": 1,
        "category": "其他",
    }
    store = PolicyStore.open(make_policy_db(tmp_path / "h.sqlite", [hostile]))
    try:
        _, joined = _text(store, ["xm-99"])
    finally:
        store.close()
    for literal in (
        "<script>标题</script>",
        "R&D<imgsrc=x>□",
        "研发投入<100万元&",
        "市<工信>局（牵头）",
    ):
        assert literal in joined


def test_excerpt_from_the_real_database(store: PolicyStore) -> None:
    item = store.item("xm-30")
    assert item is not None
    texts, joined = _text(store, ["xm-30"])
    assert "每人1500元" in joined
    assert flat(store.citation(item)) in joined
    assert f"第1页共{len(texts)}页" in flat(texts[0])


def test_cli_writes_the_excerpt(
    small_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("POLICY_DESK_DB", str(small_db))
    out = tmp_path / "out.pdf"
    code = main(["excerpt", "xm-30", "yj2020-3", "--output", str(out), "--date", "2026-01-05"])
    assert code == 0
    assert "共" in capsys.readouterr().out
    assert "每人1500元" in flat("".join(page_texts(out.read_bytes())))


def test_cli_reports_errors_in_chinese(
    small_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("POLICY_DESK_DB", str(small_db))
    assert main(["excerpt", "xm-999", "--output", str(tmp_path / "a.pdf")]) == 2
    assert "找不到政策条目：xm-999" in capsys.readouterr().err
    assert main(["excerpt", "xm-30", "--output", str(tmp_path / "a.txt")]) == 2
    assert main(["excerpt", "xm-30", "--output", str(tmp_path / "no" / "a.pdf")]) == 2
    assert not any(p.suffix == ".pdf" for p in tmp_path.iterdir())


def test_excerpt_of_every_bundled_item_speaks_to_readers_only(
    store: PolicyStore, policy_db_path: Path
) -> None:
    """No developer notes in the 政策摘编: no ids, field names, hashes or notes about how the
    source file was laid out; English only where the policy text itself has it; headings
    whole; the library's own count called 顺序号 where the document numbers nothing."""
    import sqlite3

    with sqlite3.connect(policy_db_path) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM items ORDER BY document_id, seq")]
        doc_ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
    items = [store.item(i) for i in ids]
    assert all(items)
    lines = [ln for page in page_lines(excerpt_builder(store, ids, as_of=AS_OF).build_bytes())
             for ln in page]  # fmt: skip
    text = "\n".join(lines)
    own_words = "".join(
        i.text + (i.title or "") + "".join(i.path) + (i.departments_text or "")
        for i in items
        if i is not None
    )
    for word in sorted(set(re.findall(r"[A-Za-z_][A-Za-z_0-9-]+", text))):
        assert word in own_words, word  # ids (xm-30), field names (source_notes), SHA …
    for doc_id in doc_ids:
        assert not re.search(rf"\b{doc_id}\b", text), doc_id
    for developer in ("字符串", "切出", "SHA", "折行"):
        assert developer not in text, developer
    # a heading is the item's own title or its whole first sentence, never cut
    assert not [ln for ln in lines if ln.endswith("…") and ln[:-1] not in own_words]
    assert "原文条目无编号，以下“顺序号”为本库按原文顺序编排的序号" in text
    assert "条目编号顺序号130（原文条目无编号）" in flat(text)


def test_cli_builds_a_missing_database_like_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # excerpt opens the policy data through the one service (cli.db_commands.open_data)
    missing = tmp_path / "missing.sqlite"
    monkeypatch.setenv("POLICY_DESK_DB", str(missing))
    assert main(["excerpt", "xm-30", "--output", str(tmp_path / "a.pdf")]) == 0
    assert missing.exists() and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "已生成政策摘编" in capsys.readouterr().out
