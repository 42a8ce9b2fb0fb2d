"""Bringing units and people in from spreadsheets, all or nothing."""
