"""Reusing the engine's own evaluation of a measure across enterprises.

A measure's verdict and amount are a function of the profile values its conditions and formulas
read. `evaluate_measure` is run on a recording stand-in for the profile that notes each value it
reads, in order; the result is filed in a tree under that sequence of values. Another
enterprise whose values follow a path already in the tree gets that result without evaluating
again; at the first value not yet seen, the measure is evaluated for real and the tree grows.
Because the engine reads the same thing first for every profile, and each later read depends only
on the values read before it, a path in the tree reproduces the engine's answer exactly — no rule
is restated here, and a change to the engine changes what is read and therefore what is cached.

What the tree keeps is the engine's MeasureResult for the first enterprise down that path: its
status, amount, missing facts and failed conditions hold for every enterprise on the path; its
display strings that quote the enterprise itself (the size working) do not, which is why the
batch shows statuses and amounts and asks `match()` for the explanation of one enterprise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any

Probe = tuple[Any, ...]
Read = tuple[Probe, Hashable]


def freeze(value: Any) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return value


def probe_value(profile: Any, probe: Probe) -> Hashable:
    kind = probe[0]
    if kind == "attr":
        return freeze(getattr(profile, probe[1]))
    if kind == "fact":
        return freeze(profile.facts.get(probe[1]))
    if kind == "has_fact":
        return probe[1] in profile.facts
    if kind == "facts":
        return freeze(dict(profile.facts))
    # "call": any other method of the profile, with its arguments
    return freeze(getattr(profile, probe[1])(*probe[2]))


class _FactsReader:
    """profile.facts as seen by the engine, noting which keys it looks at."""

    def __init__(self, facts: dict[str, Any], reads: list[Read]) -> None:
        self._facts = facts
        self._reads = reads

    def get(self, key: str, default: Any = None) -> Any:
        value = self._facts.get(key)
        self._reads.append((("fact", key), freeze(value)))
        return default if value is None and key not in self._facts else value

    def __getitem__(self, key: str) -> Any:
        value = self._facts[key]
        self._reads.append((("fact", key), freeze(value)))
        return value

    def __contains__(self, key: object) -> bool:
        found = key in self._facts
        self._reads.append((("has_fact", key), found))
        return found

    def __getattr__(self, name: str) -> Any:
        # anything else (items, keys, len…) depends on the whole dict
        self._reads.append((("facts",), freeze(dict(self._facts))))
        return getattr(self._facts, name)

    def __iter__(self) -> Any:
        self._reads.append((("facts",), freeze(dict(self._facts))))
        return iter(self._facts)

    def __len__(self) -> int:
        self._reads.append((("facts",), freeze(dict(self._facts))))
        return len(self._facts)


class RecordingProfile:
    """Stands in for a Profile during one evaluation and notes every value read from it."""

    def __init__(self, profile: Any) -> None:
        self.__dict__["_profile"] = profile
        self.__dict__["reads"] = []

    def __getattr__(self, name: str) -> Any:
        profile = self.__dict__["_profile"]
        reads: list[Read] = self.__dict__["reads"]
        if name == "facts":
            return _FactsReader(profile.facts, reads)
        value = getattr(profile, name)
        if callable(value):

            def call(*args: Any) -> Any:
                result = value(*args)
                reads.append((("call", name, tuple(args)), freeze(result)))
                return result

            return call
        reads.append((("attr", name), freeze(value)))
        return value


class _Node:
    __slots__ = ("children", "leaf", "probe")

    def __init__(self) -> None:
        self.probe: Probe | None = None
        self.children: dict[Hashable, _Node] = {}
        self.leaf: Any = None


class MemoTree:
    """The results of one measure, filed by the sequence of profile values they were read from.

    The engine evaluates every condition of a measure, so nearly always it reads the same
    sequence of values whatever they are: results read along that first sequence are kept in a
    flat table keyed by the tuple of values (one dictionary look-up); results read along any
    other sequence go into a tree that branches at each read."""

    def __init__(self) -> None:
        # the distinct probes of the first sequence, in order: a probe read twice gives the same
        # value both times, so these values determine the whole sequence
        self.probes: tuple[Probe, ...] | None = None
        self.sequence: tuple[Probe, ...] | None = None
        self.table: dict[tuple[Hashable, ...], Any] = {}
        self.root = _Node()
        self.consistent = True  # False if the engine ever read differently on the same path
        self.evaluations = 0

    def lookup(
        self, value_of: Callable[[Probe], Hashable], key: tuple[Hashable, ...] | None = None
    ) -> Any:
        """The result for a profile; `key` is the values of `probes` when already at hand."""
        if self.probes is not None:
            try:
                if key is None:
                    key = tuple(value_of(p) for p in self.probes)
                found = self.table.get(key)
            except TypeError:  # an unhashable value: only the tree can hold it (frozen)
                found = None
            if found is not None:
                return found
        return self._walk(value_of)

    def _walk(self, value_of: Callable[[Probe], Hashable]) -> Any:
        node = self.root
        while node.leaf is None:
            if node.probe is None:
                return None
            child = node.children.get(value_of(node.probe))
            if child is None:
                return None
            node = child
        return node.leaf

    def insert(self, reads: list[Read], result: Any) -> None:
        self.evaluations += 1
        sequence = tuple(p for p, _ in reads)
        if self.sequence is None:
            self.sequence = sequence
            self.probes = tuple(dict.fromkeys(sequence))
        if sequence == self.sequence:
            values = dict(reads)
            try:
                self.table[tuple(values[p] for p in self.probes or ())] = result
                return
            except TypeError:
                pass
        node = self.root
        for probe, value in reads:
            if node.leaf is not None:
                self.consistent = False
                return
            if node.probe is None:
                node.probe = probe
            elif node.probe != probe:
                self.consistent = False  # never trust this tree again; evaluate every time
                return
            node = node.children.setdefault(value, _Node())
        if node.probe is not None or node.children:
            self.consistent = False
            return
        node.leaf = result
