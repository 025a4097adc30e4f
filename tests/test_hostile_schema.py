"""Property tests over the schemas: for any input, validate_profile returns a Profile that
round-trips and that the engine evaluates, or raises ProfileError with Chinese problems —
never anything else."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hostile_inputs import SAMPLE, deep, has_chinese, profiles, values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.eligibility.engine import match
from desktop_app.core.schema import InputError, ProfileError, load_json
from desktop_app.core.schema.exchange import validate_entry, validate_evaluation
from desktop_app.core.schema.profile import validate_profile
from desktop_app.core.store import PolicyStore

AS_OF = date(2026, 12, 1)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _canonical(profile: Any) -> dict[str, Any]:
    from desktop_app.core.userdata.profiles import normalise_profile

    return normalise_profile(profile.to_dict())[1]


@FUZZ
@given(data=profiles)
def test_profile_schema_raises_only_profile_error(store: PolicyStore, data: Any) -> None:
    try:
        profile = validate_profile(data, as_of=AS_OF)
    except ProfileError as exc:
        assert exc.problems and all(has_chinese(p) for p in exc.problems), exc.problems
        return
    # what the schema accepts is stored as JSON, read back the same, and evaluated
    stored = _canonical(profile)
    text = json.dumps(stored, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates anywhere
    assert validate_profile(json.loads(text), as_of=AS_OF) == profile
    match(store, profile, AS_OF)


@FUZZ
@given(
    raw=st.binary(max_size=200)
    | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_json_loader_raises_only_input_error(raw: bytes) -> None:
    try:
        load_json(raw)
    except InputError as exc:
        assert has_chinese(str(exc))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (deep(100_000), "嵌套层数过多"),
        ('{"employees": ' + "9" * 5000 + "}", None),
        ('{"employees": 1e400}', None),
        ('{"employees": Infinity}', None),
        ("\ufeff{}", None),
        ("{", "不是有效的 JSON"),
    ],
)
def test_json_loader_keeps_bad_numbers_for_the_schema(text: str, message: str | None) -> None:
    if message:
        with pytest.raises(InputError, match=message):
            load_json(text)
        return
    data = load_json(text.encode("utf-8"))
    if data:
        with pytest.raises(ProfileError, match="从业人员"):
            validate_profile(data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"region": "３５０２０６"}, "350206"),
        ({"region": "٣٥٠٢٠٦"}, "350206"),
        ({"region": 350206}, "350206"),
        ({"employees": "１,２００"}, 1200.0),
        ({"established": "２０１９－０４－１８"}, date(2019, 4, 18)),
        ({"industry": "工 业"}, "工业"),
    ],
)
def test_other_digits_and_spellings_are_normalised(change: dict[str, Any], expected: Any) -> None:
    profile = validate_profile(SAMPLE | change, as_of=AS_OF)
    key = next(iter(change))
    assert getattr(profile, key) == expected


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region": "999999"}, "所在地区"),
        ({"region": "350402"}, "已停用"),
        ({"industry": "火星业"}, "所属行业"),
        ({"employees": "1_000"}, "从业人员"),
        ({"employees": 10**400}, "从业人员"),
        ({"revenue": "1e5"}, "营业收入"),
        ({"established": "2099-01-01"}, "成立日期"),
        ({"entity_type": []}, "主体类型"),
        ({"qualifications": [1]}, "资质第1项"),
        ({"qualifications": 5}, "资质"),
        ({"qualifications": True}, "资质"),
        ({"size_override": "large"}, "手动指定企业规模"),
        ({"region": "\ud800"}, "地区代码"),
        ({"established": "\ud800"}, "成立日期"),
        ({"industry": "\ud800"}, "所属行业"),
        ({"qualifications": [{"id": "\ud800"}]}, "未知的资质"),
        ({"facts": {"\ud800": 1}}, "未知的事项"),
    ],
)
def test_each_reported_failure_names_its_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile(SAMPLE | change, as_of=AS_OF)
    assert any(field in p for p in info.value.problems), info.value.problems


def test_founded_after_the_evaluation_date_is_refused_for_that_date_only() -> None:
    data = SAMPLE | {"established": "2025-06-01"}
    assert validate_profile(data, as_of=date(2026, 1, 1)).established == date(2025, 6, 1)
    with pytest.raises(ProfileError, match="晚于评估日期2024-01-01"):
        validate_profile(data, as_of=date(2024, 1, 1))


@FUZZ
@given(result=values)
def test_evaluation_schema_raises_only_input_error(result: Any) -> None:
    try:
        fields = validate_evaluation(result)
    except InputError as exc:
        assert exc.problems and all(has_chinese(p) for p in exc.problems)
        return
    assert set(fields) == {
        "as_of",
        "data_version",
        "eligible",
        "possible",
        "ineligible",
        "total_text",
    }


@FUZZ
@given(
    raw=st.one_of(
        values,
        st.fixed_dictionaries(
            {"profile": profiles},
            optional={
                "id": values,
                "updated": values,
                "created": values,
                "notes": values,
                "evaluations": values,
            },
        ),
    )
)
def test_export_entry_schema_never_raises(raw: Any) -> None:
    problems: list[str] = []
    notes: list[str] = []
    entry = validate_entry(1, raw, {}, problems, notes)
    if entry is None:
        assert problems  # a skipped entry always says why
    else:
        json.dumps(entry.profile, ensure_ascii=False).encode("utf-8")
    assert all(has_chinese(p) for p in problems + notes)
