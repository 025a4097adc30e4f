"""Screenshots for the user guide (resources/help/img/), taken from the real widgets offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_help_screenshots.py

Runs in a temporary user-data folder (nothing of the user's is touched): builds the policy
database, opens the main window at 1366×768, and grabs the start page, a search, the result of
an evaluation of the sample enterprise and the preview of a document being imported.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "help" / "img"
WIDTH = 1366, 768


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="help-shots-"))
    os.environ["POLICY_DESK_HOME"] = str(home)
    os.environ.pop("POLICY_DESK_DB", None)
    from PySide6.QtWidgets import QApplication

    from desktop_app import paths
    from desktop_app.core.build_db import build_database
    from desktop_app.core.eligibility.profile import Profile
    from desktop_app.core.search import SearchFilters
    from desktop_app.core.services import PolicyData
    from desktop_app.core.userdata.profiles import ProfileRepository
    from desktop_app.core.userdata.user_db import open_user_db
    from desktop_app.gui.app import create_application, setup_application
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.search_controller import SearchController
    from desktop_app.gui.settings import Settings
    from desktop_app.gui.tasks import TaskRunner

    app = create_application([])
    setup_application(app, 12)
    db = home / "policies.sqlite"
    build_database(db)
    data = PolicyData.open(db)
    sample = json.loads(
        (paths.resources_dir() / "samples" / "xiamen-manufacturer.json").read_text("utf-8")
    )
    profile = Profile.from_dict(sample)
    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    record = repo.save(profile.to_dict(), evaluation=data.match(profile, date.today()).to_dict())
    evaluation_id = repo.evaluations(record.id)[0].id
    opened.conn.close()

    runner = TaskRunner()
    settings = Settings(home / "settings.ini")
    settings.set_tip_dismissed(True)
    controller = SearchController(
        runner, data, data.search_engine(), SearchFilters(), debounce_ms=0
    )
    window = MainWindow(data, controller, settings, runner, data.categories())
    window.resize(*WIDTH)
    window.show()
    window.start()
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(rounds: int = 40) -> None:
        for _ in range(rounds):
            app.processEvents()

    def grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = OUT / f"{name}.png"
        widget.grab().save(str(path))
        # 256 colours: screenshots of flat widgets lose nothing visible, and the bundle less
        from PIL import Image

        with Image.open(path) as image:
            image.convert("RGB").quantize(256).save(path, optimize=True)
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")

    grab(window, "start")
    window.search_panel.set_text("贴息")
    # the search runs on the worker: wait for its results, not for a number of event rounds
    deadline = time.monotonic() + 10
    while "找到" not in window.statusBar().currentMessage() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    grab(window, "search")
    window.enterprise_menu.open_recent(record.id, evaluation_id)
    settle(200)
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    if dialogs:
        dialogs[-1].resize(1200, 720)
        grab(dialogs[-1], "evaluation")
        dialogs[-1].close()
    from desktop_app.core.batch.synthetic import generate, write_xlsx

    roster = write_xlsx(generate(200, seed=5), home / "园区企业名录.xlsx")
    batch = window.enterprise_menu.feature().open_batch()
    batch.resize(1200, 720)
    batch.load_file(roster)
    deadline = time.monotonic() + 60
    while batch.stack.currentIndex() != 1 and time.monotonic() < deadline:
        settle(5)
    batch.start()
    while batch.stack.currentIndex() != 2 and time.monotonic() < deadline + 60:
        settle(5)
    grab(batch, "batch")
    batch.close()
    sample_doc = ROOT / "tests" / "data" / "import"
    docx = next(iter(sorted(sample_doc.glob("*.docx"))), None)
    if docx is not None:
        import shutil

        # as a user has it: a file named by its title in their own folder, not a test path
        received = (
            Path(tempfile.gettempdir()) / "收到的文件" / "将乐县促进中小企业高质量发展若干措施.docx"
        )
        received.parent.mkdir(exist_ok=True)
        docx = Path(shutil.copyfile(docx, received))
        from desktop_app.core.library.importer import preview_import
        from desktop_app.core.library.store import PolicyLibrary
        from desktop_app.gui.import_dialog import ImportPreviewDialog

        library = PolicyLibrary.open()
        try:
            preview = preview_import(library, docx)
        finally:
            library.close()
        dialog = ImportPreviewDialog(preview, window)
        dialog.resize(1200, 720)
        dialog.show()
        grab(dialog, "import")
        dialog.close()
        shutil.rmtree(received.parent, ignore_errors=True)
    runner.shutdown()
    window.close()
    data.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
