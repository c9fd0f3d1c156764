"""The background task behind the upload page (django-tasks; `openvth db_worker` runs the database queue)."""

from django_tasks import task

from . import verwerken


@task()
def importeer_op_achtergrond(run_uuid: str) -> str:
    """Run a queued import; the run itself records a refusal or failure for the progress page."""
    return verwerken.importrun_uitvoeren(run_uuid)
