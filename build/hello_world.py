"""The size and start-up yardstick: a bare PySide6 window, frozen with the app's filtering.

`python build/build.py --hello` bundles it with build/hello.spec. With --smoke it shows the
window, lets it paint once, prints the marker with a time.monotonic() stamp (for
build/measure.py) and exits, like the app's own --smoke.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

HELLO_MARKER = "HELLO-OK"


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(1280, 720)  # as large as the app window: painting costs the same
    window.show()
    if "--smoke" in sys.argv[1:]:

        def done() -> None:
            print(f"{HELLO_MARKER} {time.monotonic():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, done)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
