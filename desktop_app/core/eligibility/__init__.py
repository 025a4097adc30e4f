"""Eligibility: which measures apply to an enterprise on a date, how much, and why.

Benefits and conditions are reviewed data (db/benefits/*.yaml) interpreted by a fixed set of
condition tests and amount formulas; nothing in the data is ever evaluated as code.
"""
