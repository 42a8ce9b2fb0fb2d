"""Property: the organisation tree, buildings, units and their status."""
