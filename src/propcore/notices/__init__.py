"""Notices (公告): what staff tell residents, to whom, and when."""
