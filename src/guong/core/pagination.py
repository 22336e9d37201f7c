"""Lists in the API: `page` (1-based) and `page_size` (50 by default, 500 at most).

Every list answers `{"count": N, "items": [...]}`; a page beyond the last is simply empty.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from ninja import Field, Schema

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class PageQuery(Schema):
    """The query parameters every list endpoint takes (`Query[PageQuery]`)."""

    page: int = Field(1, ge=1, description="1-based page number")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"rows per page, {MAX_PAGE_SIZE} at most",
    )


def page_of(
    queryset: QuerySet, query: PageQuery, count: Callable[[], int | None] | None = None
) -> dict:
    """One page of `queryset`. A short page tells the total by itself, and so do rows that
    carry a `total_rows` window count; otherwise `count` may supply it from a cheaper source
    (None: it cannot), and the database counts the rows last."""
    start = (query.page - 1) * query.page_size
    items = list(queryset[start : start + query.page_size])
    if 0 < len(items) < query.page_size or (start == 0 and not items):
        return {"count": start + len(items), "items": items}
    if items and hasattr(items[0], "total_rows"):
        return {"count": items[0].total_rows, "items": items}
    total = count() if count is not None else None
    return {"count": queryset.count() if total is None else total, "items": items}
