"""Run queued background tasks in the test's own process, as `manage.py db_worker` does for
each one (its loop would close the test's database connection)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_ready_tasks() -> list[DBTaskResult]:
    """Claim and run every task that is ready; the results run, in order."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ready = list(DBTaskResult.objects.ready())
    for result in ready:
        result.claim(worker.worker_id)
        worker.run_task(result)
    return ready
