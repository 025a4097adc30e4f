"""Saved enterprises in the GUI: the list with search and history, and the main-window hook."""
