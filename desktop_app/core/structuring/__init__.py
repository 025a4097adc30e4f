"""Structuring an imported document: proposed benefits and conditions, each with its passage.

Kept import-light: the rule validator imports `numerals` from here.
"""
