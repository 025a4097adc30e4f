"""Responsible units as an enterprise should read them: its own, or another place's.

A document's units belong to the place that issued it (`region_code`). The Xiamen table carries
the province's measures (its scope is Fujian) but names Xiamen's units, so for an enterprise in
Sanming every unit is marked as another place's, with the note to ask the local counterpart
(当地对应部门); where the name follows the pattern 市X / 区X / 省X / 各区人民政府, the enterprise's
own 市 / 区 / 省 is named (市人社局 → 三明市人社局（对应部门）).
"""

from __future__ import annotations

from typing import Any

from desktop_app.core import regions
from desktop_app.core.model import Department, Document

COUNTERPART = "对应部门"
_LEVEL_PREFIX = {"省": "省", "市": "市", "区县": "区"}


def _places(code: str | None) -> dict[str, str]:
    """The enterprise's 省 / 市 / 区县 names by level, as far as the region table knows them."""
    if not code:
        return {}
    # a county missing from the bundled table still lies in its city and province
    for known in (code, code[:4] + "00", code[:2] + "0000"):
        try:
            return {r.level: r.name for r in regions.ancestors(known)}
        except LookupError:
            continue
    return {}


def is_local(doc: Document, region: str | None) -> bool:
    """True when the enterprise lies in the place whose units the document names (or its
    place is unknown, when nothing can be said)."""
    if not region:
        return True
    try:
        return regions.contains(doc.region_code, region)
    except LookupError:
        return region.startswith(doc.region_code.rstrip("0"))


def _counterpart(name: str, doc: Document, places: dict[str, str]) -> str | None:
    """The enterprise's own unit of the same kind, where the name's pattern allows naming it."""
    if name == "各区人民政府" and places.get("区县"):
        return f"{places['区县']}人民政府"
    prefix = _LEVEL_PREFIX.get(doc.level)
    if prefix and name.startswith(prefix) and places.get(doc.level):
        return places[doc.level] + name[len(prefix) :]
    return None


def _plain(d: Department) -> dict[str, Any]:
    # written out: dataclasses.asdict deep-copies and dominated the time of a whole match
    return {"name": d.name, "as_printed": d.as_printed, "lead": d.lead, "basis": d.basis}


def localize(
    departments: list[Department], doc: Document, region: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Each unit as {name, as_printed, lead, basis, local, shown}, and the note to show with
    them when they are another place's (None when they are the enterprise's own)."""
    if is_local(doc, region):
        return [{**_plain(d), "local": True, "shown": d.name} for d in departments], None
    places = _places(region)
    out = []
    for d in departments:
        own = _counterpart(d.name, doc, places)
        shown = f"{own}（{COUNTERPART}）" if own else f"{d.name}（{doc.region_name}的单位）"
        out.append({**_plain(d), "local": False, "shown": shown})
    where = places.get("区县") or places.get("市") or places.get("省") or "所在地"
    note = (
        f"所列责任单位为{doc.region_name}的单位，{where}的企业请向当地对应部门咨询"
        f"（已按本地写出的为推断的对应部门，以当地实际设置为准）。"
    )
    return out, note
