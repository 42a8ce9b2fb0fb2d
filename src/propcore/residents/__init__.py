"""Residents: people, and their relation to units (owners, family, tenants)."""
