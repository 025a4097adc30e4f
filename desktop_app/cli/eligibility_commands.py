"""facts and match: the eligibility engine from the command line."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.db_commands import open_data
from desktop_app.cli.output import CliError, cli_errors, print_json, print_text
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
)
from desktop_app.core.schema import InputError, load_json
from desktop_app.core.schema.arguments import as_of_date, shown_path
from desktop_app.core.size_class import SizeInputError
from desktop_app.core.user_files import UserFileError, read_user_file


def register(subparsers: Any) -> None:
    add_command(subparsers, "facts", _facts, help="列出问卷中可填写的事项和资质", json=True)
    p = add_command(subparsers, "match", _match, help="按企业信息评估适用的措施", json=True)
    p.add_argument("--profile", required=True, type=Path, metavar="FILE", help="企业信息 JSON 文件")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="评估日期（默认今天）")


MAX_PROFILE_BYTES = 16 * 1024 * 1024  # a profile is a few kB; stops a wrong file early


def parse_as_of(text: str | None) -> date:
    try:
        return as_of_date(text) or date.today()
    except InputError as exc:
        raise CliError(str(exc)) from exc


def read_profile(path: Path, as_of: date | None = None) -> Profile:
    with cli_errors(UserFileError):
        data = read_user_file(path, "企业信息文件", MAX_PROFILE_BYTES, "企业信息文件")
    try:
        raw: Any = load_json(data, "企业信息文件")
    except InputError as exc:
        raise CliError(f"{exc}：{shown_path(path)}") from exc
    try:
        return Profile.from_dict(raw, as_of=as_of)
    except ProfileError as exc:
        raise CliError("企业信息有误：" + "；".join(exc.problems)) from exc


def _facts(args: argparse.Namespace) -> int:
    registry = load_registry()
    if args.json:
        print_json(registry.to_dict())
        return 0
    for fact in registry.facts.values():
        print_text(f"{fact.id}\t{fact.label}\t{fact.type}\t{fact.unit or ''}")
    return 0


def _match(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    profile = read_profile(args.profile, as_of)
    policy = open_data()
    with cli_errors(SizeInputError):
        result = policy.match(profile, as_of)
    if args.json:
        print_json(result.to_dict())
        return 0
    print_text(
        f"评估日期：{as_of.isoformat()}　企业规模：{result.size.label}（{result.size.explanation}）"
    )
    for status in (ELIGIBLE, POSSIBLE, INELIGIBLE, NOT_IN_FORCE):
        group = result.by_status(status)
        print_text(f"\n【{STATUS_LABELS[status]}】{len(group)} 项")
        if status in (INELIGIBLE, NOT_IN_FORCE):
            continue
        for r in group:
            print_text(f"  {r.item.id}\t{r.summary}\t{r.amount.text}")
    print_text(f"\n可计算金额合计：{result.totals['eligible']['text']}")
    for part in result.totals.get("parts") or []:
        print_text(f"  含 {part['measure_id']}\t{part['title']}\t{part['amount']}")
    if result.other_regions:
        print_text(f"其他地区的 {len(result.other_regions)} 项措施未列入。")
    return 0
