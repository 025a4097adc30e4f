"""Hypothesis strategies for hostile input, shared by the hostile suites: values a careful
tester throws at every field (wrong types, lone surrogates, huge and non-finite numbers,
other scripts' digits, deep nesting) mixed with valid ones so that both paths are walked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLE: dict[str, Any] = json.loads(
    (ROOT / "resources" / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
)

NASTY_TEXT = [
    "\ud800",
    "a\udcffb",
    "",
    "   ",
    "1_000",
    "1e5",
    "0x10",
    "١٢٣",
    "３５０２０６",
    "٣٥٠٢٠٦",
    "350206",
    "999999",
    "350402",
    "9" * 5000,
    "-0",
    "NaN",
    "Infinity",
    "1,000",
    "1,00",
    "2099-01-01",
    "2021-02-30",
    "0001-01-01",
    "9999-12-31",
    "２０２１－０５－０１",
    "火星业",
    "工业",
    "enterprise",
    "individual_business",
    "specialized_sme",
    "\x00\x1b[31m",
    "<b>x</b>",
    "名" * 400,
    "🏭",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**30), 2**63, 2**64 + 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(NASTY_TEXT),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _field(valid: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(valid), values)


qualification = st.one_of(
    values,
    st.fixed_dictionaries(
        {"id": st.one_of(st.sampled_from(["specialized_sme", "high_tech"]), values)},
        optional={"granted": _field("2023-06-30")},
    ),
)
facts = st.one_of(
    values,
    st.dictionaries(
        st.one_of(st.sampled_from(list(SAMPLE["facts"])), st.sampled_from(NASTY_TEXT)),
        values,
        max_size=5,
    ),
    st.just(SAMPLE["facts"]),
)
profiles = st.one_of(
    values,
    st.fixed_dictionaries(
        {},
        optional={
            "name": _field(SAMPLE["name"]),
            "region": _field(SAMPLE["region"]),
            "industry": _field(SAMPLE["industry"]),
            "employees": _field(SAMPLE["employees"]),
            "revenue": _field(SAMPLE["revenue"]),
            "assets": _field(SAMPLE["assets"]),
            "established": _field(SAMPLE["established"]),
            "entity_type": _field(SAMPLE["entity_type"]),
            "qualifications": st.one_of(values, st.lists(qualification, max_size=4)),
            "facts": facts,
            "size_override": st.one_of(
                values,
                st.fixed_dictionaries(
                    {"size": st.one_of(st.just("small"), values), "reason": values}
                ),
            ),
        },
    ),
)


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
