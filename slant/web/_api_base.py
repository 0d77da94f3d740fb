"""What the JSON API's endpoints share: the page envelope, the list helpers, the common
query parameters and the filters validated as the CLI validates them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from slant.models import technique_name
from slant.store import SearchPage
from slant.web._errors import ApiError
from slant.web._service import WebService

VoiceName = Literal["narrator", "quoted", "all"]
VOICE_DOC = ("whose words count: the outlet's own (narrator), quoted speech (quoted), or all")
ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                description="a stored article id")]


def _service(request: Request) -> WebService:
    return request.app.state.service


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """Every list endpoint answers one envelope: a page of ``items`` and how to get the next."""

    total: int = Field(description="how many items there are in all")
    limit: int = Field(description="items per page, as asked")
    offset: int = Field(description="items skipped, as asked")
    next: str | None = Field(description="the path and query of the next page; null on the last")
    items: list[T]


def _next(request: Request, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    url = request.url.include_query_params(offset=offset + limit, limit=limit)
    return f"{url.path}?{url.query}"


def _page(request: Request, page: SearchPage) -> Response:
    """A search page as JSON, serialized once by pydantic (the model is already valid; letting
    FastAPI re-validate it against ``response_model`` costs as much as the query itself)."""
    body = page.model_dump_json()
    nxt = json.dumps(_next(request, page.total, page.limit, page.offset))
    return Response('{"next":' + nxt + "," + body[1:], media_type="application/json")


def _listing(request: Request, rows: Sequence[Any], limit: int, offset: int,
             total: int | None = None) -> dict[str, Any]:
    """The envelope for a list (all rows, or one page of them with ``total`` given)."""
    if total is None:
        total = len(rows)
        rows = rows[offset:offset + limit]
    return {"total": total, "limit": limit, "offset": offset,
            "next": _next(request, total, limit, offset), "items": list(rows)}


def _technique(value: str | None) -> str | None:
    """A technique filter as the technique's name (any case, as the CLI takes it); 422 when
    it names none."""
    if not value:
        return None
    try:
        return technique_name(value)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None


def _day(d: date | None, end: bool = False) -> datetime | None:
    if d is None:
        return None
    return datetime.combine(d, time.max if end else time.min, tzinfo=UTC)


Limit = Annotated[int, Query(ge=1, le=100, description="results per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
ListLimit = Annotated[int, Query(ge=1, le=1000, description="items per page")]
