"""A small MCP server for the MCP client's tests, written with the official SDK (`MCPServer`), served on stdio.

    python tests/mcp_test_server.py               # stdio
    python tests/mcp_test_server.py --http PORT   # streamable HTTP at http://127.0.0.1:PORT/mcp

Tools: `lookup` (read-only), `delete_note` (destructive), `echo` (no annotations), `slow` (reports progress),
`crash` (the process exits at once, mid-call), `whoami` (the Authorization header), `fail` (an error result), `big` (a long text), `picture` (an
image), `add_tool` (adds a tool and sends `notifications/tools/list_changed`). The environment shapes it:

    TEST_MCP_TOOLS=100        100 more tools (`n000` ... `n099`)
    TEST_MCP_PAGE=30          tools/list answers in pages of this many (with a next cursor)
    TEST_MCP_NAME=NAME        the name it gives in `serverInfo` (default: test-server)
    TEST_MCP_MARK=FILE        the server's process id is appended to FILE each time it starts
    TEST_MCP_SECRET           `echo_env` answers with it (the tests check ${VAR} expansion)
    TEST_MCP_CALLS=FILE       `lookup`, `delete_note`, `echo` and `slow` append their name and arguments to FILE
                              when they run (the agent's tests check what was, and was not, called)
"""

from __future__ import annotations

import asyncio
import base64
import os
import sys

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.utilities.types import Image
from mcp_types import ListToolsResult, PaginatedRequestParams, ToolAnnotations

# a 1x1 PNG
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


class PagedServer(MCPServer):
    """tools/list in pages of TEST_MCP_PAGE tools, when set."""

    async def _handle_list_tools(self, ctx, params: PaginatedRequestParams | None) -> ListToolsResult:
        tools = await self.list_tools()
        page = int(os.environ.get("TEST_MCP_PAGE") or 0)
        if not page:
            return ListToolsResult(tools=tools)
        start = int(params.cursor) if params is not None and params.cursor else 0
        end = start + page
        return ListToolsResult(tools=tools[start:end], next_cursor=str(end) if end < len(tools) else None)


def record(*what: object) -> None:
    calls = os.environ.get("TEST_MCP_CALLS")
    if calls:
        with open(calls, "a") as f:
            f.write(" ".join(map(str, what)) + "\n")


server = PagedServer(name=os.environ.get("TEST_MCP_NAME", "test-server"), version="1.0")


@server.tool(annotations=ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False),
             title="Look up")
def lookup(key: str) -> str:
    """Look a key up."""
    record("lookup", key)
    return f"value of {key}"


@server.tool(annotations=ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False,
                                         open_world_hint=True))
def delete_note(name: str) -> str:
    """Delete a note."""
    record("delete_note", name)
    return f"deleted {name}"


@server.tool()
def echo(text: str) -> str:
    """Say the text back."""
    record("echo", text)
    return text


@server.tool()
def echo_env() -> str:
    """The value of TEST_MCP_SECRET."""
    return os.environ.get("TEST_MCP_SECRET", "(unset)")


@server.tool()
async def slow(steps: int = 3, delay: float = 0.1, ctx: Context | None = None) -> str:
    """Take a while, reporting progress."""
    record("slow", steps)
    for step in range(steps):
        await asyncio.sleep(delay)
        if ctx is not None:
            await ctx.report_progress(step + 1, steps, f"step {step + 1}")
    return f"done after {steps} steps"


@server.tool()
def whoami(ctx: Context) -> str:
    """The Authorization header of the request (over HTTP)."""
    return (ctx.headers or {}).get("authorization", "(no header)")


@server.tool()
def crash() -> str:
    """The process dies mid-call."""
    sys.stdout.flush()
    os._exit(3)


@server.tool()
def fail() -> str:
    """Always fails."""
    raise ValueError("this tool always fails")


@server.tool()
def big(chars: int) -> str:
    """A long text."""
    return "x" * chars


@server.tool()
def picture() -> list:
    """An image and a caption."""
    return ["a red pixel", Image(data=PIXEL, format="png")]


@server.tool()
async def add_tool(name: str, ctx: Context) -> str:
    """Add a tool, and tell the client the list changed."""

    def added() -> str:
        return f"I am {name}"

    server.add_tool(added, name=name, description=f"Added at run time: {name}")
    await ctx.session.send_tool_list_changed()
    return f"added {name}"


for i in range(int(os.environ.get("TEST_MCP_TOOLS") or 0)):
    def numbered(i: int = i) -> str:
        return f"tool {i}"

    server.add_tool(numbered, name=f"n{i:03d}", description=f"Numbered tool {i}.")


if __name__ == "__main__":
    mark = os.environ.get("TEST_MCP_MARK")
    if mark:
        with open(mark, "a") as f:
            f.write(f"{os.getpid()}\n")
    if sys.argv[1:2] == ["--http"]:
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run()
