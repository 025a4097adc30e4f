"""Imported documents for library tests: a small stand-in with the generic reader's interface
(core/importing/reader.py: ImportedDocument.to_dict(), items with kind), built from plain
text so a test states exactly what the reader found."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.library.importer import ImportPreview, preview_import, store_import
from desktop_app.core.library.store import PolicyLibrary, StoredImport

MEASURES = [
    ("（一）", "加大贴息支持", "对新获得贷款的小微企业给予贷款贴息，每户最高20万元。"),
    ("（二）", "支持柳河人参产业", "对人参精深加工企业新购设备给予补助，按投资额10%补助。"),
    ("（三）", "稳岗扩岗", "对吸纳高校毕业生就业的企业，按每人1500元给予扩岗补助。"),
]


@dataclass
class StandInItem:
    article: str | None
    locator: str
    path: list[str]
    title: str | None
    text: str
    departments: list[dict[str, Any]]
    kind: str = "measure"
    departments_text: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class StandInDocument:
    metadata: dict[str, Any]
    items: list[StandInItem]
    warnings: list[str]
    source_name: str
    source_sha256: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        keys = ("article", "locator", "path", "title", "text", "departments")
        return {
            "document": dict(self.metadata),
            "items": [{k: asdict(i)[k] for k in keys} for i in self.items],
            "warnings": list(self.warnings),
        }


def metadata(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "柳河县支持中小企业发展若干措施",
        "doc_number": "柳政发〔2026〕3号",
        "issuer": "柳河县人民政府",
        "issued": "2026-03-01",
        "region_code": "220524",
        "level": "区县",
        "doc_type": "若干措施",
        "status": None,
        "valid_from": "2026-03-01",
        "valid_to": "2029-02-28",
        "validity_basis": "推定：自2026年3月1日起施行，有效期三年",
        "evidence": {
            "doc_number": "柳政发〔2026〕3号",
            "issuer": "柳河县人民政府",
            "valid_to": "本措施自2026年3月1日起施行，有效期三年。",
        },
    }
    return base | changes


def write_source(folder: Path, name: str = "柳河措施.txt", extra: str = "") -> Path:
    path = folder / name
    body = "\n".join(f"{a}{t}。{x}" for a, t, x in MEASURES)
    path.write_text(f"{metadata()['title']}\n{body}\n{extra}", encoding="utf-8")
    return path


def stand_in_reader(
    meta: dict[str, Any] | None = None, measures: list[tuple[str, str, str]] | None = None
):
    """A reader function (path, region_code=…) -> StandInDocument over the given measures."""

    def read(path: Path, *, region_code: str | None = None) -> StandInDocument:
        data = path.read_bytes()
        found = dict(meta or metadata())
        if region_code is not None:
            found["region_code"] = region_code
        rows = measures or MEASURES
        items = [
            StandInItem(
                article=a,
                locator=a,
                path=["二、政策措施"],
                title=t,
                text=f"{a}{t}。{x}",
                departments=[{"name": "县工信局", "as_printed": "县工信局", "lead": True}],
            )
            for a, t, x in rows
        ]
        items.insert(
            0,
            StandInItem(None, "前言", [], None, "为支持中小企业发展，制定本措施。", [], "preamble"),
        )
        return StandInDocument(
            metadata=found,
            items=items,
            warnings=[],
            source_name=path.name,
            source_sha256=hashlib.sha256(data).hexdigest(),
            text=data.decode("utf-8"),
        )

    return read


def import_file(
    library: PolicyLibrary, path: Path, reader: Any = None, **corrections: Any
) -> StoredImport:
    preview: ImportPreview = preview_import(library, path, reader=reader or stand_in_reader())
    return store_import(library, preview, corrections)
