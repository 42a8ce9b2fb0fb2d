"""Billing domain: periods, rates, fee items, fee types, lines and bills."""
