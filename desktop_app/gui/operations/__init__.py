"""Operations: one function per piece of work a window starts (evaluate, save, export, print),
run through the task runner (gui/tasks.py) with success and failure callbacks, as Anki's
aqt/operations."""
