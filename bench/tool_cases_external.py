"""Requests for the tools of other MCP servers (issue 27): a calendar and a home server (tests/mcp_home_server.py,
attached with `--mcp-config bench/mcp_servers_home.toml`), asked in words other than the servers' own examples,
beside requests that need a local tool or none, which must stay where they were. Used by
`bench/tool_eval.py --cases external --mcp-config bench/mcp_servers_home.toml`.
"""

from __future__ import annotations

from tool_cases import CALC, DATE, SEARCH, Case, case

LIST, CREATE, DELETE = "calendar.list_events", "calendar.create_event", "calendar.delete_event"
STATE, LIGHT, HEAT, LOCK = "home.get_state", "home.set_light", "home.set_thermostat", "home.lock_door"

CASES: list[Case] = [
    # -- the calendar ------------------------------------------------------------------------------------------
    case("What do I have on tomorrow?", LIST),
    case("Is anything in my calendar for Friday?", LIST),
    case("Add a dentist visit on Monday at 10 to my calendar", CREATE, title=["dentist"]),
    case("Schedule a call with Priya next Tuesday at 3 pm", CREATE),
    case("Remove the project review from my calendar", DELETE),
    case("um can you check my diary for the weekend", LIST, style="spoken"),
    # -- the home ----------------------------------------------------------------------------------------------
    case("Switch off the lights in the living room", LIGHT),
    case("Turn the bedroom light on", LIGHT),
    case("Make it 19 degrees in the house", HEAT),
    case("Did I lock the back door?", STATE, LOCK),
    case("Lock the garage", LOCK),
    case("Mach das Licht in der Küche an", LIGHT, style="foreign"),
    # -- ... and what stays local, or needs no tool ----------------------------------------------------------
    case("Search my notes for the dentist appointment", SEARCH, query=["dentist"]),
    case("What is 12 times 14?", CALC),
    case("What time is it?", DATE),
    case("What's the capital of Canada?", None),
    case("How do I say good morning in French?", None),
    case("Which lamp is best for reading, warm or cold light?", None),
]
