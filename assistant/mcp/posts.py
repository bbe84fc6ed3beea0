"""One JSON-RPC POST to `/mcp`, from its body to its end, before and around the SDK's handling of it.

- The body is read whole, within `max_body` bytes and BODY_TIMEOUT_S seconds (a client that trickles it in is
  answered 408), and checked (`rpc.read`): anything but one valid message is answered here, with HTTP 400 and
  its JSON-RPC error.
- A request whose id is already in progress in the same session is refused at once (-32600): the SDK routes
  answers by id, so one of the two POSTs would never be answered.
- A client that goes away before its answer cancels its request: the server is sent `notifications/cancelled`
  for it in the same session, as that client could have sent it, so a tool stops at its next step
  (`ToolContext.check`) instead of running to the end for nobody.
"""

from __future__ import annotations

import json
import logging

import anyio
from mcp_types import JSONRPCError, JSONRPCRequest
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import rpc

log = logging.getLogger(__name__)

BODY_TIMEOUT_S = 30.0  # to send the whole request body, once the headers are in
SESSION_HEADER = "mcp-session-id"


class Posts:
    """Handles the POSTs to the MCP endpoint for `app` (the SDK's streamable HTTP app)."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body
        self.in_flight = rpc.InFlight()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            with anyio.fail_after(BODY_TIMEOUT_S):
                body = await read_body(receive, self.max_body)
        except TimeoutError:
            return await _plain(scope, receive, send, 408, f"the request body took over {BODY_TIMEOUT_S:.0f} s")
        if body is None:
            return await _plain(scope, receive, send, 413, f"request body too large (limit {self.max_body})")
        message, error = rpc.read(body)
        if error is not None:
            return await _error(scope, receive, send, error)
        session = Headers(scope=scope).get(SESSION_HEADER)
        if not isinstance(message, JSONRPCRequest) or session is None:  # nothing to answer, or no session yet
            return await self.app(scope, _replay(body, receive), send)
        taken = self.in_flight.begin(session, message.id)
        if taken is not None:
            log.warning("request id %r already in progress in an MCP session: refused", message.id)
            return await _error(scope, receive, send, taken)
        try:
            await self._answer(scope, receive, send, body, message.id)
        finally:
            self.in_flight.end(session, message.id)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, body: bytes, request_id: str | int) -> None:
        """The SDK answers the request; if the client goes first, the request is cancelled."""
        gone = anyio.Event()
        answered = given = False

        async def app_receive() -> Message:
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def app_send(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered = True
            await send(message)

        async def watch_client() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            if not answered:
                log.info("MCP client went away before request %r was answered: cancelling it", request_id)
                await self._cancel(scope, request_id)

        async with anyio.create_task_group() as group:
            group.start_soon(watch_client)
            await self.app(scope, app_receive, app_send)
            group.cancel_scope.cancel()

    async def _cancel(self, scope: Scope, request_id: str | int) -> None:
        """`notifications/cancelled` for `request_id`, posted to the SDK in the same session (shielded: the
        request that brought it is ending)."""
        note = json.dumps({"jsonrpc": "2.0", "method": "notifications/cancelled",
                           "params": {"requestId": request_id, "reason": "the client disconnected"}}).encode()
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        headers.append((b"content-length", str(len(note)).encode()))
        delivered = False

        async def note_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": note, "more_body": False}
            await anyio.sleep_forever()
            raise AssertionError("unreachable")

        async def discard(_message: Message) -> None:
            return None

        with anyio.CancelScope(shield=True), anyio.move_on_after(5):
            try:
                await self.app({**scope, "headers": headers}, note_receive, discard)
            except Exception:  # the session ended meanwhile: nothing left to cancel
                log.debug("cancelling request %r failed", request_id, exc_info=True)


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body (None when it grows past `limit`)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the app the body already read, then whatever comes next (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _error(scope: Scope, receive: Receive, send: Send, error: JSONRPCError) -> None:
    await JSONResponse(error.model_dump(mode="json", by_alias=True, exclude_unset=True), status_code=400)(scope, receive, send)


async def _plain(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    await PlainTextResponse(message + "\n", status_code=status)(scope, receive, send)
