"""Widgets shared by the window, the questionnaire and the enterprise list: form fields with
their input parsing, and the modal prompts (replaceable in tests)."""
