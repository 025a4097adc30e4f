"""The engine: plain Python, no Qt. The GUI and the CLI call into it."""
