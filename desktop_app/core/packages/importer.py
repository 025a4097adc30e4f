"""Reading, checking and previewing a package, then applying it (CLI and window alike)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.packages.apply import apply_plans
from desktop_app.core.packages.container import PackageError, read_package, text_sha256
from desktop_app.core.packages.plan import KEPT, NEW, UNCHANGED, UPDATED, DocumentPlan, plan_import
from desktop_app.core.packages.validate import validate_package


@dataclass
class PackagePreview:
    path: Path
    manifest: dict[str, Any]
    plans: list[DocumentPlan]
    guidance: list[dict[str, Any]]
    replace_rules: bool

    @property
    def conflicts(self) -> list[DocumentPlan]:
        return [p for p in self.plans if p.action == KEPT]

    @property
    def changes_anything(self) -> bool:
        return any(p.action not in (UNCHANGED, KEPT) for p in self.plans)

    def summary(self) -> str:
        count = {a: sum(1 for p in self.plans if p.action == a) for a in (NEW, UPDATED, UNCHANGED)}
        text = f"新增 {count[NEW]} 份、更新 {count[UPDATED]} 份、无变化 {count[UNCHANGED]} 份文件"
        if self.conflicts:
            text += (
                f"；{len(self.conflicts)} 份文件本机已有不同的结构化结果，保留本机的"
                "（如要采用政策包中的，请选择“以政策包的结构化结果为准”，命令行加 --replace-rules）"
            )
        return text + "。"

    def to_dict(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "file": self.path.name,
            "manifest": {
                k: m[k]
                for k in ("format", "format_version", "created", "app_version", "office", "counts")
            },
            "replace_rules": self.replace_rules,
            "summary": self.summary(),
            "documents": [p.to_dict() for p in self.plans],
            "guidance": len(self.guidance),
        }


def preview_package(
    library: PolicyLibrary, path: Path, *, replace_rules: bool = False
) -> PackagePreview:
    """Everything checked, nothing written (raises PackageError with a Chinese message)."""
    raw = read_package(path)
    entries = validate_package(raw)
    shas = [text_sha256(e["document"]["source_text"]) for e in entries]
    if len(set(shas)) != len(shas):
        raise PackageError("政策包中同一份文件出现了两次，不能导入。")
    plans = plan_import(library, entries, replace_rules=replace_rules)
    return PackagePreview(path, raw.manifest, plans, raw.content["guidance"], replace_rules)


def apply_preview(library: PolicyLibrary, preview: PackagePreview) -> dict[str, Any]:
    ids = apply_plans(
        library,
        preview.plans,
        preview.guidance,
        office=preview.manifest.get("office"),
        source=preview.path.name,
    )
    data = preview.to_dict()
    for doc, plan in zip(data["documents"], preview.plans, strict=True):
        doc["id"] = ids.get(plan.entry["id"])
    return data
