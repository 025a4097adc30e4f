"""`policy-desk classify / industries / regions`, run in-process through the real entry point."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main as cli_main

MY_MODULES = ["desktop_app.cli.classify_command", "desktop_app.cli.regions_command"]
REGISTERED = list(cli_main.COMMAND_MODULES)  # read before the fixture narrows it


@pytest.fixture(autouse=True)
def only_these_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other commands are developed in parallel; a half-written one must not break these tests.
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", MY_MODULES)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_are_registered_in_main() -> None:
    for name in MY_MODULES:
        assert name in REGISTERED


def test_classify_json_reference_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "classify", "--industry", "工业", "--employees", "500", "--revenue", "200", "--json"
    )
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["size"] == "micro"
    assert data["size_label"] == "微型"
    assert data["decided_by"] == ["revenue"]
    assert [w["size"] for w in data["working"]] == ["medium", "micro"]
    assert data["working"][0]["value"] == 500
    assert data["working"][1]["rule"] == "300万元以下"
    assert data["explanation"] == "从业人员500人属中型，营业收入200万元属微型，取最低：微型"
    assert data["source"].endswith("第四条（二）")


def test_json_output_has_chinese_characters_not_escapes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(
        capsys,
        "classify",
        "--industry",
        "工业",
        "--employees",
        "999",
        "--revenue",
        "100000",
        "--json",
    )
    assert "中型" in out
    assert "\\u" not in out
    assert json.loads(out)["size"] == "medium"
    out.encode("utf-8")


def test_classify_text_output_explains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "classify", "--industry", "工业", "--employees", "500", "--revenue", "200"
    )
    assert code == 0
    assert "企业规模：微型" in out
    assert "营业收入200万元：300万元以下，属微型（决定结果）" in out
    assert "取最低：微型" in out
    assert "依据：《中小企业划型标准规定》工信部联企业〔2011〕300号 第四条（二）" in out


def test_classify_missing_indicator_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "classify", "--industry", "工业", "--employees", "500", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["size"] is None
    assert data["size_label"] == "无法判断"
    assert data["missing"] == ["revenue"]

    _, text, _ = run(capsys, "classify", "--industry", "工业", "--employees", "500")
    assert "营业收入：未填写" in text


def test_classify_accepts_thousands_separators(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "classify",
        "--industry",
        "建筑业",
        "--revenue",
        "6,000",
        "--assets",
        "5000",
        "--json",
    )
    assert json.loads(out)["size"] == "medium"


def test_classify_individual_business_note(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "classify", "--industry", "餐饮业", "--employees", "3", "--revenue", "40",
        "--individual", "--json",
    )  # fmt: skip
    assert any("个体工商户" in note for note in json.loads(out)["notes"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--industry", "矿业", "--employees", "1"], "未知行业“矿业”"),
        (["--industry", "工业", "--employees", "abc"], "从业人员“abc”不是数字"),
        (["--industry", "工业", "--employees", "-5", "--revenue", "1"], "从业人员不能为负数"),
        (["--industry", "工业", "--employees", "5", "--revenue", "nan"], "营业收入“nan”不是数字"),
        (["--industry", "建筑业", "--revenue", "1", "--assets", "inf"], "资产总额“inf”不是数字"),
    ],
)
def test_classify_bad_input_is_a_chinese_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "classify", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("错误：")
    assert message in err
    assert "Traceback" not in err


def test_industries_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "industries", "--json")
    assert code == 0
    assert "\\u" not in out
    data = json.loads(out)
    assert len(data) == 16
    assert data[0]["name"] == "农、林、牧、渔业"
    industrial = data[1]
    assert industrial["name"] == "工业"
    assert industrial["clause"] == "（二）"
    assert industrial["examples"] == ["采矿业", "制造业", "电力、热力、燃气及水生产和供应业"]
    assert industrial["indicators"][0] == {
        "indicator": "employees",
        "name": "从业人员",
        "unit": "人",
        "large": 1000,
        "medium": 300,
        "small": 20,
    }
    assert data[-1]["name"] == "其他未列明行业"


def test_industries_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "industries")
    assert code == 0
    assert "（二）工业：从业人员 大型≥1000 中型≥300 小型≥20人" in out
    assert "包括：采矿业，制造业" in out
    assert out.count("\n（") == 15


def test_regions_lists_provinces(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "regions", "--json")
    assert code == 0
    assert "\\u" not in out
    names = [r["name"] for r in json.loads(out)]
    assert len(names) == 34
    assert names[:3] == ["北京市", "天津市", "河北省"]
    assert {"福建省", "四川省", "吉林省", "香港特别行政区"} <= set(names)


def test_regions_reaches_any_county(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "regions", "--parent", "220500", "--json")
    liuhe = next(r for r in json.loads(out) if r["code"] == "220524")
    assert liuhe["path_label"] == "吉林省 / 通化市 / 柳河县"


def test_regions_children_of_a_city(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "regions", "--parent", "350400", "--json")
    data = json.loads(out)
    jiangle = next(r for r in data if r["code"] == "350428")
    assert jiangle == {
        "code": "350428",
        "name": "将乐县",
        "parent_code": "350400",
        "level": "区县",
        "path_label": "福建省 / 三明市 / 将乐县",
    }
    assert len(data) == 11


def test_regions_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "regions", "--parent", "512000")
    assert "512002  雁江区（区县）" in out
    _, out, _ = run(capsys, "regions", "--parent", "512002")
    assert "四川省 / 资阳市 / 雁江区 没有收录下级区划" in out


def test_regions_unknown_parent(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "regions", "--parent", "999999", "--json")
    assert code == 2
    assert out == ""
    assert "错误：未知的行政区划代码“999999”" in err


@pytest.mark.parametrize("command", ["classify", "industries", "regions"])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli_main.main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--json" in out
