"""Pinyin queries, the reviewed word lists, and `policy-desk search`."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli.main import main
from desktop_app.core.search import SearchEngine
from desktop_app.core.search.normalize import normalize, normalize_text
from desktop_app.core.search.pinyin import load_key_terms
from desktop_app.core.search.synonyms import SynonymTable, load_groups
from desktop_app.core.store import PolicyStore
from tests.search_helpers import hit_ids, item_fields, truth


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchEngine, "raise_errors", True)


@pytest.fixture(scope="module")
def engine(store: PolicyStore) -> SearchEngine:
    return SearchEngine(store)


@pytest.mark.parametrize("query", ["zjtx", "ZJTX", "zhuanjingtexin", "zhuanjingte", "ｚｊｔｘ"])
def test_pinyin_finds_key_term_anywhere(
    engine: SearchEngine, store: PolicyStore, query: str
) -> None:
    assert hit_ids(engine, query) == truth(store.all_items(), ["专精特新"])
    hit = engine.search(query).hits[0]
    assert not hit.exact and any(t.startswith("专精特") for t in hit.matched_terms)
    assert hit.snippet_highlights


def test_pinyin_of_headings_matches_in_headings_only(
    engine: SearchEngine, store: PolicyStore
) -> None:
    # 稳岗扩岗 is in a section heading of the Xiamen table (not a key term)
    ids = hit_ids(engine, "wgkg")
    assert ids == {"xm-29", "xm-30", "xm-31"}
    for item_id in ids:
        item = store.item(item_id)
        assert item is not None and "稳岗扩岗" in "".join(item.path)


def test_syllables_must_start_at_a_syllable(engine: SearchEngine) -> None:
    assert engine.search("uanjingtexin").total == 0  # not the inside of zhuan


def test_single_letter_is_not_pinyin(engine: SearchEngine, store: PolicyStore) -> None:
    assert hit_ids(engine, "z") == truth(store.all_items(), ["z"])


def test_key_terms_occur_in_the_documents(store: PolicyStore) -> None:
    fields = [f for item in store.all_items() for f in item_fields(item)]
    missing = [t for t in load_key_terms() if not any(t in f for f in fields)]
    assert missing == []


def test_synonym_groups_are_expanded_both_ways() -> None:
    table = SynonymTable(load_groups())
    assert "融资" in table.variants("贷款") and "贷款" in table.variants("融资")
    assert "小型微型企业贷款贴息" in table.variants("小微企业贷款贴息")
    assert table.variants("企业") == []


def test_normalize_keeps_offsets() -> None:
    text = "首台（套）ＡＢ１２ “专精特新”"
    norm = normalize(text)
    assert norm.text == "首台套ab12专精特新"
    assert norm.text == normalize_text(text)
    start = norm.text.index("ab")
    s, e = norm.span(start, start + 2)
    assert text[s:e] == "ＡＢ"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "贴息", "--json", "--limit", "3")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "贴息" and data["total"] == 7 and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert {"id", "document_id", "article", "title", "snippet", "highlights", "score"} <= set(hit)
    for start, end in hit["highlights"]:
        assert hit["snippet"][start:end] == "贴息"


def test_cli_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "贴息", "--region", "512002", "--json")
    assert code == 0 and [h["id"] for h in json.loads(out)["hits"]] == ["yj2020-12"]
    code, out, _ = _run(capsys, "search", "专精特新", "--document", "sm", "--as-of", "2023-01-01")
    assert code == 0 and "没有找到" in out
    code, out, _ = _run(capsys, "search", "扩岗", "--document", "xm", "--limit", "1")
    assert code == 0 and "找到 3 条" in out and "【扩岗】" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--region", "999999"], "未知的行政区划代码"),
        (["--document", "nope"], "没有编号为“nope”的文件"),
        (["--as-of", "2023-13-01"], "日期"),
        (["--limit", "-1"], "--limit"),
    ],
)
def test_cli_errors_are_chinese(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = _run(capsys, "search", "贴息", *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_cli_hostile_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", '"加计 AND (*', "--json")
    assert code == 0 and json.loads(out)["query"] == '"加计 AND (*'
