"""Full-text search over the policy items (plain Python; the window and the CLI call it)."""

from desktop_app.core.search.engine import SearchEngine
from desktop_app.core.search.results import Hit, SearchFilters, SearchResult

__all__ = ["Hit", "SearchEngine", "SearchFilters", "SearchResult"]
