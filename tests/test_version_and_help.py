"""The version has one source of truth, and every subcommand explains itself in Chinese."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_version_matches_pyproject() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert data["project"]["version"] == __version__


def test_every_subcommand_has_chinese_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    choices = subparsers.choices
    assert choices is not None
    assert {
        "build-db",
        "documents",
        "measures",
        "show",
        "search",
        "classify",
        "facts",
        "match",
        "report",
        "excerpt",
        "profiles",
    } <= set(choices)
    summaries = {a.dest: a.help or "" for a in subparsers._choices_actions}  # type: ignore[attr-defined]
    for name in choices:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in summaries.get(name, "")), name
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and __version__ in capsys.readouterr().out


def test_cli_survives_a_process_without_console(monkeypatch: pytest.MonkeyPatch) -> None:
    # a windowed Windows exe starts with sys.stdout and sys.stderr set to None
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    import sys

    try:
        assert main(["documents", "--json"]) == 0
        assert main(["show", "no-such-item"]) == 2
    finally:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.close()


def test_no_help_line_is_argparse_english(capsys: pytest.CaptureFixture[str]) -> None:
    """Every option's help is Chinese, argparse's own ones (-h, --version) included."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert subparsers.choices is not None
    for argv in [["--help"], *([name, "--help"] for name in subparsers.choices)]:
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        for english in ("show program's version", "show this help message", "optional arguments"):
            assert english not in out, (argv, english)
