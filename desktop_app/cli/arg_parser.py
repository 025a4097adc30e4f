"""argparse in Chinese: usage, help headings and every usage error, with exit code 2.

argparse builds its messages from English templates; they are translated here, on the
finished text, because patching argparse's module-level gettext would change every other
argparse user in the process (pytest among them).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any, NoReturn

from desktop_app.cli.output import CliError

_ERRORS = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"无效的选择 \1（可选：\2）"),
    (r"invalid (\w+) value: (.*)", r"值 \2 无效"),
    (r"expected one argument", r"需要一个值"),
    (r"expected at least one argument", r"至少需要一个值"),
    (r"expected at most one argument", r"最多只能有一个值"),
    (r"expected (\d+) arguments?", r"需要 \1 个值"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"one of the arguments (.*) is required", r"必须提供以下参数之一：\1"),
    (r"not allowed with argument (.*)", r"不能与参数 \1 同时使用"),
    (r"ignored explicit argument (.*)", r"选项不接受值 \1"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
]
_HEADINGS = {
    "usage: ": "用法：",
    "\noptions:\n": "\n选项：\n",
    "positional arguments:": "位置参数：",
}


def translate(message: str) -> str:
    """argparse's English error text in Chinese; nested `argument X: …` is translated too."""
    for pattern, replacement in _ERRORS:
        match = re.fullmatch(pattern, message, flags=re.S)
        if match:
            translated = match.expand(replacement)
            if pattern.startswith("argument"):
                head, _, rest = translated.partition("：")
                return f"{head}：{translate(rest)}"
            return translated
    return message


class UsageError(CliError):
    """The command line itself is wrong (unknown option, missing argument, bad value)."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message, exit_code=2)
        self.usage = usage


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self) -> str:
        return _headings(super().format_usage())

    def format_help(self) -> str:
        return _headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        raise UsageError(translate(message), self.format_usage().strip())


def _headings(text: str) -> str:
    for english, chinese in _HEADINGS.items():
        text = text.replace(english, chinese)
    return text


JSON_HELP = "以 JSON 输出"


def add_command(
    subparsers: Any,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str | None = None,
    json: bool | str = False,
) -> argparse.ArgumentParser:
    """A subcommand that runs handler(args). With json (True for the usual wording, or the help
    text) it takes `--json`, listed under 输出 after the command's own options."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description
    )
    parser.set_defaults(handler=handler)
    if json:
        output = parser.add_argument_group("输出")
        output.add_argument("--json", action="store_true", help=JSON_HELP if json is True else json)
    return parser


def add_group(subparsers: Any, name: str, *, help: str) -> Any:
    """A command of operations (`profiles list`, `rules propose`): the subparsers to add them to
    with add_command; one of them must be named."""
    parser = subparsers.add_parser(name, help=help)
    return parser.add_subparsers(dest=f"{name}_command", metavar="操作", required=True)
