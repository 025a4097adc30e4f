"""An evaluation saved long ago reopens and prints as computed even when its saved profile
fails today's stricter schema: each refused field is kept as saved and marked, never raised."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_helpers import flat, page_texts

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.eligibility.results import MatchResult, ResultFormatError
from desktop_app.core.pdf.summary import summary_builder
from desktop_app.core.schema.stored_profile import read_stored_profile
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.profiles import ProfileRepository, pack_result
from desktop_app.core.userdata.user_db import open_user_db

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = json.loads(
    (ROOT / "resources" / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
)
AS_OF = date(2026, 11, 22)

# field → (a value saved once that today's schema refuses, what the reopened profile holds,
# a word its note names)
REFUSED: dict[str, tuple[Any, Any, str]] = {
    "region": ("999999", "999999", "所在地区"),
    "industry": ("火星业", "火星业", "所属行业"),
    "employees": (20_000_000, 20_000_000.0, "从业人员"),
    "established": ("2099-01-01", date(2099, 1, 1), "成立日期"),
    "entity_type": ("合伙企业", "合伙企业", "主体类型"),
    "qualifications": (["已撤销的资质"], "已撤销的资质", "已取得资质"),
    "facts": ({"已删除的事项": True}, {"已删除的事项": True}, "已删除的事项"),
    "size_override": ({"size": "huge", "reason": "旧版"}, "huge", "手动指定规模"),
}


def _format(stored: dict[str, Any], version: int) -> dict[str, Any]:
    """What format `version` looked like: 1 had no format_version and no v2 measure keys;
    2 had no other regions."""
    old = json.loads(json.dumps(stored, ensure_ascii=False))
    if version <= 2:
        old.pop("other_regions", None)
        old.pop("out_of_region", None)
        old["format_version"] = 2
    if version == 1:
        del old["format_version"]
        for measure in old["results"]:
            for key in ("document_short_title", "document_status", "document_scope_note"):
                measure.pop(key, None)
    return old


@pytest.fixture(scope="module")
def computed(store: PolicyStore) -> MatchResult:
    return match(store, Profile.from_dict(SAMPLE), AS_OF)


def _held(profile: Profile, field: str) -> Any:
    value = getattr(profile, field)
    if field == "qualifications":
        return value[-1].id
    if field == "size_override":
        return value.size
    return value


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("field", sorted(REFUSED))
def test_a_refused_field_is_shown_as_saved_and_marked(
    computed: MatchResult, version: int, field: str
) -> None:
    saved, held, word = REFUSED[field]
    profile = {**SAMPLE, field: saved}
    with pytest.raises(ProfileError):
        Profile.from_dict(profile, as_of=AS_OF)  # today's schema refuses it
    stored = _format({**computed.to_dict(), "profile": profile}, version)
    reopened = MatchResult.from_dict(stored)
    assert _held(reopened.profile, field) == held
    assert any(word in note and "保存时" in note for note in reopened.profile_notes)
    # everything else as computed
    assert reopened.counts() == computed.counts()
    assert [r.item.id for r in reopened.results] == [r.item.id for r in computed.results]
    assert reopened.profile.name == computed.profile.name
    others = [f for f in REFUSED if f != field and f not in ("facts", "qualifications")]
    for other in others:
        assert getattr(reopened.profile, other) == getattr(computed.profile, other)


def test_the_printout_shows_the_saved_values_and_says_so(computed: MatchResult) -> None:
    profile = {**SAMPLE, "region": "999999", "employees": 20_000_000}
    reopened = MatchResult.from_dict({**computed.to_dict(), "profile": profile})
    text = flat("".join(page_texts(summary_builder(reopened, generated=AS_OF).build_bytes())))
    assert "999999" in text and "20000000" in text.replace(",", "")
    assert "保存时的内容" in text and "不再接受" in text


def test_the_result_page_shows_the_saved_values_and_says_so(computed: MatchResult) -> None:
    from desktop_app.gui.views.result_html import summary_html

    profile = {**SAMPLE, "region": "999999"}
    reopened = MatchResult.from_dict({**computed.to_dict(), "profile": profile})
    html = summary_html(reopened, "样例")
    assert "保存时的内容" in html and all(note in html for note in reopened.profile_notes)
    assert "保存时的内容" not in summary_html(computed, "样例")


def test_an_old_evaluation_in_the_user_database_reopens(
    computed: MatchResult, tmp_path: Path
) -> None:
    opened = open_user_db(tmp_path / "user.sqlite")
    repo = ProfileRepository(opened.conn)
    record = repo.save(SAMPLE, evaluation=computed.to_dict())
    old = _format({**computed.to_dict(), "profile": {**SAMPLE, "industry": "火星业"}}, 1)
    opened.conn.execute("UPDATE evaluations SET result = ?", (pack_result(old),))
    evaluation = repo.evaluations(record.id)[0]
    reopened = MatchResult.from_dict(repo.get_evaluation(evaluation.id).result)
    opened.conn.close()
    assert reopened.profile.industry == "火星业" and reopened.profile_notes


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    profile=st.dictionaries(
        st.sampled_from([*REFUSED, "name", "revenue", "assets", "其他"]), _JSON, max_size=8
    )
    | _JSON
)
def test_any_saved_profile_reopens_or_is_refused_by_name(
    computed: MatchResult, profile: Any
) -> None:
    """Whatever was saved as the profile, reading it back never raises anything but the
    result's own error, and the lenient reader itself never raises."""
    read_stored_profile(profile, AS_OF)
    try:
        reopened = MatchResult.from_dict({**computed.to_dict(), "profile": profile})
    except ResultFormatError:
        return
    assert reopened.counts() == computed.counts()
