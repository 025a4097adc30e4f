"""Reading records straight from the bytes of an SQLite file, for salvage only.

SQLite reaches a row through its table's b-tree: one damaged interior page, or a damaged page 1
(header and schema), hides every row below it although those rows' own pages are intact. This
reader does what `sqlite3 .recover` does, in pure Python (the stdlib module has no recover API
and the sqlite3 shell is not on users' machines), following the documented file format
(https://www.sqlite.org/fileformat2.html): the page size from the header or, when that is
damaged, the size under which the pages make sense; every table-leaf page (flag 0x0D), each
cell's rowid and record (serial types, overflow chains); committed WAL frames laid over the
file's pages. Anything that does not parse exactly (a varint past its page, a record header
that does not add up to the payload, text that is not valid in the file's encoding, an
overflow chain that leaves the file or loops) is skipped and counted, never guessed at.

It only reads: the file is opened read-only and mapped, so a 100 MB file costs its pages'
address space, not a copy.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
LEAF, INTERIOR = 0x0D, 0x05
_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}
_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}
WAL_MAGIC = (0x377F0682, 0x377F0683)


class RawDamage(ValueError):
    """These bytes are not what the file format says they must be."""


def varint(buf: bytes | mmap.mmap, pos: int, end: int) -> tuple[int, int]:
    """(value, position after it): 1–9 bytes, seven bits each, the ninth byte whole."""
    value = 0
    for _ in range(8):
        if pos >= end:
            raise RawDamage("varint past the end")
        byte = buf[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos
    if pos >= end:
        raise RawDamage("varint past the end")
    return (value << 8) | buf[pos], pos + 1


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def decode_record(payload: bytes, encoding: str = "utf-8") -> list[Any]:
    """The values of one record; RawDamage unless every byte is accounted for."""
    size = len(payload)
    header_size, pos = varint(payload, 0, size)
    if header_size < 1 or header_size > size:
        raise RawDamage("record header size")
    types: list[int] = []
    while pos < header_size:
        serial, pos = varint(payload, pos, header_size)
        types.append(serial)
    body = header_size
    values: list[Any] = []
    for serial in types:
        if serial in (0, 8, 9):
            values.append(None if serial == 0 else serial - 8)
            continue
        if serial in (10, 11):
            raise RawDamage("reserved serial type")
        length = _INT_SIZES.get(serial, 8 if serial == 7 else (serial - 12 - serial % 2) // 2)
        if body + length > size:
            raise RawDamage("record body shorter than its header says")
        chunk = payload[body : body + length]
        body += length
        if serial in _INT_SIZES:
            values.append(int.from_bytes(chunk, "big", signed=True))
        elif serial == 7:
            values.append(struct.unpack(">d", chunk)[0])
        elif serial % 2 == 0:
            values.append(bytes(chunk))
        else:
            try:
                values.append(chunk.decode(encoding))
            except UnicodeDecodeError as exc:
                raise RawDamage("text not valid in the file's encoding") from exc
    if body != size:
        raise RawDamage("record body longer than its header says")
    return values


@dataclass(frozen=True)
class Cell:
    page: int
    rowid: int
    payload: bytes | None  # None: the cell's payload (or its overflow chain) is damaged


class RawFile:
    """One SQLite file (and its WAL, if any) as pages."""

    SAMPLED_PAGES = 2000  # pages looked at to choose a page size when the header is damaged

    def __init__(self, path: Path) -> None:
        self._fh = path.open("rb")
        size = path.stat().st_size
        self._data: mmap.mmap | bytes = (
            mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        )
        header = bytes(self._data[:100]).ljust(100, b"\x00")
        self.header_intact = header.startswith(b"SQLite format 3\x00")
        self.page_size = self._choose_page_size(header, size)
        reserved = header[20] if self.header_intact and header[20] < 64 else 0
        self.usable = self.page_size - reserved
        self.page_count = size // self.page_size if self.page_size else 0
        (code,) = struct.unpack_from(">I", header, 56)
        self.encoding = _ENCODINGS.get(code, "utf-8")
        # the WAL is mapped too (one large transaction can make it hundreds of MB)
        self._wal: dict[int, int] = {}  # page → where its newest committed copy starts
        self._wal_fh: BinaryIO | None = None
        self._wal_data: mmap.mmap | bytes = b""
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size >= 32:
            self._wal_fh = wal.open("rb")
            self._wal_data = mmap.mmap(self._wal_fh.fileno(), 0, access=mmap.ACCESS_READ)
            self._wal = committed_wal_frames(self._wal_data, self.page_size)
            self.page_count = max([self.page_count, *self._wal])
        self._header = header
        self.damaged_cells = 0  # cells whose rowid could not be read

    def close(self) -> None:
        for data in (self._data, self._wal_data):
            if isinstance(data, mmap.mmap):
                data.close()
        self._fh.close()
        if self._wal_fh is not None:
            self._wal_fh.close()

    def __enter__(self) -> RawFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pages ----------------------------------------------------------------------------------
    def _choose_page_size(self, header: bytes, size: int) -> int:
        """The stored size when the header is intact and it fits the file; otherwise the size
        under which most pages read as b-tree pages that fill up to their end (SQLite writes
        cells from the end of a page down: a wrong size either cuts pages in the middle or
        sees pages that end half-way)."""
        (stored,) = struct.unpack_from(">H", header, 16)
        stored = 65536 if stored == 1 else stored
        fitting = [s for s in dict.fromkeys([stored, *PAGE_SIZES]) if s in PAGE_SIZES]
        fitting = [s for s in fitting if size and size % s == 0]
        if not fitting:
            return stored if stored in PAGE_SIZES else 4096
        scores = {s: self._full_pages(s, size) for s in fitting}
        best = max(fitting, key=lambda s: scores[s])  # ties: the stored size, then 4096
        # a damaged size byte behind an intact magic string reads garbage as sound pages
        if self.header_intact and fitting[0] == stored and scores[stored] == scores[best]:
            return stored
        return best

    def _full_pages(self, page_size: int, size: int) -> int:
        found = 0
        for n in range(1, min(size // page_size, self.SAMPLED_PAGES) + 1):
            start = (n - 1) * page_size
            page = self._data[start : start + page_size]
            pointers = _btree_header(page, 100 if n == 1 else 0, page_size)
            if pointers and max(pointers) >= page_size // 2:
                found += 1
        return found

    def page(self, number: int) -> bytes:
        if number in self._wal:
            start = self._wal[number]
            return bytes(self._wal_data[start : start + self.page_size])
        if not 1 <= number <= self.page_count:
            raise RawDamage(f"page {number} outside the file")
        start = (number - 1) * self.page_size
        return bytes(self._data[start : start + self.page_size])

    def pages(self) -> Iterator[tuple[int, bytes]]:
        for number in range(1, self.page_count + 1):
            yield number, self.page(number)

    # -- b-tree pages ---------------------------------------------------------------------------
    def leaf_cells(self, number: int, page: bytes) -> list[Cell] | None:
        """The cells of a table-leaf page in cell-pointer order; None if it is not one."""
        offset = 100 if number == 1 else 0
        pointers = _btree_header(page, offset, self.usable)
        if pointers is None or page[offset] != LEAF:
            return None
        cells = []
        for pointer in pointers:
            try:
                cells.append(self._cell(number, page, pointer))
            except RawDamage:  # not even the rowid can be read
                self.damaged_cells += 1
        return cells

    def _cell(self, number: int, page: bytes, pointer: int) -> Cell:
        length, pos = varint(page, pointer, self.usable)
        rowid, pos = varint(page, pos, self.usable)
        rowid = _signed64(rowid)
        local = _local_size(length, self.usable)
        if pos + local > self.usable:
            return Cell(number, rowid, None)
        payload = page[pos : pos + local]
        if local < length:
            try:
                (first,) = struct.unpack_from(">I", page, pos + local)
                payload += self._overflow(first, length - local)
            except (RawDamage, struct.error):
                return Cell(number, rowid, None)
        return Cell(number, rowid, payload)

    def _overflow(self, first: int, remaining: int) -> bytes:
        chunk = self.usable - 4
        needed = -(-remaining // chunk)
        if needed > self.page_count:
            raise RawDamage("overflow chain longer than the file")
        parts: list[bytes] = []
        seen: set[int] = set()
        current = first
        while remaining > 0:
            if current in seen or current < 2:
                raise RawDamage("overflow chain loops or ends early")
            seen.add(current)
            page = self.page(current)
            take = min(remaining, chunk)
            parts.append(page[4 : 4 + take])
            remaining -= take
            (current,) = struct.unpack_from(">I", page, 0)
        if current != 0:
            raise RawDamage("overflow chain continues past its payload")
        return b"".join(parts)

    def children(self, number: int) -> list[int] | None:
        """The child pages of a table-interior page; None if it is not a sound one."""
        offset = 100 if number == 1 else 0
        page = self.page(number)
        pointers = _btree_header(page, offset, self.usable)
        if pointers is None or page[offset] != INTERIOR:
            return None
        found = []
        for pointer in pointers:
            if pointer + 4 > self.usable:
                return None
            found.append(struct.unpack_from(">I", page, pointer)[0])
        found.append(struct.unpack_from(">I", page, offset + 8)[0])
        if any(not 2 <= child <= self.page_count for child in found):
            return None
        return found

    def tree(self, root: int) -> tuple[set[int], bool]:
        """(leaf pages reached from root, whether every page on the way was sound)."""
        leaves: set[int] = set()
        complete = True
        stack, seen = [root], set()
        while stack:
            number = stack.pop()
            if number in seen or not 1 <= number <= self.page_count:
                complete = False
                continue
            seen.add(number)
            page = self.page(number)
            flag = page[100 if number == 1 else 0]
            kids = self.children(number) if flag == INTERIOR else None
            if kids is not None:
                stack.extend(kids)
            elif (
                flag == LEAF
                and _btree_header(page, 100 if number == 1 else 0, self.usable) is not None
            ):
                leaves.add(number)
            else:
                complete = False
        return leaves, complete

    def freelist(self) -> set[int]:
        """Pages the header's freelist holds (their old content is deleted data). A trunk
        page that does not look like one ends the walk: a damaged header must not turn live
        pages into free ones."""
        (trunk, total) = struct.unpack_from(">II", self._header, 32)
        free: set[int] = set()
        per_trunk = self.usable // 4 - 2
        while trunk and trunk not in free and len(free) < total:
            if not 2 <= trunk <= self.page_count:
                break
            page = self.page(trunk)
            nxt, count = struct.unpack_from(">II", page, 0)
            if count > per_trunk or nxt > self.page_count:
                break
            leaves = struct.unpack_from(f">{count}I", page, 8)
            if any(not 2 <= leaf <= self.page_count for leaf in leaves):
                break
            free.add(trunk)
            free.update(leaves)
            trunk = nxt
        # the walk must account for exactly the count the header states: a damaged count or
        # chain start (both in the header) would otherwise hide live pages as free ones
        return free if len(free) == total and not trunk else set()


def _btree_header(page: bytes, offset: int, usable: int) -> list[int] | None:
    """The cell pointers of a b-tree page whose header is consistent, else None."""
    if len(page) < offset + 12 or page[offset] not in (0x02, 0x05, 0x0A, 0x0D):
        return None
    header = 8 if page[offset] in (0x0A, 0x0D) else 12
    count, content = struct.unpack_from(">HH", page, offset + 3)
    content = 65536 if content == 0 else content
    start = offset + header + 2 * count
    if start > usable or content > usable or (count and content < start):
        return None
    pointers = list(struct.unpack_from(f">{count}H", page, offset + header))
    if any(not start <= p < usable for p in pointers):
        return None
    return pointers


def _local_size(length: int, usable: int) -> int:
    """How much of a table-leaf payload lives on its page (the rest overflows)."""
    most = usable - 35
    if length <= most:
        return length
    least = ((usable - 12) * 32 // 255) - 23
    kept = least + (length - least) % (usable - 4)
    return kept if kept <= most else least


def committed_wal_frames(wal: bytes | mmap.mmap, page_size: int) -> dict[int, int]:
    """Where the newest committed version of each page starts in a WAL (frames whose salts
    and running checksum hold, up to the last commit frame); {} when it does not fit the file."""
    if len(wal) < 32:
        return {}
    magic, _version, size, _seq, salt1, salt2 = struct.unpack_from(">IIIIII", wal, 0)
    size = 65536 if size == 1 else size
    if magic not in WAL_MAGIC or size != page_size:
        return {}
    order = ">" if magic & 1 else "<"
    sums = _wal_checksum(wal[:24], order, (0, 0))
    if sums != struct.unpack_from(">II", wal, 24):
        return {}
    committed: dict[int, int] = {}
    pending: dict[int, int] = {}
    pos = 32
    while pos + 24 + size <= len(wal):
        number, commit, s1, s2, c1, c2 = struct.unpack_from(">IIIIII", wal, pos)
        page = wal[pos + 24 : pos + 24 + size]
        sums = _wal_checksum(page, order, _wal_checksum(wal[pos : pos + 8], order, sums))
        if (s1, s2) != (salt1, salt2) or sums != (c1, c2) or number == 0:
            break
        pending[number] = pos + 24
        if commit:
            committed.update(pending)
            pending = {}
        pos += 24 + size
    return committed


def _wal_checksum(data: bytes, order: str, sums: tuple[int, int]) -> tuple[int, int]:
    s0, s1 = sums
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1
