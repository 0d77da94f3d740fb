"""The app factory: ``create_app(settings, *, store=None, pipeline_factory=None, fetcher=None)``.

Everything the app needs is passed in (or built lazily from ``settings``): a store, a
pipeline factory (called once, on the first analysis) and a URL fetcher. Tests inject fakes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from slant import __version__
from slant.config import Settings
from slant.errors import SlantError
from slant.ingest.guard import Resolver
from slant.web._auth import authorized
from slant.web._errors import STATUS_CODES, ApiError, envelope, from_slant_error
from slant.web._middleware import LimitsAndHeaders
from slant.web._options import WebOptions
from slant.web._service import Fetcher, PipelineFactory, WebService

HERE = Path(__file__).resolve().parent

API_DESCRIPTION = """\
slant reads news articles and shows how they persuade: propaganda-technique spans, quotes and
their speakers, how each entity is labelled, and how outlets differ.

Every error is JSON in one envelope: `{"error": {"code": ..., "message": ..., "status": ...}}`.
Off loopback, send `Authorization: Bearer <token>`.
"""


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from slant.web import _views

    env.globals.update(_views.template_globals())
    env.filters.update(_views.template_filters())
    return Jinja2Templates(env=env)


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>slant API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js"></script></body></html>
"""


def create_app(
    settings: Settings | None = None,
    *,
    store: Any | None = None,
    pipeline_factory: PipelineFactory | None = None,
    fetcher: Fetcher | None = None,
    options: WebOptions | None = None,
    resolver: Resolver | None = None,
) -> FastAPI:
    """Build the web app. Nothing heavy happens here: no models, no database connection.

    ``store``: a :class:`slant.store.Store` (default: opened from ``settings`` on first use).
    ``pipeline_factory(settings)``: returns anything with ``.analyze(article) -> Analysis``;
    called once, on the first analysis (default :func:`slant.pipeline.build_pipeline`).
    ``fetcher(url, *, check_url, timeout, max_bytes) -> Article`` reads URLs (default
    :func:`slant.ingest.fetch_url`); it must call ``check_url`` on every redirect.
    ``resolver(host, port) -> addresses`` is the DNS lookup of the SSRF check (tests fake it).
    """
    settings = settings or Settings.from_env()
    options = options or WebOptions()
    service = WebService(settings, options, store=store, pipeline_factory=pipeline_factory,
                         fetcher=fetcher, resolver=resolver)
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        lifespan=lifespan,
        title="slant",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # served below from the vendored Swagger UI: works offline
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service
    app.state.options = options
    app.state.templates = _templates()

    from slant.web.api import router as api_router
    from slant.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from fastapi.responses import HTMLResponse

    @app.get("/docs", include_in_schema=False)
    def _api_docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)
    _install_error_handlers(app)

    app.add_middleware(AuthGate, options=options)
    app.add_middleware(LimitsAndHeaders, max_body=options.max_body_bytes)
    return app


class AuthGate:
    """Pure ASGI: with ``require_auth``, API calls need the bearer token (401 envelope) and
    pages a login cookie (303 to /login). Open when the server runs open on loopback."""

    def __init__(self, app: Any, options: WebOptions) -> None:
        self.app = app
        self.options = options

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not self.options.require_auth:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if authorized(request, self.options):
            await self.app(scope, receive, send)
            return
        path = request.url.path
        if path.startswith("/api/") or path == "/openapi.json":
            response: Response = JSONResponse(
                envelope(401, "unauthorized",
                         "this server needs a token: send 'Authorization: Bearer <token>'"),
                status_code=401, headers={"WWW-Authenticate": "Bearer"},
            )
        else:
            from urllib.parse import quote

            response = RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        await response(scope, receive, send)


def _error_response(request: Request, status: int, code: str, message: str,
                    details: Any | None = None, headers: dict[str, str] | None = None) -> Response:
    if not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", ""):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html",
            {"status": status, "code": code, "message": message, "details": details},
            status_code=status, headers=headers,
        )
    return JSONResponse(envelope(status, code, message, details), status_code=status,
                        headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.code, exc.message, exc.details,
                               exc.headers)

    @app.exception_handler(SlantError)
    async def _slant_error(request: Request, exc: SlantError) -> Response:
        err = from_slant_error(exc)
        return _error_response(request, err.status, err.code, err.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"][1:] if len(first["loc"]) > 1 else first["loc"])
        message = f"invalid request: {where}: {first['msg']}" if where else f"invalid request: {first['msg']}"
        return _error_response(request, 422, "invalid_request", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error_response(request, exc.status_code, code, message,
                               headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return _error_response(request, 500, "internal_error",
                               f"unexpected error ({type(exc).__name__}); see the server log")


__all__ = ["HTMLResponse", "WebOptions", "create_app"]
