"""The enterprise questionnaire (QWizard) generated from the facts registry, and its result
page."""
