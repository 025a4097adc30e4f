"""Importing a file into the user library: read it, show what was found, store it.

Two steps so the window can show a preview in between: `preview_import` reads the file (the
generic reader, core/importing) and refuses a file already imported; `store_import` applies
the user's corrections of the detected metadata and writes the document in one transaction
(a new version of an imported document — same 文号, else same title — replaces it and keeps
the old one in its history). Nothing is stored until `store_import`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core import regions
from desktop_app.core.library.store import (
    LibraryError,
    NewDocument,
    PolicyLibrary,
    StoredImport,
    duplicate_message,
    now_utc,
)
from desktop_app.core.model import UNSTATED, Document

# The detected metadata the preview shows, in order, with its Chinese label.
FIELDS: dict[str, str] = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "issued": "成文日期",
    "region_code": "发文地区",
    "level": "发文层级",
    "doc_type": "文件类型",
    "status": "状态",
    "valid_from": "施行日期",
    "valid_to": "有效期至",
    "validity_basis": "有效期依据",
}
DATE_FIELDS = ("issued", "valid_from", "valid_to")
DEFAULT_DOC_TYPE = "政策文件"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
Reader = Callable[..., Any]


class ImportRefused(Exception):
    """The file cannot be imported; `message` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class ImportPreview:
    """A file read but not stored: the reader's result and what storing it would do."""

    path: Path
    read: Any  # core.importing.reader.ImportedDocument
    replaces: Document | None  # the imported document this file would replace
    warnings: list[str] = field(default_factory=list)

    @property
    def metadata(self) -> dict[str, Any]:
        return dict(self.read.to_dict()["document"])

    @property
    def evidence(self) -> dict[str, str]:
        return dict(self.metadata.get("evidence") or {})

    def to_dict(self) -> dict[str, Any]:
        data = self.read.to_dict()
        data["warnings"] = list(data["warnings"]) + self.warnings
        return dict(data)


def checked_region(code: str | None) -> tuple[str | None, str | None]:
    """A region code in force (a retired one mapped to its successor) and a note, or raise."""
    if code is None or not str(code).strip():
        return None, None
    try:
        region = regions.resolve(str(code))
    except regions.UnknownRegionError as exc:
        raise ImportRefused(str(exc)) from exc
    if region.code != str(code).strip():
        step = regions.successor(str(code))
        basis = step.basis if step else ""
        return region.code, f"区划代码 {code} 已停用（{basis}），按现行 {region.code} 处理。"
    return region.code, None


def preview_import(
    library: PolicyLibrary,
    path: Path,
    *,
    region_code: str | None = None,
    reader: Reader | None = None,
) -> ImportPreview:
    region, note = checked_region(region_code)
    if reader is None:
        from desktop_app.core.importing.reader import DocumentReadError, read_document

        try:
            read = read_document(Path(path), region_code=region)
        except DocumentReadError as exc:
            raise ImportRefused(exc.message) from exc
    else:
        read = reader(Path(path), region_code=region)
    same = library.document_with_sha(read.source_sha256)
    if same is not None:
        raise ImportRefused(duplicate_message(same))
    meta = read.to_dict()["document"]
    replaces = library.previous_version_of(meta.get("title") or "", meta.get("doc_number"))
    preview = ImportPreview(Path(path), read, replaces)
    if note:
        preview.warnings.append(note)
    if replaces is not None:
        preview.warnings.append(
            f"将作为《{replaces.title}》（{replaces.id}，第{replaces.version}版）的新版本导入，"
            "旧版本保留在历史中。"
        )
    return preview


def store_import(
    library: PolicyLibrary,
    preview: ImportPreview,
    corrections: Mapping[str, Any] | None = None,
) -> StoredImport:
    """Store the previewed document with the user's corrections (field -> value; None or ""
    clears a value to 未注明)."""
    detected = preview.metadata
    fixes = {k: (v if v not in ("", UNSTATED) else None) for k, v in (corrections or {}).items()}
    unknown = set(fixes) - set(FIELDS)
    if unknown:
        raise ImportRefused(f"不能修改这些项目：{'、'.join(sorted(unknown))}")
    meta = {k: detected.get(k) for k in FIELDS} | fixes
    confirmed = {
        k: (
            "corrected"
            if k in fixes and fixes[k] != detected.get(k)
            else ("detected" if meta[k] else "unstated")
        )
        for k in FIELDS
    }
    region, note = checked_region(meta["region_code"])
    if region is None:
        raise ImportRefused(
            "未能从文件中识别发文地区。请指定发文机关所在地的行政区划代码"
            "（命令行用 --region，如 --region 220524）。"
        )
    for key in DATE_FIELDS:
        value = meta[key]
        if value is not None and not _valid_date(str(value)):
            raise ImportRefused(f"{FIELDS[key]}“{value}”无效，应为 YYYY-MM-DD，如 2026-03-01")
    title = str(meta["title"] or "").strip()
    warnings = list(preview.to_dict()["warnings"])
    if note:
        warnings.append(note)
    if not title:
        title = preview.path.stem
        confirmed["title"] = "file_name"
        warnings.append(f"文件中未识别出标题，暂用文件名“{title}”作标题。")
    level = meta["level"] if meta["level"] in regions.LEVELS else regions.get(region).level
    evidence = preview.evidence
    for key, state in confirmed.items():
        if state == "corrected":
            evidence.pop(key, None)  # the passage backed the detected value, not the typed one
    document = {
        "title": title,
        "short_title": title,
        "doc_number": meta["doc_number"],
        "issuer": meta["issuer"],
        "region_code": region,
        "region_name": regions.path_label(region, ""),
        "scope_region_code": region,
        "scope_note": None,
        "level": level,
        "doc_type": meta["doc_type"] or DEFAULT_DOC_TYPE,
        "issued": meta["issued"],
        "valid_from": meta["valid_from"],
        "valid_to": meta["valid_to"],
        "validity_basis": meta["validity_basis"],
        "status": meta["status"],
        "evidence": evidence,
        "notes": [],
        "source_file": preview.path.name,
        "source_sha256": preview.read.source_sha256,
        "source_text": preview.read.text,
        "imported": now_utc(),
        "confirmed": confirmed,
        "warnings": warnings,
    }
    items = [_item_row(item) for item in preview.read.items]
    replaces = library.previous_version_of(title, meta["doc_number"])
    try:
        return library.add(NewDocument(document, items), replaces.id if replaces else None)
    except LibraryError as exc:
        raise ImportRefused(str(exc)) from exc


def _item_row(item: Any) -> dict[str, Any]:
    departments = [
        {
            "name": d["name"],
            "as_printed": d.get("as_printed") or d["name"],
            "lead": bool(d.get("lead")),
            "basis": d.get("basis") or "item",
        }
        for d in item.departments
    ]
    return {
        "kind": item.kind,
        "article": item.article,
        "locator": item.locator,
        "path": list(item.path),
        "title": item.title,
        "text": item.text,
        "departments": departments,
        "departments_text": getattr(item, "departments_text", None),
        "source_notes": list(getattr(item, "notes", []) or []),
        # Not claimed as enterprise-facing until structuring (#14) says so.
        "enterprise_facing": False,
        "category": "其他",
    }


def _valid_date(text: str) -> bool:
    if not _ISO.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
