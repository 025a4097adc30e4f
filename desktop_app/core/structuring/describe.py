"""How a proposal reads to a person (the review list, the CLI's text output)."""

from __future__ import annotations

from desktop_app.core.eligibility.conditions import describe as describe_condition
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.overview import amount_rule_text
from desktop_app.core.eligibility.rules import BENEFIT_KINDS, parse_rules
from desktop_app.core.structuring import registry as reg
from desktop_app.core.structuring.proposal import Proposal

CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低"}


def describe_proposal(proposal: Proposal, registry: FactsRegistry) -> str:
    extended = reg.extended(registry, proposal.new_facts)
    try:
        if proposal.kind == "benefit":
            entry = {
                "summary": "",
                "benefits": [
                    {
                        "label": proposal.label or "",
                        "kind": proposal.benefit_kind or "other",
                        "quote": proposal.quote,
                        "amount": proposal.amount or {"type": "none"},
                    }
                ],
            }
            spec = parse_rules({"_": entry})["_"].benefits[0]
            amount = amount_rule_text(spec.amount, extended) or "原文未注明金额"
            kind = BENEFIT_KINDS.get(spec.kind, spec.kind)
            return f"{amount}　{proposal.label or kind}"  # labels carry their own （奖励）
        entry = {"summary": "", "conditions": [proposal.test or {}], "benefits": []}
        cond = parse_rules({"_": entry})["_"].conditions[0]
        return describe_condition(cond, extended)
    except (KeyError, TypeError, ValueError):
        return "（格式有误）"
