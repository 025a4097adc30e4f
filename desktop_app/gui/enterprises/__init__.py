"""Saved enterprises in the GUI: the list with search and history, and the main-window hook."""

from desktop_app.gui.refguard import pin_singletons

pin_singletons()  # see desktop_app/gui/refguard.py
