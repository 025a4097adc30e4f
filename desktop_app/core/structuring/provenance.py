"""Accepted rules of imported items as the engine reads them: the db/benefits entry with who
structured it and when, and whether a person has reviewed it (未复核 until then)."""

from __future__ import annotations

import sys
from typing import Any

from desktop_app.core.dates import iso_date_text
from desktop_app.core.structuring.export import NEW_FACTS_KEY

FACTS_MODULE = "desktop_app.core.eligibility.facts"

IMPORTED_BADGE = "自行导入"
UNREVIEWED_BADGE = "未复核"


def entries_with_provenance(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Library rule rows -> entries with `provenance`; their facts join the registry."""
    entries: dict[str, dict[str, Any]] = {}
    new_facts: dict[str, dict[str, Any]] = {}
    for item_id, row in rows.items():
        entry = dict(row["rules"])
        for fact in entry.pop(NEW_FACTS_KEY, []):
            new_facts.setdefault(fact["id"], fact)
        entry["provenance"] = {
            "structured_by": row["structured_by"],
            "structured_at": row["structured_at"],
            "unreviewed": bool(row["unreviewed"]),
        }
        entries[item_id] = entry
    _share_facts(new_facts)
    return entries


def _share_facts(new_facts: dict[str, dict[str, Any]]) -> None:
    """The imported rules' own facts join every facts registry loaded from now on. With none,
    and no registry loaded yet (a start-up with no structured import), there is nothing to
    tell: the registry's modules load when something first needs them, not at start-up."""
    if not new_facts and FACTS_MODULE not in sys.modules:
        return
    from desktop_app.core.eligibility.facts import set_imported_facts
    from desktop_app.core.structuring.registry import fact_def

    set_imported_facts([fact_def(fact) for fact in new_facts.values()])


def badge_text(provenance: dict[str, Any] | None) -> str | None:
    """自行导入（张三 2026年12月1日 结构化，未复核）, or None for a bundled measure."""
    if provenance is None:
        return None
    when = iso_date_text(str(provenance.get("structured_at") or "")) or "未注明日期"
    who = provenance.get("structured_by") or "未注明"
    tail = f"，{UNREVIEWED_BADGE}" if provenance.get("unreviewed") else ""
    return f"{IMPORTED_BADGE}（{who} {when} 结构化{tail}）"


def local_info(store: Any, item_id: str) -> dict[str, Any]:
    """What the detail pane shows beside the text: provenance of an imported measure's rules
    and the office's local guidance (keys as in a match result)."""
    rules = store.imported_rules().get(item_id) if store.is_imported(item_id) else None
    return {
        "provenance": rules.get("provenance") if rules else None,
        "guidance": store.local_guidance(item_id),
    }
