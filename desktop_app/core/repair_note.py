"""What an automatic rebuild of a damaged policy database found, for the window to say once.

Start-up rebuilds on its worker thread, before there is a window to tell; the window takes
the note when it shows (gui/repair_notice.py). A module of its own so that the window can ask
without loading the database checks (hashlib and the rest of core.policy_db).
"""

from __future__ import annotations

import re
import threading

_repairs: list[str] = []
_repairs_lock = threading.Lock()


def record_repair(problem: str) -> None:
    with _repairs_lock:
        _repairs.append(problem)


def take_repair_note() -> str | None:
    """What was rebuilt automatically since the last call, as one Chinese notice; None when
    nothing was. Taken once: a second call says nothing."""
    with _repairs_lock:
        problems = list(dict.fromkeys(_repairs))
        _repairs.clear()
    if not problems:
        return None
    # SQLite's own (English) wording stays in the log: the user reads what it means
    found = "；".join(_ENGLISH_DETAIL.sub("", p).rstrip("。") for p in problems)
    return (
        f"启动时检查发现：{found}。已自动从程序自带的政策文件重新建立政策数据库，现在可以正常查询。"
        "已保存的企业、评估记录和自行导入的政策都不在这个数据库里，没有任何丢失。"
    )


_ENGLISH_DETAIL = re.compile(r"（[^（）]*[A-Za-z][^（）]*）")
