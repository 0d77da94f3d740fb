"""`slant serve` as a user runs it: a subprocess, the URL on stdout, the token on stderr."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "web.md"


def _serve(tmp_path, *args: str):
    proc = subprocess.Popen(
        [sys.executable, "-m", "slant", "serve", "--db", f"sqlite:///{tmp_path / 's.db'}",
         "--port", "0", *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline()
    m = re.search(r"at (http://\S+?)/ ", line)
    assert m, (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc, m.group(1)


def _wait(url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url, headers=headers, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err


@pytest.mark.slow
def test_serve_on_loopback_is_open(tmp_path):
    proc, base = _serve(tmp_path)
    try:
        assert base.startswith("http://127.0.0.1:")
        assert _wait(base + "/api/v1/health").json()["status"] == "ok"
        assert httpx.get(base + "/api/v1/search").json()["total"] == 0
        assert "Analyze an article" in httpx.get(base + "/").text
    finally:
        _stop(proc)


@pytest.mark.slow
def test_serve_off_loopback_generates_a_token(tmp_path):
    proc, base = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        base = base.replace("0.0.0.0", "127.0.0.1")
        assert _wait(base + "/api/v1/health").status_code == 200
        assert httpx.get(base + "/api/v1/search").status_code == 401
    finally:
        err = _stop(proc)
    token = re.search(r"access token \(generated\): (\S+)", err)
    assert token, err


@pytest.mark.slow
def test_given_token_is_required(tmp_path):
    proc, base = _serve(tmp_path, "--token", "letmein-please")
    try:
        assert _wait(base + "/api/v1/search").status_code == 401
        ok = httpx.get(base + "/api/v1/search", headers={"Authorization": "Bearer letmein-please"})
        assert ok.status_code == 200
    finally:
        _stop(proc)


def test_every_serve_option_is_documented():
    from typer.main import get_command

    from slant.cli import app

    serve = get_command(app).commands["serve"]
    docs = DOCS.read_text()
    for param in serve.params:
        for opt in param.opts:
            assert f"`{opt}" in docs, f"{opt} is not in docs/web.md"


def test_every_api_path_is_documented():
    from slant.config import Settings
    from slant.web import create_app

    docs = DOCS.read_text()
    for path in create_app(Settings()).openapi()["paths"]:
        short = path.removeprefix("/api/v1")
        assert short.split("{")[0].rstrip("/") in docs, f"{path} is not in docs/web.md"


def test_web_imports_no_heavy_libraries():
    code = ("import sys, slant.web, slant.web.api, slant.web.pages; "
            "heavy = [m for m in ('torch', 'transformers', 'spacy') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _serve_exit(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "slant", "serve", "--db", f"sqlite:///{tmp_path / 's.db'}", *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )


def test_serve_on_a_busy_port_names_it_and_says_what_to_do(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = _serve_exit(tmp_path, "--port", str(port))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "OSError" not in done.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert f"--port {port + 1}" in done.stderr and "--port 0" in done.stderr


@pytest.mark.parametrize("token", [" ", "   ", " padded"])
def test_serve_refuses_a_blank_token(tmp_path, token):
    done = _serve_exit(tmp_path, "--port", "0", "--token", token)
    assert done.returncode == 2
    assert "--token" in done.stderr and "Traceback" not in done.stderr


def test_serve_warns_about_a_short_token(tmp_path):
    import socket

    with socket.socket() as busy:  # a busy port, so serve stops right after its checks
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = _serve_exit(tmp_path, "--port", str(busy.getsockname()[1]), "--token", "x")
    assert "warning: the token has 1 characters" in done.stderr
    assert "Use 16 or more" in done.stderr
