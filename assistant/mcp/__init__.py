"""The MCP server (`assistant mcp`): the tool registry and the knowledge folder, over stdio or HTTP.

- `server.py`: an `MCPServer` built from the one tool registry (same names, descriptions, schemas), tools run in
  worker threads, results mapped to MCP content (images with a caption beside them), progress and logging
  notifications; the knowledge files as resources (`resources.py`).
- `http.py`: streamable HTTP at `/mcp` behind a small ASGI guard: bearer token, Host/Origin checks, body limit.
- `token.py`: the bearer token (config/env, else generated once into the data dir, owner-only).

Nothing heavy is imported here; the `assistant mcp` command is `commands/mcp.py`.
"""
