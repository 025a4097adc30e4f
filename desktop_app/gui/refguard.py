"""Guard against a reference-count bug in PySide6 6.12.0 on CPython 3.11.

Measured here: every call of a void Qt method (QLabel.setText, QWidget.resize, …) returns
None without taking a reference to it, and Signal.emit() does the same with True, so each call
lowers the singleton's reference count by one. CPython 3.12 made None/True/False immortal, so
there the bug is invisible; on 3.11 the count reaches zero after a few thousand calls and the
process aborts ("Fatal Python error: none_dealloc" / "bool_dealloc"), usually at exit or in
the middle of a long session.

pin_singletons() adds a very large number of references to None, True and False — what 3.12
does by design — so the lost ones can never bring the count to zero. The real fixes are
another PySide6 release or Python 3.12; this guard is harmless with either.
"""

from __future__ import annotations

import ctypes
import sys

# Each lost reference is one Qt call; 2**40 calls would take years at millions per second.
_EXTRA = 1 << 40
_pinned = False


def affected() -> bool:
    return sys.version_info < (3, 12)


def pin_singletons() -> bool:
    """Make None, True and False effectively immortal (once); True when applied."""
    global _pinned
    if _pinned or not affected():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's layout
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += _EXTRA
    _pinned = True
    return True
