"""A scriptable OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

It lives under tests/ (not in the coach package) so the installed wheel
carries no test support; benchmarks/ puts this folder on sys.path to use it.

The LLM path is tested end to end through litellm's real HTTP client: point
an `openai/<name>` model at `server.url` and the server answers
`POST /v1/chat/completions` with whatever was queued — a reply, an HTTP
error, a redirect, garbage, a reply slower than the client's timeout or
one trickled a byte at a time — and records every request it received, so
a test can check what really left the machine. Standard library only;
binds port 0 so runs never collide.

    with FakeLLMServer() as server:
        server.enqueue(Reply(content='{"questions": [...]}'))
        config = LLMConfig(model="openai/fake", api_base=server.url, api_key=SecretStr("x"))
        ...
        assert server.calls == 1
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """What the server does with one request.

    `content`: a 200 chat completion whose message is this text.
    `status`: any other HTTP status, with an OpenAI-style error body.
    `body`: these raw bytes instead (e.g. garbage that is not JSON).
    `delay`: seconds to wait first (on top of the server's latency).
    `headers`: extra response headers (e.g. a redirect's Location).
    `trickle`: send the response one byte at a time, this many seconds apart —
    a server that is never silent long enough for a per-read timeout to fire.
    """

    content: str = ""
    status: int = 200
    body: bytes | None = None
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()
    trickle: float = 0.0


class FakeLLMServer:
    """Serve queued Replies (then `default`) with an artificial `latency` per request."""

    def __init__(self, default: Reply | None = None, latency: float = 0.0) -> None:
        self.default = default or Reply(status=500, content="no reply queued")
        self.latency = latency
        self.requests: list[dict[str, Any]] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()  # ends a trickling reply when the server stops

    @property
    def url(self) -> str:
        """The api_base to give litellm: http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def calls(self) -> int:
        with self._lock:
            return len(self.requests)

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def start(self) -> FakeLLMServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, request: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(request)
            return self._queue.popleft() if self._queue else self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    request = json.loads(raw or b"{}")
                except ValueError:
                    request = {"unparsed": raw.decode("utf-8", "replace")}
                request["_path"] = self.path
                request["_method"] = self.command
                reply = server._next(request)
                time.sleep(server.latency + reply.delay)
                if reply.body is not None:
                    status, body = reply.status, reply.body
                elif reply.status != 200:
                    status = reply.status
                    body = json.dumps(
                        {"error": {"message": reply.content or "fake error", "type": "fake", "code": status}}
                    ).encode()
                else:
                    status, body = 200, json.dumps(_completion(request, reply.content)).encode()
                head = [f"HTTP/1.1 {status} {_phrase(status)}"]
                # One request per connection, said out loud: a client must not reuse it (a redirect test).
                head += ["Content-Type: application/json", f"Content-Length: {len(body)}", "Connection: close"]
                head += [f"{name}: {value}" for name, value in reply.headers]
                raw = ("\r\n".join(head) + "\r\n\r\n").encode() + body
                try:
                    if not reply.trickle:
                        self.wfile.write(raw)
                        return
                    for i in range(len(raw)):
                        if server._stopping.wait(reply.trickle):
                            return
                        self.wfile.write(raw[i : i + 1])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            # A client that follows a 301/302 redirect turns the POST into a GET: serve it the same way.
            do_GET = do_POST

        return Handler


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _completion(request: dict[str, Any], content: str) -> dict[str, Any]:
    prompt_words = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
    completion_words = len(content.split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_words,
            "completion_tokens": completion_words,
            "total_tokens": prompt_words + completion_words,
        },
    }
