"""Page geometry shared by every PDF: A4 portrait with 2 cm margins on all sides."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm

PAGE_SIZE: tuple[float, float] = A4
MARGIN = 2 * cm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
CONTENT_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN
