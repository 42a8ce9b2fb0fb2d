"""Runners for propcore's periodic jobs: a thread inside the web server for
the embedded SQLite default, Procrastinate workers for PostgreSQL.

Both only call :func:`run_due`, which asks the core's DueWork what is due.
"""

from propcore_jobs.due import JobsFailedError, run_due

__all__ = ["JobsFailedError", "run_due"]
