"""The wizard's first page asks for 统一社会信用代码 and 联系方式: a wrong check character is
said under the field as soon as all 18 characters are typed, the evaluation refuses it with
the same words, and a valid code and contact are saved and come back when reopened."""

from __future__ import annotations

from typing import Any

from conftest import screenshot
from wizard_helpers import type_into

from desktop_app.core.credit_code import credit_code_problem
from desktop_app.core.store import PolicyStore
from desktop_app.gui.wizard.wizard import EvaluationWizard

CODE = "91110108551385082Q"  # a published code


def _wizard(qtbot: Any, store: PolicyStore, user_data: Any) -> EvaluationWizard:
    wizard = EvaluationWizard(store, user_data, None, None)
    qtbot.addWidget(wizard)
    wizard.resize(1266, 708)
    wizard.show()
    return wizard


def test_code_is_checked_as_typed_and_kept(
    qtbot: Any, gui_app: Any, store: PolicyStore, user_data: Any
) -> None:
    wizard = _wizard(qtbot, store, user_data)
    page = wizard.basic
    type_into(qtbot, page.credit_code, CODE[:10])
    assert not page.credit_code_error.isVisible()  # not yet 18 characters: no red line
    page.credit_code.setText(CODE[:-1] + "0")
    assert page.credit_code_error.isVisible()
    assert page.credit_code_error.text() == credit_code_problem(CODE[:-1] + "0")
    assert "统一社会信用代码" in page.credit_code_error.text()
    screenshot(wizard, "wizard-credit-code-error")

    page.credit_code.setText(CODE.lower())
    assert not page.credit_code_error.isVisible()
    type_into(qtbot, page.contact, "王经理 13800000000")
    type_into(qtbot, page.name, "测试企业")
    profile = wizard.profile()
    assert profile.credit_code == CODE and profile.contact == "王经理 13800000000"

    assert wizard.save()
    repo = user_data.repository(wizard)
    assert repo is not None and wizard.record_id is not None
    record = repo.get(wizard.record_id)
    again = _wizard(qtbot, store, user_data)
    again.controller.start(record)
    assert again.basic.credit_code.text() == CODE
    assert again.basic.contact.text() == "王经理 13800000000"
