"""Batch screening of an enterprise roster (政策找企业): read a spreadsheet, build one profile per
row, evaluate every row against every measure with the engine's own functions, write the views."""
