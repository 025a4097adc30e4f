"""The .policypack file: a zip of three entries, written and read back defensively.

- ``manifest.json``: format, format_version, created, app_version, office, counts,
  ``content_sha256`` and one entry per document (id, title, doc_number, version,
  source_sha256, text_sha256, items, rules).
- ``content.json``: ``{documents: [{document, items, rules}], guidance: [row]}`` — the
  library's rows as they are (the text as imported, metadata with evidence).
- ``checksum.sha256``: SHA-256 over the manifest's bytes followed by the content's bytes.

Reading refuses anything else before parsing JSON: an entry of another name (a path such as
``../x`` included), more than the three entries, an entry larger than MAX_ENTRY or expanding
more than MAX_RATIO times (a zip bomb), a CRC error, a checksum that does not match.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "policy-desk-package"
FORMAT_VERSION = 1
SUFFIX = ".policypack"
MANIFEST, CONTENT, CHECKSUM = "manifest.json", "content.json", "checksum.sha256"
ENTRIES = (MANIFEST, CONTENT, CHECKSUM)
MAX_ENTRY = 64 * 1024 * 1024  # a county document is ~100 KB of text; 64 MB is hundreds
MAX_RATIO = 200  # JSON of Chinese text compresses 3–6×; 200× is a bomb
MAX_FILE = 256 * 1024 * 1024


class PackageError(Exception):
    """A refused package; the message is Chinese and meant for the user."""


@dataclass(frozen=True)
class RawPackage:
    manifest: dict[str, Any]
    content: dict[str, Any]


def checksum(manifest: bytes, content: bytes) -> str:
    return hashlib.sha256(manifest + content).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def write_package(path: Path, manifest: dict[str, Any], content: dict[str, Any]) -> None:
    content_bytes = _dump(content)
    manifest = {**manifest, "content_sha256": hashlib.sha256(content_bytes).hexdigest()}
    manifest_bytes = _dump(manifest)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(CONTENT, content_bytes)
        zf.writestr(CHECKSUM, checksum(manifest_bytes, content_bytes) + "\n")
    tmp.replace(path)  # a half-written package never carries the final name


def read_package(path: Path) -> RawPackage:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageError(f"无法读取政策包“{path.name}”：{exc.strerror or exc}") from exc
    if size > MAX_FILE:
        raise PackageError(f"“{path.name}”过大（{size // 1048576} MB），不是本程序导出的政策包。")
    try:
        data = path.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
    except OSError as exc:
        raise PackageError(f"无法读取政策包“{path.name}”：{exc.strerror or exc}") from exc
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise PackageError(
            f"“{path.name}”不是有效的政策包（文件已损坏、不完整或不是政策包）。"
            "请让对方重新导出并完整复制。"
        ) from exc
    with archive:
        entries = _read_entries(archive, path.name)
    if entries[CHECKSUM].decode("ascii", "replace").strip() != checksum(
        entries[MANIFEST], entries[CONTENT]
    ):
        raise PackageError(
            f"政策包“{path.name}”的校验和不符：内容在导出后被改动或已损坏，不能导入。"
        )
    try:
        manifest = json.loads(entries[MANIFEST].decode("utf-8"))
        content = json.loads(entries[CONTENT].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"政策包“{path.name}”的内容无法解析（{exc}）。") from exc
    if not isinstance(manifest, dict) or not isinstance(content, dict):
        raise PackageError(f"政策包“{path.name}”的清单或内容不是对象。")
    return RawPackage(manifest, content)


def _read_entries(archive: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    infos = archive.infolist()
    names = [i.filename for i in infos]
    for info in infos:
        if info.filename not in ENTRIES:
            raise PackageError(
                f"政策包“{name}”含有不应有的条目“{info.filename}”"
                "（政策包只含 manifest.json、content.json、checksum.sha256），不能导入。"
            )
    if sorted(names) != sorted(ENTRIES):
        missing = "、".join(e for e in ENTRIES if e not in names) or "（条目重复）"
        raise PackageError(f"政策包“{name}”不完整：缺少 {missing}。")
    out: dict[str, bytes] = {}
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ENTRY or ratio > MAX_RATIO:
            raise PackageError(
                f"政策包“{name}”的条目“{info.filename}”解压后异常庞大"
                f"（{info.file_size} 字节，压缩比 {ratio:.0f}），疑为压缩炸弹，不能导入。"
            )
        try:
            with archive.open(info) as stream:
                body = stream.read(MAX_ENTRY + 1)
        # a flipped byte in compressed data reaches zlib; an encrypted or unknown method raises
        # RuntimeError / NotImplementedError
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            ValueError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            raise PackageError(
                f"政策包“{name}”已损坏（条目“{info.filename}”无法解压：{exc}）。"
                "请让对方重新导出并完整复制。"
            ) from exc
        if len(body) > MAX_ENTRY:
            raise PackageError(f"政策包“{name}”的条目“{info.filename}”解压后过大，不能导入。")
        out[info.filename] = body
    return out
