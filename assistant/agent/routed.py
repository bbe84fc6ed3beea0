"""A routed turn: the planner chooses the tool and its arguments (in milliseconds), the tool runs, and the chat
model, shown no schemas, only answers from the result.

Questions about the user's own world are looked up before they are answered, never answered from the model's
head; any other question is looked up quietly when some file holds its words, and answered from the files only
when they hold the answer. A look-up is answered from its evidence (the passage and sentences that answer),
checked fact by fact (`grounding`); a failed tool or a missing file is said as it is, never handed to the model
to dress up.
"""

from __future__ import annotations

import time
from functools import cached_property
from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..contracts import ToolCall, ToolResult
from ..grounding import converted, personal, translate, whose
from ..grounding.answer import evidence_for, grounded_answer
from ..grounding.asking import asks_for_a_code, subject_words
from ..grounding.evidence import Evidence, answers, passages
from ..grounding.replies import not_found
from ..grounding.shaped import arithmetic_words, without_arithmetic
from ..languages import words_of
from ..routing import Plan, Planner, failure_reply
from ..routing.digest import fallback_reply, uncited_source
from ..routing.files import kind_of
from ..routing.model_fill import model_filled
from ..routing_hints import ANSWER_HITS
from ..words import FILE_KIND_WORDS
from .events import AgentEvent, FirstToken, ToolCallFinished, ToolCallStarted, TextDelta
from .messages import NO_ANSWER, as_openai_call, is_request, user_message, without_citations
from .routed_computed import converted_turn, may_work_out, worked_out_from, worked_out_turn
from .routed_external import external_turn

if TYPE_CHECKING:
    from ..cancel import Cancel
    from ..roles import ChatModel
    from .core import Agent



class RoutedTurn:
    """One turn of an agent whose policy routes (`tool_routing = "router"`)."""

    def __init__(self, agent: Agent, planner: Planner, text: str, stop: Cancel | None, started: float,
                 timings: dict[str, float]):
        self.agent, self.planner, self.text, self.stop = agent, planner, text, stop
        self.started, self.timings = started, timings
        self._counts: dict[str, int] = {}  # the index's document counts, looked up once a turn
        self._total: int | None = None
        self.subject = agent.conversation.subject()
        subject = self.subject
        # a follow-up ("and page 3?", "where is it?") leans on the question it follows, when that was a look-up
        # or a plain question (a sum or a picture has no subject)
        # (a follow-up's follow-up: the question the chain began with, "and what time does it start?" after "When is
        # the Heron kickoff?" and "And which room?" is about the kickoff, not the room)
        self.earlier = (subject.root or subject.request) if subject is not None and personal.refers_back(text) and (
            subject.tool is None or agent.reads_the_files(subject.tool)) else None
        looked_up_before = subject is not None and subject.tool is not None and agent.reads_the_files(subject.tool)
        self.about_me = personal.is_personal(text) or (self.earlier is not None and (
            personal.is_personal(self.earlier) or looked_up_before))  # a follow-up to an answer from the files
        self.language = personal.language_of(text)
        self.about_me = self.about_me or whose.about_their_world(text, self.planner.document_counts) or \
            asks_for_a_code(text)  # ("whats the alarm code for the shop": the user's own, never a guess)

    @cached_property
    def llm(self) -> ChatModel:
        """The chat model, taken when the turn first needs it (a look-up may run while it still loads)."""
        return self.agent.chat_model()

    @cached_property
    def english(self) -> str | None:
        """The question in English (the model translates it, once a turn), for a question in another language."""
        return translate.in_english(self.llm, self.text, self.stop)

    @cached_property
    def searcher(self) -> Plan | None:
        """The search of the user's files for this question (and the one it follows up), for an answer."""
        return self._for_an_answer(self.planner.lookup(self.text, self.earlier or ""))

    def run(self) -> Iterator[AgentEvent]:
        agent, text, earlier, about_me = self.agent, self.text, self.earlier, self.about_me
        plan = self.planner.plan(text, self.subject)
        if plan.tool is not None and plan.tool in agent.external:  # an external server's tool: routed_external.py
            yield from external_turn(self, plan)
            return
        if plan.reply is not None and self.language != "en":  # no such file, as named in another language
            plan = self._named_in_english(plan)
        chosen, chosen_arguments = plan.tool, dict(plan.arguments)  # the router's own choice
        searcher = self.searcher
        if searcher is not None and (plan.reply is None or (earlier is not None and about_me)) and (
                (plan.tool is None and about_me) or (plan.tool == searcher.tool and earlier is not None) or
                self._kind_guessed(plan)):
            # look before answering: a question about the user's own world is searched (with the question it
            # follows up), never answered from the model's head
            plan.tool, plan.arguments, plan.reply = searcher.tool, searcher.arguments, None
        self.timings["decide_s"] = plan.seconds
        if may_work_out(self, chosen, chosen_arguments) and (yield from worked_out_turn(self)):
            return
        if self.subject is not None and (unit := converted.asked_unit(text)) and \
                (yield from converted_turn(self, unit)):
            return
        agent.history.append(user_message(text, None))
        if plan.reply is not None:  # the tool cannot run (no such file): say so, invent nothing
            agent.conversation.remember(text, None, {}, [])
            yield from self._finish(plan.reply, [], say=True)
            return
        if plan.tool is None and about_me:  # nothing to search with: never guessed
            agent.conversation.remember(text, None, {}, [])
            yield from self._finish(not_found(self.language), [], say=True)
            return
        if plan.tool is None and searcher is not None and searcher.tool is not None and personal.asks(text) and \
                self._mentioned():
            # any other question is looked up too, quietly: answered from the files only when they hold it
            call = ToolCall(searcher.tool, searcher.arguments)
            result = agent.run_tool(call, self.stop)
            if not result.is_error and self._evidence(result) is not None:
                yield from self._looked_up(call, result)
                return
        if plan.tool is None and self.language != "en" and searcher is not None and searcher.tool is not None and \
                personal.asks(text) and (english := self.english) and (
                    whose.about_their_world(english, self.planner.document_counts) or
                    whose.asked_abroad_of_their_files(text, english, self.planner.document_counts)):
            # asked in another language, about what the user's (English) notes speak of ("Wann ist die Übergabe der
            # alten Wohnung?"): looked up, never answered from the model's head
            self.about_me = True
            yield from self._looked_up(ToolCall(searcher.tool, searcher.arguments))
            return
        if plan.tool is None:
            agent.conversation.remember(text, None, {}, [])
            reply, interrupted = yield from self._answer_freely()
            yield from self._finish(reply if reply or interrupted else NO_ANSWER, [], interrupted,
                                    say=not reply and not interrupted)
            return
        if agent.tools[plan.tool].routing is None:  # no routing hints: the model fills in that tool's schema
            schemas = [s for s in agent.tool_schemas() if s["function"]["name"] == plan.tool]
            yield from agent.model_turn(schemas, self.llm, self.stop, self.started, self.timings, force=plan.tool)
            return
        tool: str = plan.tool
        if agent.policy.argument_filling == "model":  # the model fills the chosen tool's schema (its files real)
            plan = model_filled(plan, agent.tools[tool], self.llm, text, self.subject, self.planner.files.names(),
                                agent.policy.compact_tools, self.stop, self.timings)
        call = ToolCall(tool, plan.arguments)
        if agent.looks_up(tool) and not plan.verbatim:  # a look-up: answered from its passages
            yield from self._looked_up(call)
            return
        done = yield from self._call(call)
        tried = {call.name}
        while done.result.unreadable and (other := self.planner.instead(text, plan, tried, self.subject)) is not None:
            # the calculator cannot read "how many minutes from 17:45 to 19:00?": the clock may
            assert other.tool is not None
            plan, call = other, ToolCall(other.tool, other.arguments)
            tried.add(call.name)
            self._forget_the_call()  # the failed call and its result: the one that read it stands in their place
            done = yield from self._call(call)
        agent.conversation.remember(text, call.name, call.arguments, [c.file for c in done.result.citations])
        if done.result.unreadable and about_me and searcher is not None and searcher.tool is not None and \
                plan.tool != searcher.tool:  # "what time is grandma coming?" is no clock question: look it up (a
            # tool that could not run, a picture model not installed, is said so)
            self._forget_the_call()  # its failed result is no part of the conversation
            yield from self._looked_up(ToolCall(searcher.tool, searcher.arguments))
            return
        if done.result.is_error:  # said as it is: a small model may still claim success
            yield from self._finish(failure_reply(agent.tools[call.name], done.result.text), [done], say=True)
            return
        if plan.verbatim or not done.result.citations:  # "transcribe ...", "read page 3": the words themselves,
            # not a model's summary; and "nothing matches" is said as it is (a small model invents files for it)
            yield from self._finish(done.result.text, [done], say=True)
            return
        reply, _, interrupted = yield from agent.generate(self.llm, None, self.stop, self.started, self.timings,
                                                         "none")
        if not reply.strip() and not interrupted:  # nothing usable: say what was found
            reply = fallback_reply(done.result)
            yield TextDelta(reply)
        elif not interrupted and (source := uncited_source(reply, done.result)):  # every answer names its source
            reply += source
            yield TextDelta(source)
        yield from self._finish(reply, [done], interrupted)

    def _looked_up(self, call: ToolCall, result: ToolResult | None = None) -> Iterator[AgentEvent]:
        """A look-up in the user's files, answered only from what it found: the passage that holds the
        question's subject (weighed by how rare each word is in the index) and its answering sentences, a reply
        checked fact by fact against them, else their own words quoted; nothing relevant found: "I couldn't
        find that" for a question about the user's own world, the model's own answer for one about the world
        (citing no file)."""
        agent, text, earlier = self.agent, self.text, self.earlier
        if result is None:
            call = ToolCall(call.name, self._answering(call.name, call.arguments))
            done = yield from agent.call(call, 0, self.stop, self.timings, record=False)
        else:  # run already (a quiet look-up that found the answer): shown now
            yield ToolCallStarted(call.name, call.arguments)
            done = ToolCallFinished(call.name, call.arguments, result)
            yield done
        # a follow-up's follow-up keeps the subject the chain began with, and not every turn's words since ("how
        # long is the drive up there?" after four turns about the house in Prerow: the drive, and Prerow)
        asked = f"{earlier} {text}" if earlier else text
        if done.result.is_error:
            agent.conversation.remember(asked, call.name, call.arguments, [], earlier or "")
            yield from self._finish(failure_reply(agent.tools[call.name], done.result.text), [done], say=True)
            return
        evidence = self._evidence(done.result)
        # "I've paid 150 already, how much is left?": looked for without the arithmetic's words (no file says "left"),
        # the passage gives the amounts to work with, and nothing else (no answer is read from it)
        to_work_with = self._evidence(done.result, without_arithmetic(text)) if not answers(evidence) and \
            arithmetic_words(text) else None
        searcher = self.searcher
        if not answers(evidence) and searcher is not None and searcher.tool not in (None, call.name):
            # the PDF look-up found nothing that answers: the notes and recordings may ("when does release 2.4
            # ship?" is no question for the lease the router took "release" for)
            again = ToolCall(str(searcher.tool), searcher.arguments)
            found = agent.run_tool(again, self.stop)
            if not found.is_error and answers(better := self._evidence(found)):
                evidence = better
                yield ToolCallStarted(again.name, again.arguments)
                done = ToolCallFinished(again.name, again.arguments, found)
                yield done
        if not answers(evidence) and self.about_me and self.language != "en" and searcher is not None and \
                searcher.tool is not None:
            # asked in another language: looked up again in English (the files and the search model's language)
            english = self.english
            again_plan = self._for_an_answer(self.planner.lookup(english, earlier or "")) if english else None
            if english and again_plan is not None and again_plan.tool is not None:
                again = ToolCall(again_plan.tool, again_plan.arguments)
                found = agent.run_tool(again, self.stop)
                # (weighed against what both look-ups found: the question's own words may have found a note written
                # in its language, which the translation's look-up ranks low)
                if not found.is_error and answers(better := self._evidence(found, english, also=done.result)):
                    evidence = better
                    if better is not None and better.passage in passages(found):
                        yield ToolCallStarted(again.name, again.arguments)
                        done = ToolCallFinished(again.name, again.arguments, found)
                        yield done
        # what the next turn may follow up: the look-up that answered, and the file it answered from (not a manual
        # the first look-up went through before the notes answered)
        source = evidence if answers(evidence) else to_work_with
        answered = [source.passage.file] if source is not None and source.answers else [  # nothing answered:
            c.file for c in done.result.citations if kind_of(c.file) == "image"]  # only the pictures found ("What's
        agent.conversation.remember(asked, done.name, done.arguments, answered, earlier or "")  # the total on it?")
        if source is not None and source.answers and (yield from worked_out_from(self, source, done)):
            return  # ("how much is left?": computed from what it found)
        if not answers(evidence) and (self.about_me or evidence is not None):  # a file is about what is asked, and
            # does not say it ("When was the blue blanket bought?"): the user's world, never the model's guess
            yield from self._finish(not_found(self.language), [done], say=True)
            return
        if evidence is None:  # the world's question, not the files': the model answers, citing nothing
            reply, interrupted = yield from self._answer_freely()
            yield from self._finish(reply if reply or interrupted else NO_ANSWER, [done], interrupted,
                                    say=not reply and not interrupted)
            return
        reply, interrupted = yield from self._grounded(evidence)
        agent.conversation.keep_source(evidence.text, evidence.passage.citation)
        yield from self._finish(reply, [done], interrupted)

    def _for_an_answer(self, plan: Plan | None) -> Plan | None:
        if plan is not None and plan.tool is not None:
            plan.arguments = self._answering(plan.tool, plan.arguments)
        return plan

    def _answering(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """A look-up that answers a question weighs ANSWER_HITS passages (the tool's count argument, unless the
        request gave one)."""
        routing = self.agent.tools[tool].routing if tool in self.agent.tools else None
        count = routing.query.count if routing is not None and routing.query is not None else None
        return arguments if count is None or count in arguments else {**arguments, count: ANSWER_HITS}

    def _call(self, call: ToolCall) -> Generator[AgentEvent, None, ToolCallFinished]:
        """The routed call, run and kept in the history as the model's policy reads results."""
        if self.agent.policy.tool_results == "tool":  # a tool message answers a call; a result in a user message
            # needs none, and a call shown in the history is what a small model then writes instead of answering
            self.agent.history.append({"role": "assistant", "content": "", "tool_calls": [as_openai_call(call, 0)]})
        return (yield from self.agent.call(call, 0, self.stop, self.timings))

    def _forget_the_call(self) -> None:
        """Take this turn's tool call and result back out of the history (the request stays)."""
        while self.agent.history and not is_request(self.agent.history[-1]):
            self.agent.history.pop()

    def _named_in_english(self, plan: Plan) -> Plan:
        """The file a request in another language names, looked for under its English words ("la photo du reçu" is
        photos/receipt.jpg: the files' names are mostly English, and so is the model that matches them by meaning),
        for the tool the router chose, asked in the user's own words; the plan as it was when that finds none."""
        wanted = plan.route.tool if plan.route is not None else None
        english = self.english if wanted is not None else None
        if not english:
            return plan
        again = self.planner.plan(english, self.subject)
        if again.reply is not None or again.tool is None or again.tool != wanted:
            return plan
        routing = self.agent.tools[again.tool].routing
        if routing is not None and routing.question is not None and routing.question in again.arguments:
            again.arguments[routing.question] = self.text  # (the answer in the language asked)
        again.seconds += plan.seconds
        return again

    def _evidence(self, result: ToolResult, text: str | None = None, also: ToolResult | None = None
                  ) -> Evidence | None:
        """The evidence in a look-up's result (and `also` another's) for this question (or its translation); a
        follow-up stays with the files the turn it follows was answered from, or the words of its question."""
        answered_from = self.subject.files if self.earlier is not None and self.subject is not None else []
        return evidence_for(text or self.text, self.earlier, result, self._document_counts, world=not self.about_me,
                            answered_from=answered_from, also=also)

    def _grounded(self, evidence: Evidence) -> Generator[AgentEvent, None, tuple[str, bool]]:
        """The model answers from the evidence; each sentence is said once checked against it."""
        answer = grounded_answer(self.llm, self.text, evidence, self.earlier, self.language, self.stop,
                                 lambda reply, citations: uncited_source(reply, ToolResult(text="",
                                                                                          citations=citations)))
        while True:
            try:
                piece = next(answer)
            except StopIteration as end:
                return end.value
            if piece:
                yield from self.agent.say(piece, self.started, self.timings)
            elif "first_token_s" not in self.timings:  # the model began: its first sentence is said once checked
                self.timings["first_token_s"] = time.perf_counter() - self.started
                yield FirstToken()

    def _answer_freely(self) -> Generator[AgentEvent, None, tuple[str, bool]]:
        """The model's own answer (a question about the world), streamed; "" when it wrote nothing."""
        reply, _, interrupted = yield from self.agent.generate(self.llm, None, self.stop, self.started, self.timings,
                                                               "none", self._standalone(),
                                                               self.agent.policy.answer_sentences)
        return (reply if reply.strip() or interrupted else ""), interrupted

    def _document_counts(self, words: Sequence[str]) -> tuple[dict[str, int], int]:
        """The index's counts of the words (how rare each is), each word looked up once a turn; in English (the
        dictionary's language), a word no file holds counts as the word one letter from it ("numbr" as "number": a
        typo is no word the files lack; "Miete" is no "mite")."""
        missing = [w for w in words if w not in self._counts]
        if missing or self._total is None:
            counts, self._total = self.planner.document_counts(missing, None, False, self.language == "en")
            self._counts.update(counts)
        return {w: self._counts[w] for w in words}, self._total

    def _kind_guessed(self, plan: Plan) -> bool:
        """The router chose a look-up of one kind of file (the PDFs) for a question that names no file and no kind
        of file ("When is my eye operation?", "what does one box cover?" of the tiles a note counts): the answer may
        be in a note or a memo, so all the files are searched (PDFs among them; a manual's "front cover" is no box
        of tiles)."""
        searcher = self.searcher
        return plan.tool is not None and searcher is not None and plan.tool != searcher.tool and \
            self.agent.looks_up(plan.tool) and not any(plan.arguments.get(k) for k in ("file", "pages")) and \
            not set(words_of(self.text)) & FILE_KIND_WORDS["pdf"]

    def _mentioned(self) -> bool:
        """Some file holds one of the question's subject words (the catalog's full-text index: a millisecond, no
        search model or vector store loaded for a question the files cannot answer)."""
        counts, _ = self._document_counts(subject_words(self.text))
        return any(counts.values())

    def _standalone(self) -> list[dict[str, Any]]:
        """A question that does not refer back is answered on its own, as on the first turn (earlier turns'
        files and numbers stay out of it); one that does gets the conversation."""
        messages = self.agent.messages()
        if self.earlier is None:
            return [messages[0], {"role": "user", "content": self.text}]
        return [{**m, "content": without_citations(m["content"])} if m["role"] == "assistant" and
                isinstance(m.get("content"), str) else m for m in messages]  # (a model copies citations)

    def _finish(self, reply: str, calls_done: list[ToolCallFinished], interrupted: bool = False,
                say: bool = False) -> Iterator[AgentEvent]:
        yield from self.agent.finish(reply, calls_done, interrupted, self.started, self.timings, say=say)
