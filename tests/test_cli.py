"""The `assistant` command as a user runs it: a real subprocess, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, tmp_path: Path, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(tmp_path / "data"), *args],
                          capture_output=True, text=True, input=stdin, timeout=timeout, env=env)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_help_lists_the_commands(tmp_path):
    result = run("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for word in ("models", "transcribe", "say", "chat", "--profile", "--knowledge", "--data-dir", "--config"):
        assert word in result.stdout


def test_models_json_reports_every_role(tmp_path):
    result = run("models", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["profile"] == "embedded"
    roles = {m["role"]: m for m in report["models"]}
    assert set(roles) == {"vad", "turn", "stt", "llm", "vlm", "clip", "image_gen", "tts", "text_embed"}
    assert roles["stt"]["ready"] and roles["stt"]["origin"] == "pypi" and not roles["stt"]["loaded"]
    assert not roles["clip"]["ready"] and "assistant models pull clip" in roles["clip"]["problem"]


def test_models_table_and_profile_flag_after_the_command(tmp_path):
    result = run("models", "--profile", "spark", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "profile: spark" in result.stdout
    assert "openai/whisper-large-v3-turbo" in result.stdout
    assert "Qwen/Qwen3-VL-8B-Instruct" in result.stdout


def test_pull_without_network_fails_in_one_line(tmp_path):
    assert_one_line_error(run("models", "pull", "clip", tmp_path=tmp_path), 3, "clip:", "cannot download")


def test_unknown_role(tmp_path):
    assert_one_line_error(run("models", "pull", "brain", tmp_path=tmp_path), 2, "unknown model role 'brain'")


def test_transcribe_missing_file(tmp_path):
    assert_one_line_error(run("transcribe", str(tmp_path / "nope.wav"), tmp_path=tmp_path), 2, "nope.wav")


def test_transcribe_unreadable_audio(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF\x00\x00not really audio" * 10)
    assert_one_line_error(run("transcribe", str(bad), tmp_path=tmp_path), 2, "bad.wav")


def test_missing_model_is_exit_3_with_the_fix(tmp_path):
    from speech import espeak_wav

    wav = espeak_wav("hello there", tmp_path / "hello.wav")
    result = run("--profile", "spark", "transcribe", str(wav), tmp_path=tmp_path)
    assert_one_line_error(result, 3, "openai/whisper-large-v3-turbo", "assistant models pull stt")


def test_missing_config_file(tmp_path):
    assert_one_line_error(run("--config", str(tmp_path / "c.toml"), "models", tmp_path=tmp_path), 2,
                          "config file not found")


def test_say_refuses_empty_text_and_missing_folder(tmp_path):
    assert_one_line_error(run("say", "  ", "-o", str(tmp_path / "a.wav"), tmp_path=tmp_path), 2, "empty")
    assert_one_line_error(run("say", "hi", "-o", str(tmp_path / "no" / "a.wav"), tmp_path=tmp_path), 2,
                          "does not exist")


@pytest.mark.slow
def test_say_then_transcribe_round_trip(tmp_path):
    from speech import wer

    # Piper samples its noise afresh each time, so the audio differs run to run: no words that can run
    # together ("and a long" was once heard as "Antelong")
    sentence = "The knowledge folder holds pictures of the lake and the yearly report."
    wav = tmp_path / "said.wav"
    result = run("say", sentence, "--output", str(wav), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert wav.stat().st_size > 20_000
    result = run("transcribe", str(wav), "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    transcript = json.loads(result.stdout)
    assert transcript["language"] == "en"
    assert wer(sentence, transcript["text"]) <= 0.2, transcript["text"]
    segments = transcript["segments"]
    assert segments and segments[0]["start"] >= 0 and segments[-1]["end"] <= transcript["duration"] + 0.5


@pytest.mark.slow
def test_chat_from_standard_input(tmp_path):
    result = run("chat", "--max-tokens", "40", tmp_path=tmp_path,
                 stdin="What is the capital of France? Answer in one word.\n")
    assert result.returncode == 0, result.stderr
    assert "paris" in result.stdout.lower()


def test_pdf_command_answers_reads_pages_and_refuses_escapes(tmp_path):
    from documents import REPORT_FACTS, make_report_pdf

    knowledge = tmp_path / "k"
    knowledge.mkdir()
    make_report_pdf(knowledge)
    flags = ("--knowledge", str(knowledge))
    assert run(*flags, "index", tmp_path=tmp_path).returncode == 0
    result = run(*flags, "pdf", "Which trees should be planted by the shore?", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    passages = json.loads(result.stdout)
    assert (passages[0]["file"], passages[0]["page"]) == ("report.pdf", 3)
    result = run(*flags, "pdf", "--file", "report.pdf", "--pages", "2", tmp_path=tmp_path)
    assert result.returncode == 0 and REPORT_FACTS[1][2].split()[0] in result.stdout
    assert_one_line_error(run(*flags, "pdf", "--file", "../../etc/passwd", "--pages", "1", tmp_path=tmp_path), 2,
                          "outside the knowledge folder")


def test_ask_without_the_chat_model_says_which_one_and_how_to_get_it(tmp_path):
    """The chat model loads in the background while the turn starts (a cold `ask` looks up meanwhile): its
    absence still ends the command with the one-line fix, not a traceback from the loading thread."""
    result = run("--profile", "spark", "--knowledge", str(tmp_path), "ask", "hello there", tmp_path=tmp_path)
    assert_one_line_error(result, 3, "assistant models pull llm")
