"""The user's own data: saved enterprises, their evaluations, export/import, and which
questions the wizard asks. Plain Python, no Qt."""
