"""A calendar and a home, as MCP servers people run (for `bench/tool_eval.py --cases external`): tools with the
titles, descriptions and annotations such servers give, answering from a small made-up state. One program; the
environment says which server it is:

    HOME_SERVER_KIND=calendar   list_events (read-only), create_event (writes), delete_event (destructive)
    HOME_SERVER_KIND=home       get_state (read-only), set_light (writes), set_thermostat (writes), lock_door (writes)
"""

from __future__ import annotations

import os

from mcp.server.mcpserver import MCPServer
from mcp_types import ToolAnnotations

KIND = os.environ.get("HOME_SERVER_KIND", "calendar")
server = MCPServer(name=f"{KIND}-server", version="1.0")
READ = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
WRITE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
DELETE = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False)

if KIND == "calendar":
    @server.tool(annotations=READ, title="List calendar events")
    def list_events(day: str) -> str:
        """List the events in the user's calendar on a day ("today", "tomorrow", "2024-11-14")."""
        return f"{day}: 09:30 dentist; 14:00 project review with Sam"

    @server.tool(annotations=WRITE, title="Create a calendar event")
    def create_event(title: str, when: str) -> str:
        """Add an event to the user's calendar at a date and time."""
        return f"created '{title}' at {when}"

    @server.tool(annotations=DELETE, title="Delete a calendar event")
    def delete_event(title: str) -> str:
        """Delete an event from the user's calendar."""
        return f"deleted '{title}'"
else:
    @server.tool(annotations=READ, title="Home state")
    def get_state(device: str) -> str:
        """Read the state of a device in the house: a light, a door, the thermostat, a window, a sensor."""
        return f"{device}: off"

    @server.tool(annotations=WRITE, title="Switch a light")
    def set_light(room: str, on: bool = True) -> str:
        """Switch the lights of a room on or off."""
        return f"{room} lights {'on' if on else 'off'}"

    @server.tool(annotations=WRITE, title="Set the thermostat")
    def set_thermostat(degrees: float) -> str:
        """Set the heating thermostat to a temperature in degrees Celsius."""
        return f"thermostat at {degrees:g} °C"

    @server.tool(annotations=WRITE, title="Lock a door")
    def lock_door(door: str) -> str:
        """Lock a door of the house."""
        return f"{door} locked"


if __name__ == "__main__":
    server.run()
