"""Who is editing: one session per opening of the admin page, and the version of each page it was given.

Each time the admin page fetches its configuration, the server opens a session and writes its token into
the API's address in that configuration (server.py). Another web page cannot read that file (no CORS), so
cannot name a token; a token of an earlier run of the server is unknown to this one.

A session remembers the version (SHA-256 of the bytes) of each file it was given. Decap sends a save
without the version it started from, so this is how a save made over someone else's is known: the file is
no longer the version this session was given (api.py answers 409).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict

MAX_SESSIONS = 500  # each opening of the page; the oldest are forgotten first
NOT_GIVEN = object()  # a file the session was never given (None: given as missing)


def version(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


class Session:
    def __init__(self) -> None:
        self._versions: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def given(self, path: str, file_version: str | None) -> None:
        with self._lock:
            self._versions[path] = file_version

    def base(self, path: str) -> object:
        """The version of `path` this session was last given (None: as missing), or NOT_GIVEN."""
        with self._lock:
            return self._versions.get(path, NOT_GIVEN)


class Sessions:
    """Tokens are the session's number and an HMAC of it under this run's secret."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)
        self._open: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def open(self) -> str:
        number = secrets.token_hex(8)
        with self._lock:
            self._open[number] = Session()
            while len(self._open) > MAX_SESSIONS:
                self._open.popitem(last=False)
        return f"{number}-{self._sign(number)}"

    def find(self, token: str) -> Session | None:
        number, _, signature = token.partition("-")
        if not hmac.compare_digest(signature.encode(), self._sign(number).encode()):
            return None
        with self._lock:
            return self._open.get(number)

    def _sign(self, number: str) -> str:
        return hmac.new(self._secret, number.encode(), hashlib.sha256).hexdigest()[:32]
