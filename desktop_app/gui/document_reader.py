"""The document reader: a whole document as a tree of its headings and items, beside the full
text, jumping to (and marking) the selected item.

The text is rendered once per document; selecting an item only moves an extra-selection and
scrolls, so walking the tree with the arrow keys stays instant even for the 161-item plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import Item
from desktop_app.core.services import PolicyData
from desktop_app.gui import theme
from desktop_app.gui.catalog import article_label, doc_number_label
from desktop_app.gui.html_text import highlighted

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_TAGS = ("h2", "h3", "h4", "h5")


def build_tree(items: Sequence[Item]) -> QStandardItemModel:
    """Headings (from each item's path) as branches, items as leaves, in document order."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["目录"])
    stack: list[tuple[str, QStandardItem]] = []
    for item in items:
        depth = 0
        while depth < min(len(stack), len(item.path)) and stack[depth][0] == item.path[depth]:
            depth += 1
        del stack[depth:]
        for heading in item.path[depth:]:
            node = QStandardItem(heading)
            node.setEditable(False)
            node.setToolTip(heading)
            parent = stack[-1][1] if stack else model.invisibleRootItem()
            parent.appendRow(node)
            stack.append((heading, node))
        # one line per row: some display titles (a preamble's addressee block) hold newlines
        label = " ".join(f"{article_label(item)}　{item.display_title}".split())
        leaf = QStandardItem(label)
        leaf.setEditable(False)
        leaf.setToolTip(item.display_title)
        leaf.setData(item.id, ITEM_ID_ROLE)
        (stack[-1][1] if stack else model.invisibleRootItem()).appendRow(leaf)
    return model


def document_html(items: Sequence[Item]) -> str:
    parts: list[str] = []
    current: list[str] = []
    for item in items:
        depth = 0
        while depth < min(len(current), len(item.path)) and current[depth] == item.path[depth]:
            depth += 1
        for level, heading in enumerate(item.path[depth:], start=depth):
            tag = HEADING_TAGS[min(level, len(HEADING_TAGS) - 1)]
            parts.append(f'<{tag} style="color:{theme.ACCENT};">{escape(heading)}</{tag}>')
        current = list(item.path)
        parts.append(
            f'<p style="line-height:150%;"><a name="{escape(item.id)}"></a>'
            f"{highlighted(item.text, ())}</p>"
        )
    return "".join(parts)


class DocumentReader(QDialog):
    def __init__(self, data: PolicyData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("原文阅读")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._data = data
        self._document_id: str | None = None
        self._positions: dict[str, tuple[int, int]] = {}
        self._leaves: dict[str, QModelIndex] = {}
        self.current_item_id: str | None = None
        self._scroll_target: str | None = None
        self._matches: tuple[str, tuple[tuple[int, int], ...]] = ("", ())

        self.header = QLabel(self)
        self.header.setObjectName("TitleLarge")
        self.header.setWordWrap(True)
        self.subheader = QLabel(self)
        self.subheader.setObjectName("Muted")

        self.tree = QTreeView(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("文件目录")
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("文件原文")
        self.text.document().setDocumentMargin(18)
        self.model = QStandardItemModel(self)
        self.tree.setModel(self.model)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 770])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(splitter, 1)
        self.resize(1150, 720)

    def set_data(self, data: PolicyData) -> None:
        self._data = data
        self._document_id = None

    def refresh_fonts(self) -> None:
        """Nothing to do: the style sheet sizes the header and the text follows the widget."""

    def open_item(self, item_id: str, text_highlights: Sequence[tuple[int, int]] = ()) -> bool:
        item = self._data.item(item_id)
        if item is None:
            return False
        if item.document_id != self._document_id:
            self._load_document(item.document_id)
        # Kept so that re-selecting this item in the tree shows the search matches again.
        self._matches = (item_id, tuple(text_highlights))
        self._select(item_id)
        index = self._leaves.get(item_id)
        if index is not None and index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QTreeView.ScrollHint.PositionAtCenter)
        self.tree.setFocus()
        return True

    def _load_document(self, document_id: str) -> None:
        doc = self._data.document(document_id)
        items = self._data.document_items(document_id)
        self._document_id = document_id
        title = doc.title if doc else document_id
        self.setWindowTitle(f"原文阅读 — {doc.short_title if doc else document_id}")
        # a draft says so in its heading, as its own title page does
        draft = f"（{doc.status}）" if doc and doc.status == "征求意见稿" else ""
        self.header.setText(f"《{title}》{draft}")
        issuer = doc.issuer if doc and doc.issuer else "未注明"
        self.subheader.setText(
            f"文号：{doc_number_label(doc)}　　发文单位：{issuer}　　共 {len(items)} 条"
        )

        model = build_tree(items)
        self.tree.setModel(model)
        self.model.deleteLater()
        self.model = model
        self.tree.expandAll()
        self.tree.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        self._leaves = {}
        self._index_leaves(QModelIndex())

        self.text.setHtml(document_html(items))
        self._positions = self._anchor_positions()

    def _index_leaves(self, parent: QModelIndex) -> None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            item_id = index.data(ITEM_ID_ROLE)
            if item_id:
                self._leaves[str(item_id)] = QModelIndex(index)
            self._index_leaves(index)

    def _anchor_positions(self) -> dict[str, tuple[int, int]]:
        """Each item's paragraph as (start, end) positions in the rendered document."""
        positions: dict[str, tuple[int, int]] = {}
        block = self.text.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    positions[name] = (block.position(), block.position() + block.length() - 1)
                it += 1
            block = block.next()
        return positions

    def _tree_selection_changed(
        self, selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        item_id = indexes[0].data(ITEM_ID_ROLE)
        if item_id:
            self._select(str(item_id))
        else:
            # a heading: scroll to its first item
            child = indexes[0].model().index(0, 0, indexes[0])
            while child.isValid() and not child.data(ITEM_ID_ROLE):
                child = child.model().index(0, 0, child)
            if child.isValid():
                self._scroll_to(str(child.data(ITEM_ID_ROLE)))

    def _select(self, item_id: str) -> None:
        self.current_item_id = item_id
        text_highlights = self._matches[1] if self._matches[0] == item_id else ()
        span = self._positions.get(item_id)
        selections: list[QTextEdit.ExtraSelection] = []
        if span is not None:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(self.text.document())
            mark.cursor.setPosition(span[0])
            mark.cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(theme.ACCENT_SOFT))
            fmt.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
            mark.format = fmt
            selections.append(mark)
            # The anchor sits at the paragraph start and <br> is one character, so offsets
            # into item.text map straight onto the block.
            offset = span[0]
            for start, end in text_highlights:
                hit = QTextEdit.ExtraSelection()
                hit.cursor = QTextCursor(self.text.document())
                hit.cursor.setPosition(offset + start)
                hit.cursor.setPosition(offset + end, QTextCursor.MoveMode.KeepAnchor)
                hfmt = QTextCharFormat()
                hfmt.setBackground(QColor(theme.HIGHLIGHT_BG))
                hit.format = hfmt
                selections.append(hit)
        self.text.setExtraSelections(selections)
        self._scroll_to(item_id)

    def _scroll_to(self, item_id: str) -> None:
        self._scroll_target = item_id
        self._apply_scroll()
        # Before the dialog is shown (or while the new text is still being laid out) the
        # scroll range is not final yet: apply again once the event loop has caught up.
        QTimer.singleShot(0, self._apply_scroll)

    def _apply_scroll(self) -> None:
        span = self._positions.get(self._scroll_target or "")
        if span is None:
            return
        document = self.text.document()
        top = document.documentLayout().blockBoundingRect(document.findBlock(span[0])).top()
        # Leave some text above in view, so the reader sees the heading it sits under.
        self.text.verticalScrollBar().setValue(int(top - self.text.viewport().height() / 5))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._apply_scroll)
