"""What the results area shows when there is nothing to list, and the first-start tip.

Each state says what happened and offers the next step as a link the keyboard can reach
(Tab moves between links, Enter follows one).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote, unquote

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.gui import theme

# Offered when the engine has no suggestions of its own: common words in these documents.
DEFAULT_SUGGESTIONS = ("贷款", "担保", "贴息", "专精特新", "政府采购", "稳岗", "减税", "人才")


def _link(href: str, text: str) -> str:
    # Word joiners keep a suggested word on one line (Qt breaks between any two CJK
    # characters and ignores white-space:nowrap on links).
    joined = "\u2060".join(escape(ch) for ch in text)
    return f'<a href="{href}" style="color:{theme.ACCENT};">{joined}</a>'


TIP_TEXT = (
    "<b>使用提示：</b>在上方输入关键词（如“贴息”“担保”“专精特新”）即可搜索，输入时自动出结果；"
    "左侧可按地区、文件、类别等筛选。↑ ↓ 浏览结果，Enter 查看原文，"
    "Ctrl+F 回到搜索框，Esc 清空，Ctrl+= / Ctrl+- 调整字号。"
    f"详见{_link('action:help', '使用说明（F1）')}。"
)


class EmptyState(QWidget):
    suggestion_chosen = Signal(str)
    clear_filters_requested = Signal()
    clear_query_requested = Signal()
    rebuild_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label.linkActivated.connect(self._follow)
        self.setObjectName("Panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 28, 28, 28)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.kind = ""

    def show_no_results(
        self,
        query: str,
        suggestions: Sequence[str],
        filters_active: bool,
        what: str | None = None,
    ) -> None:
        """what: the sentence saying why nothing was found (default: a plain one)."""
        self.kind = "no-results"
        words = [s for s in suggestions if s and s != query] or [
            s for s in DEFAULT_SUGGESTIONS if s != query
        ]
        links = "　".join(_link(f"suggest:{quote(w)}", w) for w in words[:8])
        what = (
            escape(what)
            if what
            else (
                f"没有找到与“{escape(query)}”相关的政策条目。"
                if query
                else "没有符合条件的政策条目。"
            )
        )
        tips = ["<li>换一个更短或更常用的词，例如：" + links + "</li>"]
        if filters_active:
            tips.insert(
                0,
                f"<li>当前有筛选条件，{_link('action:clear-filters', '清除全部筛选')}"
                "后再看看。</li>",
            )
        if query:
            tips.append(f"<li>{_link('action:clear-query', '清空搜索框')}，浏览全部政策。</li>")
        tips.append("<li>检查是否有错别字；政策原文多用书面词，如“融资”而不是“借钱”。</li>")
        self.label.setText(
            f'<p style="font-size:large;"><b>{what}</b></p>'
            f"<p>可以试试：</p><ul>{''.join(tips)}</ul>"
        )

    def show_error(self, message: str) -> None:
        self.kind = "error"
        self.label.setText(
            f'<p style="font-size:large;"><b>{escape(message)}</b></p>'
            f"<ul><li>{_link('action:clear-query', '清空搜索框')}再试一次；</li>"
            f"<li>如果仍然出错，可以{_link('action:rebuild', '重建政策数据库')}。</li></ul>"
        )

    def show_loading(self, message: str = "正在加载政策数据…") -> None:
        self.kind = "loading"
        self.label.setText(f'<p style="color:{theme.TEXT_MUTED};">{escape(message)}</p>')

    def _follow(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "suggest":
            self.suggestion_chosen.emit(unquote(value))
        elif value == "clear-filters":
            self.clear_filters_requested.emit()
        elif value == "clear-query":
            self.clear_query_requested.emit()
        elif value == "rebuild":
            self.rebuild_requested.emit()


class Banner(QFrame):
    """A one-line message above the results: the first-start tip or a search notice."""

    dismissed = Signal()
    link_activated = Signal(str)  # the href of a link in the message

    def __init__(self, object_name: str, closable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(self.link_activated)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(10)
        layout.addWidget(self.label, 1)
        self.close_button: QPushButton | None = None
        if closable:
            self.close_button = QPushButton("知道了", self)
            self.close_button.clicked.connect(self._dismiss)
            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def set_text(self, html: str) -> None:
        self.label.setText(html)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
