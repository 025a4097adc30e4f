"""Qt strings its Chinese catalog (qtbase_zh_CN.qm) leaves in English, translated here so no
English label reaches the user (seen: Qt's own file dialog said "Look in:" and "Files of type:")."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

# (context, source text as Qt writes it) -> Chinese
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
}


class MissingStrings(QTranslator):
    """Answers only for the strings above; Qt's catalog answers for the rest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) lets the next translator answer; "" would blank the label
        return MISSING.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
