"""The Textual app (`assistant` with no command; `commands/tui.py` starts it): `app.py` and its widgets."""
