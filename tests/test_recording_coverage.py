"""Repetitive speech stays in a recording's transcript; what Whisper cannot transcribe is reported, not hidden.

Real Whisper base, real Silero VAD, speech from the Piper voice (no synthesis noise: the same samples each run),
indexed with real MiniLM and chromadb. Ten sentences that differ in one word, and a minute of words drawn
from a small list, compress like a repetition loop (zlib ratio 2.4-3.8 a window) and were dropped whole but
for their last window. Voice-like babble with no words in it (speech.vowel_babble) is speech to the VAD and
makes Whisper loop; the loop must not reach the index, and the stretch is reported as not transcribed.
"""

from __future__ import annotations

import numpy as np
import pytest
from speech import normalise, vowel_babble, wer
from voice_script import piper_speech

from assistant.audio.coverage import unheard
from assistant.audio.io import write_wav
from assistant.audio.loops import loop_segments, repeated_runs, words
from assistant.config import load_settings
from assistant.knowledge.base import KnowledgeBase
from assistant.models import ModelManager
from assistant.tools import ToolContext, all_tools

SR = 16000
PLACES = ["garden", "library", "bridge", "station", "museum", "orchard", "stadium", "tunnel", "lighthouse", "airport"]
SIMILAR = [f"The team will meet again on Monday morning at nine to review the budget and the plan for the {place} "
           "project." for place in PLACES]
VOCABULARY = "apple river window candle purple garden pencil orange basket silver doctor rocket".split()
BEFORE = "Good morning, this is the planning call. First, the new printer arrives on Friday."
AFTER = "Second, the kitchen will be closed next week. Thanks everyone, that is all for today."


def _with_pauses(speak, sentences: list[str], pause_s: float) -> np.ndarray:
    gap = np.zeros(int(pause_s * SR), np.float32)
    return np.concatenate([part for s in sentences for part in (speak(s), gap)])


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, manager):
    root = tmp_path_factory.mktemp("coverage")
    knowledge = root / "knowledge"
    knowledge.mkdir()
    speak = piper_speech(manager)
    write_wav(knowledge / "similar.wav", _with_pauses(speak, SIMILAR, 1.0), SR)  # 62 s
    said = " ".join(np.random.default_rng(7).choice(VOCABULARY, 165))
    write_wav(knowledge / "words.wav", speak(said), SR)  # 62 s
    silence = np.zeros(3 * SR, np.float32)
    write_wav(knowledge / "babble.wav", np.concatenate([speak(BEFORE), silence, vowel_babble(20.0), silence,
                                                        speak(AFTER)]), SR)
    settings = load_settings(knowledge_dir=knowledge, data_dir=root / "data", threads=2)
    kb = KnowledgeBase(settings, ModelManager(settings))
    report = kb.index()
    yield kb, report, said
    kb.close()


def _spoken_span(kb, name: str) -> tuple[float, float]:
    from assistant.audio.io import read_audio

    samples = read_audio(kb.settings.knowledge_dir / name)
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    return loud[0] / SR, loud[-1] / SR


def test_ten_similar_sentences_are_transcribed_whole(indexed):
    kb, report, _ = indexed
    assert "similar.wav" in report.added and "similar.wav" not in {p["file"] for p in report.skipped}, report
    stored = kb.transcript("similar.wav")
    text = normalise(" ".join(s[2] for s in stored["segments"]))
    heard = [place for place in PLACES if place in text.split()]
    assert heard == PLACES, text  # every sentence, in order: the first and the last too
    first, last = _spoken_span(kb, "similar.wav")
    assert stored["segments"][0][0] <= first + 1.5 and stored["segments"][-1][1] >= last - 1.5, stored["segments"]
    assert stored["coverage"] >= 0.95 and stored["speech"] > 55, (stored["coverage"], stored["unheard"])
    ninth = next(start for start, _, said in stored["segments"] if "lighthouse" in said)
    hit = kb.search_knowledge("budget for the lighthouse project", kind="audio", limit=3).hits[0]
    assert hit.file == "similar.wav" and ninth > 45 and abs(hit.start - ninth) < 1.0, (hit, ninth)


def test_a_minute_of_random_words_is_transcribed_whole(indexed):
    kb, report, said = indexed
    assert "words.wav" in report.added and "words.wav" not in {p["file"] for p in report.skipped}, report
    stored = kb.transcript("words.wav")
    text = " ".join(s[2] for s in stored["segments"])
    assert wer(said, text) < 0.3, text
    spoken, heard = normalise(said).split(), normalise(text).split()
    assert heard[:2] == spoken[:2], (spoken[:3], heard[:3])
    assert len(set(spoken[-3:]) & set(heard[-4:])) >= 2, (spoken[-3:], heard[-4:])  # "window" is heard "winno"
    assert len(heard) >= 0.85 * len(spoken), text  # Whisper loops on it ("purple, purple, ..."): decoded again
    first, last = _spoken_span(kb, "words.wav")
    assert stored["segments"][0][0] <= first + 1.5 and stored["segments"][-1][1] >= last - 1.5, stored["segments"]
    assert stored["coverage"] >= 0.95, (stored["coverage"], stored["unheard"])


def test_a_stretch_whisper_cannot_transcribe_is_reported_and_its_loop_is_not_indexed(indexed):
    kb, report, _ = indexed
    assert "babble.wav" in report.added  # the words around the babble are worth finding
    reasons = {p["file"]: p["reason"] for p in report.skipped}
    assert reasons["babble.wav"].startswith("only "), reasons
    assert "% of its speech was transcribed (00:" in reasons["babble.wav"]
    problems = {p["file"]: p["reason"] for p in report.problems}
    assert problems.get("babble.wav") == reasons["babble.wav"]
    stored = kb.transcript("babble.wav")
    assert stored["coverage"] < 0.95
    missing = stored["unheard"]  # the babble is 00:08-00:28 (4.8 s of speech and 3 s of silence before it)
    assert sum(b - a for a, b in missing) > 15 and all(5 < a and b < 31 for a, b in missing), missing
    text = normalise(" ".join(s[2] for s in stored["segments"]))
    assert "printer arrives on friday" in text and "kitchen will be closed" in text, text
    assert not repeated_runs(words(text)), text  # Whisper's loop over the babble is gone
    inside = [s for s in stored["segments"] if s[0] > 8 and s[1] < 28]
    assert len(words(" ".join(s[2] for s in inside))) <= 10, inside
    again = kb.index()
    assert again.skipped == [] and "babble.wav" in {p["file"] for p in again.problems}  # reported once


def test_transcribe_audio_runs_the_same_decoding(indexed):
    """The tool transcribing afresh (a language given: not the stored transcript) keeps every sentence too."""
    kb, _, _ = indexed
    context = ToolContext(kb.settings, kb.indexer.manager, kb)
    result = all_tools()["transcribe_audio"].run({"file": "similar.wav", "language": "en"}, context)
    assert not result.is_error and result.data["stored"] is False, result.text
    assert [p for p in PLACES if p in normalise(result.text).split()] == PLACES, result.text
    assert result.data["coverage"] >= 0.95 and result.data["speech"] > 55


@pytest.mark.slow  # 10-20 s: the babble is decoded at up to four temperatures
def test_a_loop_over_wordless_babble_leaves_no_text(manager):
    """Voice-like babble is speech to the VAD, and Whisper base hears "I'm not a good guy." in it ten times over;
    decoded again it still loops, or writes something it is unsure of: nothing is kept, all of it unheard."""
    heard = manager.get("stt").transcribe(vowel_babble(20.0), language="en")
    assert heard.text == "" and heard.segments == [], heard.segments
    assert heard.speech is not None and heard.speech > 15 and heard.coverage == 0.0


def test_loops_are_back_to_back_copies_not_similar_sentences():
    similar = " ".join(SIMILAR)
    assert repeated_runs(words(similar)) == []  # differs in one word a sentence: speech
    assert repeated_runs(words("Thank you. Thank you. Thank you.")) == []  # said three times: speech
    loop = "I'm not going to be able to do it. " * 4
    assert repeated_runs(words("So, " + loop)) == [(1, 1 + 9 * 4)]
    assert repeated_runs(words("booby " * 6)) == [(0, 6)]
    texts = ["Hello there.", *["I'm not a good guy."] * 3, "Bye now."]
    spans = [(2.0 * n, 2.0 * n + 2) for n in range(len(texts))]
    assert loop_segments(texts, spans) == [1, 2, 3]  # one copy a segment
    two = " ".join(SIMILAR[:2])  # 140 letters: too many for 2 s, not for 10 s
    assert loop_segments(["Rrrrrrrrrrrr", two], [(0.0, 9.0), (9.0, 11.0)]) == [0, 1]  # and no word is "rrrrrr..."
    assert loop_segments([two], [(0.0, 10.0)]) == []
    assert loop_segments([SIMILAR[0]], [(0.0, 4.2)]) == []


def test_unheard_speech_is_what_no_segment_covers():
    speech = [(0.0, 20.0), (25.0, 60.0)]
    segments = [(0.2, 5.0), (5.0, 9.8), (10.9, 19.5), (52.0, 59.8)]  # pauses under a second are not gaps
    assert unheard(speech, segments) == [(25.0, 51.5)]
    assert unheard(speech, []) == speech
