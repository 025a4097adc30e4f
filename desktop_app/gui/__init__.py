"""The Qt front end. The engine in desktop_app.core knows nothing of Qt; this package only
calls it, and runs anything slow through the one helper in tasks.py."""

import PySide6  # noqa: F401  (loads PySide6's import hook, which the next line makes cheaper)

from desktop_app.gui import pyside_feature_check

pyside_feature_check.install()
