"""Evaluate every roster row against every measure: the engine's functions, reused.

Per row: the size class (engine `size_of`), then for each measure the engine's own result for
the values that measure reads (memo.MemoTree), then counts and total exactly as `match()` forms
them (the engine's `_sort_key` and `_total`). `explain()` gives one row's full MatchResult.

One precomputation rests on how the engine uses a place: a measure's verdict depends on the
enterprise's region only through `engine.region_contains(document scope, region)`. Two regions
that lie inside exactly the same documents' scopes therefore get the same verdicts, so each row
is evaluated with the first region seen with its pattern of scopes (the row keeps its own).
Without this, every county outside the office's area would be a new case for every measure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.core.batch.memo import MemoTree, Probe, RecordingProfile, probe_value
from desktop_app.core.batch.roster import Rejected, Roster, RosterRow
from desktop_app.core.eligibility import engine
from desktop_app.core.eligibility.amounts import NOT_COMPUTABLE, AmountResult
from desktop_app.core.eligibility.engine import (
    PolicySource,
    evaluate_measure,
    match,
    region_contains,
    rules_from_store,
    size_of,
)
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    POSSIBLE,
    STATUS_LABELS,
    MatchResult,
    MeasureResult,
    SizeInfo,
)
from desktop_app.core.eligibility.rules import MeasureRules
from desktop_app.core.eligibility.summaries import totals
from desktop_app.core.model import Document, Item
from desktop_app.core.size_class import SizeInputError

Progress = Callable[[int, str], None]
TOP_MEASURES = 5


class Cancelled(Exception):
    """The person stopped the screening; nothing of it is kept."""


class Verdict:
    """What the batch keeps of the engine's MeasureResult: status, amount and what is missing
    (the explanations are dropped, and with them most of the memory)."""

    # summary and citation: the engine's totals() names the measures it adds
    __slots__ = ("amount", "citation", "confirmations", "item", "missing", "status", "summary")

    def __init__(self, result: MeasureResult) -> None:
        self.item: Item = result.item
        self.summary: str = result.summary
        self.citation: str = result.citation
        self.status: str = result.status
        self.amount: AmountResult = result.amount
        self.missing: list[str] = result.missing
        self.confirmations: list[str] = result.confirmations


@dataclass
class Outcome:
    """One enterprise's statuses and amounts (the engine's results, in match()'s order)."""

    row: RosterRow
    size: SizeInfo
    results: list[Verdict]
    total: dict[str, Any]  # match()'s totals["eligible"]

    @property
    def name(self) -> str:
        return self.row.profile.name or ""

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    def top(self, n: int = TOP_MEASURES) -> list[Verdict]:
        return [r for r in self.results if r.status == ELIGIBLE][:n]

    def total_yuan(self) -> Decimal | None:
        t = self.total
        if t["kind"] == NOT_COMPUTABLE or t["value_yuan"] is None:
            return None
        return Decimal(t["value_yuan"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row.row,
            "name": self.row.profile.name,
            "profile": self.row.profile.to_dict(),
            "size": {"size": self.size.size, "size_label": self.size.label},
            "counts": self.counts(),
            "total": self.total,
            "results": [
                {"measure_id": r.item.id, "status": r.status, "amount": r.amount.to_dict()}
                for r in self.results
            ],
        }


@dataclass
class BatchResult:
    as_of: date
    data_version: str
    roster: Roster
    measures: list[Item]
    outcomes: list[Outcome]
    evaluations: int = 0  # how many times evaluate_measure actually ran
    notes: list[str] = field(default_factory=list)
    citations: dict[str, str] = field(default_factory=dict)
    data_version_label: str = ""  # what the data contains (core.data_label)

    @property
    def data_version_text(self) -> str:
        """The label, with the data code for a support person."""
        code = f"（数据代码 {self.data_version}）" if self.data_version else ""
        return (self.data_version_label or "程序内置政策数据") + code

    @property
    def rejected(self) -> list[Rejected]:
        return self.roster.rejected

    def by_measure(self) -> list[dict[str, Any]]:  # {"item", "eligible", "possible"}
        """For each measure, who qualifies and who may, with what the latter still lack."""
        out: dict[str, dict[str, Any]] = {
            m.id: {"item": m, "eligible": [], "possible": []} for m in self.measures
        }
        for outcome in self.outcomes:
            for r in outcome.results:
                if r.status in (ELIGIBLE, POSSIBLE):
                    out[r.item.id][r.status].append((outcome, r))
        return list(out.values())

    def to_dict(self, registry: FactsRegistry | None = None) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "data_version": self.data_version,
            "data_version_label": self.data_version_label,
            "source": self.roster.source,
            "sheet": self.roster.sheet,
            "header_row": self.roster.header_row,
            "columns": self.roster.columns_dict(),
            "enterprises": [o.to_dict() for o in self.outcomes],
            "rejected": [r.to_dict() for r in self.rejected],
            "measures": [
                {
                    "measure_id": m["item"].id,
                    "title": m["item"].display_title,
                    "eligible": [o.row.row for o, _ in m["eligible"]],
                    "possible": [o.row.row for o, _ in m["possible"]],
                }
                for m in self.by_measure()
            ],
            "notes": self.roster.notes + self.notes,
        }


def measures_in_force(store: PolicySource) -> list[Item]:
    """The measures `match()` evaluates, in its order."""
    rules = rules_from_store(store)
    return [i for i in store.all_items() if i.enterprise_facing and i.id in rules]


def eligible_total(results: list[Verdict]) -> dict[str, Any]:
    """match()'s totals["eligible"] for these results, by the engine's own function."""
    return dict(totals(results)["eligible"])  # type: ignore[arg-type]


class _ReadOnceStore:
    """The store as evaluate_measure sees it during a batch: a document and a citation are the
    same for every enterprise, so each is read once (everything else goes to the store)."""

    def __init__(self, store: PolicySource) -> None:
        self._store = store
        self._documents: dict[str, Document | None] = {}
        self._citations: dict[str, str] = {}

    def document(self, document_id: str) -> Document | None:
        if document_id not in self._documents:
            self._documents[document_id] = self._store.document(document_id)
        return self._documents[document_id]

    def citation(self, item: Item) -> str:
        if item.id not in self._citations:
            self._citations[item.id] = self._store.citation(item)
        return self._citations[item.id]

    @property
    def data_version(self) -> str:
        return self._store.data_version

    def all_items(self) -> list[Item]:
        return self._store.all_items()

    def rules(self) -> dict[str, MeasureRules]:
        return self._store.rules()

    def local_guidance(self, measure_id: str) -> dict[str, Any] | None:
        return self._store.local_guidance(measure_id)


class Screener:
    """Holds the per-measure memo trees for one store, date and registry."""

    def __init__(
        self, store: PolicySource, as_of: date, registry: FactsRegistry | None = None
    ) -> None:
        self.store = store
        self._read_once = _ReadOnceStore(store)
        self.as_of = as_of
        self.registry = registry or load_registry()
        self.rules = rules_from_store(store)
        self.measures = measures_in_force(store)
        self.scopes = sorted(
            {d.scope_region_code for m in self.measures if (d := store.document(m.document_id))}
        )
        self._region_of: dict[str, str] = {}  # region → the one evaluated in its place
        self._by_pattern: dict[tuple[bool, ...], str] = {}
        self._outside_cache: dict[str, frozenset[int]] = {}
        # per size class, one tree per measure: the size's working text is enterprise-specific
        self.trees: dict[tuple[Any, str], list[MemoTree]] = {}
        self.evaluations = 0
        self._totals: dict[tuple[int, ...], dict[str, Any]] = {}

    def _outside_positions(self, profile: Profile) -> frozenset[int]:
        """Measures match() leaves out of an enterprise's results for lying in other regions:
        the engine's own test (`_outside`)."""
        outside = engine._outside
        if profile.region is None:
            return frozenset()
        found = self._outside_cache.get(profile.region)
        if found is None:
            found = frozenset(
                n
                for n, m in enumerate(self.measures)
                if (doc := self._read_once.document(m.document_id)) and outside(doc, profile)
            )
            self._outside_cache[profile.region] = found
        return found

    def _stand_in(self, region: str) -> str:
        found = self._region_of.get(region)
        if found is None:
            pattern = tuple(region_contains(scope, region) for scope in self.scopes)
            found = self._region_of[region] = self._by_pattern.setdefault(pattern, region)
        return found

    def outcome(self, row: RosterRow) -> Outcome:
        profile = row.profile
        if profile.region is not None:
            stand_in = self._stand_in(profile.region)
            if stand_in != profile.region:
                profile = replace(profile, region=stand_in)
        size = size_of(profile)
        # the explanation quotes this enterprise's figures; statuses never depend on it
        plain_size = SizeInfo(size.size, size.label, "", None, size.override)
        seen: dict[Probe, Any] = {}

        def value_of(probe: Probe) -> Any:
            value = seen.get(probe, seen)
            if value is seen:
                value = seen[probe] = probe_value(profile, probe)
            return value

        trees = self.trees.get((size.size, size.label))
        if trees is None:
            trees = self.trees[(size.size, size.label)] = [MemoTree() for _ in self.measures]
        # leaves are (match()'s sort key, measure position, result): sorting them is match()'s
        # stable sort by status and amount
        # measures that read the same values share one key per enterprise
        keys: dict[tuple[Probe, ...] | None, Any] = {}
        leaves = []
        skipped = self._outside_positions(profile)
        for position, tree in enumerate(trees):
            if position in skipped:
                continue
            leaf = None
            if tree.consistent:
                probes = tree.probes
                key = keys.get(probes)
                if key is None and probes is not None:
                    try:
                        key = keys[probes] = tuple([value_of(p) for p in probes])
                    except TypeError:
                        key = None
                leaf = tree.lookup(value_of, key)
            if leaf is None:
                leaf = self._evaluate(position, profile, plain_size, tree)
            leaves.append(leaf)
        leaves.sort()
        results = [leaf[2] for leaf in leaves]
        eligible = tuple(id(r) for r in results if r.status == ELIGIBLE)
        total = self._totals.get(eligible)
        if total is None:
            total = self._totals[eligible] = eligible_total(results)
        return Outcome(row, size, results, total)

    def _evaluate(
        self, position: int, profile: Profile, size: SizeInfo, tree: MemoTree
    ) -> tuple[Any, int, Verdict]:
        item = self.measures[position]
        recorder = RecordingProfile(profile)
        result = evaluate_measure(
            self._read_once,
            item,
            self.rules[item.id],
            recorder,  # type: ignore[arg-type]
            size,
            self.as_of,
            self.registry,
        )
        self.evaluations += 1
        leaf = (engine._sort_key(result), position, Verdict(result))
        tree.insert(recorder.reads, leaf)
        return leaf


def screen(
    store: PolicySource,
    roster: Roster,
    as_of: date,
    *,
    registry: FactsRegistry | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    screener = Screener(store, as_of, registry)
    outcomes = []
    rejected = list(roster.rejected)
    total = len(roster.rows)
    step = max(1, total // 100)
    for n, row in enumerate(roster.rows):
        if n % step == 0:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(int(n * 100 / max(total, 1)), f"正在评估第 {n + 1} / {total} 家企业")
        try:
            outcomes.append(screener.outcome(row))
        except SizeInputError as exc:
            rejected.append(Rejected(row.row, str(exc)))
    rejected.sort(key=lambda r: r.row)
    roster.rejected = rejected
    if progress is not None:
        progress(100, f"已评估 {len(outcomes)} 家企业")
    return BatchResult(
        as_of,
        store.data_version,
        roster,
        screener.measures,
        outcomes,
        screener.evaluations,
        citations={m.id: store.citation(m) for m in screener.measures},
        data_version_label=getattr(store, "data_version_label", ""),
    )


def explain(store: PolicySource, outcome: Outcome, as_of: date) -> MatchResult:
    """The full result with every explanation, for one row opened or printed."""
    return match(store, outcome.row.profile, as_of)
