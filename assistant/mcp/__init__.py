"""The MCP server (`assistant mcp`): the tool registry and the knowledge folder, over stdio or HTTP.

- `server.py`: an `MCPServer` built from the one tool registry (same names, descriptions, schemas), listing the
  tools whose models are here and telling clients when that changes; tools run in worker threads,
  cancellable; the knowledge files as resources (`resources.py`); prompts and completions (`prompts.py`).
- `ask.py`: ask_assistant, one turn of the runtime's agent on those tools, served beside them (`mcp_registry`).
- `results.py`: a tool's result as MCP content (captions beside images and audio, replies under ~1 MiB,
  structured content with a JSON copy) and no server paths in any text.
- `logs.py`: `logging/setLevel` and log notifications for a call, at the level its client asked for.
- `stdio.py`, `http.py`: the transports; `http.py` is a small ASGI guard in front of streamable HTTP (Host/Origin
  checks, bearer token, wrong-token backoff in `throttle.py`, body limit); `posts.py`: each POST checked, its id
  kept unique while in progress, and cancelled when its client goes; `slow.py`: a deadline for request headers;
  `rpc.py`: errors for malformed JSON-RPC and bad or duplicate ids; `token.py`: the bearer token (config/env,
  else generated once into the data dir, owner-only).

Nothing heavy is imported here; the `assistant mcp` command is `commands/mcp.py`.
"""
