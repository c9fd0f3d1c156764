"""`openvth vergunningen_bijwerken --gebruiker U [--organisatie ORG] [--peildatum JJJJ-MM-DD]`: the daily run.

Two steps of the procedure happen by the passing of time, not by anyone's act, and someone must still record them:

* a decision made known whose objection period (after the extended procedure: appeal period, Awb 7:1 lid 1 onder
  d) passed without objection or appeal becomes irrevocable (Awb 6:7, 6:8): step `onherroepelijk_worden`;
* a request suspended for a supplement whose term lapsed unused resumes (Awb 4:15 lid 1 onder a: the suspension
  ends when the term given has passed unused): step `aanvultermijn_verstreken`. Whether to then leave the
  application undecided (Awb 4:5) is the officer's decision, not this command's.

The run acts as the named officer (`actor_uit_opdracht`, as `verzoeken_importeren`) over the requests that officer
may see, and sets each step on the peildatum (today by default) through `stappen.stap_zetten`: the table's guards
judge, one transaction per request, one audit event each. A request already brought up to date is no longer a
candidate, so a second run changes nothing. One line per request and a summary; a refusal names the request
number and the command exits non-zero. A request the officer may only read (a sharing agreement) is skipped and
named, not counted as an error: another organisation records its own steps.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.utils import timezone

from openvth.handhaving.bewakers import datum_nl
from openvth.organisaties.fouten import Domeinfout, GeenToestemming
from openvth.organisaties.management.acteur import actor_uit_opdracht
from openvth.organisaties.management.fouten import melding
from openvth.organisaties.toegang import Actor
from openvth.vergunningen import selectors
from openvth.vergunningen.models import Besluitstatus, Verzoek, Verzoekdoel, Verzoekstatus
from openvth.vergunningen.stappen import stap_zetten


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise CommandError(f"--peildatum '{tekst}': gebruik JJJJ-MM-DD.") from None


def _eerste_volgnummers(actor: Actor, status: str) -> QuerySet[Verzoek]:
    filters = selectors.VerzoekFilter(status=status)
    return selectors.verzoek_list(actor=actor, filters=filters).filter(doel=Verzoekdoel.INDIENEN)


def bezwaartermijn_verstreken(actor: Actor, peildatum: date) -> QuerySet[Verzoek]:
    """Decided requests whose decision's objection period ended before `peildatum` without an objection."""
    return (
        _eerste_volgnummers(actor, Verzoekstatus.BESLOTEN)
        .filter(
            besluiten__ontwerp=False,
            besluiten__status=Besluitstatus.BEKENDGEMAAKT,
            besluiten__bezwaartermijn_tot__lt=peildatum,
            besluiten__bezwaar_ontvangen_op__isnull=True,
        )
        .distinct()
        .order_by("verzoeknummer")
    )


def aanvultermijn_verstreken(actor: Actor, peildatum: date) -> QuerySet[Verzoek]:
    """Suspended requests whose open invitation to supplement had its last day before `peildatum`."""
    return (
        _eerste_volgnummers(actor, Verzoekstatus.OPGESCHORT)
        .filter(
            aanvullingsverzoeken__aangevuld_op__isnull=True,
            aanvullingsverzoeken__ongebruikt=False,
            aanvullingsverzoeken__aanvullen_voor__lt=peildatum,
        )
        .distinct()
        .order_by("verzoeknummer")
    )


class Command(BaseCommand):
    help = (
        "Dagelijkse run: besluiten onherroepelijk na een ongebruikte bezwaartermijn, opgeschorte aanvragen hervat "
        "na een ongebruikte aanvultermijn. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gebruiker", required=True, help="de vergunningverlener namens wie de stappen gezet worden"
        )
        parser.add_argument("--organisatie", default=None, help="code van de organisatie (standaard de eerste)")
        parser.add_argument("--peildatum", default=None, help="JJJJ-MM-DD; standaard vandaag (niet in de toekomst)")

    def handle(self, *args, gebruiker: str, organisatie: str | None, peildatum: str | None, **opties):
        actor = actor_uit_opdracht(gebruiker, organisatie)
        vandaag = timezone.localdate()
        dag = _datum(peildatum) if peildatum else vandaag
        if dag > vandaag:
            raise CommandError(
                f"--peildatum {dag.isoformat()} ligt in de toekomst: een stap wordt vastgelegd als hij is gezet."
            )
        telling = {"onherroepelijk_worden": 0, "aanvultermijn_verstreken": 0}
        overgeslagen = geweigerd = 0
        werk = [
            ("onherroepelijk_worden", bezwaartermijn_verstreken(actor, dag)),
            ("aanvultermijn_verstreken", aanvultermijn_verstreken(actor, dag)),
        ]
        for handeling, verzoeken in werk:
            for verzoek in verzoeken:
                nummer = verzoek.verzoeknummer
                try:
                    stap = stap_zetten(actor=actor, verzoek=verzoek, handeling=handeling, datum=dag)
                except GeenToestemming as fout:
                    self.stdout.write(f"{nummer}: overgeslagen, u mag dit verzoek alleen lezen ({melding(fout)})")
                    overgeslagen += 1
                    continue
                except Domeinfout as fout:
                    self.stderr.write(f"{nummer}: {handeling} geweigerd: {melding(fout)}")
                    geweigerd += 1
                    continue
                telling[handeling] += 1
                self.stdout.write(f"{nummer}: {self._uitkomst(stap.verzoek, handeling)}")
        self.stdout.write(
            f"Peildatum {datum_nl(dag)}. Onherroepelijk: {telling['onherroepelijk_worden']}; aanvultermijn "
            f"verstreken: {telling['aanvultermijn_verstreken']}; overgeslagen: {overgeslagen}; geweigerd: {geweigerd}."
        )
        if geweigerd:
            raise CommandError(f"{geweigerd} verzoek(en) geweigerd; zie hierboven.")

    @staticmethod
    def _uitkomst(verzoek: Verzoek, handeling: str) -> str:
        if handeling == "onherroepelijk_worden":
            besluit = verzoek.besluiten.get(ontwerp=False, status=Besluitstatus.ONHERROEPELIJK)
            assert besluit.onherroepelijk_op and besluit.bezwaartermijn_tot  # set by bekendmaken and this step
            return (
                f"besluit {besluit.kenmerk} onherroepelijk met ingang van {datum_nl(besluit.onherroepelijk_op)} "
                f"(bezwaar- of beroepstermijn tot en met {datum_nl(besluit.bezwaartermijn_tot)} verstreken zonder "
                "bezwaar of beroep)"
            )
        termijn = (
            f"; beslistermijn tot en met {datum_nl(verzoek.beslistermijn_tot)}" if verzoek.beslistermijn_tot else ""
        )
        return f"aanvultermijn ongebruikt verstreken, verder als {verzoek.get_status_display()}{termijn}"
