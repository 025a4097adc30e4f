"""Files the user hands us or asks for. Reading one they chose (a profile, an export file): its
bytes, or a Chinese message naming it. Writing a document (PDF, Word): atomically, so a reader
never sees half a file, and with the permissions of any file the user creates."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.schema.values import shown_long


class UserFileError(OSError):
    """The file could not be read or written; str() is the Chinese message to show."""


def read_user_file(path: Path, what: str, max_bytes: int, expected: str) -> bytes:
    """The bytes of the file the user named, called `what` in a message (企业信息文件); one
    larger than max_bytes is refused unread as not the `expected` kind of file."""
    shown = shown_long(str(path))
    try:
        size = path.stat().st_size
        data = b"" if size > max_bytes else path.read_bytes()
    except FileNotFoundError as exc:
        raise UserFileError(f"找不到{what}：{shown}") from exc
    except OSError as exc:
        raise UserFileError(f"无法读取{what}：{shown}（{exc.strerror or exc}）") from exc
    if size > max_bytes:
        raise UserFileError(f"{what}过大（{size // (1024 * 1024)} MB），不是{expected}：{shown}")
    return data


def user_permissions(name: str) -> None:
    """mkstemp makes a file only its owner can read (0600); a document the user saves gets
    the permissions of any file they create (0666 less the umask)."""
    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)


def write_user_file(target: Path, data: bytes, *, opened_by: str = "其他程序") -> None:
    """Write data to target through a temporary file beside it; UserFileError on failure
    (the temporary file removed, an existing target left as it was)."""
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserFileError(f"无法在文件夹中创建文件：{target.parent}（{exc.strerror}）") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        user_permissions(tmp_name)
        os.replace(tmp_name, target)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise UserFileError(
            f"无法写入 {target}：文件可能正被{opened_by}打开，或磁盘空间不足（{exc.strerror}）"
        ) from exc
