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
    allowed_host: list[str] | None = typer.Option(None, "--allowed-host", help="A host name the server answers to (repeatable). Default: loopback names (127.0.0.1, localhost, ::1) on loopback, any name elsewhere."),
) -> None:
    """Serve the web app: analyze, search the corpus, dashboards, compare outlets, JSON API."""
    import secrets

    from slant.config import Settings
    from slant.web import WebOptions, create_app, is_loopback
    from slant.web._options import LOOPBACK_HOSTS

    settings = Settings.from_env(db_url=db)
    if token is not None:
        _check_token(token)
    require_auth = bool(token) or not is_loopback(host)
    generated = False
    if require_auth and not token:
        token = secrets.token_urlsafe(24)
        generated = True
    if allowed_host:
        hosts: tuple[str, ...] | None = tuple(dict.fromkeys([*LOOPBACK_HOSTS, *allowed_host]))
    else:
        hosts = LOOPBACK_HOSTS if is_loopback(host) else None
    options = WebOptions(token=token, require_auth=require_auth,
                         allow_private_urls=allow_private_urls, allowed_hosts=hosts)

    from slant.store import open_store

    store = open_store(settings.database_url, settings=settings)
    application = create_app(settings, store=store, options=options)

    import uvicorn

    sock = _bind(host, port, store)
    shown = f"[{host}]" if ":" in host else host
    bound_port = sock.getsockname()[1]
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


def _check_token(token: str) -> None:
    """Refuse a blank token or one with spaces around it; warn about a short one."""
    from slant.web._options import SHORT_TOKEN

    if not token.strip():
        typer.echo("slant: error: --token is blank; give a token with visible characters "
                   "(or leave it out to have one generated off loopback)", err=True)
        raise typer.Exit(2)
    if token != token.strip():
        typer.echo("slant: error: --token starts or ends with spaces; remove them", err=True)
        raise typer.Exit(2)
    if len(token) < SHORT_TOKEN:
        typer.echo(f"slant: warning: the token has {len(token)} characters; anyone who can reach "
                   f"the server may guess it. Use {SHORT_TOKEN} or more (leave --token out off "
                   "loopback to have a long one generated)", err=True)


def _bind(host: str, port: int, store):
    """A socket bound to ``host:port``; a clear error (and the store closed) when it cannot be."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    shown = f"[{host}]" if ":" in host else host
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        store.close()
        if exc.errno == errno.EADDRINUSE:
            why = (f"port {port} on {shown} is already in use (another slant serve, or another "
                   f"program); pick another with --port {port + 1 if port < 65535 else 8001}, "
                   "or --port 0 for any free port")
        elif exc.errno == errno.EACCES:
            why = (f"not allowed to listen on port {port} (ports below 1024 need privileges); "
                   "pick another with --port 8000, or --port 0 for any free port")
        elif exc.errno == errno.EADDRNOTAVAIL:
            why = f"{host} is not an address of this machine; try --host 127.0.0.1"
        else:
            why = f"cannot listen on {shown}:{port} ({exc.strerror or exc})"
        typer.echo(f"slant: error: {why}", err=True)
        raise typer.Exit(1) from None
    return sock
