"""The filter panel: region cascade, document, level, department, category, enterprise-facing
only, validity on a date, has an amount — each with its count from the current search.

The panel only reports what is ticked (filters_changed); the window decides what to do.
Its parts: the region cascade (region_filter.py) and the lists with counts (facet_list.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import Document
from desktop_app.core.search import SearchFilters
from desktop_app.gui.catalog import document_label
from desktop_app.gui.facet_list import FacetList, count_text
from desktop_app.gui.region_filter import RegionFilter

LEVELS = (("省", "省级"), ("市", "市级"), ("区县", "区县级"))
ANY_DEPARTMENT = "全部责任单位"
FACING_LABEL = "只看企业可申请的措施"
AMOUNT_LABEL = "只看注明金额的"
VALID_LABEL = "只看核对日期有效的"
# validity states that valid_only keeps (desktop_app.core.validity.Validity.applicable)
APPLICABLE_STATES = ("in_force", "unknown")


class FilterPanel(QWidget):
    filters_changed = Signal(object)  # SearchFilters

    def __init__(
        self,
        documents: list[Document],
        categories: list[str],
        departments: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._departments = departments
        self._department_counts: Mapping[str, int] | None = None

        header = QHBoxLayout()
        title = QLabel("筛选", self)
        title.setObjectName("Heading")
        self.clear_button = QPushButton("清除筛选", self)
        self.clear_button.setToolTip("一键清除全部筛选条件")
        self.clear_button.setAccessibleName("清除全部筛选")
        self.clear_button.clicked.connect(self.clear)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.clear_button)

        # the body goes into its scroll area while empty: a built one would be re-styled
        scroll = QScrollArea(self)
        self._scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(scroll)
        scroll.setWidget(body)
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 6, 0)
        form.setSpacing(6)

        self.region = RegionFilter(body)
        self.province, self.city, self.district = self.region.combos
        self.region.changed.connect(self._emit)
        form.addWidget(self.region)

        # -- documents, levels, categories ----------------------------------------------
        doc_box = QGroupBox("政策文件", body)
        doc_layout = QVBoxLayout(doc_box)
        doc_layout.setContentsMargins(0, 6, 0, 0)
        self.documents = FacetList(
            ((d.id, document_label(d)) for d in documents), "政策文件", doc_box
        )
        self.documents.setWordWrap(True)
        doc_layout.addWidget(self.documents)
        form.addWidget(doc_box)

        level_box = QGroupBox("发文层级", body)
        level_layout = QVBoxLayout(level_box)
        level_layout.setContentsMargins(0, 6, 0, 0)
        self.levels = FacetList(LEVELS, "发文层级", level_box)
        level_layout.addWidget(self.levels)
        form.addWidget(level_box)

        cat_box = QGroupBox("政策类别", body)
        cat_layout = QVBoxLayout(cat_box)
        cat_layout.setContentsMargins(0, 6, 0, 0)
        self.categories = FacetList(((c, c) for c in categories), "政策类别", cat_box)
        cat_layout.addWidget(self.categories)
        form.addWidget(cat_box)

        dep_box = QGroupBox("责任单位", body)
        dep_layout = QVBoxLayout(dep_box)
        dep_layout.setContentsMargins(0, 6, 0, 0)
        self.department = QComboBox(dep_box)
        self.department.setAccessibleName("责任单位")
        self.department.setMaxVisibleItems(15)
        self.department.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department.setMinimumContentsLength(4)
        self._fill_departments()
        self.department.currentIndexChanged.connect(self._emit)
        dep_layout.addWidget(self.department)
        form.addWidget(dep_box)

        # -- conditions -----------------------------------------------------------------
        cond_box = QGroupBox("其他条件", body)
        cond_layout = QVBoxLayout(cond_box)
        cond_layout.setContentsMargins(0, 6, 0, 0)
        self.facing = QCheckBox(FACING_LABEL, cond_box)
        self.amount = QCheckBox(AMOUNT_LABEL, cond_box)
        self.valid_only = QCheckBox(VALID_LABEL, cond_box)
        self.valid_only.setToolTip("征求意见稿、已失效、尚未生效的文件不显示；未注明有效期的仍显示")
        date_row = QHBoxLayout()
        date_label = QLabel("核对日期：", cond_box)
        self.as_of = QDateEdit(QDate.currentDate(), cond_box)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy年M月d日")
        self.as_of.setAccessibleName("有效期核对日期")
        date_label.setBuddy(self.as_of)
        date_row.addWidget(date_label)
        date_row.addWidget(self.as_of, 1)
        for check in (self.facing, self.amount, self.valid_only):
            check.toggled.connect(self._emit)
            cond_layout.addWidget(check)
        cond_layout.addLayout(date_row)
        self.as_of.dateChanged.connect(self._emit)
        form.addWidget(cond_box)
        form.addStretch(1)

        for facet in (self.documents, self.levels, self.categories):
            facet.itemChanged.connect(self._emit)

        body.setMinimumWidth(0)
        self._body = body

        outer = QVBoxLayout(self)
        self._outer = outer
        outer.setContentsMargins(12, 10, 6, 10)
        outer.setSpacing(6)
        outer.addLayout(header)
        outer.addWidget(scroll, 1)
        self._update_clear_button()
        self._width_fitted = False  # on first show: the panel is hidden at start-up

    # -- region ----------------------------------------------------------------------------
    def region_code(self) -> str | None:
        return self.region.code()

    def set_region(self, code: str | None) -> None:
        """Select a region and its parents (the cascade follows), then search once."""
        self.region.set_code(code)
        self._emit()

    def set_documents(self, documents: list[Document], departments: list[str]) -> None:
        """New data (a document imported or removed): the lists follow, selections stay."""
        self.documents.set_options((d.id, document_label(d)) for d in documents)
        self._departments = departments
        self._fill_departments()

    # -- departments -----------------------------------------------------------------------
    def _fill_departments(self) -> None:
        current = self.department.currentData()
        counts = self._department_counts
        with QSignalBlocker(self.department):
            self.department.clear()
            self.department.addItem(ANY_DEPARTMENT, "")
            for name in self._departments:
                count = None if counts is None else int(counts.get(name, 0))
                self.department.addItem(count_text(name, count), name)
            self.department.setCurrentIndex(max(0, self.department.findData(current or "")))

    # -- state -----------------------------------------------------------------------------
    def filters(self) -> SearchFilters:
        department = str(self.department.currentData() or "")
        return SearchFilters(
            region_code=self.region_code(),
            document_ids=self.documents.checked(),
            levels=self.levels.checked(),
            departments=(department,) if department else (),
            categories=self.categories.checked(),
            enterprise_facing_only=self.facing.isChecked(),
            as_of=self.as_of_date(),
            valid_only=self.valid_only.isChecked(),
            has_amount=self.amount.isChecked(),
        )

    def as_of_date(self) -> date:
        qd = self.as_of.date()
        return date(qd.year(), qd.month(), qd.day())

    def active_count(self) -> int:
        f = self.filters()
        return sum(
            [
                f.region_code is not None,
                bool(f.document_ids),
                bool(f.levels),
                bool(f.departments),
                bool(f.categories),
                f.enterprise_facing_only,
                f.valid_only,
                f.has_amount,
                self.as_of.date() != QDate.currentDate(),
            ]
        )

    def clear(self) -> None:
        """Reset every filter with one click, then search once."""
        blockers = [
            QSignalBlocker(w)
            for w in (self.department, self.facing, self.amount, self.valid_only, self.as_of)
        ]
        self.region.set_code(None)
        self.department.setCurrentIndex(0)
        for check in (self.facing, self.amount, self.valid_only):
            check.setChecked(False)
        self.as_of.setDate(QDate.currentDate())
        self.documents.set_checked(())
        self.levels.set_checked(())
        self.categories.set_checked(())
        del blockers
        self._emit()

    def set_facets(self, facets: Mapping[str, Mapping[str, int]]) -> None:
        self.documents.set_counts(facets.get("document"))
        self.categories.set_counts(facets.get("category"))
        self.levels.set_counts(facets.get("level"))
        self._department_counts = facets.get("department")
        self._fill_departments()
        facing = facets.get("enterprise_facing")
        self.facing.setText(
            count_text(FACING_LABEL, None if facing is None else facing.get("true", 0))
        )
        amount = facets.get("has_amount")
        self.amount.setText(
            count_text(AMOUNT_LABEL, None if amount is None else amount.get("true", 0))
        )
        validity = facets.get("validity")
        valid = None if validity is None else sum(validity.get(s, 0) for s in APPLICABLE_STATES)
        self.valid_only.setText(count_text(VALID_LABEL, valid))

    def focus_first(self) -> None:
        self.province.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh_fonts(self) -> None:
        for facet in (self.documents, self.levels, self.categories):
            facet.refit()
        QTimer.singleShot(0, self.fit_width)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._width_fitted:
            self._width_fitted = True
            QTimer.singleShot(0, self.fit_width)

    def fit_width(self) -> None:
        """Never narrower than the widest row (check boxes do not wrap), whatever the font."""
        margins = self._outer.contentsMargins()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        needed = self._body.minimumSizeHint().width() + bar + margins.left() + margins.right()
        self.setMinimumWidth(max(250, needed + 4))

    def _update_clear_button(self) -> None:
        count = self.active_count()
        self.clear_button.setText(f"清除筛选（{count}）" if count else "清除筛选")
        self.clear_button.setEnabled(count > 0)

    def _emit(self, *_: object) -> None:
        self._update_clear_button()
        self.filters_changed.emit(self.filters())
