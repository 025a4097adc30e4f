"""Structuring an imported document in the user library: propose, accept, export."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.overview import amount_rule_text, headline
from desktop_app.core.eligibility.rules import parse_rules
from desktop_app.core.library.store import PolicyLibrary, is_imported_id
from desktop_app.core.model import Document, Item
from desktop_app.core.structuring import registry as reg
from desktop_app.core.structuring.export import NEW_FACTS_KEY, export_yaml
from desktop_app.core.structuring.proposal import ItemProposals
from desktop_app.core.structuring.proposer import propose_items
from desktop_app.core.structuring.review import ItemReview, start_review

STRUCTURED_KINDS = ("measure", "general")  # a preamble or a report is never a benefit


class StructuringError(Exception):
    """A Chinese message for the user (unknown document, nothing to export…)."""


def current_user() -> str:
    try:
        return getpass.getuser() or "本机用户"
    except (OSError, KeyError):
        return "本机用户"


def imported_document(library: PolicyLibrary, document_id: str) -> Document:
    if not is_imported_id(document_id):
        raise StructuringError(
            f"{document_id} 是程序自带的文件，其规则已整理；只有自行导入的文件（imp-…）需要结构化。"
        )
    doc = next((d for d in library.documents() if d.id == document_id), None)
    if doc is None:
        raise StructuringError(
            f"找不到自行导入的文件 {document_id}（可运行 policy-desk documents 查看）。"
        )
    return doc


def structurable_items(library: PolicyLibrary, document_id: str) -> list[Item]:
    return [i for i in library.items(document_id) if i.kind in STRUCTURED_KINDS]


def propose_document(
    library: PolicyLibrary, document_id: str, registry: FactsRegistry | None = None
) -> list[ItemProposals]:
    imported_document(library, document_id)
    return propose_items(structurable_items(library, document_id), registry or load_registry())


def amount_text(entry: dict[str, Any], registry: FactsRegistry) -> str | None:
    rules = parse_rules({"_": entry})["_"]
    return headline([amount_rule_text(b.amount, registry, short=True) for b in rules.benefits])


@dataclass
class SaveOutcome:
    saved: list[str] = field(default_factory=list)
    not_enterprise: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)  # item id -> reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "saved": self.saved,
            "not_enterprise": self.not_enterprise,
            "refused": self.refused,
        }


def save_review(
    library: PolicyLibrary,
    review: ItemReview,
    *,
    structured_by: str,
    reviewed: bool,
    registry: FactsRegistry | None = None,
    outcome: SaveOutcome | None = None,
) -> SaveOutcome:
    """Save one item's accepted rules (or its 非企业可申请 mark) after the build-db check;
    what fails the check is refused with the reasons and nothing is written."""
    outcome = outcome or SaveOutcome()
    registry = registry or load_registry()
    errors = review.check(registry)
    if errors:
        outcome.refused[review.item.id] = errors
        return outcome
    if review.not_enterprise:
        library.set_enterprise_facing(review.item.id, False)
        outcome.not_enterprise.append(review.item.id)
        return outcome
    entry = review.entry()
    assert entry is not None  # check() passed
    extended = reg.extended(registry, entry.get(NEW_FACTS_KEY, []))
    library.set_rules(
        review.item.id,
        entry,
        structured_by=structured_by,
        amount_text=amount_text(entry, extended),
        unreviewed=not reviewed,
    )
    library.set_enterprise_facing(review.item.id, True)
    outcome.saved.append(review.item.id)
    return outcome


def accept_all_proposals(
    library: PolicyLibrary, document_id: str, structured_by: str | None = None
) -> SaveOutcome:
    """Every item's proposals accepted as they are, marked 未复核; items without a proposed
    benefit are left alone."""
    registry = load_registry()
    outcome = SaveOutcome()
    for result, item in zip(
        propose_document(library, document_id, registry),
        structurable_items(library, document_id),
        strict=True,
    ):
        if not any(p.kind == "benefit" for p in result.proposals):
            continue
        review = ItemReview(item, result.proposals)
        review.accept_all()
        save_review(
            library,
            review,
            structured_by=structured_by or current_user(),
            reviewed=False,
            registry=registry,
            outcome=outcome,
        )
    return outcome


def stored_review(library: PolicyLibrary, item: Item, registry: FactsRegistry) -> ItemReview:
    row = library.rules(item.id)
    return start_review(item, registry, row["rules"] if row else None)


def export_document(library: PolicyLibrary, document_id: str) -> str:
    doc = imported_document(library, document_id)
    entries: dict[str, dict[str, Any]] = {}
    latest = ""
    for item in library.items(document_id):
        row = library.rules(item.id)
        if row is not None and item.enterprise_facing:
            entries[item.id] = row["rules"]
            latest = max(latest, f"{row['structured_at'][:10]} {row['structured_by']}")
    if not entries:
        raise StructuringError(
            f"{document_id} 还没有已接受的规则，无可导出"
            "（先运行 rules accept 或在“结构化”中审核）。"
        )
    return export_yaml(doc.title, entries, f"最近结构化：{latest}；共 {len(entries)} 条措施")
