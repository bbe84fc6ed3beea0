"""Errors meant for people: each carries one clear line and the CLI's exit code."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: the message is shown as is, on one line, with no traceback."""

    exit_code = 1


class ConfigError(AssistantError):
    exit_code = 2


class InputError(AssistantError):
    """Bad input from the user: a missing file, unreadable audio, an unknown role."""

    exit_code = 2


class UnreadableRequest(InputError):
    """The request is not what the tool reads (no calculation, no date, no units in it): the router took it for
    this tool, and another tool may read it (a personal question is then looked up)."""


class ModelUnavailable(AssistantError):
    """A model is not on this machine; the message names it, its size and how to get it."""

    exit_code = 3


class Cancelled(AssistantError):
    """The caller took the request back (an MCP client's notifications/cancelled): the work stopped early."""

    exit_code = 130


class DeviceUnavailable(AssistantError):
    """An audio or compute device that was asked for does not exist."""

    exit_code = 4


def first_line(exc: BaseException) -> str:
    """An exception as one line for people: its message's first line, else its type's name."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
