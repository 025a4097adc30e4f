"""The document's metadata, each value with the passage that states it; unknown stays None."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core import regions
from desktop_app.core.importing.dates import parse_date
from desktop_app.core.importing.errors import DocumentReadError
from desktop_app.core.importing.front_matter import FrontMatter
from desktop_app.core.importing.validity_text import find_validity

# Longest first: 实施方案 before 方案.
_TYPES = """
若干措施 若干政策措施 若干政策 实施方案 行动方案 工作方案 实施细则 管理办法 实施办法 暂行办法
实施意见 指导意见 工作要点 任务分解表 工作举措 行动计划 工作计划 通知 意见 办法 细则 规定 方案
措施 要点 计划 规划 报告 决定 通告 公告 批复 条例
"""
DOC_TYPES = sorted(_TYPES.split(), key=len, reverse=True)


@dataclass
class ImportedMetadata:
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued: str | None = None  # ISO date
    region_code: str | None = None
    level: str | None = None  # 省 | 市 | 区县 (the issuing region's level)
    doc_type: str | None = None
    status: str | None = None  # 征求意见稿 (or 送审稿, 草案 as printed); None when final
    valid_from: str | None = None
    valid_to: str | None = None
    validity_basis: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> passage


def _doc_type(title: str) -> str | None:
    core = re.sub(r"[（(][^）)]*[）)]$", "", title)
    return next((t for t in DOC_TYPES if core.endswith(t)), None)


def _region(names_from: list[tuple[str, str]], warnings: list[str]) -> tuple[str, str] | None:
    """The region the issuer (else the title) names: code and passage.

    Each place whose full name occurs counts the names of its chain (itself, its city, its
    province) that occur; the best chain wins, then the deepest place. A name inside a longer
    one (城区 in 西城区) does not count. A name several places share (鼓楼区) with nothing to
    tell them apart is left for the user.
    """
    table = regions.load()
    depth = {"省": 0, "市": 1, "区县": 2}
    ambiguous: str | None = None
    for passage, _label in names_from:
        found = [r for r in table.all() if r.name in passage]
        spans = {r.code: _span(passage, r.name) for r in found}
        found = [
            r
            for r in found
            if not any(_inside(spans[r.code], spans[o.code]) for o in found if o.name != r.name)
        ]
        if not found:
            continue
        scores = {
            r.code: (sum(1 for a in table.ancestors(r.code) if a.name in passage), depth[r.level])
            for r in found
        }
        best_score = max(scores.values())
        best = [r for r in found if scores[r.code] == best_score]
        if len(best) == 1:
            return best[0].code, passage
        places = "、".join(table.path_label(r.code, "") for r in best[:5])
        ambiguous = ambiguous or f"“{best[0].name}”对应多个地区（{places}），请手工选择发文地区。"
    if ambiguous:
        warnings.append(ambiguous)
    return None


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.find(name)
    return start, start + len(name)


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def build_metadata(
    front: FrontMatter, text: str, region_code: str | None, warnings: list[str]
) -> ImportedMetadata:
    meta = ImportedMetadata()
    ev = meta.evidence
    if front.title:
        meta.title, ev["title"] = front.title, front.title_passage or front.title
        meta.doc_type = _doc_type(front.title)
        if meta.doc_type:
            ev["doc_type"] = ev["title"]
    if front.doc_number:
        meta.doc_number, ev["doc_number"] = front.doc_number, front.doc_number_passage or ""
    if front.issuer:
        meta.issuer = ev["issuer"] = front.issuer
    if front.issued_passage:
        parsed = parse_date(front.issued_passage)
        if parsed:
            meta.issued, ev["issued"] = parsed.isoformat(), front.issued_passage
    if front.status:
        meta.status, ev["status"] = front.status, front.status_passage or front.status
    if region_code:
        try:
            region = regions.resolve(region_code)  # a retired code: its successor
        except regions.UnknownRegionError as exc:
            raise DocumentReadError(str(exc)) from exc
        meta.region_code, meta.level = region.code, region.level
    else:
        # the passages as printed (a title over two lines keeps its line break)
        sources = [
            (p, k) for p, k in ((ev.get("issuer"), "issuer"), (ev.get("title"), "title")) if p
        ]
        found = _region(sources, warnings)
        if found:
            meta.region_code, ev["region_code"] = found
            meta.level = regions.load().get(found[0]).level
            ev["level"] = found[1]
        else:
            if not any("对应多个地区" in w for w in warnings):
                warnings.append("未能从发文单位或标题确定发文地区，请手工选择。")
    validity = find_validity(text, meta.issued)
    meta.valid_from, meta.valid_to = validity.valid_from, validity.valid_to
    meta.validity_basis = validity.basis
    if validity.from_passage and validity.valid_from:
        ev["valid_from"] = validity.from_passage
    if validity.to_passage and validity.valid_to:
        ev["valid_to"] = validity.to_passage
    if validity.basis and not (validity.valid_from or validity.valid_to):
        ev["validity_basis"] = validity.from_passage or validity.to_passage or ""
    return meta
