"""统一社会信用代码 and 联系方式 on the profile: checked as GB 32100-2015 says, optional, printed on
the 告知单 (PDF and Word) and the full report, carried by the roster, and never part of any
verdict. Evaluations saved before the fields existed still load."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from pdf_helpers import flat, page_texts

from desktop_app.core.batch.roster import read_roster
from desktop_app.core.credit_code import ALPHABET, check_character, credit_code_problem
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import MAX_CONTACT, Profile, ProfileError
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.notice.report import write_report
from desktop_app.core.store import PolicyStore
from tests.batch_helpers import HEADERS, ROWS, write_roster

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "xiamen-manufacturer.json"
# published codes of well-known companies (their check characters are the standard's)
PUBLISHED = ["91110108551385082Q", "91440300708461136T", "914403001922038216"]
AS_OF = date(2026, 12, 1)


def _sample(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data | extra


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_pass_and_are_kept_normalized(code: str) -> None:
    assert credit_code_problem(code) is None
    typed = " ".join(code[i : i + 6] for i in range(0, 18, 6)).lower()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in typed if c != " ")
    for text in (code, typed, full_width):
        assert Profile.from_dict(_sample(credit_code=text)).credit_code == code


def test_a_wrong_check_character_is_named_with_the_field() -> None:
    code = PUBLISHED[0]
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ProfileError) as caught:
        Profile.from_dict(_sample(credit_code=wrong))
    (message,) = caught.value.problems
    assert "统一社会信用代码" in message and "校验位" in message and f"“{code[-1]}”" in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("9111010855138508", "应为18位"),
        ("91110108551385O82Q", "不应出现的字符“O”"),
        (12, "应为文字"),
    ],
)
def test_malformed_codes_say_what_is_wrong(text: Any, words: str) -> None:
    with pytest.raises(ProfileError) as caught:
        Profile.from_dict(_sample(credit_code=text))
    assert any("统一社会信用代码" in p and words in p for p in caught.value.problems)


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_every_code_with_its_check_character_passes_and_no_other_does(first17: str) -> None:
    check = check_character(first17)
    assert credit_code_problem(first17 + check) is None
    assert all(credit_code_problem(first17 + c) for c in ALPHABET if c != check)


def test_blank_fields_are_accepted_and_contact_is_capped() -> None:
    profile = Profile.from_dict(_sample(credit_code="  ", contact=""))
    assert profile.credit_code is None and profile.contact is None
    assert Profile.from_dict(_sample(contact=" 王经理 13800000000 ")).contact == (
        "王经理 13800000000"
    )
    with pytest.raises(ProfileError) as caught:
        Profile.from_dict(_sample(contact="张" * (MAX_CONTACT + 1)))
    assert any("联系方式" in p for p in caught.value.problems)


def _verdicts(result: MatchResult) -> list[tuple[str, str, str | None]]:
    return [(m.item.id, m.status, m.amount.text) for m in result.results]


def test_fields_round_trip_and_never_change_a_verdict(store: PolicyStore) -> None:
    plain = Profile.from_dict(_sample())
    marked = Profile.from_dict(_sample(credit_code=PUBLISHED[1], contact="王经理 0592-1234567"))
    assert Profile.from_dict(marked.to_dict()) == marked
    a, b = match(store, plain, AS_OF), match(store, marked, AS_OF)
    assert _verdicts(a) == _verdicts(b) and a.totals == b.totals
    # an evaluation saved before the fields existed reads back without them
    old = a.to_dict()
    for key in ("credit_code", "contact"):
        old["profile"].pop(key)
    restored = MatchResult.from_dict(old)
    assert restored.profile.credit_code is None and _verdicts(restored) == _verdicts(a)
    assert MatchResult.from_dict(b.to_dict()).profile.credit_code == PUBLISHED[1]


def test_notice_and_report_print_the_code_and_contact(store: PolicyStore, tmp_path: Path) -> None:
    profile = Profile.from_dict(_sample(credit_code=PUBLISHED[2], contact="王经理 0592-1234567"))
    result = match(store, profile, AS_OF)
    office = OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")
    for brief in (True, False):
        pdf, docx = tmp_path / f"r{brief}.pdf", tmp_path / f"r{brief}.docx"
        write_report(result, pdf, brief=brief, office=office, generated=AS_OF)
        write_report(result, docx, brief=brief, office=office, generated=AS_OF)
        first = flat(page_texts(pdf.read_bytes())[0])
        word = flat("".join(p.text for p in Document(str(docx)).paragraphs))
        for text in (first, word):
            assert f"统一社会信用代码：{PUBLISHED[2]}" in text, brief
            assert "联系方式：王经理0592-1234567" in text, brief
    # not entered: no empty label on the notice
    pdf = tmp_path / "plain.pdf"
    write_report(match(store, Profile.from_dict(_sample()), AS_OF), pdf, generated=AS_OF)
    first = flat(page_texts(pdf.read_bytes())[0])
    assert "统一社会信用代码" not in first and "联系方式" not in first


def test_roster_codes_reach_the_profile_when_valid(tmp_path: Path) -> None:
    headers = [*HEADERS, "统一社会信用代码"]
    rows = [[*ROWS[0], PUBLISHED[0].lower()], [*ROWS[1], PUBLISHED[1][:-1] + "0"]]
    path = write_roster(tmp_path / "名册.xlsx", rows)
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for col, header in enumerate(headers, start=1):
        sheet.cell(row=2, column=col, value=header)
    book.save(path)
    roster = read_roster(path)
    good, typo = roster.rows
    assert good.profile.credit_code == PUBLISHED[0]
    # a mistyped code keeps the row in the screening and stays as typed for the workbook
    assert typo.profile.credit_code is None and typo.credit_code == PUBLISHED[1][:-1] + "0"


def test_a_saved_evaluation_with_a_code_refused_today_reopens_with_it(store: PolicyStore) -> None:
    result = match(store, Profile.from_dict(_sample(contact="王经理")), AS_OF)
    saved = result.to_dict()
    wrong = PUBLISHED[0][:-1] + "0"
    saved["profile"]["credit_code"] = wrong  # as if saved under a laxer rule
    reopened = MatchResult.from_dict(saved)
    assert reopened.profile.credit_code == wrong and reopened.profile.contact == "王经理"
    assert any("统一社会信用代码" in note for note in reopened.profile_notes)
