"""Chat models and what surrounds them: the engines, the tool-call parser, what a model is shown.

- `llamacpp.py`: a GGUF model in llama.cpp's server core (xllamacpp), the embedded default.
- `local.py`: a transformers causal LM (or VLM) in this process, streaming, with KV prefix reuse.
- `server.py`: any OpenAI-compatible server (vLLM, llama.cpp's llama-server, Ollama).
- `toolcalls.py`: tool calls found in a reply's text, in every shape small models write them: used by the
  transformers engine only, privately (`chunks_from_text`); the others get calls from their server as data.
- `schemas.py`: tool schemas as a model is shown them (compact ones for small models), and pictures (a question
  about one, a PNG data URI for a server).

How the agent prompts a given model (tool results, schemas, calls per round, context, and whether the model
or the router chooses tools) is part of the model's spec: `models/policy.py`.

Every engine implements `roles.ChatModel`, streaming typed chunks (`contracts.py`: prose, whole tool calls,
usage); the agent (`assistant/agent.py`) sees nothing else. llama.cpp makes a demanded call (`tool_choice` a
tool's name, or "required") under a grammar from the tool's JSON schema, and keeps an answer that may call
nothing (`tool_choice` "none") from opening as a call.
"""
