"""The assistant as an MCP client: the tools of other MCP servers (`[mcp_servers.NAME]` in the settings).

- `manager.py`: `McpClients`, every configured server on one background event loop, with a synchronous,
  thread-safe API (`start`, `tools`, `status`, `call`, `close`)
- `connection.py`: one server over the official SDK's client (stdio or streamable HTTP): its tool list, its
  calls, reconnection with backoff
- `catalog.py`: what others see: `ExternalTool` (namespaced `server.tool`, with its annotations), `ServerStatus`
- `results.py`: a `CallToolResult` as a `contracts.ToolResult` (text joined, the rest summarised, size-limited)
- `expand.py`: `${VAR}` / `${env:VAR}` in `env` and `headers` values
- `own.py`: this assistant's own MCP server is refused (a loop)
- `importer.py`: `assistant mcp import FILE`: Claude Desktop's / Cursor's `mcpServers` into the config file
"""

from .catalog import Annotations, ExternalTool, ServerStatus
from .manager import McpClients

__all__ = ["Annotations", "ExternalTool", "McpClients", "ServerStatus"]
