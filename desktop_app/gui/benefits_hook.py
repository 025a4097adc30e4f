"""The one place where curated benefits reach the window.

desktop_app.core.benefits (not written yet) will hold each item's reviewed benefits,
conditions and amount summary. Until it is wired in here, both lookups return nothing and
the views show their empty states; no other GUI module needs to change when it lands.
"""

from __future__ import annotations

from typing import Any


def amount_label(item_id: str) -> str | None:
    """A short amount for the results list (e.g. 最高50万元), or None when not known."""
    return None


def amount_item_ids() -> frozenset[str]:
    """Items with a curated amount: the search engine's has_amount filter and facet."""
    return frozenset()


def benefits_for(item_id: str) -> list[dict[str, Any]]:
    """Curated benefits for the detail pane's 待遇与条件 section.

    Each dict may carry: title, amount, summary, conditions (list of str), reference.
    Unknown keys are ignored; an empty list shows the "not curated yet" note.
    """
    return []
