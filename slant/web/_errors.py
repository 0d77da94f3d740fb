"""The one JSON error envelope: ``{"error": {"code", "message", "status", "details"?}}``.

Every error the web layer returns, from any endpoint, has this shape (pinned by
``tests/web/test_error_shape.py``). :class:`ApiError` is raised by routes; the handlers in
:mod:`slant.web._app` translate it, FastAPI's validation errors, HTTP errors and
:class:`~slant.errors.SlantError` into the envelope.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from slant.errors import (
    FetchError,
    InputError,
    QueryTimeout,
    SlantError,
    StoreError,
    UnsupportedError,
)


class ErrorBody(BaseModel):
    code: str = Field(description="a stable machine-readable code, e.g. 'not_found'")
    message: str = Field(description="what went wrong and what to do next")
    status: int = Field(description="the HTTP status code")
    details: Any | None = Field(default=None, description="extra information, e.g. invalid fields")


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class ApiError(Exception):
    """An error with an HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str, details: Any | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def envelope(status: int, code: str, message: str, details: Any | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details is not None:
        body["details"] = details
    return {"error": body}


# HTTP status -> default code, for errors raised by Starlette/FastAPI themselves.
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
    504: "timeout",
}


def from_slant_error(exc: SlantError) -> ApiError:
    """A library error as an HTTP error: bad input is 4xx, a broken store or model 5xx."""
    if isinstance(exc, FetchError):
        return ApiError(422, "fetch_failed", str(exc))
    if isinstance(exc, UnsupportedError):
        return ApiError(422, "unsupported", str(exc))
    if isinstance(exc, InputError):
        return ApiError(422, "bad_input", str(exc))
    if isinstance(exc, QueryTimeout):
        return ApiError(503, "timeout", str(exc), headers={"Retry-After": "5"})
    if isinstance(exc, StoreError):
        return ApiError(503, "store_error", str(exc))
    return ApiError(500, "internal_error", str(exc))


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorEnvelope, "description": "a client error, in the error envelope"},
    "5XX": {"model": ErrorEnvelope, "description": "a server error, in the error envelope"},
}
