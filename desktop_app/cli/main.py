"""Entry point of `policy-desk`: without a subcommand it opens the window."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop_app import APP_NAME, __version__

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)

COMMAND_MODULES = [
    "desktop_app.cli.db_commands",
    "desktop_app.cli.search_command",
    "desktop_app.cli.eligibility_commands",
    "desktop_app.cli.classify_command",
    "desktop_app.cli.regions_command",
    "desktop_app.cli.excerpt_command",
    "desktop_app.cli.report_command",
    "desktop_app.cli.profiles_command",
    "desktop_app.cli.import_command",
    "desktop_app.cli.rules_command",
    "desktop_app.cli.batch_command",
    "desktop_app.cli.package_command",
]


def build_parser() -> argparse.ArgumentParser:
    from desktop_app.cli.arg_parser import ChineseArgumentParser

    parser = ChineseArgumentParser(
        prog="policy-desk",
        description=f"{APP_NAME}：离线查询惠企政策。不带子命令时打开程序窗口。",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="自检：打开窗口、搜索、评估、生成PDF后退出"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="子命令")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _ensure_streams() -> None:
    """A windowed Windows exe has no console: sys.stdout is None and any print would raise."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_streams()
    words = list(sys.argv[1:] if argv is None else argv)
    if words in ([], ["--smoke"]):
        # the window: importing every subcommand (reportlab, the builder…) would slow the start
        from desktop_app.gui_launch import launch_gui

        return launch_gui(smoke=bool(words))
    return _run_command(words)


def _run_command(words: list[str]) -> int:
    # Imported here, not at the top: the window's start (above) never needs them.
    from desktop_app.cli.arg_parser import UsageError
    from desktop_app.cli.output import CliError, print_error, print_notice
    from desktop_app.core.schema.errors import InputError
    from desktop_app.log_file import setup_logging

    setup_logging()  # log lines go to the file, never to the terminal
    try:
        return _run(build_parser(), words)
    except UsageError as exc:
        print_error(str(exc))
        print_notice(exc.usage)
        return exc.exit_code
    except CliError as exc:
        print_error(str(exc))
        return exc.exit_code
    except InputError as exc:
        print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) closed the pipe: nothing more to say, and no traceback
        sys.stderr.close()
        return 0
    # A failed command writes nothing to stdout, so a --json reader gets either one complete
    # JSON document or an empty stream with exit code 2 and the message on stderr.
    except Exception as exc:  # a bug: the user still gets a sentence, the log gets the rest
        log.exception("unexpected error in %s", words[:1])
        message = f"程序内部错误（{type(exc).__name__}），操作没有完成。请把这条信息告诉技术支持。"
        print_error(message)
        return 1


def _run(parser: argparse.ArgumentParser, words: list[str]) -> int:
    from desktop_app.cli.output import CliError
    from desktop_app.core.schema.arguments import check_strings
    from desktop_app.core.schema.errors import InputError

    args = parser.parse_args(words)
    check_strings(args, positional=frozenset({"query", "measure_id", "item_ids", "file"}))
    handler = getattr(args, "handler", None)
    if handler is None:
        from desktop_app.gui_launch import launch_gui

        return launch_gui(smoke=args.smoke)
    try:
        return int(handler(args) or 0)
    except (CliError, InputError):
        raise
    except Exception as exc:
        # a read of the policy database failed (a damaged page, a bad row, undecodable
        # text): check it in full; when its content no longer matches its checksum, rebuild
        # it and run the command once more. Anything else is a bug and goes on up.
        if not _repair_policy_db(exc):
            raise
        return int(handler(args) or 0)


def _repair_policy_db(exc: Exception) -> bool:
    from desktop_app import paths
    from desktop_app.cli.output import CliError, print_notice
    from desktop_app.core.build_db import BuildError
    from desktop_app.core.policy_db import fallback_db_path, full_problem, repair_policy_db
    from desktop_app.core.store import PolicyReadError

    path = paths.policy_db_path()
    if not path.exists() and fallback_db_path().exists():
        path = fallback_db_path()
    if not isinstance(exc, PolicyReadError) and (not path.exists() or full_problem(path) is None):
        return False
    log.error("read failed (%s); checking the policy database", exc)
    try:
        repair_policy_db(path, print_notice)
    except BuildError as build_exc:
        raise CliError(str(build_exc)) from build_exc
    return True


if __name__ == "__main__":
    sys.exit(main())
