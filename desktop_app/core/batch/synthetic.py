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
            f"测试{n + 1}号{rng.choice(['科技', '精密', '商贸', '服务'])}有限公司",
            f"91350{n:013d}",
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
            }  # fmt: skip
        rows.append(row)
    assert registry.facts["has_financing_need"]  # the generated fact columns exist
    return Generated(list(HEADERS), rows, expected, bad)


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
