"""`regions`: browse the administrative regions (GB/T 2260 codes) the app knows."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.output import cli_errors, print_json, print_text
from desktop_app.core import regions
from desktop_app.core.schema.values import ascii_digits


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "regions",
        run_regions,
        help="列出行政区划（不带 --parent 时列出省份）",
        description="列出程序收录的行政区划及其 GB/T 2260 代码。不带 --parent 时列出省份。",
        json=True,
    )
    parser.add_argument("--parent", metavar="代码", help="只列出该区划的下一级，如 350000")


def run_regions(args: argparse.Namespace) -> int:
    table = regions.load()
    parent = None if args.parent is None else ascii_digits(args.parent).strip()
    with cli_errors(regions.UnknownRegionError):
        found = table.provinces() if parent is None else table.children(parent)
    if args.json:
        print_json(
            [{**region.to_dict(), "path_label": table.path_label(region.code)} for region in found]
        )
        return 0
    if not found:
        print_text(f"{table.path_label(parent or '')} 没有收录下级区划。")
        return 0
    print_text("\n".join(f"{r.code}  {r.name}（{r.level}）" for r in found))
    return 0
