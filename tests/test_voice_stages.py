"""Voice-loop stages on real audio: file frames -> Endpointer (real Silero VAD) -> utterances; the
microphone source on a machine with no sound card; sentence splitting and speakable text for TTS."""

from __future__ import annotations

import time

import numpy as np
import pytest
from speech import espeak_wav, pad_with_silence, speech_bounds

from assistant.audio.devices import input_devices
from assistant.audio.frames import AudioFrame, SpeechStarted, Utterance
from assistant.audio.io import SAMPLE_RATE, read_audio, write_wav
from assistant.audio.sources import MicrophoneSource, file_frames, frames_of
from assistant.errors import DeviceUnavailable
from assistant.voice.endpointer import Endpointer
from assistant.voice.sentences import SentenceSplitter, speakable, split_sentences

SR = SAMPLE_RATE


@pytest.fixture(scope="module")
def vad(manager):
    return manager.get("vad")


@pytest.fixture(scope="module")
def phrase(tmp_path_factory):
    path = espeak_wav("what is the capital of france", tmp_path_factory.mktemp("voice") / "phrase.wav")
    return read_audio(path)


def run(endpointer: Endpointer, frames) -> list:
    endpointer.reset()
    out = []
    for frame in frames:
        out += endpointer.push(frame)
    return out + endpointer.flush()


def test_file_frames_cuts_and_pads(tmp_path):
    path = write_wav(tmp_path / "tone.wav", np.full(1300, 0.25, np.float32), SR)
    frames = list(file_frames(path))
    assert [f.t for f in frames] == [0.0, 512 / SR, 1024 / SR]
    assert all(isinstance(f, AudioFrame) and f.samples.shape == (512,) and f.samples.dtype == np.float32
               for f in frames)
    assert np.allclose(frames[2].samples[:276], 0.25, atol=1e-3) and not frames[2].samples[276:].any()


def test_one_phrase_gives_one_utterance_with_pre_roll(vad, phrase, tmp_path):
    audio = pad_with_silence(phrase, SR, 1.0, 1.5, noise_db=-55)
    path = write_wav(tmp_path / "one.wav", audio, SR)
    first, last = speech_bounds(audio, SR, level=0.05)
    events = run(Endpointer(vad), file_frames(path))

    utterances = [e for e in events if isinstance(e, Utterance)]
    assert len(utterances) == 1, events
    u = utterances[0]
    assert isinstance(events[0], SpeechStarted) and events.index(u) > 0
    started = events[0].t
    assert abs(started - first) < 0.3, (started, first)
    assert u.start_t <= started - 0.25  # pre-roll of ~300 ms before the detected start
    assert u.start_t < first - 0.1  # the first syllable is inside
    assert abs(u.end_t - last) < 0.3, (u.end_t, last)
    assert len(u.samples) == round((u.end_t - u.start_t) * SR)
    assert u.detected_at <= time.perf_counter()


def test_two_phrases_give_two_utterances(vad, phrase):
    gap = np.zeros(int(1.2 * SR), np.float32)
    audio = pad_with_silence(np.concatenate([phrase, gap, phrase]), SR, 0.5, 1.0, noise_db=-55)
    events = run(Endpointer(vad), frames_of(audio))
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["SpeechStarted", "Utterance", "SpeechStarted", "Utterance"], kinds
    a, b = events[1], events[3]
    assert a.end_t < b.start_t
    assert b.start_t - a.end_t < 1.2


def test_flush_emits_pending_utterance_and_max_length_cuts(vad, phrase):
    audio = pad_with_silence(phrase, SR, 0.5, 0.0)  # speech runs to the end of the input
    endpointer = Endpointer(vad)
    endpointer.reset()
    pushed = [e for f in frames_of(audio) for e in endpointer.push(f)]
    assert not any(isinstance(e, Utterance) for e in pushed)
    flushed = endpointer.flush()
    assert isinstance(flushed[-1], Utterance)

    events = run(Endpointer(vad, max_utterance_s=0.6), frames_of(pad_with_silence(phrase, SR, 0.5, 1.0)))
    utterances = [e for e in events if isinstance(e, Utterance)]
    assert len(utterances) >= 2 and all(u.duration <= 0.6 + 0.3 + 0.04 for u in utterances)


def test_silence_and_noise_give_nothing(vad):
    audio = pad_with_silence(np.zeros(0, np.float32), SR, 2.0, 0.0, noise_db=-45)
    assert run(Endpointer(vad), frames_of(audio)) == []


def test_realtime_pacing_takes_the_audio_duration(tmp_path):
    path = write_wav(tmp_path / "short.wav", np.zeros(int(0.5 * SR), np.float32), SR)
    arrivals = [time.perf_counter() for _ in file_frames(path, realtime=True)]
    frame_s = 512 / SR
    # Paced: frame i comes no earlier than i frames after the first (a busy machine may only be later).
    assert all(t - arrivals[0] >= i * frame_s - 0.02 for i, t in enumerate(arrivals))
    assert arrivals[-1] - arrivals[0] <= len(arrivals) * frame_s + 1.0
    assert len(list(file_frames(path))) == len(arrivals)  # the same frames when not paced


def test_microphone_without_a_device_says_so():
    if input_devices():
        pytest.skip("this machine has an audio input device")
    with pytest.raises(DeviceUnavailable) as info:
        MicrophoneSource()
    message = str(info.value)
    assert "no audio input device" in message and "from a file" in message
    assert "\n" not in message


def test_sentences_keep_abbreviations_and_decimals():
    text = "I saw Dr. Smith today. It costs 3.5 dollars, e.g. for a coffee! Is that cheap? Yes."
    assert split_sentences(text) == ["I saw Dr. Smith today.", "It costs 3.5 dollars, e.g. for a coffee!",
                                     "Is that cheap?", "Yes."]


def test_streaming_char_by_char_gives_same_sentences_early():
    text = ("Paris is the capital of France. It has about 2.1 million people, i.e. a lot! "
            "See Mr. Jones for more.\n- first item\n- second item\nThat is all.")
    splitter = SentenceSplitter()
    got, first_at = [], None
    for i, ch in enumerate(text):
        new = splitter.push(ch)
        if new and first_at is None:
            first_at = i
        got += new
    got += splitter.flush()
    assert got == split_sentences(text)
    assert got[0] == "Paris is the capital of France."
    assert first_at is not None and first_at <= len("Paris is the capital of France. I")


@pytest.mark.parametrize("reply, first", [
    ("The sky looks blue because of Rayleigh scattering, which favours short wavelengths. Also dust.",
     "The sky looks blue because of Rayleigh scattering,"),
    ("Yes, it is. The capital is Paris, a city on the Seine.", "Yes, it is."),  # a short clause waits
    ("It costs 1,000 dollars, more or less, at the shop.", "It costs 1,000 dollars, more or less,"),
    ("Run this:\n```\nx = 1, 2, 3, 4, 5\n```", "Run this:"),
])
def test_speech_can_start_at_the_first_long_clause(reply, first):
    """Only the first piece may be a clause, of at least five words; the rest of the reply splits as it would."""
    splitter = SentenceSplitter(first_clause_words=5)
    got = [piece for ch in reply for piece in splitter.push(ch)] + splitter.flush()
    assert got[0] == first
    assert " ".join(got) == " ".join(reply.replace("\n", " ").split()) or "```" in reply
    assert got[1:] == split_sentences(reply[len(first):])


def test_code_block_held_whole():
    text = "Run this:\n```python\nx = 1. y = 2\n```\nDone."
    assert split_sentences(text) == ["Run this:", "```python\nx = 1. y = 2\n```", "Done."]


@pytest.mark.parametrize("markdown, spoken", [
    ("# Heading\nText", "Heading Text"),
    ("This is **bold**, *italic* and `code`.", "This is bold, italic and code."),
    ("See [the docs](https://example.com/x) now.", "See the docs now."),
    ("Visit https://www.example.com/a/b?c=1 today.", "Visit example.com today."),
    ("Here:\n```python\nprint(1)\n```\nok", "Here: (code omitted) ok"),
    ("- one\n* two\n1. three", "one two three"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a, b. 1, 2."),
    ("keep snake_case_names and 2*3*4", "keep snake_case_names and 2*3*4"),
    ("> quoted ~~old~~ new\n\n---\n\n![a cat](cat.png) <b>done</b>", "quoted old new a cat done"),
    ("1. first\n   - nested **one**\n2. second", "first nested one second"),
    ("    indented code\n\nafter", "(code omitted) after"),
])
def test_speakable(markdown, spoken):
    assert speakable(markdown) == spoken


def test_audio_from_just_before_the_mic_opens_is_kept_as_pre_roll(vad, phrase):
    """Push-to-talk pressed mid-word: the frames heard while closed become the utterance's pre-roll."""
    audio = pad_with_silence(phrase, SR, 0.0, 1.0)
    frames = list(frames_of(audio))
    endpointer = Endpointer(vad, pre_roll_ms=300)
    opened_at = 6  # the first 6 frames (192 ms of the phrase) arrive while the mic is closed
    for frame in frames[:opened_at]:
        endpointer.remember(frame)
    endpointer.reset(keep_pre_roll=True)
    events = run_from(endpointer, frames[opened_at:])
    [utterance] = [e for e in events if isinstance(e, Utterance)]
    assert utterance.start_t == 0.0  # it begins with the remembered frames, not where the mic opened


def run_from(endpointer: Endpointer, frames) -> list:
    out = []
    for frame in frames:
        out += endpointer.push(frame)
    return out + endpointer.flush()


# -- semantic end of turn (Smart Turn v3.2, the packaged model) on speech made here --------------------------
@pytest.fixture(scope="module")
def piper16k(manager):
    from assistant.audio.io import resample

    tts = manager.get("tts")
    return lambda text: resample(tts.synthesize_all(text).astype(np.float32) / 32768, tts.sample_rate, SAMPLE_RATE)


@pytest.mark.parametrize("text, finished", [
    ("What is the capital of France?", True),
    ("Search my notes for the budget meeting.", True),
    ("We went to the beach and then", False),
    ("I could not sleep last night because", False),
])
def test_smart_turn_ends_a_finished_question_at_the_pause_and_waits_after_and_then(manager, vad, piper16k, text,
                                                                                  finished):
    endpointer = Endpointer(vad, pause_ms=200, turn_model=manager.get("turn"), unfinished_silence_ms=1500)
    events = run(endpointer, frames_of(pad_with_silence(piper16k(text), SAMPLE_RATE, 0.5, 2.5)))
    [utterance] = [e for e in events if isinstance(e, Utterance)]
    assert (utterance.finished >= 0.5) is finished, utterance.finished
    # the turn ends after a 200 ms pause when it sounds finished, after 1.5 s when it does not
    assert utterance.endpoint_wait == pytest.approx(0.2 if finished else 1.5, abs=0.07)
