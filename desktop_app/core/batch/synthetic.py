"""Generated rosters typed the way offices type them (mixed units, full-width digits, Excel serial
dates, 是/√, a few bad rows), with the profile each good row means: for the tests, the benchmark
and the screenshots. Names are made up; regions, industries and qualifications are the app's."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.core import regions, size_class
from desktop_app.core.eligibility.facts import load_registry

HEADERS = [
    "序号", "企业名称", "统一社会信用代码", "所在地区", "所属行业", "从业人员", "营业收入（万元）",
    "资产总额", "成立日期", "主体类型", "是否专精特新", "高新技术企业", "资质", "有融资需求",
    "招用16–24岁登记失业人员人数",
]  # fmt: skip
BAD_KINDS = ("employees", "region", "industry", "name", "date")
_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@dataclass
class Generated:
    headers: list[str]
    rows: list[list[Any]]  # data rows; the sheet row number is index + 2
    expected: dict[int, dict[str, Any]]  # row → profile dict, for good rows
    bad: dict[int, str]  # row → which field was made unusable


def _counties() -> list[tuple[str, list[str]]]:
    table = regions.load()
    out = []
    for region in table.all():
        if region.level != "区县":
            continue
        chain = [r.name for r in reversed(table.ancestors(region.code))]
        out.append((region.code, chain))
    return out


def generate(
    count: int, seed: int = 16, bad_share: float = 0.02, home_city: str = "350200"
) -> Generated:
    """A roster as one office keeps it: most enterprises in the districts of one city (厦门市,
    where bundled measures apply, unless another is given), some elsewhere in its province, a
    few anywhere in the table."""
    rng = random.Random(seed)
    counties = _counties()
    by_city: dict[str, list[tuple[str, list[str]]]] = {}
    for county in counties:
        by_city.setdefault(county[0][:4], []).append(county)
    home = by_city.get(home_city[:4]) or max(by_city.values(), key=len)
    province = [c for c in counties if c[0][:2] == home[0][0][:2]]
    names_seen: dict[str, int] = {}
    for _code, chain in counties:
        names_seen[chain[-1]] = names_seen.get(chain[-1], 0) + 1
    industries = size_class.load_standard().industries
    registry = load_registry()
    names = _Names(random.Random(seed * 7919 + 1))  # its own stream: the other fields stay put
    rows: list[list[Any]] = []
    expected: dict[int, dict[str, Any]] = {}
    bad: dict[int, str] = {}
    for n in range(count):
        row_number = n + 2
        pick = rng.random()
        code, chain = rng.choice(home if pick < 0.7 else province if pick < 0.9 else counties)
        place = (
            "".join(chain[1:])
            if names_seen[chain[-1]] > 1
            else rng.choice(
                [chain[-1], "".join(chain[1:]), "".join(chain), "".join(chain[1:]) + "某某街道"]
            )
        )
        industry = rng.choice(industries)
        typed_industry = industry.name
        if industry.examples and rng.random() < 0.5:
            typed_industry = rng.choice(industry.examples)
        employees = int(10 ** rng.uniform(0, 3.3))
        revenue = round(10 ** rng.uniform(0, 5), 2)
        assets = round(10 ** rng.uniform(0, 5), 2)
        established = date(2000, 1, 1) + timedelta(days=rng.randrange(0, 9400))
        quals: dict[str, str | None] = {}
        spec_cell: Any = ""
        if rng.random() < 0.2:
            granted = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 2000))
            if rng.random() < 0.5:
                spec_cell, quals["specialized_sme"] = granted.isoformat(), granted.isoformat()
            else:
                spec_cell, quals["specialized_sme"] = rng.choice(["是", "√"]), None
        elif rng.random() < 0.5:
            spec_cell = rng.choice(["否", ""])
        high_cell = ""
        if rng.random() < 0.15:
            high_cell, quals["high_tech"] = "是", None
        listed = []
        for qid, word in (
            ("tech_sme", "科小"),
            ("above_scale", "规上企业"),
            ("foreign_trade", "外贸企业"),
        ):
            if rng.random() < 0.15:
                listed.append(word)
                quals[qid] = None
        entity = rng.choice(["企业", "有限责任公司", "个体工商户", ""])
        financing = rng.choice(["是", "否", "", "√"])
        youth = rng.choice([None, None, 0, 2, 5])
        facts: dict[str, Any] = {}
        if financing:
            facts["has_financing_need"] = financing in ("是", "√")
        if youth is not None:
            facts["youth_hires_count"] = youth
        row = [
            n + 1,
            names.name(chain, industry.name, entity == "个体工商户"),
            credit_code(names.rng, code, entity == "个体工商户"),
            place,
            typed_industry,
            _typed_count(rng, employees),
            _typed_revenue(rng, revenue),
            _typed_assets(rng, assets),
            _typed_date(rng, established),
            entity,
            spec_cell,
            high_cell,
            "、".join(listed),
            financing,
            youth if youth is not None else "",
        ]
        if rng.random() < bad_share:
            kind = rng.choice(BAD_KINDS)
            row[{"employees": 5, "region": 3, "industry": 4, "name": 1, "date": 8}[kind]] = {
                "employees": "约八十人",
                "region": "火星市奥林匹斯区",
                "industry": "未知行业",
                "name": "",
                "date": "2019-13-45",
            }[kind]
            bad[row_number] = kind
        else:
            expected[row_number] = {
                "name": row[1],
                "region": code,
                "industry": industry.name,
                "employees": float(employees),
                "revenue": float(revenue),
                "assets": float(assets),
                "established": established.isoformat(),
                "entity_type": {"企业": "enterprise", "有限责任公司": "enterprise",
                                "个体工商户": "individual_business"}.get(entity),
                "qualifications": [{"id": q, "granted": g} for q, g in quals.items()],
                "facts": facts,
                "credit_code": row[2],  # well-formed: the roster reader puts it on the profile
            }  # fmt: skip
        rows.append(row)
    assert registry.facts["has_financing_need"]  # the generated fact columns exist
    return Generated(list(HEADERS), rows, expected, bad)


# made-up trade names (字号) and the words a name uses for its line of business
_TRADE = "鑫华盛泰嘉联海翼同舟鹭星云帆金恒达宏源博润丰瑞启航晟创诚信远景宇辰森锦德隆安永汇合众"
_LINE = {
    "工业": ["精密制造", "机械", "新材料", "电子", "食品", "纺织", "化工", "智能装备"],
    "软件和信息技术服务业": ["软件", "信息技术", "数据科技"], "信息传输业": ["通信", "网络科技"],
    "批发业": ["贸易", "商贸", "进出口"], "零售业": ["商贸", "百货", "超市"],
    "餐饮业": ["餐饮管理", "食品"], "住宿业": ["酒店管理"], "交通运输业": ["物流", "运输"],
    "仓储业": ["仓储", "供应链"], "邮政业": ["速递"], "建筑业": ["建设工程", "装饰工程"],
    "房地产开发经营": ["置业", "房地产开发"], "物业管理": ["物业服务"],
    "租赁和商务服务业": ["企业管理咨询", "人力资源", "商务服务"],
    "农、林、牧、渔业": ["农业发展", "生态农业", "水产"],
}  # fmt: skip
_SHOP = ["便民店", "五金店", "小吃店", "理发店", "副食店"]


class _Names:
    """Enterprise names as a register prints them (厦门嘉联精密制造有限公司), each used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def name(self, chain: list[str], industry: str, individual: bool) -> str:
        place = chain[1].removesuffix("市") if len(chain) > 1 else chain[0]
        place = place if len(place) <= 3 else place[:2]  # 临夏回族自治州 → 临夏
        for attempt in range(50):
            trade = "".join(self.rng.sample(_TRADE, 2))
            if individual:
                text = f"{chain[-1]}{trade}{self.rng.choice(_SHOP)}"
            else:
                line = self.rng.choice(_LINE.get(industry, ["科技", "技术服务", "环保科技"]))
                form = "股份有限公司" if self.rng.random() < 0.1 else "有限公司"
                text = f"{place}{trade}{line}{form}"
            if attempt == 49:
                text = f"{text}（{len(self.used)}）"
            if text not in self.used:
                self.used.add(text)
                return text
        raise AssertionError("unreachable")


_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z


def credit_code(rng: random.Random, region: str, individual: bool = False) -> str:
    """A well-formed 统一社会信用代码 (GB 32100 check character; a 组织机构代码 with its GB 11714
    check digit inside) for the region: made up, but shaped as a real one is."""
    body = "".join(rng.choice(_CODE_CHARS) for _ in range(8))
    value = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(v * w for v, w in zip(value, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org = body + {10: "X", 11: "0"}.get(check, str(check))
    head = ("92" if individual else "91") + region + org
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(head, weights, strict=True))
    return head + _CODE_CHARS[(31 - total % 31) % 31]


def _typed_count(rng: random.Random, value: int) -> Any:
    return rng.choice([value, f"{value}人", str(value).translate(_FULL), f"{value:,}"])


def _typed_revenue(rng: random.Random, wan: float) -> Any:
    choice = rng.random()
    if choice < 0.4:
        return wan
    if choice < 0.6:
        return f"{wan}万元"
    if choice < 0.8:
        return f"{_decimal_text(wan / 10000, wan, 10000)}亿元"
    return f"{wan:,}"


def _typed_assets(rng: random.Random, wan: float) -> Any:
    return rng.choice(
        [wan, str(wan).translate(_FULL), f"{_decimal_text(wan * 10000, wan, 1 / 10000)}元"]
    )


def _decimal_text(value: float, wan: float, factor: float) -> str:
    """The value in another unit, written with enough digits to convert back exactly."""
    from decimal import Decimal

    exact = Decimal(str(wan)) / Decimal(str(factor))
    return format(exact.normalize(), "f")


def _typed_date(rng: random.Random, when: date) -> Any:
    choice = rng.random()
    if choice < 0.3:
        return datetime(when.year, when.month, when.day)
    if choice < 0.5:
        return (when - date(1899, 12, 30)).days
    if choice < 0.75:
        return f"{when.year}年{when.month}月{when.day}日"
    return f"{when.year}/{when.month}/{when.day}"


def write_xlsx(generated: Generated, path: Path, title: str = "企业名录") -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(generated.headers)
    for row in generated.rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(generated: Generated, path: Path, encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(generated.headers)
        for row in generated.rows:
            writer.writerow([v.date().isoformat() if isinstance(v, datetime) else v for v in row])
    return path
