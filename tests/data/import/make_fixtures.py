"""Write the .docx and .pdf versions of the fixture documents next to their .txt sources.

.venv/bin/python tests/data/import/make_fixtures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.import_helpers import fixture_paragraphs, make_docx, make_pdf  # noqa: E402


def main() -> None:
    for source in sorted(HERE.glob("*.txt")):
        paragraphs = fixture_paragraphs(source.name)
        make_docx(source.with_suffix(".docx"), paragraphs)
        make_pdf(source.with_suffix(".pdf"), paragraphs)
        print(source.with_suffix(".docx").name, source.with_suffix(".pdf").name)


if __name__ == "__main__":
    main()
