"""Importing new policy documents (Word, PDF, text) with one generic reader; no Qt here."""
