"""facts and match: the eligibility engine from the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.cli.db_commands import open_store
from desktop_app.cli.output import CliError, print_json, print_text
from desktop_app.core.eligibility.engine import ELIGIBLE, INELIGIBLE, POSSIBLE, STATUS_LABELS, match
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.size_class import SizeInputError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("facts", help="列出问卷中可填写的事项和资质")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_facts)

    p = subparsers.add_parser("match", help="按企业信息评估适用的措施")
    p.add_argument("--profile", required=True, type=Path, metavar="FILE", help="企业信息 JSON 文件")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="评估日期（默认今天）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_match)


def parse_as_of(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CliError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2026-01-31") from exc


def read_profile(path: Path) -> Profile:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise CliError(f"找不到企业信息文件：{path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"企业信息文件不是有效的 UTF-8 JSON：{path}") from exc
    except OSError as exc:
        raise CliError(f"无法读取企业信息文件：{path}（{exc.strerror}）") from exc
    try:
        return Profile.from_dict(raw)
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
    profile = read_profile(args.profile)
    as_of = parse_as_of(args.as_of)
    store = open_store()
    try:
        result = match(store, profile, as_of)
    except SizeInputError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json(result.to_dict())
        return 0
    print_text(
        f"评估日期：{as_of.isoformat()}　企业规模：{result.size.label}（{result.size.explanation}）"
    )
    for status in (ELIGIBLE, POSSIBLE, INELIGIBLE):
        group = result.by_status(status)
        print_text(f"\n【{STATUS_LABELS[status]}】{len(group)} 项")
        if status == INELIGIBLE:
            continue
        for r in group:
            print_text(f"  {r.item.id}\t{r.summary}\t{r.amount.text}")
    print_text(f"\n可计算金额合计：{result.totals['eligible']['text']}")
    return 0
