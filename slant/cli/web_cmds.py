"""``slant serve``: the web app and JSON API (FastAPI + uvicorn). Heavy imports inside."""

from __future__ import annotations

import typer

from slant.cli._app import app


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite file (default: $SLANT_DB, else the user data directory)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on. Anything but loopback requires a token."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls", help="Let URL analysis fetch private, loopback and link-local addresses (off by default: SSRF)."),
    token: str | None = typer.Option(None, "--token", envvar="SLANT_TOKEN", help="Access token: API clients send 'Authorization: Bearer TOKEN', people log in with it. Generated and printed when listening off loopback without one."),
) -> None:
    """Serve the web app: analyze, search the corpus, dashboards, compare outlets, JSON API."""
    import secrets

    from slant.config import Settings
    from slant.web import WebOptions, create_app, is_loopback

    settings = Settings.from_env(db_url=db)
    require_auth = bool(token) or not is_loopback(host)
    generated = False
    if require_auth and not token:
        token = secrets.token_urlsafe(24)
        generated = True
    options = WebOptions(token=token, require_auth=require_auth,
                         allow_private_urls=allow_private_urls)

    from slant.store import open_store

    store = open_store(settings.database_url, settings=settings)
    application = create_app(settings, store=store, options=options)

    import socket

    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"slant: serving {store.url} at http://{shown}:{bound_port}/ (API docs at /docs)")
    if require_auth:
        typer.echo(f"slant: access token{' (generated)' if generated else ''}: {token}", err=True)
    if allow_private_urls:
        typer.echo("slant: warning: URL analysis may fetch private addresses", err=True)
    config = uvicorn.Config(application, log_level="warning", access_log=False,
                            proxy_headers=False, timeout_graceful_shutdown=5)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        store.close()
