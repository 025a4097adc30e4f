"""The size and start-up yardstick: a bare PySide6 window, frozen with the app's filtering.

`python build/build.py --hello` bundles it with build/hello.spec. With --smoke it shows the
window, lets it paint once, prints the marker and exits, like the app's own --smoke.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

HELLO_MARKER = "HELLO-OK"


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(320, 120)
    window.show()
    if "--smoke" in sys.argv[1:]:

        def done() -> None:
            print(HELLO_MARKER, flush=True)
            app.quit()

        QTimer.singleShot(0, done)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
