"""Views that show a result and hold no logic: the evaluation result page and its HTML."""
