"""The result of an evaluation, one typed shape for every reader.

The engine builds a MatchResult; the result page, the history, the PDF and the CLI all read
it. `to_dict()` is the stored and printed form (the CLI's --json, the user database's history)
and carries FORMAT_VERSION; `from_dict()` reads it back — today's format and the one saved
before versions existed (no `format_version` key) — so a saved evaluation prints exactly as it
was computed, whatever the policy data says now.

A reopened result carries of each item and document only what the result shows (ids,
article, locator, title, departments; title, short title, 文号, status, scope note); the full
text stays in the policy database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.amounts import AmountResult
from desktop_app.core.eligibility.conditions import ConditionResult
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.result_parts import (
    amount_from_dict,
    condition_from_dict,
    dataclass_from_dict,
)
from desktop_app.core.eligibility.rules import BENEFIT_KINDS
from desktop_app.core.model import Department, Document, Item
from desktop_app.core.validity import Validity

# 1: the dict saved by version 0.1 (no format_version key); 2: adds the document's short
# title, status and scope note and the item's departments text, which the printout needs;
# 3 (#12): status not_in_force with conditions_status, the validity's evidence (derived, basis,
# period), departments as the enterprise reads them (local, shown) with departments_note, the
# payer and amount group of each benefit, and the measures of other regions (other_regions).
FORMAT_VERSION = 3

ELIGIBLE, POSSIBLE, INELIGIBLE = "eligible", "possible", "ineligible"
NOT_IN_FORCE = "not_in_force"  # the document is not in force on the date: for reference only
STATUSES = (ELIGIBLE, POSSIBLE, INELIGIBLE, NOT_IN_FORCE)
# How a status reads on screen and in the CLI, and on paper (where the badge says what to do).
STATUS_LABELS = {
    ELIGIBLE: "符合",
    POSSIBLE: "可能符合（需确认）",
    INELIGIBLE: "不符合",
    NOT_IN_FORCE: "文件不在有效期内，仅供参考",
}
STATUS_PRINT_LABELS = {
    ELIGIBLE: "符合",
    POSSIBLE: "可能符合，需补充或确认",
    INELIGIBLE: "不符合",
    NOT_IN_FORCE: "文件不在有效期内，仅供参考",
}


class ResultFormatError(ValueError):
    """A stored result that is not a MatchResult.to_dict() this program can read."""


@dataclass
class BenefitResult:
    label: str
    kind: str
    state: str
    amount: AmountResult
    quote: str
    conditions: list[ConditionResult]
    parameters: list[dict[str, str]]
    notes: list[str]
    stacks_with: dict[str, str | None] | None  # measure None: built on a text not bundled
    payer: dict[str, str] | None = None  # {name, quote}: who pays, where the text says it
    group: str | None = None  # the measure's amount group (alternatives / shared cap)

    @property
    def kind_label(self) -> str:
        return BENEFIT_KINDS.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "state": self.state,
            "amount": self.amount.to_dict(),
            "quote": self.quote,
            "conditions": [c.to_dict() for c in self.conditions],
            "parameters": self.parameters,
            "notes": self.notes,
            "stacks_with": self.stacks_with,
            "payer": self.payer,
            "group": self.group,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BenefitResult:
        return cls(
            label=data["label"],
            kind=data["kind"],
            state=data["state"],
            amount=amount_from_dict(data["amount"]),
            quote=data.get("quote") or "",
            conditions=[condition_from_dict(c) for c in data.get("conditions") or []],
            parameters=list(data.get("parameters") or []),
            notes=list(data.get("notes") or []),
            stacks_with=data.get("stacks_with"),
            payer=data.get("payer"),
            group=data.get("group"),
        )


@dataclass
class MeasureResult:
    item: Item
    document: Document
    citation: str
    summary: str
    status: str
    validity: Validity
    conditions: list[ConditionResult]  # region, then the measure's own
    benefits: list[BenefitResult]
    amount: AmountResult
    notes: list[str]
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    confirmations: list[str] = field(default_factory=list)
    # what the conditions alone say (eligible / possible / ineligible), also when the document
    # is not in force and the status is not_in_force; "" = the status itself (older results)
    conditions_status: str = ""
    # the units as the enterprise should read them ({name, as_printed, lead, basis, local,
    # shown}: core/eligibility/departments.py); empty = the item's own, unlocalized
    departments: list[dict[str, Any]] = field(default_factory=list)
    departments_note: str | None = None

    def shown_departments(self) -> list[Department]:
        """The units to print: another place's marked as such or named as the local
        counterpart; the item's own where nothing was localized."""
        if not self.departments:
            return list(self.item.departments)
        return [
            Department(d.get("shown") or d["name"], d["as_printed"], bool(d["lead"]), d["basis"])
            for d in self.departments
        ]

    provenance: dict[str, Any] | None = None  # 自行导入: who structured it, when, reviewed
    guidance: dict[str, Any] | None = None  # 本地补充（非原文）: the office's own additions

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        """How lists name the measure: the curated summary, else the item's own title."""
        return self.summary or self.item.display_title

    def all_conditions(self) -> list[ConditionResult]:
        return list(self.conditions) + [c for b in self.benefits for c in b.conditions]

    def to_dict(self) -> dict[str, Any]:
        item, doc = self.item, self.document
        return {
            "measure_id": item.id,
            "document_id": item.document_id,
            "document_title": doc.title,
            "document_short_title": doc.short_title,
            "document_status": doc.status,
            "document_scope_note": doc.scope_note,
            "doc_number": doc.doc_number,
            "article": item.article,
            "locator": item.locator,
            "citation": self.citation,
            "title": item.display_title,
            "summary": self.summary,
            "status": self.status,
            "status_label": self.status_label,
            "conditions_status": self.conditions_status or self.status,
            "validity": self.validity.to_dict(),
            "amount": self.amount.to_dict(),
            "conditions": [c.to_dict() for c in self.conditions],
            "benefits": [b.to_dict() for b in self.benefits],
            "departments": self.departments or [d.to_dict() for d in item.departments],
            "departments_note": self.departments_note,
            "departments_text": item.departments_text,
            "notes": self.notes,
            "failed": self.failed,
            "missing": self.missing,
            "confirmations": self.confirmations,
            "imported": self.provenance is not None,
            "provenance": self.provenance,
            "local_guidance": self.guidance,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeasureResult:
        document = Document(
            id=data["document_id"],
            title=data.get("document_title") or "",
            short_title=data.get("document_short_title") or "",
            doc_number=data.get("doc_number"),
            issuer=None,
            region_code="",
            region_name="",
            scope_region_code="",
            scope_note=data.get("document_scope_note"),
            level="",
            doc_type="",
            issued=None,
            valid_from=None,
            valid_to=None,
            status=data.get("document_status"),
            evidence={},
            notes=[],
            source_file="",
            source_sha256="",
        )
        item = Item(
            id=data["measure_id"],
            document_id=data["document_id"],
            seq=0,
            kind="measure",
            article=data.get("article"),
            locator=data.get("locator") or "",
            path=[],
            title=data.get("title"),
            text="",
            departments=[_department(d) for d in data.get("departments") or []],
            departments_text=data.get("departments_text"),
            enterprise_facing=True,
        )
        return cls(
            item=item,
            document=document,
            citation=data.get("citation") or "",
            summary=data.get("summary") or "",
            status=data["status"],
            validity=dataclass_from_dict(Validity, data["validity"]),
            conditions=[condition_from_dict(c) for c in data.get("conditions") or []],
            benefits=[BenefitResult.from_dict(b) for b in data.get("benefits") or []],
            amount=amount_from_dict(data["amount"]),
            notes=list(data.get("notes") or []),
            failed=list(data.get("failed") or []),
            missing=list(data.get("missing") or []),
            confirmations=list(data.get("confirmations") or []),
            conditions_status=data.get("conditions_status") or data["status"],
            departments=[dict(d) for d in data.get("departments") or [] if "shown" in d],
            departments_note=data.get("departments_note"),
            provenance=data.get("provenance"),
            guidance=data.get("local_guidance"),
        )


def _department(data: dict[str, Any]) -> Department:
    # format 3 adds local and shown beside the item's own fields
    return Department(data["name"], data["as_printed"], bool(data["lead"]), data["basis"])


@dataclass
class SizeInfo:
    size: str | None
    label: str
    explanation: str
    working: dict[str, Any] | None
    override: dict[str, str] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "size_label": self.label,
            "explanation": self.explanation,
            "working": self.working,
            "override": self.override,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SizeInfo:
        return cls(
            data.get("size"),
            data.get("size_label") or "",
            data.get("explanation") or "",
            data.get("working"),
            data.get("override"),
        )


@dataclass
class MatchResult:
    as_of: date
    profile: Profile
    size: SizeInfo
    results: list[MeasureResult]
    totals: dict[str, Any]
    supplements: list[dict[str, Any]]
    data_version: str
    # measures of other regions: never results, only their ids (count: out_of_region)
    other_regions: list[str] = field(default_factory=list)
    # reopened: profile fields today's schema refuses, shown as saved (Chinese; not stored)
    profile_notes: list[str] = field(default_factory=list)
    # what the data contained, as people read it (core.data_label); "" when saved before
    data_version_label: str = ""

    @property
    def data_version_text(self) -> str:
        """The data version shown: the label, or the data code of an older saved result."""
        from desktop_app.core.data_label import shown_version

        return shown_version(self.data_version_label, self.data_version)

    def by_status(self, status: str) -> list[MeasureResult]:
        return [r for r in self.results if r.status == status]

    def counts(self) -> dict[str, int]:
        return {s: len(self.by_status(s)) for s in STATUSES}

    def measure(self, measure_id: str) -> MeasureResult | None:
        return next((r for r in self.results if r.item.id == measure_id), None)

    @property
    def total_text(self) -> str:
        return str(self.totals.get("eligible", {}).get("text") or "")

    def missing_label(self, key: str) -> str | None:
        """How the evaluation named a missing fact (its 补充信息 entry), if it did."""
        return next(
            (str(s["label"]) for s in self.supplements if s.get("key") == key and s.get("label")),
            None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "as_of": self.as_of.isoformat(),
            "data_version": self.data_version,
            "data_version_label": self.data_version_label,
            "profile": self.profile.to_dict(),
            "size": self.size.to_dict(),
            "counts": self.counts(),
            "out_of_region": len(self.other_regions),
            "other_regions": list(self.other_regions),
            "totals": self.totals,
            "results": [r.to_dict() for r in self.results],
            "supplements": self.supplements,
        }

    @classmethod
    def from_dict(cls, data: Any) -> MatchResult:
        """A stored result (any format this program has written); ResultFormatError otherwise.

        The profile is read back as stored (core.schema.stored_profile): the evaluation stays
        readable after a region retired, a fact was dropped or a limit grew stricter."""
        if not isinstance(data, dict):
            raise ResultFormatError("评估结果不是一个对象")
        version = data.get("format_version", 1)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ResultFormatError("这条评估记录由更新版本的程序保存，请升级本程序后查看。")
        # the profile as saved: what today's schema refuses is kept and noted, never raised
        from desktop_app.core.schema.stored_profile import read_stored_profile

        try:
            as_of = date.fromisoformat(data["as_of"])
            stored = read_stored_profile(data.get("profile") or {}, as_of)
            return cls(
                as_of=as_of,
                profile=stored.profile,
                profile_notes=stored.notes,
                size=SizeInfo.from_dict(data.get("size") or {}),
                results=[MeasureResult.from_dict(r) for r in data.get("results") or []],
                totals=dict(data.get("totals") or {}),
                supplements=list(data.get("supplements") or []),
                data_version=str(data.get("data_version") or ""),
                data_version_label=str(data.get("data_version_label") or ""),
                other_regions=[str(i) for i in data.get("other_regions") or []],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResultFormatError(f"评估结果已损坏，无法读取（{exc}）") from exc
