"""JSON-RPC 2.0's answers to messages that are not messages, and to ids already in use, for both transports.

-32700 (parse error, id null) for text that is not JSON; -32600 (invalid request) for JSON that is not a
JSON-RPC message, a batch array included (batches left MCP in 2025-06-18), with the request's id when it has
one. (Over HTTP the SDK answers -32602 to the second kind; over stdio it answers nothing.)

A request whose id is not a string or an integer (null, 1.5, true, an object) is -32600 with id null: the SDK
reads it as a notification (which it would never answer) because its `id` does not fit. A request whose id is
already in progress on the same connection is -32600 at once (`InFlight`): answers are routed by id, so one of
the two would never be answered.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from mcp_types import (INVALID_REQUEST, PARSE_ERROR, ErrorData, JSONRPCError, JSONRPCMessage, JSONRPCNotification,
                       jsonrpc_message_adapter)
from pydantic import ValidationError

BAD_ID = "Invalid Request: a request's id must be a string or an integer"


def read(body: bytes | str) -> tuple[JSONRPCMessage | None, JSONRPCError | None]:
    """The one JSON-RPC message in `body`, or the error that answers it."""
    try:
        message = jsonrpc_message_adapter.validate_json(body, by_name=False)
    except ValidationError as exc:
        return None, error_for(exc)
    if isinstance(message, JSONRPCNotification) and _has_id(body):
        return None, invalid(None, BAD_ID)
    return message, None


def check(body: bytes | str) -> JSONRPCError | None:
    """The error answering `body`, or None when it is one JSON-RPC message."""
    return read(body)[1]


def invalid(request_id: str | int | None, message: str) -> JSONRPCError:
    return JSONRPCError(jsonrpc="2.0", id=request_id, error=ErrorData(code=INVALID_REQUEST, message=message))


def _has_id(body: bytes | str) -> bool:
    """Whether a message that validated as a notification carries an `id` member all the same."""
    try:
        raw = json.loads(body)
    except ValueError:  # it validated as JSON a moment ago
        return False
    return isinstance(raw, dict) and "id" in raw


def error_for(exc: Exception) -> JSONRPCError | None:
    """The JSON-RPC error answering a line the transport could not read (None: not a reading problem)."""
    if not isinstance(exc, ValidationError):
        return None
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return JSONRPCError(jsonrpc="2.0", id=None, error=ErrorData(code=PARSE_ERROR, message="Parse error: "
                                                                    "the line is not JSON"))
    inputs = [e.get("input") for e in errors]
    raw: Any = next((i for i in inputs if isinstance(i, dict) and "jsonrpc" in i),
                    next((i for i in inputs if isinstance(i, (dict, list))), None))
    if isinstance(raw, list):
        message = "Invalid Request: JSON-RPC batches are not supported (send one message per line)"
    else:
        message = "Invalid Request: not a JSON-RPC 2.0 request, notification or response"
    request_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(request_id, (str, int)) or isinstance(request_id, bool):
        request_id = None
    return invalid(request_id, message)


class InFlight:
    """The request ids in progress, per connection (a stdio process, an HTTP session)."""

    def __init__(self) -> None:
        self._ids: set[tuple[Any, type, str | int]] = set()
        self._guard = threading.Lock()

    def begin(self, connection: Any, request_id: str | int) -> JSONRPCError | None:
        """None when `request_id` is free on `connection` (it is now taken), else the error that answers it."""
        key = (connection, type(request_id), request_id)  # "1" and 1 are different ids
        with self._guard:
            if key in self._ids:
                return invalid(request_id, f"Invalid Request: id {request_id!r} is already used by a request in "
                                           "progress; use a new id for each request")
            self._ids.add(key)
        return None

    def end(self, connection: Any, request_id: str | int) -> None:
        with self._guard:
            self._ids.discard((connection, type(request_id), request_id))
