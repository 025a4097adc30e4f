"""The regions table: required codes, hierarchy queries and data checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core import regions
from desktop_app.core.regions import Region, RegionDataError, RegionTable, UnknownRegionError

FUJIAN_CITIES = {
    "350100": "福州市",
    "350200": "厦门市",
    "350300": "莆田市",
    "350400": "三明市",
    "350500": "泉州市",
    "350600": "漳州市",
    "350700": "南平市",
    "350800": "龙岩市",
    "350900": "宁德市",
}
HEBEI_CITIES = {
    "130100": "石家庄市",
    "130200": "唐山市",
    "130300": "秦皇岛市",
    "130400": "邯郸市",
    "130500": "邢台市",
    "130600": "保定市",
    "130700": "张家口市",
    "130800": "承德市",
    "130900": "沧州市",
    "131000": "廊坊市",
    "131100": "衡水市",
}
XIAMEN = {
    "350203": "思明区",
    "350205": "海沧区",
    "350206": "湖里区",
    "350211": "集美区",
    "350212": "同安区",
    "350213": "翔安区",
}
SANMING = {
    "350404": "三元区",
    "350405": "沙县区",
    "350421": "明溪县",
    "350423": "清流县",
    "350424": "宁化县",
    "350425": "大田县",
    "350426": "尤溪县",
    "350428": "将乐县",
    "350429": "泰宁县",
    "350430": "建宁县",
    "350481": "永安市",
}
ZIYANG = {"512002": "雁江区", "512021": "安岳县", "512022": "乐至县"}


def _names(found: list[Region]) -> dict[str, str]:
    return {region.code: region.name for region in found}


def test_provinces() -> None:
    assert _names(regions.provinces()) == {
        "130000": "河北省",
        "350000": "福建省",
        "510000": "四川省",
    }
    assert all(
        region.level == "省" and region.parent_code is None for region in regions.provinces()
    )


def test_fujian_has_all_nine_prefecture_cities() -> None:
    assert _names(regions.children("350000")) == FUJIAN_CITIES
    assert all(region.level == "市" for region in regions.children("350000"))


def test_hebei_has_all_eleven_prefecture_cities() -> None:
    assert _names(regions.children("130000")) == HEBEI_CITIES


def test_xiamen_sanming_and_ziyang_counties() -> None:
    assert _names(regions.children("350200")) == XIAMEN
    assert _names(regions.children("350400")) == SANMING
    assert _names(regions.children("512000")) == ZIYANG
    assert _names(regions.children("510000")) == {"512000": "资阳市"}


def test_every_fujian_city_lists_its_counties() -> None:
    for code in FUJIAN_CITIES:
        counties = regions.children(code)
        assert counties, code
        assert all(c.level == "区县" and c.code[:4] == code[:4] for c in counties)


def test_retired_codes_are_absent() -> None:
    # 梅列区 and the old 三元区 merged into 350404 in 2021; 沙县 became 沙县区 350405.
    for code in ("350402", "350403", "350427", "350681", "350625", "350182"):
        assert code not in regions.load()


def test_get_returns_the_region() -> None:
    region = regions.get("350428")
    assert region == Region(code="350428", name="将乐县", parent_code="350400", level="区县")
    assert region.to_dict() == {
        "code": "350428",
        "name": "将乐县",
        "parent_code": "350400",
        "level": "区县",
    }
    assert regions.get(" 350000 ").name == "福建省"


def test_ancestors_start_with_self_and_end_at_the_province() -> None:
    assert [r.code for r in regions.ancestors("350428")] == ["350428", "350400", "350000"]
    assert [r.code for r in regions.ancestors("512002")] == ["512002", "512000", "510000"]
    assert [r.code for r in regions.ancestors("130000")] == ["130000"]


def test_path_label() -> None:
    assert regions.path_label("350428") == "福建省 / 三明市 / 将乐县"
    assert regions.path_label("512002") == "四川省 / 资阳市 / 雁江区"
    assert regions.path_label("350200") == "福建省 / 厦门市"
    assert regions.path_label("350000") == "福建省"
    assert regions.path_label("350203", sep="") == "福建省厦门市思明区"


def test_contains() -> None:
    assert regions.contains("350000", "350428")
    assert regions.contains("350400", "350428")
    assert regions.contains("350428", "350428")
    assert not regions.contains("350428", "350400")
    assert not regions.contains("350200", "350428")
    assert not regions.contains("130000", "350428")
    assert regions.contains("510000", "512002")


def test_children_of_a_county_is_empty() -> None:
    assert regions.children("350203") == []


@pytest.mark.parametrize(
    "call",
    [
        lambda: regions.get("999999"),
        lambda: regions.children("110000"),
        lambda: regions.ancestors("abc"),
        lambda: regions.path_label(""),
        lambda: regions.contains("350000", "350402"),
        lambda: regions.contains("110000", "350428"),
    ],
)
def test_unknown_codes_raise_a_chinese_error(call: object) -> None:
    with pytest.raises(UnknownRegionError, match="未知的行政区划代码") as info:
        call()  # type: ignore[operator]
    assert "福建省" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_default_table_is_cached() -> None:
    assert regions.load() is regions.load()
    assert regions.default_path().name == "regions.csv"


def test_csv_has_exactly_the_expected_columns() -> None:
    header = regions.default_path().read_text(encoding="utf-8").splitlines()[0]
    assert header == "code,name,parent_code,level"


def test_every_name_is_unique_within_its_parent() -> None:
    table = regions.load()
    for region in table.all():
        names = [child.name for child in table.children(region.code)]
        assert len(names) == len(set(names)), region.code


# --- data checks -----------------------------------------------------------------------------


def _table(tmp_path: Path, rows: str) -> RegionTable:
    path = tmp_path / "regions.csv"
    path.write_text("code,name,parent_code,level\n" + rows, encoding="utf-8")
    return regions.load(path)


def test_custom_table_loads(tmp_path: Path) -> None:
    table = _table(tmp_path, "350000,福建省,,省\n350400,三明市,350000,市\n")
    assert len(table) == 2
    assert table.path_label("350400") == "福建省 / 三明市"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("350000,福建省,,省\n350000,福建省,,省\n", "重复"),
        ("35000,福建省,,省\n", "6位数字"),
        ("350000,福建省,,省份\n", "级别"),
        ("350400,三明市,350000,市\n", "不在表中"),
        ("350000,福建省,,省\n350400,三明市,350000,区县\n", "上级应为市级"),
        ("350000,福建省,,省\n130100,石家庄市,350000,市\n", "前2位"),
        ("350000,福建省,,省\n350400,三明市,350000,市\n350228,某县,350400,区县\n", "前4位"),
        ("350000,福建省,130000,省\n", "省级区划"),
        ("350000,,,省\n", "缺少名称"),
    ],
)
def test_malformed_rows_are_rejected(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(RegionDataError, match=message):
        _table(tmp_path, rows)


def test_missing_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("code,name,level\n350000,福建省,省\n", encoding="utf-8")
    with pytest.raises(RegionDataError, match="缺少列"):
        regions.load(path)


def test_absent_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(RegionDataError):
        regions.load(tmp_path / "absent.csv")
