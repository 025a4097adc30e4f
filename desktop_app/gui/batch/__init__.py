"""企业 → 批量筛查…: the roster dialog, its column mapping and the two views."""
