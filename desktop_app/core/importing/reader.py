"""Read a Word, PDF or text file of a Chinese policy document into metadata and items.

`read_document` is the one entry point: it picks the reader by the file's content (not only
its name), cleans the extracted text, reads the front matter and segments the body. It never
stores anything and raises only `DocumentReadError`, whose message tells the user what to do.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.importing import errors
from desktop_app.core.importing.blocks import RawText
from desktop_app.core.importing.cleanup import Paragraph, clean
from desktop_app.core.importing.errors import DocumentReadError
from desktop_app.core.importing.front_matter import read_front_matter
from desktop_app.core.importing.metadata import ImportedMetadata, build_metadata
from desktop_app.core.importing.office_file import OLE_MAGIC, ole_kind, read_docx
from desktop_app.core.importing.pdf_file import read_pdf
from desktop_app.core.importing.segment import Segment, segment
from desktop_app.core.importing.text_file import read_text

__all__ = [
    "DocumentReadError",
    "ImportedDocument",
    "ImportedItem",
    "ImportedMetadata",
    "read_bytes",
    "read_document",
]
SUFFIXES = (".docx", ".pdf", ".txt")


@dataclass
class ImportedItem:
    article: str | None  # as printed: 30, （十四）, 1., 一是, 第十条; None when unnumbered
    locator: str  # where it is: 二（一）1., 第十条, 一、第1段, 前言
    path: list[str]  # the headings above it, outermost first
    title: str | None  # its own title (1.建培育库。 → 建培育库)
    text: str  # as published (clean-up only undoes extraction artefacts)
    departments: list[dict[str, Any]]  # {name, as_printed, lead, basis}
    kind: str  # measure | general | preamble
    departments_text: str | None = None  # the units passage as printed
    notes: list[str] = field(default_factory=list)  # how the reader read it (standing units)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ImportedDocument:
    metadata: ImportedMetadata
    items: list[ImportedItem]
    warnings: list[str]
    source_name: str
    source_sha256: str  # of the file's bytes
    text: str  # the cleaned full text, paragraph per line

    def to_dict(self) -> dict[str, Any]:
        document = asdict(self.metadata)
        return {
            "document": document,
            "items": [
                {
                    "article": i.article,
                    "locator": i.locator,
                    "path": i.path,
                    "title": i.title,
                    "text": i.text,
                    "departments": i.departments,
                }
                for i in self.items
            ],
            "warnings": list(self.warnings),
        }


def _raw_text(path: Path, data: bytes) -> RawText:
    suffix = path.suffix.lower()
    if not data:
        raise DocumentReadError(errors.EMPTY_FILE)
    if suffix == ".ofd" or (data[:2] == b"PK" and b"OFD.xml" in data[:4096]):
        raise DocumentReadError(errors.OFD)
    if data.startswith(OLE_MAGIC):
        if ole_kind(data) == "encrypted":
            raise DocumentReadError(errors.ENCRYPTED_DOCX)
        raise DocumentReadError(errors.WPS if suffix == ".wps" else errors.LEGACY_DOC)
    if suffix == ".doc":
        raise DocumentReadError(errors.LEGACY_DOC)
    if suffix == ".wps":
        raise DocumentReadError(errors.WPS)
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return read_pdf(data)
    if data[:2] == b"PK" or suffix == ".docx":
        return read_docx(data)
    if suffix == ".txt":
        return read_text(data)
    raise DocumentReadError(errors.unsupported_type(suffix))


def _item(segment_: Segment) -> ImportedItem:
    return ImportedItem(
        article=segment_.article,
        locator=segment_.locator,
        path=segment_.path,
        title=segment_.title,
        text=segment_.text,
        departments=[d.to_dict() for d in segment_.departments],
        kind=segment_.kind,
        departments_text=segment_.departments_text,
        notes=segment_.notes,
    )


def read_bytes(data: bytes, name: str, *, region_code: str | None = None) -> ImportedDocument:
    raw = _raw_text(Path(name), data)
    paragraphs = clean(raw)
    if not any(p.text.strip() or (p.cells and any(p.cells)) for p in paragraphs):
        raise DocumentReadError(errors.NO_TEXT)
    warnings = list(raw.warnings)
    front = read_front_matter(paragraphs)
    body: list[Paragraph] = paragraphs[front.body_start : front.body_end]
    segments, _ = segment(body)
    items = [_item(s) for s in segments]
    if front.notice:
        notice = ImportedItem(
            None, "印发通知", [], None, "\n".join(t for t in front.notice if t), [], "preamble"
        )
        items.insert(0, notice)
    text = "\n".join(p.text for p in paragraphs)
    metadata = build_metadata(front, text, region_code, warnings)
    if not any(i.kind != "preamble" for i in items):
        warnings.append(
            "未识别出任何条目（没有找到“一、”“（一）”“1.”“第一条”等编号），请核对原文。"
        )
    return ImportedDocument(
        metadata=metadata,
        items=items,
        warnings=warnings,
        source_name=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def read_document(path: Path, *, region_code: str | None = None) -> ImportedDocument:
    """Read one file; `region_code` (6-digit) overrides the region read from the issuer."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentReadError(errors.cannot_open("文件不存在")) from exc
    except IsADirectoryError as exc:
        raise DocumentReadError(errors.cannot_open("这是一个文件夹，不是文件")) from exc
    except OSError as exc:
        raise DocumentReadError(errors.cannot_open(exc.strerror or "读取失败")) from exc
    return read_bytes(data, path.name, region_code=region_code)
