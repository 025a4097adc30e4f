"""Accepted rules of an imported document written in the db/benefits format.

The file holds the item entries exactly as build-db reads them. Facts the rules need that
db/facts.yaml lacks (a rate's base, a count, a threshold of the document) travel in each entry
as `new_facts` in the library; the export leaves them out of the entries and lists them in the
header and in `facts_fragment`, for the developer to add to db/facts.yaml with the file.
"""

from __future__ import annotations

from typing import Any

NEW_FACTS_KEY = "new_facts"


def bare_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry as db/benefits holds it (without the library's own keys)."""
    return {k: v for k, v in entry.items() if k != NEW_FACTS_KEY}


def needed_facts(entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries.values():
        for fact in entry.get(NEW_FACTS_KEY, []):
            seen.setdefault(fact["id"], fact)
    return list(seen.values())


def facts_fragment(facts: list[dict[str, Any]]) -> str:
    """The facts as db/facts.yaml's `facts:` list items."""
    import yaml  # exported on request; the engine reads NEW_FACTS_KEY at every start

    if not facts:
        return ""
    rows = []
    for fact in facts:
        row = {"id": fact["id"], "label": fact["label"], "type": fact["type"]}
        if fact.get("unit"):
            row["unit"] = fact["unit"]
        if fact["type"] in ("integer", "number"):
            row.update({"min": 0, "max": 1000000000})
        row["group"] = fact.get("group") or "导入文件的事项"
        rows.append(row)
    return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000)


def export_yaml(title: str, entries: dict[str, dict[str, Any]], structured: str) -> str:
    """The rule file's text: a header naming the document, then one entry per item."""
    import yaml

    header = [
        f"# {title}：自行导入文件的结构化规则（policy-desk rules export）。",
        f"# {structured}",
    ]
    facts = needed_facts(entries)
    if facts:
        header.append("# 以下规则用到 db/facts.yaml 中尚无的事项，请一并加入其 facts 列表：")
        header += ["#   " + line for line in facts_fragment(facts).splitlines()]
    body = yaml.safe_dump(
        {item_id: bare_entry(entry) for item_id, entry in entries.items()},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return "\n".join(header) + "\n\n" + body
