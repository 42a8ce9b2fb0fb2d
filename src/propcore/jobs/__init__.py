"""Periodic work: which slots are due, claimed once across every machine."""
