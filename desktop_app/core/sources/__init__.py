"""Parsers that turn each bundled source document into ordered items.

Each parser is specific to one document's layout (they are five different kinds of text); they
share the helpers in `common`. Editorial decisions that cannot be read off the text (for the
Fujian work plan: which strings a surviving department heading covers) live in db/structure/.
"""
