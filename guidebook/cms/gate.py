"""What the editor's server answers at all: requests of its own admin page, well formed and within limits.

The server listens on 127.0.0.1 with no login, so any web page the editor's user visits could send it
requests. These checks keep it to its own page:
- `Host` must be 127.0.0.1:PORT or localhost:PORT: a DNS-rebinding page reaches the server under its own name;
- a POST's `Origin` must be the server's own address: any other page's request carries its own origin;
- a POST must be `application/json`: another page can send that only after a CORS preflight, which the
  server answers without `Access-Control-Allow-*`, so the browser refuses to send the request;
- the API's address holds a secret the admin page received with its configuration (sessions.py), which
  another origin cannot read.
Every refusal is a `Rejected`: a 4xx status and a one-line reason, answered as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.message import Message

from ..errors import GuidebookError

MAX_BODY = 2 * 1024 * 1024  # a page is a few kilobytes; Decap sends two languages at once
JSON_TYPE = "application/json"


class Rejected(GuidebookError):
    """A request the server does not do: its HTTP status and why, in one line."""

    def __init__(self, status: int, reason: str, **extra: object):
        self.status = status
        self.reason = reason
        self.extra = extra  # more of the JSON answer (the headers of a 405, say)
        super().__init__(reason)


def own_host(headers: Message, port: int) -> str:
    """The `Host` the request names when it is one of the server's own; otherwise Rejected (421)."""
    host = headers.get("Host", "")
    if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
        raise Rejected(421, f"this server answers only to Host 127.0.0.1:{port} or localhost:{port}, not {host[:80]!r}")
    return host


def same_origin(headers: Message, host: str) -> None:
    """Rejected (403) unless the request comes from the page the server itself served."""
    origin = headers.get("Origin")
    if origin != f"http://{host}":
        said = f"from {origin[:80]!r}" if origin else "without an Origin header"
        raise Rejected(403, f"only the editor's own page (http://{host}) may use its API; this request came {said}")
    fetched_from = headers.get("Sec-Fetch-Site")  # the browser's own word, when it gives it
    if fetched_from not in (None, "same-origin"):
        raise Rejected(
            403, f"only the editor's own page may use its API; the browser says this request is {fetched_from}"
        )


def json_type(headers: Message) -> None:
    kind = headers.get_content_type() if headers.get("Content-Type") else ""
    if kind != JSON_TYPE:
        raise Rejected(
            415, f"the API takes {JSON_TYPE} only, not {headers.get('Content-Type', 'a body with no type')[:80]!r}"
        )


def body_length(headers: Message) -> int:
    """The length the request announces, within MAX_BODY; Rejected when missing, malformed or too long."""
    if headers.get("Transfer-Encoding"):
        raise Rejected(411, "a body in chunks is not taken; send it whole with its Content-Length")
    given = headers.get("Content-Length")
    if given is None:
        raise Rejected(411, "a request to the API needs a Content-Length")
    if not given.strip().isdigit() or len(given) > 12:
        raise Rejected(400, f"Content-Length is not a number of bytes: {given[:40]!r}")
    length = int(given)
    if length > MAX_BODY:
        raise Rejected(413, f"the request is {length} bytes; the editor takes at most {MAX_BODY} bytes (2 MB)")
    return length


def action_of(body: bytes) -> tuple[str, dict]:
    """The action and parameters of a request's JSON body: {"action": name, "params": {...}}."""
    try:
        request = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise Rejected(400, f"the body is not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise Rejected(400, f"the body is not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise Rejected(400, "the body is not JSON the editor reads: nested too deep") from None
    if not isinstance(request, dict):
        raise Rejected(400, "the body must be a JSON object with 'action' and 'params'")
    action, params = request.get("action"), request.get("params", {})
    if not isinstance(action, str) or not action:
        raise Rejected(400, "the body names no 'action' (a string)")
    if not isinstance(params, dict):
        raise Rejected(400, "'params' must be a JSON object")
    return action, params


# The parameters of each action the server does, by type ("path?" when it may be left out). Decap sends
# more (branch, cmsLabelPrefix...): those are not read.
ACTIONS: dict[str, dict[str, str]] = {
    "info": {},
    "entriesByFolder": {"folder": "path", "extension": "text", "depth": "int"},
    "entriesByFiles": {"files": "files"},
    "getEntry": {"path": "path"},
    "persistEntry": {"dataFiles": "datafiles", "assets": "list?", "options": "object?"},
    "getMedia": {},
    "getDeployPreview": {},
    # The editorial workflow's (workflow.py): a change is named by its collection and slug, or Decap's id of both.
    "unpublishedEntries": {},
    "unpublishedEntry": {"id": "text?", "collection": "text?", "slug": "text?", "cmsLabelPrefix": "text?"},
    "unpublishedEntryDataFile": {"collection": "text", "slug": "text", "path": "path"},
    "updateUnpublishedEntryStatus": {
        "collection": "text",
        "slug": "text",
        "newStatus": "text",
        "cmsLabelPrefix": "text?",
    },
    "publishUnpublishedEntry": {"collection": "text", "slug": "text"},
    "deleteUnpublishedEntry": {"collection": "text", "slug": "text"},
    # Known to Decap, refused with a reason in the interface's language (api.py).
    "persistMedia": {},
    "unpublishedEntryMediaFile": {},
    "deleteFile": {},
    "deleteFiles": {},
}


def checked_params(action: str, params: Mapping) -> dict:
    """`params` with every value the action reads of the right type; Rejected (400) otherwise."""
    if action not in ACTIONS:
        raise Rejected(400, f"unknown action {action[:60]!r}; this editor does: {', '.join(ACTIONS)}")
    if action == "persistEntry" and "dataFiles" not in params and isinstance(params.get("entry"), dict):
        params = {**params, "dataFiles": [params["entry"]]}  # Decap before 2.10 sent one 'entry'
    checked = {}
    for key, kind in ACTIONS[action].items():
        if key not in params or (kind.endswith("?") and params[key] is None):
            if kind.endswith("?"):
                continue
            raise Rejected(400, f"{action}: the parameter '{key}' is missing")
        checked[key] = _typed(f"{action}: {key}", params[key], kind.rstrip("?"))
    if action == "unpublishedEntry" and "id" in checked:  # Decap's id of a change: collection/slug
        checked["collection"], _, checked["slug"] = str(checked["id"]).partition("/")
    if action == "unpublishedEntry" and not {"collection", "slug"} <= set(checked):
        raise Rejected(400, f"{action}: give the change's 'id', or its 'collection' and 'slug'")
    return checked


def _typed(name: str, value: object, kind: str) -> object:
    if kind == "path":
        return clean_path(name, value)
    if kind == "text" and isinstance(value, str):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 20:
        return value
    if kind == "list" and isinstance(value, list):
        return value
    if kind == "object" and isinstance(value, dict):
        return value
    if kind == "files" and isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return [
            {"path": clean_path(f"{name}.path", item.get("path")), "label": _label(name, item.get("label"))}
            for item in value
        ]
    if kind == "datafiles" and isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [_data_file(name, item) for item in value]
    expected = {
        "int": "a whole number from 0 to 20",
        "files": "a list of {path}",
        "datafiles": "a non-empty list of {path, raw}",
    }
    raise Rejected(400, f"{name} must be {expected.get(kind, 'a ' + kind)}, not {type(value).__name__}")


def _label(name: str, value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise Rejected(400, f"{name}.label must be text")


def _data_file(name: str, item: dict) -> dict:
    if not isinstance(item.get("raw"), str):
        raise Rejected(400, f"{name}.raw must be the file's text")
    if "\x00" in item["raw"]:
        raise Rejected(400, f"{name}.raw holds a NUL character")
    new_path = item.get("newPath")
    return {"path": clean_path(f"{name}.path", item.get("path")), "raw": item["raw"], "newPath": new_path}


def clean_path(name: str, value: object) -> str:
    """A relative path inside the project, written plainly; Rejected (400) otherwise. Whether it is a page
    the editor may read or write is api.py's question."""
    if not isinstance(value, str) or not value:
        raise Rejected(400, f"{name} must be a path (text)")
    if any(ord(character) < 32 for character in value) or "\\" in value:
        raise Rejected(400, f"{name} holds a control character or a backslash")
    parts = value.split("/")
    if value.startswith("/") or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise Rejected(
            403,
            f"{name}: {value[:80]!r} is not a path inside the project's content (no '..', no hidden or absolute path)",
        )
    return value
