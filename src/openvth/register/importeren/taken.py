"""The background task behind the upload page (django-tasks; `openvth db_worker` runs the database queue)."""

from django_tasks import task

from . import verwerken


@task()
def importeer_op_achtergrond(run_uuid: str) -> str:
    """Run a queued import. `importrun_uitvoeren` is the boundary: whatever fails, the run ends with a final status
    and a readable reason for the progress page, and the task itself succeeds with that status."""
    return verwerken.importrun_uitvoeren(run_uuid)
