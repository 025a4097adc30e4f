"""What a search result says about itself, in the words the window and the CLI both show."""

from __future__ import annotations

from desktop_app.core.search.results import SearchResult


def _quoted(words: list[str]) -> str:
    return "、".join(f"“{w}”" for w in words)


def fallback_notice(query: str, result: SearchResult) -> str:
    """Why the results are partial: which words were searched for, which were left out."""
    parts = [f"没有条目完全包含“{query.strip()}”"]
    if result.pieces:
        parts.append(f"以下结果按{_quoted(result.pieces)}查找，同时包含这些词的排在前面")
    if result.dropped:
        parts.append(f"{_quoted(result.dropped)}在政策原文中没有出现，未作为检索条件")
    return "；".join(parts) + "。"


def no_result_notice(query: str, result: SearchResult) -> str:
    typed = query.strip()
    if result.dropped == [typed]:
        return f"没有找到“{typed}”：政策原文中没有出现这个词。"
    if result.dropped:
        missing = _quoted(result.dropped)
        return f"没有找到与“{typed}”相关的条目（{missing}在政策原文中没有出现）。"
    return f"没有找到与“{typed}”相关的条目。"
