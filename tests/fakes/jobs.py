"""Job runs in memory, keyed by (name, slot) as the SQL table is."""

import copy

from propcore.jobs.runs import JobRun, RunOutcome


class FakeJobRunRepository:
    def __init__(self, store: dict) -> None:
        self._rows: dict[tuple, JobRun] = store.setdefault("job_runs", {})

    def claim(self, run: JobRun, max_attempts: int) -> JobRun | None:
        key = (run.name, run.slot)
        stored = self._rows.get(key)
        if stored is None:
            self._rows[key] = copy.deepcopy(run)
            return copy.deepcopy(run)
        if stored.outcome != RunOutcome.FAILED or stored.attempts >= max_attempts:
            return None
        again = JobRun(run.name, run.slot, run.started_at, attempts=stored.attempts + 1)
        self._rows[key] = again
        return copy.deepcopy(again)

    def finish(self, run: JobRun) -> None:
        self._rows[(run.name, run.slot)] = copy.deepcopy(run)

    def recent(self, limit: int) -> list[JobRun]:
        newest = sorted(
            self._rows.values(), key=lambda r: (r.started_at, r.name), reverse=True
        )
        return copy.deepcopy(newest[:limit])

    def forget_before(self, before) -> int:
        doomed = [key for key, run in self._rows.items() if run.started_at < before]
        for key in doomed:
            del self._rows[key]
        return len(doomed)
