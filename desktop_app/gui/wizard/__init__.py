"""The enterprise questionnaire (QWizard) generated from the facts registry, and its result
page."""

from desktop_app.gui.refguard import pin_singletons

# The wizard makes thousands of Qt calls per session: see refguard for the PySide6 6.12 bug.
pin_singletons()
