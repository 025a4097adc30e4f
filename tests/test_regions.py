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
    found = _names(regions.provinces())
    assert len(found) == 34  # 23 省, 5 自治区, 4 直辖市, 2 特别行政区
    assert {k: found[k] for k in ("130000", "350000", "510000", "110000", "650000", "710000")} == {
        "130000": "河北省",
        "350000": "福建省",
        "510000": "四川省",
        "110000": "北京市",
        "650000": "新疆维吾尔自治区",
        "710000": "台湾省",
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
    assert _names(regions.children("510000"))["512000"] == "资阳市"
    assert len(regions.children("510000")) == 21


def test_every_division_of_the_country_is_there() -> None:
    table = regions.load()
    levels = [region.level for region in table.all()]
    # 民政部 counts at the end of 2023: 34 province-level, 333 prefecture-level, 2,846
    # county-level units with 济源 and the other province-administered ones.
    assert (levels.count("省"), levels.count("市"), levels.count("区县")) == (34, 333, 2846)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("220524", "吉林省通化市柳河县"),
        ("110105", "北京市朝阳区"),
        ("500105", "重庆市江北区"),
        ("500112", "重庆市渝北区"),
        ("419001", "河南省济源市"),
        ("429004", "湖北省仙桃市"),
        ("441900", "广东省东莞市"),
        ("540600", "西藏自治区那曲市"),
        ("650100", "新疆维吾尔自治区乌鲁木齐市"),
        ("370116", "山东省济南市莱芜区"),
        ("810000", "香港特别行政区"),
    ],
)
def test_spot_checked_codes(code: str, label: str) -> None:
    assert regions.path_label(code, "") == label


def test_province_administered_places_are_contained_by_their_province() -> None:
    assert regions.contains("410000", "419001")
    assert regions.contains("110000", "110105")
    assert not regions.contains("410100", "419001")
    assert [r.code for r in regions.ancestors("110105")] == ["110105", "110000"]


def test_not_a_division_is_absent() -> None:
    assert "500157" not in regions.load()  # 两江新区: a 国家级新区, not a division


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("350402", "350404"),  # 梅列区 → 三元区 (2021)
        ("350403", "350404"),  # the old 三元区 number
        ("350427", "350405"),  # 沙县 → 沙县区
        ("350681", "350604"),  # 龙海市 → 龙海区
        ("371200", "370100"),  # 莱芜市 → 济南市
        ("330185", "330112"),  # 临安市 → 临安区
        ("542400", "540600"),  # 那曲地区 → 那曲市
    ],
)
def test_retired_codes_resolve_to_their_successor(old: str, new: str) -> None:
    assert regions.resolve(old).code == new
    step = regions.successor(old)
    assert step is not None and step.code == new and step.basis
    with pytest.raises(UnknownRegionError, match="已停用"):
        regions.get(old)
    assert regions.resolve(new).code == new
    assert regions.successor(new) is None


def test_containment_follows_successors() -> None:
    assert regions.contains("350404", "350402")  # 梅列区 lies in today's 三元区
    assert regions.contains("350400", "350402")
    assert regions.contains("370100", "371202")  # 莱芜市莱城区 → 济南市莱芜区
    assert not regions.contains("350405", "350402")


def test_every_successor_is_in_force() -> None:
    table = regions.load()
    path = regions.successors_path()
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) > 100
    for row in rows:
        old, _name, new = row.split(",")[:3]
        assert old not in table and table.resolve(old).code == new


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
        lambda: regions.children("110199"),
        lambda: regions.ancestors("abc"),
        lambda: regions.path_label(""),
        lambda: regions.contains("350000", "350499"),
        lambda: regions.resolve("123456"),
    ],
)
def test_unknown_codes_raise_a_chinese_error(call: object) -> None:
    with pytest.raises(UnknownRegionError, match="未知的行政区划代码") as info:
        call()  # type: ignore[operator]
    assert "6位" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_default_table_is_cached() -> None:
    assert regions.load() is regions.load()
    assert regions.default_path().name == "regions.csv"


def test_csv_has_exactly_the_expected_columns() -> None:
    header = regions.default_path().read_text(encoding="utf-8").splitlines()[0]
    assert header == "code,name,parent_code,level,kind"


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
        ("350000,福建省,,省\n350400,三明市,350000,市\n350401,某市,350400,市\n", "上级应为省级"),
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
