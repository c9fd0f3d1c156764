"""The web's path through the task queue: store an upload and queue its run, see a run that stalled, resume it.

Above `verwerken` and `taken`: the background task (`taken`) carries a run out through `verwerken`, and only this
module enqueues that task or asks the task backend about it, so the dependency runs one way.
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor

from ..models import Importrun, Importstatus
from . import selectors
from .lezen import OngeldigBestand, maximale_grootte, te_groot
from .profiel import Profiel
from .taken import importeer_op_achtergrond
from .verwerken import LEVENSTEKEN, bron_systeem_van, importmap, leeft


class NietHervatbaar(Exception):
    """The run is finished, or still alive, or its file is gone: resuming it would do nothing or harm."""


UPLOADSOORTEN = (".csv", ".json", ".geojson", ".txt")


def importrun_starten(*, actor: Actor, upload, profiel: Profiel, bron_systeem: str | None = None) -> Importrun:
    """Store an uploaded file under $OPENVTH_DATA_DIR/import/ and queue its import as a background task.

    A file above OPENVTH_IMPORT_MAX_MB is refused (OngeldigBestand) before or while it is copied, and its partial
    copy removed; the upload page cuts such a request off earlier still (importviews.Uploadgrens)."""
    toegang.vereis_rol(actor, (Rol.FUNCTIONEEL_BEHEERDER,))
    bron_systeem = bron_systeem_van(profiel, bron_systeem)
    grens = maximale_grootte()
    if (upload.size or 0) > grens:
        raise OngeldigBestand(te_groot(upload.size))
    naam = Path(upload.name or "upload").name
    soort = Path(naam).suffix.lower()
    run_uuid = uuidlib.uuid4()
    pad = importmap() / "uploads" / f"{run_uuid}{soort if soort in UPLOADSOORTEN else ''}"
    pad.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    grootte = 0
    try:
        with pad.open("wb") as f:
            for stuk in upload.chunks():
                grootte += len(stuk)
                if grootte > grens:
                    raise OngeldigBestand(te_groot(grootte))
                digest.update(stuk)
                f.write(stuk)
    except BaseException:
        pad.unlink(missing_ok=True)
        raise
    run = Importrun.objects.create(
        uuid=run_uuid,
        digest=digest.hexdigest(),
        bestandsnaam=naam[:255],
        pad=str(pad),
        profiel=profiel.naam,
        profielversie=profiel.versie,
        bron_systeem=bron_systeem,
        gebruiker_id=actor.gebruiker_id,
        gebruikersnaam=actor.gebruikersnaam,
        organisatie=actor.organisatie,
        status=Importstatus.WACHTRIJ,
    )
    _in_wachtrij(run)
    return run


def _in_wachtrij(run: Importrun) -> None:
    """Queue the run's task and keep its id (an immediate backend has run it by the time enqueue returns)."""
    taak = importeer_op_achtergrond.enqueue(str(run.uuid))
    Importrun.objects.filter(pk=run.pk).update(taak_id=taak.id)
    run.taak_id = taak.id


def stilgevallen(run: Importrun) -> bool:
    """Whether a queued or busy run will never move again by itself.

    Busy: its process is gone (`verwerken.leeft`: no such process on this host, or no batch for ten minutes).
    Queued: its task is gone, ended without taking the run on, or was taken by a worker that never claimed the run
    (ten minutes). A run queued without a task id, or on a backend that cannot tell (the immediate one of the
    tests), waits."""
    if run.status == Importstatus.BEZIG:
        return not leeft(run)
    if run.status != Importstatus.WACHTRIJ or not run.taak_id:
        return False
    try:
        taak = importeer_op_achtergrond.get_result(run.taak_id)
    except (TaskResultDoesNotExist, TaskResultMismatch):
        return True
    except NotImplementedError:
        return False
    if taak.status == TaskResultStatus.READY:
        return False
    if taak.status == TaskResultStatus.RUNNING:
        begonnen = taak.started_at or taak.enqueued_at
        return begonnen is None or timezone.now() - begonnen > LEVENSTEKEN
    return True  # the task ended, successful or failed, and the run never left the queue


def waarom_niet_hervatbaar(run: Importrun) -> str:
    """Empty when the run can be queued again (stalled, or failed); else why not, for the page or the command."""
    if run.status in (Importstatus.WACHTRIJ, Importstatus.BEZIG) and not stilgevallen(run):
        return "Deze import loopt nog; hervatten kan als zijn proces of taak er niet meer is."
    if run.status not in (Importstatus.WACHTRIJ, Importstatus.BEZIG, Importstatus.MISLUKT):
        return f"Deze import is {run.get_status_display()}; er is niets te hervatten."
    if not run.pad:
        return (
            "Deze import is met 'openvth import' gestart: geef hetzelfde commando met hetzelfde bestand opnieuw, "
            "dan gaat hij verder na de laatst vastgelegde batch."
        )
    if not Path(run.pad).is_file():
        return "Het geüploade bestand is er niet meer; upload het opnieuw, dan gaat de import verder waar hij stopte."
    return ""


def importrun_hervatten(*, actor: Actor, uuid, op_achtergrond: bool = True) -> Importrun:
    """Queue a stalled or failed web run again: it continues after its last committed batch, as the same run.

    Refused (NietHervatbaar) while the run lives, when it is finished or its file is gone. `op_achtergrond=False`
    (the command) leaves the run queued without a task, for the caller to carry out with `importrun_uitvoeren`."""
    with transaction.atomic():
        run = selectors.importrun_get(actor=actor, uuid=uuid)
        run = Importrun.objects.select_for_update().get(pk=run.pk)
        if reden := waarom_niet_hervatbaar(run):
            raise NietHervatbaar(reden)
        voor = {"status": run.status, "verwerkt": run.verwerkt, "eigenaar": run.eigenaar, "melding": run.melding}
        run.status, run.taak_id, run.voltooid_op = Importstatus.WACHTRIJ, "", None
        run.melding = f"Hervat door {actor.gebruikersnaam} na {run.verwerkt} vastgelegde rijen."
        run.bijgewerkt_op = timezone.now()
        run.save(update_fields=["status", "taak_id", "voltooid_op", "melding", "bijgewerkt_op"])
        na = {"status": run.status, "verwerkt": run.verwerkt}
        audit.schrijf(actor=actor, actie="import.hervat", object=run, voor=voor, na=na)
    if op_achtergrond:
        _in_wachtrij(run)
    return run
