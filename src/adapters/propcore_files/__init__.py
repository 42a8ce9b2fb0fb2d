"""Spreadsheet files (CSV, XLSX) read into the core's import sheets."""
