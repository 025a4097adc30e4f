"""Which roster column fills which profile field: recognised from the headers (db/batch/
columns.yaml, the facts' and qualifications' labels) and remembered per header shape."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop_app import paths
from desktop_app.core.batch.values import normalize_text
from desktop_app.core.eligibility.facts import FactsRegistry

# field names besides these: "qualification:<id>", "granted:<id>" and "fact:<id>"
FIELD_LABELS = {
    "name": "企业名称",
    "credit_code": "统一社会信用代码",
    "region_code": "行政区划代码",
    "province": "省",
    "city": "市",
    "region": "所在地区（区县）",
    "town": "乡镇街道",
    "industry": "行业",
    "employees": "从业人员（人）",
    "revenue": "营业收入（万元）",
    "assets": "资产总额（万元）",
    "established": "成立日期",
    "entity_type": "主体类型",
    "qualifications": "资质（名称列表）",
    "notes": "备注",
}
# a field read from several columns in this order makes one place name (省 市 区县 街道)
REGION_PARTS = ("province", "city", "region", "town")
_YEAR = re.compile(r"^(19|20)\d{2}年(度)?")
_UNIT = re.compile(r"[(（\[【/](?P<unit>[^)）\]】]*)[)）\]】]?$")
_NOISE = re.compile(r"[\s:：*＊_\-—·•.]")
_UNITS = {"元", "千元", "万元", "百万元", "千万元", "亿元", "万", "亿", "人", "名", "个"}
MEMORY_FILE = "batch-columns.json"


@dataclass(frozen=True)
class ColumnSpec:
    index: int  # 0-based position in the sheet
    header: str  # as printed
    field: str | None  # None: not used
    unit: str | None  # unit stated in the header: 万元 / 元 / 亿元 / 人

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "header": self.header, "field": self.field, "unit": self.unit}


@functools.lru_cache(maxsize=2)
def load_vocabulary(path: Path | None = None) -> dict[str, Any]:
    with (path or paths.curated_dir() / "batch" / "columns.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def key(text: str) -> str:
    """A header or value reduced to what identifies it (quotes and brackets carry no meaning)."""
    text = normalize_text(text)
    text = _NOISE.sub("", text)
    return re.sub(r"[“”\"'‘’「」（）()]", "", text).lower()


def split_header(header: str) -> tuple[str, str | None]:
    """'2025年营业收入（万元）' → ('营业收入', '万元')."""
    text = _NOISE.sub("", normalize_text(header))
    unit = None
    match = _UNIT.search(text)
    if match and match.start() > 0 and match["unit"] in _UNITS:
        unit = match["unit"]
        text = text[: match.start()]
    else:
        for suffix in ("万元", "亿元", "千元", "元", "人"):
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                unit, text = suffix, text[: -len(suffix)]
                break
    text = _YEAR.sub("", text)
    return key(text), unit


# keyed by the registry object (load_registry() returns the same one each time)
_TABLES: dict[int, tuple[FactsRegistry, dict[str, str], dict[str, tuple[str, ...]]]] = {}


def _tables(registry: FactsRegistry) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    entry = _TABLES.get(id(registry))
    if entry is None or entry[0] is not registry:
        words = _qualification_words(registry)
        entry = (registry, _lookup(registry, words), words)
        _TABLES[id(registry)] = entry
    return entry[1], entry[2]


def _lookup(registry: FactsRegistry, qual_words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    vocab = load_vocabulary()
    table: dict[str, str] = {}
    for fid, fact in registry.facts.items():
        table.setdefault(key(fact.label), f"fact:{fid}")
        table.setdefault(key(fid), f"fact:{fid}")
    for qid, words in qual_words.items():
        for word in words:
            table.setdefault(word, f"qualification:{qid}")
    for name, words in vocab["fields"].items():
        for word in words:
            table[key(word)] = name  # the roster's own fields win over a fact of the same words
    return table


def qualification_words(registry: FactsRegistry) -> dict[str, tuple[str, ...]]:
    """Each qualification id with the keys of every way of naming it."""
    return _tables(registry)[1]


def _qualification_words(registry: FactsRegistry) -> dict[str, tuple[str, ...]]:
    vocab = load_vocabulary()
    out: dict[str, tuple[str, ...]] = {}
    for qid, qual in registry.qualifications.items():
        words = [qual.label, *vocab["qualifications"].get(qid, [])]
        out[qid] = tuple(dict.fromkeys(key(w) for w in words))
    return out


def recognise(header: str, registry: FactsRegistry) -> str | None:
    if not normalize_text(header):
        return None
    table = _tables(registry)[0]
    base, _unit = split_header(header)
    granted = re.sub(r"(的)?(认定|获评|取得)(日期|时间|年份)$", "", base)
    if granted != base:
        found = table.get(re.sub(r"^是否(为|是|属于)?", "", granted)) or table.get(granted)
        if found and found.startswith("qualification:"):
            return "granted:" + found.split(":", 1)[1]
    for candidate in (
        key(header),
        base,
        re.sub(r"^是否(为|是|属于)?", "", base),
        re.sub(r"^(是否)", "", base),
    ):
        if candidate in table:
            return table[candidate]
    return None


def guess_columns(headers: list[str], registry: FactsRegistry) -> list[ColumnSpec]:
    """Each header's field; a field claimed twice keeps its first column (the rest are shown as
    not used, so the person can choose)."""
    taken: set[str] = set()
    specs = []
    for index, header in enumerate(headers):
        field = recognise(header, registry)
        if field in taken:
            field = None
        if field:
            taken.add(field)
        specs.append(ColumnSpec(index, header, field, split_header(header)[1]))
    return specs


def field_label(field: str | None, registry: FactsRegistry) -> str:
    if field is None:
        return "（不使用）"
    if field.startswith("qualification:"):
        qual = registry.qualifications.get(field.split(":", 1)[1])
        return f"资质：{qual.label}" if qual else field
    if field.startswith("granted:"):
        qual = registry.qualifications.get(field.split(":", 1)[1])
        return f"认定日期：{qual.label}" if qual else field
    if field.startswith("fact:"):
        fact = registry.facts.get(field.split(":", 1)[1])
        return f"事项：{fact.label}" if fact else field
    return FIELD_LABELS.get(field, field)


def all_fields(registry: FactsRegistry) -> list[str]:
    """Every field a column can fill, in the order a mapping dialog lists them."""
    return [
        *FIELD_LABELS,
        *(f"qualification:{q}" for q in registry.qualifications),
        *(f"granted:{q}" for q in registry.qualifications),
        *(f"fact:{f}" for f in registry.facts),
    ]


# --- remembered mappings ------------------------------------------------------------------------


def shapekey(headers: list[str]) -> str:
    """Files with the same headers in the same order have the same shape."""
    joined = "\x1f".join(key(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def memory_path() -> Path:
    return paths.user_data_dir() / MEMORY_FILE


def _read_memory(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: recognising the headers again is the safe fallback
    return data if isinstance(data, dict) else {}


def remembered(
    headers: list[str], registry: FactsRegistry, path: Path | None = None
) -> list[ColumnSpec] | None:
    entry = _read_memory(path or memory_path()).get(shapekey(headers))
    if not isinstance(entry, dict) or not isinstance(entry.get("fields"), list):
        return None
    fields = entry["fields"]
    if len(fields) != len(headers):
        return None
    valid = set(all_fields(registry))
    return [
        ColumnSpec(i, h, f if f in valid else None, split_header(h)[1])
        for i, (h, f) in enumerate(zip(headers, fields, strict=True))
    ]


def remember(specs: list[ColumnSpec], path: Path | None = None) -> None:
    """Keep a confirmed mapping; written to a temporary file and renamed, so a failed write
    leaves the previous memory as it was."""
    path = path or memory_path()
    memory = _read_memory(path)
    headers = [s.header for s in specs]
    memory[shapekey(headers)] = {"headers": headers, "fields": [s.field for s in specs]}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(memory, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
