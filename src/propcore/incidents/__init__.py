"""Incidents (事件): what guards and the front desk report, and its follow-up."""
