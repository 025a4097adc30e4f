"""Administrative regions (GB/T 2260 codes) the policies are issued for and apply in.

db/regions.csv holds every province-, prefecture- and county-level division with the codes in
force (vendored from a PyPI package and checked: db/README.md), e.g. 三明市三元区 350404 after
the 2021 merger with 梅列区. db/region_successors.csv maps retired codes (merged, renamed,
renumbered) to the division that took them over; `resolve` follows it, `get` does not. A code
in neither is an error rather than a guess: an eligibility answer must never rest on a region
we cannot place.

Province-administered county-level places (济源市, 仙桃市, the districts of 北京市) are 区县
whose parent is the province itself.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.model import PlainData
from desktop_app.paths import curated_dir

LEVELS = ("省", "市", "区县")
_CODE = re.compile(r"\d{6}")
# How many leading digits a region shares with its parent at each level (GB/T 2260 layout).
_PARENT_PREFIX = {"市": 2, "区县": 4}
_PARENT_LEVELS = {"市": ("省",), "区县": ("市", "省")}


class UnknownRegionError(LookupError):
    """A code that is not in the table; the message is Chinese and meant for the user."""

    def __str__(self) -> str:
        # LookupError would show repr() of the message, quotes and all.
        return str(self.args[0]) if self.args else ""


class RegionDataError(Exception):
    """db/regions.csv is malformed: a data bug, not a user error."""


@dataclass(frozen=True)
class Region(PlainData):
    """An administrative division of the regions table."""

    code: str
    name: str
    parent_code: str | None
    level: str  # 省 | 市 | 区县


@dataclass(frozen=True)
class Succession(PlainData):
    """A retired code and the division in force that took it over."""

    old_code: str
    old_name: str
    code: str
    changed: str  # year or date of the change, "" where the source gives none
    basis: str


class RegionTable:
    def __init__(self, regions: Iterable[Region], successions: Iterable[Succession] = ()) -> None:
        self._by_code: dict[str, Region] = {}
        for region in regions:
            if region.code in self._by_code:
                raise RegionDataError(f"行政区划代码重复：{region.code}")
            self._by_code[region.code] = region
        self._children: dict[str, list[Region]] = {code: [] for code in self._by_code}
        for region in sorted(self._by_code.values(), key=lambda r: r.code):
            _check_region(region, self._by_code)
            if region.parent_code is not None:
                self._children[region.parent_code].append(region)
        self._contained: dict[tuple[str, str], bool] = {}  # contains(), memoized
        self._successions: dict[str, Succession] = {}
        for step in successions:
            if step.old_code in self._by_code:
                raise RegionDataError(f"已撤销的代码 {step.old_code} 仍在区划表中")
            if step.code not in self._by_code:
                raise RegionDataError(f"{step.old_code} 的承继区划 {step.code} 不在区划表中")
            self._successions[step.old_code] = step

    @classmethod
    def from_csv(cls, path: Path, successors: Path | None = None) -> RegionTable:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as exc:
            raise RegionDataError(f"无法读取行政区划文件 {path}：{exc}") from exc
        try:
            regions = [
                Region(
                    code=row["code"].strip(),
                    name=row["name"].strip(),
                    parent_code=row["parent_code"].strip() or None,
                    level=row["level"].strip(),
                )
                for row in rows
            ]
        except (KeyError, AttributeError) as exc:
            raise RegionDataError(f"行政区划文件 {path} 缺少列：{exc}") from exc
        return cls(regions, _read_successions(successors) if successors else ())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._by_code

    def all(self) -> list[Region]:
        return sorted(self._by_code.values(), key=lambda r: r.code)

    def get(self, code: str) -> Region:
        key = str(code).strip()
        region = self._by_code.get(key)
        if region is None:
            step = self._successions.get(key)
            if step is not None:
                raise UnknownRegionError(
                    f"行政区划代码“{key}”（{step.old_name}）已停用：{step.basis}，"
                    f"现为 {self.path_label(step.code, '')}（{step.code}）。"
                )
            raise UnknownRegionError(
                f"未知的行政区划代码“{key}”。请填写民政部公布的6位县级及以上行政区划代码，"
                "如 350203（福建省厦门市思明区）。"
            )
        return region

    def successor(self, code: str) -> Succession | None:
        """How a retired code was taken over, or None (a code in force or never known)."""
        return self._successions.get(str(code).strip())

    def resolve(self, code: str) -> Region:
        """The division in force for code: itself, or the successor of a retired code."""
        key = str(code).strip()
        step = self._successions.get(key)
        return self.get(step.code if step is not None else key)

    def children(self, code: str) -> list[Region]:
        return list(self._children[self.get(code).code])

    def ancestors(self, code: str) -> list[Region]:
        """The region itself first, then its parents up to the province."""
        chain = [self.get(code)]
        while (parent := chain[-1].parent_code) is not None:
            chain.append(self._by_code[parent])
        return chain

    def contains(self, outer: str, inner: str) -> bool:
        """True when inner lies in outer (a region contains itself). A retired code stands
        for the division that took it over (a profile saved before a merger stays placed)."""
        key = (outer, inner)
        known = self._contained.get(key)
        if known is None:
            outer_code = self.resolve(outer).code
            inner_code = self.resolve(inner).code
            known = any(region.code == outer_code for region in self.ancestors(inner_code))
            # the table never changes once loaded; evaluation asks the same pairs all the time
            self._contained[key] = known
        return known

    def path_label(self, code: str, sep: str = " / ") -> str:
        return sep.join(region.name for region in reversed(self.ancestors(code)))

    def provinces(self) -> list[Region]:
        return [region for region in self.all() if region.level == "省"]


def _check_region(region: Region, by_code: dict[str, Region]) -> None:
    where = f"{region.code} {region.name}"
    if not _CODE.fullmatch(region.code):
        raise RegionDataError(f"{where}：代码须为6位数字")
    if not region.name:
        raise RegionDataError(f"{where}：缺少名称")
    if region.level not in LEVELS:
        raise RegionDataError(f"{where}：级别须为 {'/'.join(LEVELS)}，而不是“{region.level}”")
    if region.level == "省":
        if region.parent_code is not None or not region.code.endswith("0000"):
            raise RegionDataError(f"{where}：省级区划不应有上级，代码以0000结尾")
        return
    parent = by_code.get(region.parent_code or "")
    if parent is None:
        raise RegionDataError(f"{where}：上级代码“{region.parent_code}”不在表中")
    allowed = _PARENT_LEVELS[region.level]
    if parent.level not in allowed:
        raise RegionDataError(f"{where}：上级应为{'或'.join(allowed)}级，却是{parent.level}级")
    prefix = 2 if parent.level == "省" else _PARENT_PREFIX[region.level]
    if region.code[:prefix] != parent.code[:prefix]:
        raise RegionDataError(f"{where}：代码前{prefix}位与上级 {parent.code} 不符")


def _read_successions(path: Path) -> list[Succession]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [
            Succession(
                old_code=row["old_code"].strip(),
                old_name=row["old_name"].strip(),
                code=row["code"].strip(),
                changed=row["changed"].strip(),
                basis=row["basis"].strip(),
            )
            for row in rows
        ]
    except OSError as exc:
        raise RegionDataError(f"无法读取区划变更文件 {path}：{exc}") from exc
    except (KeyError, AttributeError) as exc:
        raise RegionDataError(f"区划变更文件 {path} 缺少列：{exc}") from exc


def default_path() -> Path:
    return curated_dir() / "regions.csv"


def successors_path() -> Path:
    return curated_dir() / "region_successors.csv"


def load(path: Path | None = None) -> RegionTable:
    if path is None:
        return _default_table()
    return RegionTable.from_csv(path)


@functools.cache
def _default_table() -> RegionTable:
    return RegionTable.from_csv(default_path(), successors_path())


def resolve(code: str) -> Region:
    return load().resolve(code)


def successor(code: str) -> Succession | None:
    return load().successor(code)


def get(code: str) -> Region:
    return load().get(code)


def children(code: str) -> list[Region]:
    return load().children(code)


def ancestors(code: str) -> list[Region]:
    return load().ancestors(code)


def contains(outer: str, inner: str) -> bool:
    return load().contains(outer, inner)


def path_label(code: str, sep: str = " / ") -> str:
    return load().path_label(code, sep)


def place_text(code: str | None) -> str:
    """福建省厦门市湖里区 for a code; the code itself when the table does not hold it (shown as
    entered, never guessed at); "" when blank."""
    if not code:
        return ""
    try:
        return path_label(code, "")
    except LookupError:
        return code


def provinces() -> list[Region]:
    return load().provinces()
