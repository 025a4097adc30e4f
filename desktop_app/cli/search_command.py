"""`search`: full-text search over the policy items from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.db_commands import open_data
from desktop_app.cli.output import CliError, json_fields, print_json, print_notice, print_text
from desktop_app.core.schema.arguments import as_of_date, region_code
from desktop_app.core.search import Hit, SearchFilters, SearchResult
from desktop_app.core.search.wording import fallback_notice


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "search",
        run_search,
        help="全文检索政策条目",
        description=(
            "按关键词检索政策条目：支持一个字起的任意词、多个词（空格分隔，须全部出现）、"
            "拼音首字母或全拼（如 zjtx）、近义词；没有完全匹配时显示部分匹配。"
        ),
        json=True,
    )
    p.add_argument("query", metavar="QUERY", help="检索词，如 贴息、“政府采购 预留”")
    p.add_argument("--region", metavar="CODE", help="企业所在地区划代码，如 350203")
    p.add_argument("--document", metavar="ID", action="append", help="只查该文件，如 xm")
    p.add_argument("--as-of", metavar="DATE", help="只列出该日期（YYYY-MM-DD）有效的文件")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="最多显示条数（默认20）")


def _filters(args: argparse.Namespace, known_documents: list[str]) -> SearchFilters:
    region = region_code(args.region)
    for doc_id in args.document or []:
        if doc_id not in known_documents:
            known = "、".join(known_documents)
            raise CliError(f"没有编号为“{doc_id}”的文件。可用的编号：{known}")
    as_of = as_of_date(args.as_of)
    return SearchFilters(
        region_code=region,
        document_ids=tuple(args.document or ()),
        as_of=as_of,
        valid_only=as_of is not None,
    )


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.item_id,
        **json_fields(hit, "document_id", "article", "title", "snippet"),
        "highlights": [list(span) for span in hit.snippet_highlights],
        **json_fields(hit, "score", "exact", "matched_terms"),
    }


_RESULT_FIELDS = (
    "query",
    "total",
    "fallback",
    "suggestions",
    "truncated",
    "notes",
    "dropped",
    "pieces",
)


def result_json(result: SearchResult) -> dict[str, Any]:
    return {**json_fields(result, *_RESULT_FIELDS), "hits": [hit_json(h) for h in result.hits]}


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "【", text[start:end], "】"]
        last = end
    return "".join([*out, text[last:]])


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise CliError("--limit 不能为负数")
    query = args.query  # undecodable bytes were refused by check_strings
    policy = open_data()
    filters = _filters(args, [d.id for d in policy.documents])
    result = policy.search_engine().search(query, filters, limit=args.limit)
    for note in result.notes:
        print_notice(note)
    if args.json:
        print_json(result_json(result))
        return 0
    if not result.total:
        hint = f"可试试：{'、'.join(result.suggestions)}" if result.suggestions else ""
        print_text(f"没有找到与“{query}”相关的条目。{hint}")
        return 0
    head = f"找到 {result.total} 条"
    if result.fallback:
        head += f"（{fallback_notice(query, result)}）"
    print_text(head + "：")
    for hit in result.hits:
        print_text(f"{hit.item_id}\t{hit.title}")
        print_text(f"    {_marked(hit.snippet, hit.snippet_highlights)}")
    return 0
