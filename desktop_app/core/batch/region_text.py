"""A place as a roster types it ("湖里区", "厦门市湖里区", "福建厦门湖里区金山街道", "350206")
matched to a region code of desktop_app.core.regions; an ambiguous or unknown name is an error,
never a guess."""

from __future__ import annotations

import re

from desktop_app.core import regions
from desktop_app.core.batch.values import ValueProblem, normalize_text

_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "地区",
    "盟",
    "区",
    "县",
    "旗",
)
# what is left after the matched region when it names a county the table does not hold
_COUNTY_LEFT = re.compile(r"^[\u4e00-\u9fff]{1,8}?(区|县|旗)")
# areas below a county that end in 区 without being one
_NOT_COUNTY = (
    "园区",
    "社区",
    "小区",
    "片区",
    "开发区",
    "高新区",
    "工业区",
    "保税区",
    "景区",
    "新区",
)


def _variants(name: str) -> set[str]:
    out = {name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.add(name[: -len(suffix)])
            break
    return out


class RegionMatcher:
    """Every way of writing each region from any of its levels down to itself."""

    def __init__(self, table: regions.RegionTable | None = None) -> None:
        self._table = table or regions.load()
        self._names: dict[str, set[str]] = {}
        for region in self._table.all():
            chain = list(reversed(self._table.ancestors(region.code)))  # province first
            for start in range(len(chain)):
                spellings = {""}
                for level in chain[start:]:
                    spellings = {s + v for s in spellings for v in _variants(level.name)}
                for spelling in spellings:
                    self._names.setdefault(spelling, set()).add(region.code)
        self._longest = max((len(n) for n in self._names), default=0)
        self._cache: dict[str, str] = {}

    def match(self, text: str) -> str:
        """The region code for a place name; ValueProblem (Chinese) when it cannot be placed."""
        cleaned = re.sub(r"\s", "", normalize_text(text))
        if cleaned in self._cache:
            return self._cache[cleaned]
        code = self._match(cleaned, text)
        self._cache[cleaned] = code
        return code

    def _match(self, cleaned: str, shown: str) -> str:
        if re.fullmatch(r"\d{6}", cleaned):
            if cleaned not in self._table:
                raise ValueProblem(f"行政区划代码“{shown}”不在本程序的区划表中")
            return cleaned
        for length in range(min(len(cleaned), self._longest), 1, -1):
            codes = self._names.get(cleaned[:length])
            if not codes:
                continue
            if len(codes) > 1:
                options = "、".join(self._table.path_label(c, "") for c in sorted(codes))
                raise ValueProblem(f"地区“{shown}”不止一处（{options}），请写明所在市")
            code = next(iter(codes))
            rest = cleaned[length:]
            county = _COUNTY_LEFT.match(rest)
            if (
                self._table.get(code).level != "区县"
                and county
                and not county[0].endswith(_NOT_COUNTY)
            ):
                raise ValueProblem(f"地区“{shown}”中的“{county[0]}”不在本程序的区划表中")
            return code
        raise ValueProblem(f"无法识别地区“{shown}”（本程序的区划表中没有这个地名）")
