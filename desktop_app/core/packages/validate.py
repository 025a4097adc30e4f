"""Everything a package says, checked before the library is touched.

The manifest and the content are outside input: each field is checked for presence and
type, with a Chinese message naming it (the style of core/schema); every document's text is
hashed against the manifest, and every rule is re-validated against its item's text with the
validator build-db uses (eligibility.rules.validate_rules): a quote edited after export, or
a number not in its quote, is refused like in the bundled data.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.rules import parse_rules, validate_rules
from desktop_app.core.library.schema import ID_PREFIX
from desktop_app.core.model import Department, Item
from desktop_app.core.packages.container import (
    FORMAT,
    FORMAT_VERSION,
    PackageError,
    RawPackage,
    text_sha256,
)
from desktop_app.core.structuring.export import NEW_FACTS_KEY
from desktop_app.core.structuring.registry import extended

_STR, _OPT = (str,), (str, type(None))
DOCUMENT_FIELDS: dict[str, tuple[type, ...]] = {
    "title": _STR, "short_title": _STR, "doc_number": _OPT, "issuer": _OPT,
    "region_code": _STR, "region_name": _STR, "scope_region_code": _STR, "scope_note": _OPT,
    "level": _STR, "doc_type": _STR, "issued": _OPT, "valid_from": _OPT, "valid_to": _OPT,
    "validity_basis": _OPT, "status": _OPT, "evidence": (dict,), "notes": (list,),
    "source_file": _STR, "source_sha256": _STR, "source_text": _STR, "imported": _STR,
    "confirmed": (dict,), "warnings": (list,),
}  # fmt: skip
ITEM_FIELDS: dict[str, tuple[type, ...]] = {
    "id": _STR, "seq": (int,), "kind": _STR, "article": _OPT, "locator": _STR,
    "path": (list,), "title": _OPT, "text": _STR, "departments": (list,),
    "departments_text": _OPT, "source_notes": (list,), "enterprise_facing": (bool,),
    "category": _STR,
}  # fmt: skip
RULE_FIELDS: dict[str, tuple[type, ...]] = {
    "item_id": _STR, "rules": (dict,), "amount_text": _OPT, "structured_by": _STR,
    "structured_at": _STR, "unreviewed": (bool,),
}  # fmt: skip
GUIDANCE_FIELDS: dict[str, tuple[type, ...]] = {
    "measure_id": _STR, "office": _OPT, "address": _OPT, "phone": _OPT, "period": _OPT,
    "year_round": (bool,), "materials": (list,), "note": _OPT, "updated_by": _STR,
    "updated_at": _STR,
}  # fmt: skip


def _fields(obj: Any, spec: dict[str, tuple[type, ...]], where: str) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}应为对象"]
    problems = []
    for key, types in spec.items():
        if key not in obj:
            problems.append(f"{where}缺少字段 {key}")
        elif not isinstance(obj[key], types) or (bool not in types and isinstance(obj[key], bool)):
            problems.append(f"{where}的字段 {key} 类型不对")
    extra = sorted(set(obj) - set(spec))
    if extra:
        problems.append(f"{where}有未知字段 {'、'.join(extra)}")
    return problems


def check_manifest(manifest: dict[str, Any]) -> None:
    if manifest.get("format") != FORMAT:
        raise PackageError("这不是惠企政策通的政策包（清单 format 不是 policy-desk-package）。")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackageError("政策包清单的 format_version 缺失或不是整数。")
    if version > FORMAT_VERSION:
        raise PackageError(
            f"该政策包由较新版本的程序导出（格式版本 {version}，本程序支持 {FORMAT_VERSION}），"
            "请先升级本程序再导入。"
        )
    if version < 1:
        raise PackageError(f"政策包的格式版本 {version} 无效。")
    problems = []
    for key, types in (
        ("created", _STR),
        ("app_version", _STR),
        ("office", _OPT),
        ("counts", (dict,)),
        ("documents", (list,)),
        ("content_sha256", _STR),
    ):
        if not isinstance(manifest.get(key), types):
            problems.append(f"清单字段 {key} 缺失或类型不对")
    if problems:
        raise PackageError("政策包清单有误：" + "；".join(problems) + "。")


def validate_package(raw: RawPackage) -> list[dict[str, Any]]:
    """The package's documents ({id, version, document, items, rules}) once every check
    passed (its guidance rows are then valid too)."""
    check_manifest(raw.manifest)
    content = raw.content
    problems: list[str] = []
    docs = content.get("documents")
    guidance = content.get("guidance")
    if not isinstance(docs, list) or not isinstance(guidance, list):
        raise PackageError("政策包内容有误：缺少 documents 或 guidance 列表。")
    listed = raw.manifest["documents"]
    if len(listed) != len(docs):
        raise PackageError("政策包清单列出的文件数与内容不符。")
    seen: set[str] = set()
    for n, (entry, listing) in enumerate(zip(docs, listed, strict=True), 1):
        problems += _check_document(entry, listing, n, seen)
    for n, row in enumerate(guidance, 1):
        problems += _fields(row, GUIDANCE_FIELDS, f"第 {n} 条本地补充信息")
    counts = raw.manifest["counts"]
    actual = {
        "documents": len(docs),
        "items": sum(len(d.get("items", [])) for d in docs if isinstance(d, dict)),
        "rules": sum(len(d.get("rules", [])) for d in docs if isinstance(d, dict)),
        "guidance": len(guidance),
    }
    if not problems and counts != actual:
        problems.append(f"清单中的数量 {counts} 与内容 {actual} 不符")
    if problems:
        raise PackageError("政策包内容有误，不能导入：" + "；".join(problems[:8]) + "。")
    return docs


def _check_document(entry: Any, listing: Any, n: int, seen: set[str]) -> list[str]:
    where = f"第 {n} 份文件"
    if not isinstance(entry, dict) or not isinstance(listing, dict):
        return [f"{where}应为对象"]
    problems = _fields(
        entry,
        {"id": _STR, "version": (int,), "document": (dict,), "items": (list,), "rules": (list,)},
        where,
    )
    if problems:
        return problems
    doc_id = entry["id"]
    if not doc_id.startswith(ID_PREFIX) or doc_id in seen:
        return [f"{where}的编号 {doc_id} 无效或重复"]
    seen.add(doc_id)
    problems += _fields(entry["document"], DOCUMENT_FIELDS, f"{where}（{doc_id}）")
    for m, item in enumerate(entry["items"], 1):
        problems += _fields(item, ITEM_FIELDS, f"{where}第 {m} 条")
    for m, rule in enumerate(entry["rules"], 1):
        problems += _fields(rule, RULE_FIELDS, f"{where}第 {m} 条规则")
    if problems:
        return problems
    text = entry["document"]["source_text"]
    if text_sha256(text) != listing.get("text_sha256"):
        title = entry["document"]["title"]
        return [f"{where}《{title}》的原文与清单中的 SHA-256 不符（原文被改动）"]
    try:
        items = {i["id"]: _item(i, doc_id) for i in entry["items"]}
    except TypeError:
        return [f"{where}的条目责任单位（departments）格式有误"]
    if len(items) != len(entry["items"]) or any(
        not i.id.startswith(f"{doc_id}-") for i in items.values()
    ):
        return [f"{where}的条目编号无效或重复"]
    return _check_rules(entry, items, where)


def _item(row: dict[str, Any], doc_id: str) -> Item:
    return Item(
        id=row["id"],
        document_id=doc_id,
        seq=row["seq"],
        kind=row["kind"],
        article=row["article"],
        locator=row["locator"],
        path=list(row["path"]),
        title=row["title"],
        text=row["text"],
        departments=[Department(**d) for d in row["departments"]],
        departments_text=row["departments_text"],
        source_notes=list(row["source_notes"]),
        enterprise_facing=row["enterprise_facing"],
        category=row["category"],
    )


def _check_rules(entry: dict[str, Any], items: dict[str, Item], where: str) -> list[str]:
    raw = {r["item_id"]: r["rules"] for r in entry["rules"]}
    missing = [i for i in raw if i not in items]
    if missing:
        return [f"{where}的规则指向不存在的条目 {'、'.join(missing)}"]
    try:
        rules = parse_rules(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [f"{where}的规则格式有误（{exc}）"]
    facing = {i: dataclasses.replace(items[i], enterprise_facing=True) for i in raw}
    try:  # facts a structuring defined for its document (rules accept) join the registry
        new_facts = [f for rule in raw.values() for f in rule.get(NEW_FACTS_KEY, [])]
        registry = extended(load_registry(), new_facts)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [f"{where}的规则中新增事项（{NEW_FACTS_KEY}）格式有误（{exc}）"]
    errors = validate_rules(rules, facing, registry)
    return [f"{where}的规则未通过核对：{e}" for e in errors]
