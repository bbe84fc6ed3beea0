"""JSON-RPC 2.0's answers to messages that are not messages, for both transports.

-32700 (parse error, id null) for text that is not JSON; -32600 (invalid request) for JSON that is not a
JSON-RPC message, a batch array included (batches left MCP in 2025-06-18), with the request's id when it has
one. (Over HTTP the SDK answers -32602 to the second kind; over stdio it answers nothing.)
"""

from __future__ import annotations

from typing import Any

from mcp_types import INVALID_REQUEST, PARSE_ERROR, ErrorData, JSONRPCError, jsonrpc_message_adapter
from pydantic import ValidationError


def check(body: bytes | str) -> JSONRPCError | None:
    """The error answering `body`, or None when it is one JSON-RPC message."""
    try:
        jsonrpc_message_adapter.validate_json(body, by_name=False)
    except ValidationError as exc:
        return error_for(exc)
    return None


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
    return JSONRPCError(jsonrpc="2.0", id=request_id, error=ErrorData(code=INVALID_REQUEST, message=message))


