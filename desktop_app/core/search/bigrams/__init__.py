"""The character-bigram index: tokens, and the tables added to the policy database."""
