"""The agent: one conversation with the chat model, streaming, calling tools from the registry.

`Agent.turn(text)` yields events as they happen: text deltas (the reply streams out as it is generated,
whatever it opens with), tool calls and their results, and a final `TurnDone`. Tool calls come from the
engine as data (`contracts.ToolCall`), run with a timeout in a thread of their own whose context's `cancelled`
follows the turn's stop (a barge-in stops a generation at its next step, and an abandoned tool never holds up
the next), and their results go back to the model as the model handles best (`tool_results`: "tool" messages for
models trained on them; a "user" message for small models that loop on tool messages). At most
`max_rounds` tool rounds per turn. A stop event ends generation promptly (barge-in); the history
then keeps only what the caller says was delivered, marked as interrupted.

Who chooses the tool is the policy's `tool_routing`: "model" (above: the model writes calls from the tool
schemas), or "router" (a small model: `routing.Planner` picks the tool and its arguments from the request
in milliseconds, the tool runs, and the model, shown no schemas, only answers from the result; a failed
tool or a missing file is said as it is, never handed to the model to dress up).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .cancel import Cancel
from .chat import schemas
from .chat.schemas import png_data_uri
from .contracts import Text, ToolCall, ToolChoice
from .contracts import ToolResult
from .errors import InputError
from .grounding import personal
from .grounding.answer import evidence_for, grounded_answer
from .grounding.evidence import Evidence, subject_words
from .grounding.replies import not_found
from .models.policy import PromptPolicy
from .routing import Planner, Subject, failure_reply, planner_for
from .routing.digest import digest, fallback_reply, uncited_source
from .routing.model_fill import model_filled
from .tools.registry import Tool, ToolContext

if TYPE_CHECKING:
    from .models import ModelManager
    from .roles import ChatModel

SYSTEM_PROMPT = """You are spark-assistant, a voice assistant running on the user's own computer.
Answer briefly in plain spoken sentences: no Markdown tables, no code blocks, no lists unless asked.
Cite files and pages you used."""
CITE = "Cite files and pages you used."
# Said to a model that chooses its own tools (not when the router chooses for it).
TOOL_HINT = "When a tool fits the request, call it; otherwise answer directly."
# How a tool's result is handed to a model that gets it as a user message (`tool_results = "user"`).
RESULT_OPENING = "From my files:\n"
# A routed turn whose model wrote only call syntax (it was offered no tools): nothing is left to say.
NO_ANSWER = "Sorry, I don't have an answer to that."
_CITED = re.compile(r"\s*\([^()]*\.[A-Za-z0-9]{2,4}\b[^()]*\)")  # " (notes/x.md, page 2)" in an earlier answer


@dataclass
class FirstToken:
    """The model's first token of the turn arrived (prose, or a tool call the engine delivered whole)."""


@dataclass
class TextDelta:
    text: str


@dataclass
class ToolCallStarted:
    name: str
    arguments: dict[str, Any]


@dataclass
class ToolCallFinished:
    name: str
    arguments: dict[str, Any]
    result: ToolResult


@dataclass
class TurnDone:
    reply: str
    tool_calls: list[ToolCallFinished] = field(default_factory=list)
    interrupted: bool = False
    timings: dict[str, float] = field(default_factory=dict)


AgentEvent = FirstToken | TextDelta | ToolCallStarted | ToolCallFinished | TurnDone


class Agent:
    def __init__(self, manager: ModelManager, tools: dict[str, Tool], context: ToolContext,
                 policy: PromptPolicy | None = None, system_prompt: str = SYSTEM_PROMPT, max_rounds: int = 3,
                 tool_timeout: float = 300.0, max_new_tokens: int = 400):
        self.manager = manager
        self.tools = tools
        self.context = context
        self.policy = policy or PromptPolicy.from_options(manager.spec("llm").options)
        self.system_prompt = system_prompt
        self.max_rounds = max_rounds
        self.tool_timeout = tool_timeout
        self.max_new_tokens = max_new_tokens
        self.history: list[dict[str, Any]] = []
        self._subjects: list[tuple[int, Subject]] = []  # (history length when asked, what the turn was about)

    def close(self) -> None:
        """Nothing is held: each tool ran in a thread of its own (one still running stops at its next step
        once its turn was stopped, or finishes in the background)."""

    @cached_property
    def planner(self) -> Planner | None:
        """Route-then-fill for models that cannot choose tools themselves (`PromptPolicy.tool_routing`)."""
        return planner_for(self.manager, self.tools, self.context) if self.policy.tool_routing == "router" else None

    def reset(self) -> None:
        """Forget the conversation (a new session)."""
        self.history.clear()
        self._subjects.clear()

    def messages(self) -> list[dict[str, Any]]:
        if self.planner is not None:  # the router's model is shown no files: the code cites what it found (a
            # small model told to cite makes up a file and page for a question about the world)
            system = self.system_prompt.replace(f"\n{CITE}", "")
        else:
            system = f"{self.system_prompt}\n{TOOL_HINT}"
        return [{"role": "system", "content": system}, *self.history]

    def tool_schemas(self) -> list[dict[str, Any]]:
        compact = self.policy.compact_tools
        return [schemas.compact(t.openai_schema()) if compact else schemas.untitled(t.openai_schema())
                for t in self.tools.values()]

    def context_budget(self, llm: ChatModel) -> int:
        """Prompt tokens a turn may use: the model's context (or the policy's `context_tokens`, which keeps a
        CPU model's prompts short enough to be quick) minus room for the reply."""
        limit = self.policy.context_tokens or llm.context_length
        return max(256, int(limit) - self.max_new_tokens)

    def warm_up(self) -> None:
        """Process the fixed start of every prompt (system prompt, tool schemas) once, so that a local
        model with prefix reuse answers the first real turn as quickly as the later ones."""
        planner = self.planner
        routed = planner is not None
        if planner is not None:
            planner.warm()
        self.manager.get("llm").warm([*self.messages(), {"role": "user", "content": "Hello."}],
                                     None if routed else self.tool_schemas(), keep=True)

    def checkpoint(self) -> list[dict[str, Any]]:
        """The conversation as it is now, for `restore` (a reply begun before its turn was confirmed is taken
        back if the user goes on)."""
        return list(self.history)

    def restore(self, checkpoint: list[dict[str, Any]]) -> None:
        self.history[:] = checkpoint
        self._subjects[:] = [(at, subject) for at, subject in self._subjects if at <= len(checkpoint)]

    def _trim(self, llm: ChatModel, tools: list[dict] | None) -> None:
        """Drop the oldest exchanges until the prompt fits the context budget (the current one stays)."""
        budget = self.context_budget(llm)
        while llm.count_tokens(self.messages(), tools) > budget:
            starts = [i for i, m in enumerate(self.history) if i > 0 and _is_request(m)]
            if not starts:  # only the current exchange is left: it is sent as it is, if the request fits
                request = next((m for m in reversed(self.history) if _is_request(m)), None)
                fixed = llm.count_tokens(self.messages()[:1], tools)  # instructions and tools: not the question's
                if request and fixed <= budget and (used := llm.count_tokens([self.messages()[0], request],
                                                                             tools)) > budget:
                    raise InputError(f"the question is too long for the chat model ({used:,} tokens with its "
                                     f"instructions; at most {budget:,}): shorten it")
                return
            del self.history[:starts[0]]

    # -- one turn ---------------------------------------------------------------------------------
    def turn(self, text: str, images: list | None = None, stop: Cancel | None = None) -> Iterator[AgentEvent]:
        """One turn; on an error the history is as it was before it (no user message left unanswered)."""
        before = list(self.history)
        try:
            yield from self._turn(text, images, stop)
        except BaseException:
            self.history[:] = before
            raise

    def _turn(self, text: str, images: list | None, stop: Cancel | None) -> Iterator[AgentEvent]:
        started = time.perf_counter()
        timings: dict[str, float] = {"tool_s": 0.0}
        llm = self.manager.get("llm")
        if images and not llm.capabilities.vision:  # a text-only brain: let the VLM look first
            described = yield from self._describe_attachments(images, stop)
            text = f"{text}\n\n{described}"
            images = None
        if self.planner is not None and not images:
            yield from self._routed_turn(text, llm, stop, started, timings)
            return
        self.history.append(_user_message(text, images))
        yield from self._model_turn(self.tool_schemas(), llm, stop, started, timings)

    def _model_turn(self, schemas: list[dict], llm: ChatModel, stop: Cancel | None, started: float,
                    timings: dict[str, float], force: str | None = None) -> Iterator[AgentEvent]:
        """The model decides: it may call tools (up to `max_rounds` rounds), then answers. With `force`, its
        first round is that tool's call (arguments decoded under its schema), and then it answers."""
        calls_done: list[ToolCallFinished] = []
        for round_ in range(self.max_rounds + 1):
            last = round_ == self.max_rounds or (force is not None and round_ > 0)
            offer_tools = None if last else schemas  # last round: answer, no more calls
            choice: ToolChoice = "none" if last else force if force is not None and round_ == 0 else "auto"
            reply, calls, interrupted = yield from self._generate(llm, offer_tools, stop, started, timings, choice)
            single_call = self.policy.single_tool_call
            calls = [] if interrupted or not offer_tools else calls
            calls = [self._usable(c) for c in (_distinct(calls)[:1] if single_call else _distinct(calls))]
            if not calls:
                yield from self._finish(reply, calls_done, interrupted, started, timings)
                return
            self.history.append({"role": "assistant", "content": reply.strip(),
                                 "tool_calls": [_as_openai_call(c, i) for i, c in enumerate(calls)]})
            for i, call in enumerate(calls):
                calls_done.append((yield from self._call(call, i, stop, timings)))
            if stop is not None and stop.is_set():  # stopped during the tools: the model is not asked again
                yield from self._finish("", calls_done, True, started, timings)
                return
        raise AssertionError("unreachable: the last round offers no tools")

    def _routed_turn(self, text: str, llm: ChatModel, stop: Cancel | None, started: float,
                     timings: dict[str, float]) -> Iterator[AgentEvent]:
        """The planner decides (tool and arguments, in milliseconds); the model only answers."""
        assert self.planner is not None
        subject = self._subject()
        plan = self.planner.plan(text, subject)
        earlier = subject.request if subject is not None and personal.refers_back(text) and (
            subject.tool is None or self._looks_up(subject.tool)) else None  # (a sum or a picture has no subject)
        looked_up_before = subject is not None and subject.tool is not None and \
            self._looks_up(subject.tool)  # a follow-up to an answer from the files is about the files too
        about_me = personal.is_personal(text) or (earlier is not None and (
            personal.is_personal(earlier) or looked_up_before))
        searcher = self.planner.lookup(text, earlier or "")
        if searcher is not None and (plan.reply is None or (earlier is not None and about_me)) and (
                (plan.tool is None and about_me) or (plan.tool == searcher.tool and earlier is not None)):
            # look before answering: a question about the user's own world is searched (with the question it
            # follows up), never answered from the model's head
            plan.tool, plan.arguments, plan.reply = searcher.tool, searcher.arguments, None
        timings["decide_s"] = plan.seconds
        self.history.append(_user_message(text, None))
        if plan.reply is not None:  # the tool cannot run (no such file): say so, invent nothing
            self._remember(text, None, {}, [])
            yield from self._finish(plan.reply, [], False, started, timings, say=True)
            return
        if plan.tool is None and about_me:  # nothing to search with: never guessed
            self._remember(text, None, {}, [])
            yield from self._finish(not_found(personal.language_of(text)), [], False, started, timings, say=True)
            return
        if plan.tool is None and searcher is not None and searcher.tool is not None and personal.asks(text) and \
                self._mentioned(text):
            # any other question is looked up too, quietly: answered from the files only when they hold it
            call = ToolCall(searcher.tool, searcher.arguments)
            result = self._run_tool(call, stop)
            if not result.is_error and self._evidence(text, earlier, result) is not None:
                yield from self._looked_up(text, call, earlier, about_me, llm, stop, started, timings, result)
                return
        if plan.tool is None:
            self._remember(text, None, {}, [])
            reply, _, interrupted = yield from self._generate(llm, None, stop, started, timings, "none",
                                                              self._standalone(text, earlier))
            if not reply.strip() and not interrupted:
                yield from self._finish(NO_ANSWER, [], False, started, timings, say=True)
                return
            yield from self._finish(reply, [], interrupted, started, timings)
            return
        if self.tools[plan.tool].routing is None:  # no routing hints: the model fills in that tool's schema
            schemas = [s for s in self.tool_schemas() if s["function"]["name"] == plan.tool]
            yield from self._model_turn(schemas, llm, stop, started, timings, force=plan.tool)
            return
        tool: str = plan.tool
        if self.policy.argument_filling == "model":  # the model fills the chosen tool's schema (its files real)
            plan = model_filled(plan, self.tools[tool], llm, text, subject, self.planner.files.names(),
                                self.policy.compact_tools, stop, timings)
        call = ToolCall(tool, plan.arguments)
        if self._looks_up(tool) and not plan.verbatim:  # a look-up: answered from its passages
            yield from self._looked_up(text, call, earlier, about_me, llm, stop, started, timings)
            return
        if self.policy.tool_results == "tool":  # a tool message answers a call; a result in a user message
            # needs none, and a call shown in the history is what a small model then writes instead of answering
            self.history.append({"role": "assistant", "content": "", "tool_calls": [_as_openai_call(call, 0)]})
        done = yield from self._call(call, 0, stop, timings)
        self._remember(text, call.name, call.arguments, [c.file for c in done.result.citations])
        if done.result.is_error and about_me and searcher is not None and searcher.tool is not None and \
                plan.tool != searcher.tool:  # "what time is grandma coming?" is no clock question: look it up
            lookup = ToolCall(searcher.tool, searcher.arguments)
            yield from self._looked_up(text, lookup, earlier, about_me, llm, stop, started, timings)
            return
        if done.result.is_error:  # said as it is: a small model may still claim success
            yield from self._finish(failure_reply(self.tools[call.name], done.result.text), [done], False, started, timings,
                                    say=True)
            return
        if plan.verbatim or not done.result.citations:  # "transcribe ...", "read page 3": the words themselves,
            # not a model's summary; and "nothing matches" is said as it is (a small model invents files for it)
            yield from self._finish(done.result.text, [done], False, started, timings, say=True)
            return
        reply, _, interrupted = yield from self._generate(llm, None, stop, started, timings, "none")
        if not reply.strip() and not interrupted:  # nothing usable: say what was found
            reply = fallback_reply(done.result)
            yield TextDelta(reply)
        elif not interrupted and (source := uncited_source(reply, done.result)):  # every answer names its source
            reply += source
            yield TextDelta(source)
        yield from self._finish(reply, [done], interrupted, started, timings)

    def _looked_up(self, text: str, call: ToolCall, earlier: str | None, about_me: bool, llm: ChatModel,
                   stop: Cancel | None, started: float, timings: dict[str, float],
                   result: ToolResult | None = None) -> Iterator[AgentEvent]:
        """A look-up in the user's files, answered only from what it found: the passage that holds the
        question's subject (weighed by how rare each word is in the index) and its answering sentences, a reply
        checked fact by fact against them, else their own words quoted; nothing relevant found: "I couldn't
        find that" for a question about the user's own world, the model's own answer for one about the world
        (citing no file)."""
        if result is None:
            done = yield from self._call(call, 0, stop, timings, record=False)
        else:  # run already (a quiet look-up that found the answer): shown now
            yield ToolCallStarted(call.name, call.arguments)
            done = ToolCallFinished(call.name, call.arguments, result)
            yield done
        asked = " ".join(f"{earlier or ''} {text}".split()[-40:])  # a follow-up's follow-up keeps the subject
        self._remember(asked, call.name, call.arguments, [c.file for c in done.result.citations])
        language = personal.language_of(text)
        if done.result.is_error:
            yield from self._finish(failure_reply(self.tools[call.name], done.result.text), [done], False, started,
                                    timings, say=True)
            return
        evidence = self._evidence(text, earlier, done.result)
        assert self.planner is not None
        searcher = self.planner.lookup(text, earlier or "")
        if evidence is None and searcher is not None and searcher.tool not in (None, call.name):
            # the PDF look-up found nothing that answers: the notes and recordings may ("when does release 2.4
            # ship?" is no question for the lease the router took "release" for)
            again = ToolCall(str(searcher.tool), searcher.arguments)
            found = self._run_tool(again, stop)
            if not found.is_error and (evidence := self._evidence(text, earlier, found)) is not None:
                yield ToolCallStarted(again.name, again.arguments)
                done = ToolCallFinished(again.name, again.arguments, found)
                yield done
        if evidence is None and about_me:
            yield from self._finish(not_found(language), [done], False, started, timings, say=True)
            return
        if evidence is None:  # the world's question, not the files': the model answers, citing nothing
            reply, _, interrupted = yield from self._generate(llm, None, stop, started, timings, "none",
                                                              self._standalone(text, earlier))
            yield from self._finish(reply if reply.strip() or interrupted else NO_ANSWER, [done], interrupted,
                                    started, timings, say=not reply.strip() and not interrupted)
            return
        reply, interrupted = yield from self._grounded(text, evidence, earlier, language, llm, stop, started, timings)
        yield from self._finish(reply, [done], interrupted, started, timings)

    def _evidence(self, text: str, earlier: str | None, result: ToolResult) -> Evidence | None:
        assert self.planner is not None
        return evidence_for(text, earlier, result, self.planner.document_counts)

    def _grounded(self, text: str, evidence: Evidence, earlier: str | None, language: str, llm: ChatModel,
                  stop: Cancel | None, started: float, timings: dict[str, float]
                  ) -> Generator[AgentEvent, None, tuple[str, bool]]:
        answer = grounded_answer(llm, text, evidence, earlier, language, stop, lambda reply, citations: uncited_source(
            reply, ToolResult(text="", citations=citations)))
        while True:
            try:
                piece = next(answer)
            except StopIteration as end:
                return end.value
            if piece:
                yield from self._say(piece, started, timings)
            elif "first_token_s" not in timings:  # the model began: its first sentence is said once checked
                timings["first_token_s"] = time.perf_counter() - started
                yield FirstToken()

    def _mentioned(self, text: str) -> bool:
        """Some file holds one of the question's subject words (the catalog's full-text index: a millisecond, no
        search model or vector store loaded for a question the files cannot answer)."""
        assert self.planner is not None
        counts, _ = self.planner.document_counts(subject_words(text))
        return any(counts.values())

    def _looks_up(self, tool: str) -> bool:
        """The tool looks up the user's files for answers (a search, a PDF look-up)."""
        routing = self.tools[tool].routing if tool in self.tools else None
        return routing is not None and bool(routing.answers)

    def _say(self, text: str, started: float, timings: dict[str, float]) -> Iterator[AgentEvent]:
        if "first_token_s" not in timings:
            timings["first_token_s"] = time.perf_counter() - started
            yield FirstToken()
        yield TextDelta(text)

    def _standalone(self, text: str, earlier: str | None) -> list[dict[str, Any]] | None:
        """A question that does not refer back is answered on its own, as on the first turn (earlier turns'
        files and numbers stay out of it); one that does gets the conversation."""
        if earlier is None:
            return [self.messages()[0], {"role": "user", "content": text}]
        return [{**m, "content": _CITED.sub("", m["content"])} if m["role"] == "assistant" and
                isinstance(m.get("content"), str) else m for m in self.messages()]  # (a model copies citations)

    def _generate(self, llm: ChatModel, offer_tools: list[dict] | None, stop: Cancel | None, started: float,
                  timings: dict[str, float], tool_choice: ToolChoice = "auto",
                  messages: list[dict[str, Any]] | None = None
                  ) -> Generator[AgentEvent, None, tuple[str, list[ToolCall], bool]]:
        """One reply from the model: its prose streamed as it comes, its tool calls (of tools it has) as data.
        With `single_tool_call`, the model is stopped at its first call (a small model recites more).
        `tool_choice` "none": an answer, which the engine keeps free of call syntax (a small model writes calls
        it was not offered; llama.cpp's grammar does not let it start one)."""
        reply, calls = "", []
        self._trim(llm, offer_tools)  # (also refuses a question too long for the model on its own)
        chunks = llm.stream(messages or self.messages(), tools=offer_tools, max_new_tokens=self.max_new_tokens, stop=stop,
                            tool_choice=tool_choice)
        try:
            for chunk in chunks:
                if isinstance(chunk, Text | ToolCall) and "first_token_s" not in timings:
                    timings["first_token_s"] = time.perf_counter() - started
                    yield FirstToken()
                if isinstance(chunk, Text):
                    reply += chunk.text
                    yield TextDelta(chunk.text)
                elif isinstance(chunk, ToolCall) and chunk.name in self.tools:
                    calls.append(chunk)
                    if self.policy.single_tool_call:
                        break
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # an engine stops generating when its stream is closed
        return reply, calls, stop is not None and stop.is_set()

    def _finish(self, reply: str, calls_done: list[ToolCallFinished], interrupted: bool, started: float,
                timings: dict[str, float], say: bool = False) -> Iterator[AgentEvent]:
        if say:
            yield TextDelta(reply)
        self.history.append({"role": "assistant", "content": reply})
        timings["total_s"] = time.perf_counter() - started
        yield TurnDone(reply, calls_done, interrupted, timings)

    def _call(self, call: ToolCall, index: int, stop: Cancel | None, timings: dict[str, float],
              record: bool = True) -> Generator[AgentEvent, None, ToolCallFinished]:
        yield ToolCallStarted(call.name, call.arguments)
        t0 = time.perf_counter()
        result = self._run_tool(call, stop)
        timings["tool_s"] += time.perf_counter() - t0
        finished = ToolCallFinished(call.name, call.arguments, result)
        yield finished
        if record:  # (a look-up's passages are given to the model for its answer only, never kept)
            self.history.append(self._result_message(call, result, index))
        return finished

    # -- what the conversation is about (the planner's follow-ups) -----------------------------------
    def _subject(self) -> Subject | None:
        return self._subjects[-1][1] if self._subjects else None

    def _remember(self, request: str, tool: str | None, arguments: dict[str, Any], files: list[str]) -> None:
        named = [v for k, v in arguments.items() if k in ("file", "image") and isinstance(v, str)]
        self._subjects.append((len(self.history), Subject(tool, dict(arguments), request, [*named, *files])))
        del self._subjects[:-8]

    def mark_interrupted(self, spoken: str) -> None:
        """After a barge-in: the last request's answer (tool rounds included) becomes only what was
        actually heard, marked as interrupted."""
        request = max((i for i, m in enumerate(self.history) if _is_request(m)), default=None)
        if request is None:
            return
        del self.history[request + 1:]
        self.history.append({"role": "assistant", "content": f"{spoken.strip()} [interrupted by the user]".strip()})

    def _describe_attachments(self, images: list, stop: Cancel | None = None) -> Generator[AgentEvent, None, str]:
        """Run describe_image on each attached image; the descriptions join the user's message."""
        notes = []
        for n, image in enumerate(images, 1):
            call = ToolCall("describe_image", {"image": png_data_uri(_pil(image))})
            yield ToolCallStarted(call.name, {"image": f"<attached image {n}>"})
            result = self._run_tool(call, stop)
            yield ToolCallFinished(call.name, {"image": f"<attached image {n}>"}, result)
            notes.append(f"[Attached image {n}: " + ("could not be described: " if result.is_error else "")
                         + result.text + "]")
        return "\n".join(notes)

    def _run_tool(self, call: ToolCall, stop: Cancel | None = None) -> ToolResult:
        """Run a tool with the time limit, in a thread of its own. Its context's `cancelled` follows `stop`
        (barge-in, Esc): a tool that looks between its steps stops at the next; the turn does not wait for it,
        and the next tool never queues behind one that was abandoned."""
        if stop is not None and stop.is_set():
            return ToolResult.error(f"{call.name} was not run: the user interrupted")
        abandoned = threading.Event()  # stopped, or past its time: the tool's context says cancelled
        outer = self.context.cancelled
        context = self.context.with_progress(self.context.progress, lambda: abandoned.is_set() or outer())
        settled = threading.Event()  # the tool finished, or the turn was stopped
        results: list[ToolResult] = []

        def run() -> None:
            results.append(self.tools[call.name].run(call.arguments, context))  # never raises: errors are results
            settled.set()

        threading.Thread(target=run, name=f"tool-{call.name}", daemon=True).start()
        forget = stop.on_set(settled.set) if stop is not None else (lambda: None)
        try:
            settled.wait(self.tool_timeout)
        finally:
            forget()
        if results:
            return results[0]
        abandoned.set()
        if stop is not None and stop.is_set():
            return ToolResult.error(f"{call.name} was abandoned: the user interrupted")
        return ToolResult.error(f"{call.name} took longer than {self.tool_timeout:.0f} s and was abandoned")

    def _usable(self, call: ToolCall) -> ToolCall:
        """Models add arguments that do not exist, or copy a parameter's schema as its value: drop those
        rather than fail the call (MCP stays strict)."""
        known = self.tools[call.name].parameters["properties"]
        return ToolCall(call.name, {k: v for k, v in call.arguments.items()
                                    if k in known and v is not None and not _echoed_schema(v, known[k])})

    def _result_message(self, call: ToolCall, result: ToolResult, index: int) -> dict[str, Any]:
        body = ("Error: " if result.is_error else "") + result.text
        if self.policy.tool_results == "user":  # a small model: the substance, and a request to say it
            question = next((m["content"] for m in reversed(self.history)
                             if _is_request(m) and isinstance(m["content"], str)), "")
            body = ("Error: " if result.is_error else "") + digest(self.tools[call.name], result)
            return {"role": "user", "content": f"{RESULT_OPENING}{body}\n\nMy request was: "
                                               f"\"{question}\". Tell me in one or two sentences what this says "
                                               "about it, naming the file (and page) it comes from."}
        return {"role": "tool", "content": body, "tool_call_id": f"call_{index}", "name": call.name}


def _is_request(message: dict[str, Any]) -> bool:
    """A user's own message (not a tool result handed back as a user message)."""
    return message["role"] == "user" and not str(message.get("content", "")).startswith(RESULT_OPENING)


def _echoed_schema(value: Any, schema: dict) -> bool:
    """A small model sometimes copies a parameter's schema ({"type": ..., "description": ...}) as its value."""
    return isinstance(value, dict) and "object" not in json.dumps(schema) and \
        bool({"type", "anyOf", "description", "default"} & set(value))


def _distinct(calls: list[ToolCall]) -> list[ToolCall]:
    seen, out = set(), []
    for call in calls:
        key = (call.name, json.dumps(call.arguments, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append(call)
    return out


def _as_openai_call(call: ToolCall, index: int) -> dict[str, Any]:
    return {"id": f"call_{index}", "type": "function",
            "function": {"name": call.name, "arguments": json.dumps(call.arguments)}}


def _user_message(text: str, images: list | None) -> dict[str, Any]:
    if images:
        return {"role": "user", "content": [*({"type": "image", "image": _pil(im)} for im in images),
                                            {"type": "text", "text": text}]}
    return {"role": "user", "content": text}


def _pil(image):
    """A PIL image from an image or a path (opened with the knowledge folder's safety limits)."""
    if hasattr(image, "convert"):
        return image
    from .knowledge.extract import open_image

    return open_image(image)
