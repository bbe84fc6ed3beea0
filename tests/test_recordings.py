"""Recordings in the knowledge folder: transcribed once (real Whisper base), chunked by time, searched by what is
said (real MiniLM, real chromadb), cited by file and start time; bad recordings reported once; the transcript
read back by time range (transcribe_audio) and as an MCP resource; watch mode.

The recordings are made here: espeak-ng sentences joined with 20 s of silence, as WAV, and as OGG (sox)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from speech import espeak_wav

from assistant.audio.io import read_audio, write_wav
from assistant.config import load_settings
from assistant.knowledge.base import KnowledgeBase
from assistant.models import ModelManager
from assistant.tools import ToolContext, all_tools

REPO = Path(__file__).resolve().parents[1]
SENTENCES = ["Good morning everyone, this is the weekly standup meeting.",
             "The database migration finished on Tuesday without problems.",
             "Next week we will paint the bicycle shed green.",
             "Thanks, that is all for today."]
GAP_S = 20.0


def make_meeting(folder: Path, work: Path) -> list[float]:
    """meeting.wav and meeting.ogg; the start second of each sentence."""
    pieces, starts, at = [], [], 0.0
    for n, sentence in enumerate(SENTENCES):
        samples = read_audio(espeak_wav(sentence, work / f"s{n}.wav"))
        starts.append(at)
        pieces += [samples, np.zeros(int(GAP_S * 16000), np.float32)]
        at += samples.size / 16000 + GAP_S
    write_wav(folder / "meeting.wav", np.concatenate(pieces), 16000)
    subprocess.run(["sox", str(folder / "meeting.wav"), str(folder / "memo.ogg")], check=True)
    return starts


class Counting:
    """The real speech model, its transcriptions counted."""

    def __init__(self, manager: ModelManager):
        self.stt = manager.get("stt")
        self.calls = 0
        real = self.stt.transcribe

        def transcribe(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        self.stt.transcribe = transcribe


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("recordings")
    knowledge = root / "knowledge"
    knowledge.mkdir()
    starts = make_meeting(knowledge, root)
    settings = load_settings(knowledge_dir=knowledge, data_dir=root / "data", threads=2)
    manager = ModelManager(settings)
    counting = Counting(manager)
    kb = KnowledgeBase(settings, manager)
    report = kb.index()
    yield root, kb, counting, starts, report
    kb.close()


def test_recordings_are_found_by_what_is_said_and_cited_by_time(indexed):
    root, kb, counting, starts, report = indexed
    assert sorted(report.added) == ["meeting.wav", "memo.ogg"] and not report.skipped, report.to_dict()
    result = kb.search_knowledge("when will the bicycle shed be painted", kind="audio", limit=4)
    top = {hit.file: hit for hit in reversed(result.hits)}
    for name in ("meeting.wav", "memo.ogg"):
        hit = top[name]
        assert hit.kind == "audio" and hit.page is None and "paint the bicycle shed" in hit.snippet.lower()
        assert abs(hit.start - starts[2]) <= 3.0, (name, hit.start, starts[2])
    anywhere = kb.search_knowledge("database migration on Tuesday", limit=3)
    assert anywhere.hits[0].kind == "audio" and abs(anywhere.hits[0].start - starts[1]) <= 3.0
    stored = kb.transcript("meeting.wav")
    assert stored["language"] == "en" and abs(stored["duration"] - (starts[3] + 2 + GAP_S)) < 3
    assert len(stored["segments"]) >= 4


def test_a_second_run_transcribes_nothing_and_a_rename_reuses_the_transcript(indexed):
    root, kb, counting, starts, report = indexed
    before = counting.calls
    again = kb.index()
    assert again.unchanged == 2 and not again.added and counting.calls == before
    (root / "knowledge" / "meeting.wav").rename(root / "knowledge" / "standup.wav")
    moved = kb.index()
    assert moved.renamed == ["standup.wav"] and counting.calls == before
    hit = kb.search_knowledge("paint the bicycle shed", kind="audio", limit=4).hits
    assert "standup.wav" in {h.file for h in hit} and "meeting.wav" not in {h.file for h in hit}
    (root / "knowledge" / "memo.ogg").unlink()
    gone = kb.index()
    assert gone.removed == ["memo.ogg"]
    assert {h.file for h in kb.search_knowledge("paint the bicycle shed", kind="audio").hits} == {"standup.wav"}


def test_transcribe_audio_reads_a_time_range_from_the_stored_transcript(indexed):
    root, kb, counting, starts, report = indexed
    context = ToolContext(kb.settings, kb.indexer.manager, kb)
    name = "standup.wav" if (root / "knowledge" / "standup.wav").exists() else "meeting.wav"
    before = counting.calls
    part = all_tools()["transcribe_audio"].run({"file": name, "start": "0:40", "end": "1:00"}, context)
    assert not part.is_error, part.text
    assert part.data["stored"] is True and counting.calls == before  # read, not transcribed again
    assert "paint the bicycle shed" in part.text.lower() and "database" not in part.text.lower()
    assert part.text.startswith("[00:4") and part.citations[0].label().startswith(f"{name} @ 00:4")
    bad = all_tools()["transcribe_audio"].run({"file": name, "start": "2:00", "end": "1:00"}, context)
    assert bad.is_error and "must come after" in bad.text

    from assistant.mcp.resources import KnowledgeResources

    text, mime = KnowledgeResources(kb.settings).transcript(f"transcript:///{name}", kb)
    assert mime == "text/plain" and "[00:4" in text and "bicycle shed" in text


def test_the_agent_cites_the_recording_and_the_moment(indexed):
    """The embedded model (routed tool use), asked what was said about something: file and time in the reply."""
    from assistant.agent import TurnDone
    from assistant.runtime import Runtime

    root, kb, counting, starts, report = indexed
    name = "standup.wav" if (root / "knowledge" / "standup.wav").exists() else "meeting.wav"
    agent = Runtime(kb.settings, kb.indexer.manager).agent()
    try:
        done = next(e for e in agent.turn("What did they say in the meeting about the bicycle shed?")
                    if isinstance(e, TurnDone))
    finally:
        agent.close()
    assert done.tool_calls and done.tool_calls[0].name == "search_knowledge", done
    assert done.tool_calls[0].arguments.get("kind") == "audio"
    cited = done.tool_calls[0].result.citations[0]
    assert cited.file in (name, "memo.ogg") and abs(cited.time - starts[2]) <= 3.0
    assert f"@ 00:{int(cited.time):02d}"[:6] in done.reply, done.reply


def test_bad_recordings_are_reported_once_and_indexing_goes_on(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    write_wav(knowledge / "silence.wav", np.zeros(16000 * 5, np.float32), 16000)
    (knowledge / "notes.mp3").write_text("this is a text file with an audio name\n")
    (knowledge / "empty.m4a").write_bytes(b"")
    espeak_wav("A short memo about the garden.", tmp_path / "memo.wav")
    subprocess.run(["sox", str(tmp_path / "memo.wav"), str(tmp_path / "memo.ogg")], check=True)
    (knowledge / "truncated.ogg").write_bytes((tmp_path / "memo.ogg").read_bytes()[:300])
    # a 3 KB FLAC whose header claims 2^36 samples (1193 hours): one second of silence, the count patched
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(tmp_path / "one.flac"), "trim", "0", "1"],
                   check=True)
    flac = bytearray((tmp_path / "one.flac").read_bytes())
    flac[18:26] = (int.from_bytes(flac[18:26], "big") | (1 << 36) - 1).to_bytes(8, "big")  # STREAMINFO samples
    (knowledge / "days.flac").write_bytes(bytes(flac))
    shutil.copy(tmp_path / "memo.wav", knowledge / "memo.wav")
    settings = load_settings(knowledge_dir=knowledge, data_dir=tmp_path / "data", threads=2)
    kb = KnowledgeBase(settings, ModelManager(settings))
    try:
        first = kb.index()
        assert first.added == ["memo.wav"], first.to_dict()
        reasons = {p["file"]: p["reason"] for p in first.skipped}
        assert set(reasons) == {"silence.wav", "notes.mp3", "empty.m4a", "truncated.ogg", "days.flac"}, reasons
        assert "no speech" in reasons["silence.wav"] and "not a recording" in reasons["notes.mp3"]
        assert "empty" in reasons["empty.m4a"] and "too long" in reasons["days.flac"], reasons
        second = kb.index()
        assert second.skipped == [] and second.unchanged == 1  # each reported once
        assert kb.search_knowledge("memo about the garden", kind="audio").hits[0].file == "memo.wav"
    finally:
        kb.close()


def test_watch_mode_loads_its_models_first_and_says_when_it_transcribes(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--watch", "--knowledge", str(knowledge),
                                "--data-dir", str(tmp_path / "data")], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=REPO, env=env)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.monotonic(), line.strip()))
                                              for line in process.stdout], daemon=True)
    reader.start()

    def wait_for(text: str, after: int = 0, timeout: float = 120.0) -> int:
        """The index of the first line from `after` on that holds `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for n, (_, line) in enumerate(list(lines)[after:], after):
                if text in line:
                    return n
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} in {lines[after:]}")

    try:
        first = wait_for("indexed in")  # the first (empty) run, after the models loaded
        dropped = time.monotonic()
        (knowledge / "note.md").write_text("# Shed\n\nThe shed is painted green next week.\n")
        added = wait_for("1 added", first + 1)
        print(f"note indexed {lines[added][0] - dropped:.2f} s after it was written")
        espeak_wav("The bicycle shed will be green.", tmp_path / "shed.wav")
        shutil.copy(tmp_path / "shed.wav", knowledge / "shed.wav")
        transcribing = wait_for("transcribing shed.wav", added + 1)
        assert transcribing < wait_for("1 added", added + 1)  # said before the transcript is done
    finally:
        process.terminate()
        process.wait(20)


def test_blocks_are_cut_in_quiet_moments_and_chunks_at_segment_boundaries(tmp_path):
    from assistant.contracts import Segment
    from assistant.knowledge.recordings import blocks, chunk_segments

    rate = 16000
    loud = (np.sin(np.arange(rate * 3) / rate * 2 * np.pi * 300) * 0.5).astype(np.float32)
    quiet = np.zeros(int(rate * 1.5), np.float32)
    audio = np.concatenate([loud, quiet] * 8)  # 3 s sound, 1.5 s silence, eight times: 36 s
    write_wav(tmp_path / "bursts.wav", audio, rate)
    pieces = list(blocks(tmp_path / "bursts.wav", max_seconds=3600, block_s=5.0))
    assert len(pieces) > 3 and sum(p.size for _, p in pieces) == audio.size  # nothing lost or doubled
    for start, samples in pieces[:-1]:
        end = start + samples.size / rate
        assert end % 4.5 > 3.0, (start, end)  # every cut falls in a silence (3.0-4.5 s of each 4.5 s period)
    with pytest.raises(Exception, match="longer than its header says"):
        list(blocks(tmp_path / "bursts.wav", max_seconds=10, block_s=5.0))

    segments = [Segment(float(n * 7), float(n * 7 + 5), f"part {n}") for n in range(20)]  # 5 s speech, 2 s pause
    chunks = chunk_segments(segments)
    assert [c.text for _, _, c in chunks][0].startswith("part 0")
    assert all(30 <= end - begin <= 60 for begin, end, _ in chunks[:-1])
    assert " ".join(c.text for _, _, c in chunks) == " ".join(s.text for s in segments)  # every word, in order
    assert [c.page for _, _, c in chunks] == [int(begin) for begin, _, _ in chunks]  # "page": the start second


@pytest.mark.parametrize("name, container, codec, rate", [
    ("memo.aac", "adts", "aac", 16000), ("memo.mp3", "mp3", "libmp3lame", 16000), ("memo.m4a", "ipod", "aac", 16000),
    ("memo.webm", "webm", "libopus", 48000), ("memo.flac", "flac", "flac", 16000), ("memo.opus", "ogg", "libopus", 48000),
])
def test_common_recording_formats_are_known_by_their_content(tmp_path, name, container, codec, rate):
    import av

    from assistant.knowledge.extract import detect_kind
    from assistant.knowledge.recordings import probe

    path = tmp_path / name
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        tone = np.sin(np.arange(rate * 2) / rate * 2 * np.pi * 440).astype(np.float32)[None, :] * 0.3
        frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    assert detect_kind(path) == "audio"
    renamed = path.rename(tmp_path / "recording.bin")  # by content, not by name
    assert detect_kind(renamed) == "audio"
    assert 1.5 < probe(renamed, 3600).duration < 2.5
