"""PySide6 asks of every module imported after it whether its source mentions "PySide6";
the app answers with one byte search instead of inspect.getsource (gui/pyside_feature_check.py).
The answer must be PySide6's own for every kind of module."""

from __future__ import annotations

import importlib
import inspect
import sys
from types import ModuleType

import desktop_app.gui  # noqa: F401  (installs the check)
from desktop_app.gui import pyside_feature_check

FEATURE = sys.modules[pyside_feature_check.FEATURE_MODULE]


def _pyside_answer(module: ModuleType) -> bool:
    """What PySide6 6.11's own check answers: is "PySide6" in the module's source?"""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_installed_check_is_ours_and_installing_twice_keeps_one() -> None:
    check = getattr(FEATURE, pyside_feature_check.CHECK_NAME)
    assert getattr(check, "_policy_desk", False)
    assert pyside_feature_check.install() is True
    assert getattr(FEATURE, pyside_feature_check.CHECK_NAME) is check


def test_it_answers_as_pyside_does_for_every_kind_of_module() -> None:
    check = getattr(FEATURE, pyside_feature_check.CHECK_NAME)
    names = [
        "desktop_app.gui.main_window",  # uses Qt
        "desktop_app.gui.tasks",
        "desktop_app.core.search.engine",  # the engine knows nothing of Qt
        "desktop_app.core.model",
        "desktop_app.gui",  # a package's __init__.py
        "json",  # the standard library
        "sys",  # built in: no source
        "_sqlite3",  # an extension module
    ]
    answers = {name: check(importlib.import_module(name)) for name in names}
    assert answers == {name: _pyside_answer(importlib.import_module(name)) for name in names}
    assert answers["desktop_app.gui.main_window"] and not answers["desktop_app.core.model"]
    assert not answers["sys"] and not answers["_sqlite3"]


def test_a_module_whose_file_is_gone_is_left_to_pyside(tmp_path) -> None:
    seen: list[ModuleType] = []
    module = ModuleType("gone")
    module.__file__ = str(tmp_path / "gone.py")  # as in a frozen build: no source file

    def fallback(m: ModuleType) -> bool:
        seen.append(m)
        return False

    assert pyside_feature_check.source_mentions_pyside(module, fallback) is False
    assert seen == [module]
    (tmp_path / "here.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    module.__file__ = str(tmp_path / "here.py")
    assert pyside_feature_check.source_mentions_pyside(module, fallback) is True
    assert seen == [module]
