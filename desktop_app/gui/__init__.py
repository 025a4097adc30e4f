"""The Qt front end. The engine in desktop_app.core knows nothing of Qt; this package only
calls it, and runs anything slow through the one helper in tasks.py."""
