"""Propose benefits and conditions for an item's text, in the db/benefits rule format.

Every proposal quotes the item's text and passes the same validation as `build-db`
(`assemble.check_proposal`); a candidate that fails is dropped and listed in `rejected`, so a
proposal never carries a number absent from its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from desktop_app.core.citation import locator_phrase
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.model import Item
from desktop_app.core.structuring import registry as reg
from desktop_app.core.structuring.amount_finder import find_amounts
from desktop_app.core.structuring.amount_sentence import FoundAmount
from desktop_app.core.structuring.assemble import check_proposal
from desktop_app.core.structuring.clauses import Span, clauses, sentences
from desktop_app.core.structuring.condition_finder import FoundCondition, find_conditions
from desktop_app.core.structuring.lexicon import Lexicon, load_lexicon
from desktop_app.core.structuring.proposal import ItemProposals, Proposal

_SUBJECT = re.compile(r"^(?:对|凡|鼓励|支持|企业|经|获得|被|新)")
_HANDLER_RE = re.compile(r"由([^，。；、]{2,20}?)(?:负责|受理|组织实施|审核|兑现|牵头|具体实施)")
_HANDLER_LABEL_RE = re.compile(
    r"(?:责任单位|牵头单位|受理单位|受理部门|实施单位)[:：]\s*([^。；\n]{2,60})"
)
_AMOUNT_FACT_KEY = {
    "per_unit": "count_fact",
    "rate": "base_fact",
    "interest": "base_fact",
    "full": "base_fact",
}
_BENEFIT_LABELS = {"interest_subsidy": "贴息", "guarantee": "担保补助", "tax_fee": "税费减免"}


def _quote_span(sentence: Span, start: int, end: int) -> tuple[int, int]:
    """Item offsets of the comma clauses that cover [start, end), with the clause naming who
    gets it (对…的企业) when it comes just before."""
    parts = clauses(sentence)
    covered = [i for i, c in enumerate(parts) if c.end > start and c.start < end] or [0]
    first, last = covered[0], covered[-1]
    while first > 0 and not _SUBJECT.match(parts[first].text) and last - first < 2:
        first -= 1
    return parts[first].start, parts[last].end


def _kind(text: str, lex: Lexicon) -> str:
    for word, kind in lex.benefit_kinds:
        if word in text:
            return kind
    return "grant"


def _label(quote: str, found: FoundAmount | None, kind: str, lex: Lexicon) -> str:
    if found is not None and found.tier_label:
        head = found.tier_label
    else:
        head = re.split(r"[，,]", quote)[0]
        head = re.sub(r"^(?:对|凡)", "", head)
        head = re.sub(r"的$", "", head)
    word = next((w for w, _ in lex.benefit_kinds if w in quote), None) or _BENEFIT_LABELS.get(
        kind, "支持"
    )
    head = head if len(head) <= 24 else head[:24] + "…"
    return head if head.endswith(word) else f"{head}（{word}）"


def _tier_group(sentence: Span, found: FoundAmount) -> str | None:
    """Tiers of one enumeration (not year parts, which are all paid) form one group."""
    if found.tier_index is None or (found.tier_label or "").startswith("第"):
        return None
    return f"tiers-{sentence.start + found.start}"


def _payer(sentence: str, lex: Lexicon) -> str | None:
    return next((p for p in lex.payers if p in sentence), None)


def _handler(item: Item) -> str | None:
    m = _HANDLER_RE.search(item.text) or _HANDLER_LABEL_RE.search(item.text)
    if m:
        return m.group(1).strip().rstrip("）)")
    if item.departments:
        return "、".join(d.name for d in item.departments)
    return None


class _ItemWork:
    def __init__(self, item: Item, registry: FactsRegistry, lex: Lexicon) -> None:
        self.item, self.registry, self.lex = item, registry, lex
        self.out: list[Proposal] = []
        self.rejected: list[str] = []
        self.handler = _handler(item)
        self.counter = {"benefit": 0, "condition": 0}

    def next_id(self, kind: str) -> str:
        self.counter[kind] += 1
        return f"{kind[0]}{self.counter[kind]}"

    def keep_condition(
        self,
        start: int,
        end: int,
        test: dict[str, Any],
        confidence: str,
        applies_to: list[str],
        notes: list[str] | None = None,
        new_facts: list[dict[str, Any]] | None = None,
    ) -> bool:
        """A condition resting on the item's text [start, end), its test quoting that text."""
        quote = self.item.text[start:end]
        return self.keep(
            Proposal(
                id=self.next_id("condition"),
                kind="condition",
                quote=quote,
                start=start,
                end=end,
                test=_with_quote(test, quote),
                confidence=confidence,
                applies_to=list(applies_to),
                notes=notes or [],
                new_facts=new_facts or [],
            )
        )

    def keep(self, proposal: Proposal) -> bool:
        registry = reg.extended(self.registry, proposal.new_facts)
        errors = check_proposal(self.item, proposal, registry)
        if errors:
            self.rejected.append("；".join(errors))
            return False
        self.out.append(proposal)
        return True

    def amount_fact(self, found: FoundAmount, amount: dict[str, Any]) -> list[dict[str, Any]]:
        key = _AMOUNT_FACT_KEY.get(amount["type"])
        if key is None or found.base_label is None:
            return []
        # a rate's base or a count belongs to this measure, not to the enterprise in general
        # named as a citation names the place (第二条, 第（十四）条), never 第第二条条
        scope = locator_phrase(self.item) if self.item.article else self.item.display_title[:12]
        label = f"{found.base_label}（{scope}）"
        unit = found.base_unit if amount["type"] != "per_unit" else amount.get("count_unit")
        existing = reg.find_by_label(self.registry, label, unit)
        fid = existing or reg.fact_id(self.item.id, label, unit)
        amount[key] = fid
        if existing:
            return []
        kind = "integer" if amount["type"] == "per_unit" else "number"
        return [{"id": fid, "label": label, "type": kind, "unit": unit}]

    def benefit(self, sentence: Span, found: FoundAmount) -> Proposal | None:
        start, end = _quote_span(sentence, sentence.start + found.start, sentence.start + found.end)
        quote = self.item.text[start:end]
        amount = dict(found.amount)
        new_facts = self.amount_fact(found, amount)
        kind = _kind(quote, self.lex)
        proposal = Proposal(
            id=self.next_id("benefit"),
            kind="benefit",
            quote=quote,
            start=start,
            end=end,
            amount=amount,
            label=_label(quote, found, kind, self.lex),
            benefit_kind=kind,
            payer=_payer(sentence.text, self.lex),
            handler=self.handler,
            confidence=found.confidence,
            notes=list(found.notes),
            new_facts=new_facts,
            group=_tier_group(sentence, found),
        )
        return proposal if self.keep(proposal) else None

    def condition(self, sentence: Span, found: FoundCondition, applies_to: list[str]) -> None:
        start, end = sentence.start + found.start, sentence.start + found.end
        test = dict(found.test)
        new_facts: list[dict[str, Any]] = []
        if found.new_fact is not None:
            raw = found.new_fact
            fid = reg.find_by_label(self.registry, raw["label"], raw["unit"])
            if fid is None:
                fid = reg.fact_id("threshold", raw["label"], raw["unit"])
                new_facts.append({"id": fid, **raw})
            test["fact"] = fid
        self.keep_condition(
            start, end, test, found.confidence, applies_to, list(found.notes), new_facts
        )

    def tier_condition(self, sentence: Span, found: FoundAmount, benefit_id: str) -> None:
        """A tier's own condition: its qualification when it names one, else a person checks
        which tier the enterprise is in."""
        label = found.tier_label
        if not label or label.startswith("第"):
            return
        part = next((c for c in clauses(sentence) if label[:2] in c.text), None)
        if part is None:
            return
        qid = next((q for w, q in self.lex.qualifications if w in label), None)
        at = self.item.text.find(label, part.start, part.end)
        if qid is not None and at >= 0:
            test: dict[str, Any] = {"test": "qualification", "any_of": [qid]}
            if any(w in sentence.text for w in self.lex.new_recognition):
                test["new"] = True
            start, end = at, at + len(label)
        else:
            test = {"test": "confirm", "wording": f"符合“{label}”一档（分档条件）"}
            start, end = part.start, part.end
        self.keep_condition(start, end, test, "medium", [benefit_id])

    def tier_spans(self, sentence: Span, found: list[FoundAmount]) -> list[tuple[int, int]]:
        """Sentence spans of the enumerated tiers, whose words are conditions of one tier each."""
        spans = []
        for amount in found:
            if amount.tier_label and not amount.tier_label.startswith("第"):
                part = next((c for c in clauses(sentence) if amount.tier_label[:2] in c.text), None)
                if part is not None and part.start - sentence.start < amount.start:
                    spans.append((part.start - sentence.start, amount.start))
        return spans

    def dedupe(self) -> None:
        """One proposal per distinct condition and target (升规 and 纳入规模以上 are one test)."""
        seen: set[str] = set()
        kept = []
        for proposal in self.out:
            if proposal.kind == "condition" and proposal.test:
                bare = {k: v for k, v in proposal.test.items() if k != "quote"}
                key = repr((sorted(bare.items()), proposal.applies_to))
                if key in seen:
                    continue
                seen.add(key)
            kept.append(proposal)
        self.out = kept


def _with_quote(test: dict[str, Any], quote: str) -> dict[str, Any]:
    if test["test"] in ("any_of", "all_of"):
        children = [_with_quote(c, quote) for c in test["conditions"]]
        return {**test, "conditions": children}
    return {**test, "quote": quote}


def propose_item(
    item: Item, registry: FactsRegistry | None = None, lexicon: Lexicon | None = None
) -> ItemProposals:
    lex = lexicon or load_lexicon()
    work = _ItemWork(item, registry or load_registry(), lex)
    plan: list[tuple[Span, list[FoundAmount], list[str]]] = []
    for sentence in sentences(item.text):
        found = find_amounts(sentence, lex)
        ids = []
        for amount in found:
            proposal = work.benefit(sentence, amount)
            if proposal is not None:
                ids.append(proposal.id)
                work.tier_condition(sentence, amount, proposal.id)
        plan.append((sentence, found, ids))
    if not any(ids for _, _, ids in plan):
        _plain_benefit(work, lex)
    for sentence, found, ids in plan:
        spans = [(f.start, f.end) for f in found if f.amount["type"] != "none"]
        spans += work.tier_spans(sentence, found)
        for cond in find_conditions(sentence, lex, spans):
            work.condition(sentence, cond, ids)
    work.dedupe()
    return ItemProposals(item.id, item.article, work.out, work.rejected)


def _fallback_kind(text: str, lex: Lexicon) -> str | None:
    for word, kind in lex.benefit_kinds + lex.fallback_kinds:
        if word in text:
            return kind
    return None


def _plain_benefit(work: _ItemWork, lex: Lexicon) -> None:
    """No figure anywhere: the first sentence that offers something is a benefit of no stated
    amount, of the kind its words say (a service, financing, a procurement share…)."""
    for sentence in sentences(work.item.text):
        kind = _fallback_kind(sentence.text, lex)
        if kind is None:
            continue
        span = sentence if len(sentence.text) <= 90 else _word_clause(sentence, lex) or sentence
        found = FoundAmount(
            0, len(span.text), {"type": "none"}, confidence="low", notes=["原文未注明金额"]
        )
        proposal = work.benefit(span, found)
        if proposal is not None:
            proposal.benefit_kind = _fallback_kind(span.text, lex) or kind
            return


def _word_clause(sentence: Span, lex: Lexicon) -> Span | None:
    for clause in clauses(sentence):
        if _fallback_kind(clause.text, lex) is not None:
            return clause
    return None


def propose_items(
    items: Iterable[Item], registry: FactsRegistry | None = None
) -> list[ItemProposals]:
    registry = registry or load_registry()
    lex = load_lexicon()
    return [propose_item(item, registry, lex) for item in items]
