"""A web server on 127.0.0.1 for crawl tests: each GET is answered by a function of the path."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: (status, content type, body, extra headers)
Reply = tuple[int, str, str, dict[str, str]]
#: answer(path, request headers, base URL) -> a reply, or None for an empty 404
Answer = Callable[[str, Mapping[str, str], str], Reply | None]


@contextmanager
def loopback_site(answer: Answer) -> Iterator[str]:
    """Serve ``answer`` on a free loopback port; yields the base URL (``http://127.0.0.1:N``)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            reply = answer(self.path, self.headers, f"http://127.0.0.1:{self.server.server_address[1]}")
            if reply is None:
                self.send_response(404)
                self.end_headers()
                return
            status, ctype, body, extra = reply
            data = body.encode()
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
