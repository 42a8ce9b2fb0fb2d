"""Helpers for the benchmarks in ``benchmarks/``: databases, data, timing, output.

They live in a package so that ``make bench``, which runs every
``benchmarks/*.py``, does not run them as benchmarks.
"""
