"""What importing a package would change: per document new / updated / unchanged / kept,
and the measures whose amounts or conditions differ, side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.packages.container import text_sha256
from desktop_app.core.packages.export import document_entry

NEW, UPDATED, UNCHANGED, KEPT = "new", "updated", "unchanged", "kept"
ACTION_LABELS = {NEW: "新增", UPDATED: "更新", UNCHANGED: "无变化", KEPT: "保留本机结构化"}
# how a document is updated: a new version of a local one, or new rules for the same text
NEW_VERSION, RULES = "new_version", "rules"


@dataclass
class DocumentPlan:
    entry: dict[str, Any]  # the package's {id, version, document, items, rules}
    action: str
    local_id: str | None = None  # the library's document it matches
    how: str | None = None  # NEW_VERSION / RULES for an update
    conflict: bool = False  # both sides structured it differently
    measures: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        doc = self.entry["document"]
        return {
            "package_id": self.entry["id"],
            "title": doc["title"],
            "doc_number": doc["doc_number"],
            "text_sha256": text_sha256(doc["source_text"]),
            "action": self.action,
            "action_label": ACTION_LABELS[self.action],
            "local_id": self.local_id,
            "how": self.how,
            "rules_conflict": self.conflict,
            "items": len(self.entry["items"]),
            "rules": len(self.entry["rules"]),
            "measures_changed": self.measures,
        }


def measure_view(rule: dict[str, Any] | None) -> dict[str, Any] | None:
    """A measure's structuring as a person compares it: amount, conditions, benefits."""
    if rule is None:
        return None
    body = rule["rules"]
    conditions = [c.get("label") or c.get("quote") for c in body.get("conditions", [])]
    for benefit in body.get("benefits", []):
        conditions += [c.get("label") or c.get("quote") for c in benefit.get("conditions", [])]
    return {
        "amount": rule.get("amount_text"),
        "conditions": conditions,
        "benefits": [b.get("label") for b in body.get("benefits", [])],
        "structured_by": rule.get("structured_by"),
        "structured_at": rule.get("structured_at"),
    }


def _comparable(rule: dict[str, Any] | None, doc_id: str) -> str | None:
    if rule is None:
        return None
    return json.dumps(remap(rule["rules"], doc_id, "_"), sort_keys=True, ensure_ascii=False)


def remap(value: Any, old_doc: str, new_doc: str) -> Any:
    """Item ids inside rules (stacks_with) moved from one document id to another."""
    if isinstance(value, dict):
        return {k: remap(v, old_doc, new_doc) for k, v in value.items()}
    if isinstance(value, list):
        return [remap(v, old_doc, new_doc) for v in value]
    if isinstance(value, str) and value.startswith(f"{old_doc}-"):
        return new_doc + value[len(old_doc) :]
    return value


def _by_key(entry: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    rules = {r["item_id"]: r for r in entry["rules"]}
    out = {}
    for item in entry["items"]:
        key = f"{item['locator']}|{item['title'] or ''}|{item['seq']}"
        out[key] = (item, rules.get(item["id"]))
    return out


def measure_changes(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """Measures whose structuring differs between a local document and the package's."""
    old = _by_key(before) if before else {}
    changes = []
    for key, (item, rule) in _by_key(after).items():
        old_item, old_rule = old.get(key, (None, None))
        before_cmp = _comparable(old_rule, before["id"]) if before else None
        if before_cmp == _comparable(rule, after["id"]):
            continue
        changes.append(
            {
                "article": item["article"],
                "locator": item["locator"],
                "title": item["title"] or item["text"][:30],
                "local_item": old_item["id"] if old_item else None,
                "before": measure_view(old_rule),
                "after": measure_view(rule),
            }
        )
    return changes


def plan_import(
    library: PolicyLibrary, entries: list[dict[str, Any]], *, replace_rules: bool = False
) -> list[DocumentPlan]:
    by_text = {}
    by_file = {}
    for doc in library.documents():
        by_text[text_sha256(library.document_text(doc.id) or "")] = doc.id
        by_file[doc.source_sha256] = doc.id
    plans = []
    for entry in entries:
        doc = entry["document"]
        same = by_text.get(text_sha256(doc["source_text"])) or by_file.get(doc["source_sha256"])
        if same is not None:
            local = document_entry(library.conn, same)
            measures = measure_changes(local, entry)
            if not measures:
                plans.append(DocumentPlan(entry, UNCHANGED, same))
            elif local["rules"] and not replace_rules:
                plans.append(DocumentPlan(entry, KEPT, same, RULES, True, measures))
            else:
                plans.append(
                    DocumentPlan(entry, UPDATED, same, RULES, bool(local["rules"]), measures)
                )
            continue
        previous = library.previous_version_of(doc["title"], doc["doc_number"])
        if previous is not None:
            local = document_entry(library.conn, previous.id)
            plans.append(
                DocumentPlan(
                    entry, UPDATED, previous.id, NEW_VERSION, False, measure_changes(local, entry)
                )
            )
        else:
            plans.append(DocumentPlan(entry, NEW, None, None, False, measure_changes(None, entry)))
    return plans
