"""Chat models and what surrounds them: the engines, the tool-call parser, the prompting policy.

- `llamacpp.py`: a GGUF model in llama.cpp's server core (xllamacpp), the embedded default.
- `local.py`: a transformers causal LM (or VLM) in this process, streaming, with KV prefix reuse.
- `server.py`: any OpenAI-compatible server (vLLM, llama.cpp's llama-server, Ollama).
- `toolcalls.py`: tool calls found in a reply's text, in every shape small models write them.
- `policy.py`: how the agent prompts a given model (tool results, schemas, calls per round, context, and
  whether the model or the router chooses tools).
- `schemas.py`: tool schemas as a model is shown them (compact ones for small models).

Every engine implements `roles.ChatModel`; the agent (`assistant/agent.py`) sees nothing else.
"""
