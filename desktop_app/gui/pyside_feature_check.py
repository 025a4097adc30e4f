"""A faster answer to the question PySide6 asks of every module imported after it.

PySide6 records, for each newly imported module, whether `from __feature__ import …`
(snake_case, true_property) could apply to it, by looking for the text "PySide6" in the
module's source through inspect.getsource: a file read, an encoding check and a line split
per module — 25–40 ms over the ~180 modules this app imports at start-up from an installed or
source copy (the frozen build ships no source, so there it answers "no" at once). The answer
here is the same one — does the module's source file contain "PySide6" — read as bytes in
one call; anything that is not a plain .py file on disk is left to PySide6's own check.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

FEATURE_MODULE = "PySide6.support.feature"
CHECK_NAME = "_mod_uses_pyside"
MARKER = b"PySide6"


def source_mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return MARKER in source.read()
        except OSError:
            pass
    return fallback(module)


def install() -> bool:
    """Replace PySide6's per-module source check with the byte search above; False (and
    nothing changed) when this PySide6 has no such check."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK_NAME, None)
    if feature is None or not callable(original):
        log.debug("PySide6 has no %s.%s; import check left as it is", FEATURE_MODULE, CHECK_NAME)
        return False
    if getattr(original, "_policy_desk", False):
        return True

    def check(module: ModuleType) -> bool:
        return source_mentions_pyside(module, original)

    check._policy_desk = True  # type: ignore[attr-defined]
    setattr(feature, CHECK_NAME, check)
    return True
