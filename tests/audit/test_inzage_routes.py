"""Every route that can hand out non-public data logs what it handed out (issue 11, deliverable 2).

The walk enumerates every URL pattern of the site (Django's resolver, the ninja API and the OGC API included) and
requires each one to be classified here: walked as staff (`LEZEND`, with the arguments to call it), public-only
(`OPENBAAR`, each with its reason; walked too, and then nothing non-public may appear) or not readable with GET
(`SCHRIJVEND`, checked to answer 405). A new route that is in none of them fails `test_elke_route_is_ingedeeld`,
so it cannot be forgotten.

For each walked response the test looks for every non-public record of the demo-like data (its uuid) and every
natural person (name and uuid): each one found must have an access-log row for that record written by that very
request. A PDF cannot be searched; a PDF route must write at least one row. A zip is searched member by member.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from openvth.audit.models import Inzage
from openvth.handhaving import documenten, ical
from openvth.handhaving.demo import handhaving_demo_laden
from openvth.handhaving.models import Document, Handhavingsmaatregel, Overtreding, Procesverbaal
from openvth.organisaties.demo import DEMO_WACHTWOORD, demo_laden
from openvth.organisaties.models import Organisatie, Vertrouwelijkheid
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import recordsoorten
from openvth.register.models import Activiteituitvoering, Betrokkene, SoortBetrokkene, VthObject
from openvth.toezicht import services as toezicht_services
from openvth.toezicht.management.demo import toezicht_demo_laden
from openvth.toezicht.models import (
    Bijlage,
    Controle,
    Controleaandachtspunt,
    Keten,
    Programmataak,
    Risicoanalyse,
    Risicomodelversie,
    Uitvoeringsprogramma,
)
from openvth.vergunningen import brieven
from openvth.vergunningen.models import Besluit, Brief, Toestemming, Verzoek, Voorschrift

from ..fabrieken import BetrokkeneFactory, VerzoekFactory, totp_apparaat, totp_code

pytestmark = pytest.mark.django_db

PERSOON = "Pietje Geheimhouder-Testpersoon"

# Routes that read records, with how to fill their parameters from the walk's data (`Gegevens`).
LEZEND: dict[str, object] = {
    "api/v1/vth-objecten": {},
    "api/v1/vth-objecten/<id>": lambda g: {"id": g.object.uuid},
    "api/v1/vth-objecten/<id>/dossier": lambda g: {"id": g.object.uuid},
    "api/v1/activiteituitvoeringen": {},
    "api/v1/activiteituitvoeringen/<id>": lambda g: {"id": g.uitvoering.uuid},
    "api/v1/activiteituitvoeringen/<id>/versies": lambda g: {"id": g.uitvoering.uuid},
    "api/v1/overtredingen": {},
    "api/v1/verzoeken": {},
    "api/v1/verzoeken/<uuid>": lambda g: {"uuid": g.verzoek.uuid},
    "api/v1/verzoeken/<uuid>/stappen": lambda g: {"uuid": g.verzoek.uuid},
    "api/v1/verzoeken/<uuid>/handelingen": lambda g: {"uuid": g.verzoek.uuid},
    "api/v1/verzoeken/<uuid>/brieven": lambda g: {"uuid": g.verzoek.uuid},
    "api/v1/besluiten/<uuid>": lambda g: {"uuid": g.besluit.uuid},
    "api/v1/brieven/<uuid>": lambda g: [{"uuid": g.brief.uuid}, {"uuid": g.besluitbrief.uuid}],
    "api/v1/brieven/<uuid>/pdf": lambda g: {"uuid": g.besluitbrief.uuid},
    "api/v1/toestemmingen": {},
    "api/v1/toestemmingen/<uuid>": lambda g: [
        {"uuid": g.toestemming.uuid},
        {"uuid": g.toestemming.uuid, "_query": "peildatum=2026-12-01"},
    ],
    "api/v1/beslistermijnen": {"_query": "tot=2099-12-31"},
    "api/v1/tijdigheid": {"_query": "jaar=2026"},
    "api/v1/overtredingen/<uuid>": lambda g: {"uuid": g.overtreding.uuid},
    "api/v1/handhavingsmaatregelen": {},
    "api/v1/handhavingsmaatregelen/<uuid>": lambda g: {"uuid": g.maatregel.uuid},
    "api/v1/datakwaliteit/handhaving": {},
    "api/v1/risicoanalyses": {},
    "api/v1/risicoanalyses/<id>": lambda g: {"id": g.analyse.uuid},
    "api/v1/risicoanalyses/<id>/scores": lambda g: {"id": g.analyse.uuid},
    "api/v1/risicoanalyses/<id>/scores/<vthObjectId>": lambda g: {"id": g.analyse.uuid, "vthObjectId": g.object.uuid},
    "api/v1/risicoanalyses/<id>/kaart": lambda g: {"id": g.analyse.uuid},
    "api/v1/uitvoeringsprogrammas": {},
    "api/v1/uitvoeringsprogrammas/<id>": lambda g: {"id": g.programma.uuid},
    "api/v1/uitvoeringsprogrammas/<id>/taken": lambda g: {"id": g.programma.uuid},
    "api/v1/uitvoeringsprogrammas/<id>/meldingvoorstellen": lambda g: {"id": g.programma.uuid},
    "api/v1/vth-objecten/<id>/vergunningvoorschriften": lambda g: {"id": g.object.uuid},
    "api/v1/uitvoeringsprogrammas/<id>/realisatie": lambda g: {"id": g.programma.uuid},
    "api/v1/uitvoeringsprogrammas/<id>/export": lambda g: [
        {"id": g.programma.uuid},
        {"id": g.programma.uuid, "_query": "formaat=pdf"},
    ],
    "api/v1/controles": {},
    "api/v1/controles/<id>": lambda g: {"id": g.controle.uuid},
    "api/v1/controles/<id>/checklist": lambda g: {"id": g.controle.uuid},
    "api/v1/controles/<id>/bevindingen": lambda g: {"id": g.controle.uuid},
    "api/v1/controles/<id>/bijlagen": lambda g: {"id": g.controle.uuid},
    "api/v1/bijlagen/<id>/inhoud": lambda g: {"id": g.bijlage.uuid},
    "api/v1/ketens": {},
    "api/v1/ketens/<id>": lambda g: {"id": g.keten.uuid},
    "api/v1/ketens/<id>/bevindingen": lambda g: {"id": g.keten.uuid},
    "api/v1/inspectieview/export": {},
    "register/": {},
    "register/kaart.json": {"_query": "bbox=4.5,51.2,6.1,51.9&zoom=15"},
    "register/export.<str:formaat>": [{"formaat": "csv"}, {"formaat": "geojson"}],
    "register/locaties/<uuid:uuid>": lambda g: {"uuid": g.object.locatie.uuid},
    "handhaving/": {},
    "handhaving/termijnen": {},
    "handhaving/agenda/<str:sleutel>.ics": lambda g: {"sleutel": g.agendasleutel},
    "handhaving/datakwaliteit": {},
    "handhaving/overtredingen/nieuw": lambda g: {"_query": f"vth_object={g.object.uuid}"},
    "handhaving/overtredingen/<uuid:uuid>": lambda g: {"uuid": g.overtreding.uuid},
    "handhaving/overtredingen/<uuid:uuid>/positioneren": lambda g: {"uuid": g.overtreding.uuid},
    "handhaving/overtredingen/<uuid:uuid>/maatregel": lambda g: {"uuid": g.overtreding.uuid},
    "handhaving/brieven/<uuid:uuid>": lambda g: {"uuid": g.document.uuid},
    "handhaving/brieven/<uuid:uuid>.html": lambda g: {"uuid": g.document.uuid},
    "handhaving/brieven/<uuid:uuid>.pdf": lambda g: {"uuid": g.document.uuid},
    "handhaving/processen-verbaal/<uuid:uuid>.pdf": lambda g: {"uuid": g.procesverbaal.uuid},
    "vergunningen/": [{}, {"_query": "wie=team&status=alle"}],
    "vergunningen/<uuid:uuid>": lambda g: {"uuid": g.verzoek.uuid},
    "vergunningen/<uuid:uuid>/stap/<str:handeling>": lambda g: {"uuid": g.verzoek.uuid, "handeling": "intrekken"},
    "vergunningen/<uuid:uuid>/besluit": lambda g: {"uuid": g.verzoek.uuid},
    "vergunningen/brieven/<uuid:uuid>": lambda g: {"uuid": g.brief.uuid},
    "vergunningen/brieven/<uuid:uuid>.pdf": lambda g: {"uuid": g.brief.uuid},
    "api/v1/overtredingen/<id>/bewijs": lambda g: [
        {"id": g.overtreding.uuid},
        {"id": g.procesverbaal.overtreding.uuid},
    ],
    "api/v1/processen-verbaal/<uuid>/inhoud": lambda g: {"uuid": g.procesverbaal.uuid},
    "toezicht/risicoanalyses": {},
    "toezicht/risicoanalyses/<uuid:uuid>": lambda g: {"uuid": g.analyse.uuid},
    "toezicht/risicoanalyses/<uuid:uuid>/kaart.json": lambda g: {"uuid": g.analyse.uuid},
    "toezicht/programmas": {},
    "toezicht/programmas/<uuid:uuid>": lambda g: {"uuid": g.programma.uuid},
    "toezicht/programmas/<uuid:uuid>/programma.csv": lambda g: {"uuid": g.programma.uuid},
    "toezicht/programmas/<uuid:uuid>/programma.pdf": lambda g: {"uuid": g.programma.uuid},
    "toezicht/controles": {},
    "toezicht/controles/nieuw": lambda g: {"_query": f"object={g.object.uuid}"},
    "toezicht/controles/<uuid:uuid>": lambda g: {"uuid": g.controle.uuid},
    "toezicht/controles/<uuid:uuid>/rapport.pdf": lambda g: {"uuid": g.controle.uuid},
    "toezicht/bijlagen/<uuid:uuid>": lambda g: {"uuid": g.bijlage.uuid},
    "toezicht/dossier/<uuid:uuid>": lambda g: {"uuid": g.object.uuid},
    "toezicht/dossier/<uuid:uuid>/inspectieview.zip": lambda g: {"uuid": g.object.uuid},
    "toezicht/dossier/vestiging/<uuid:uuid>": lambda g: {"uuid": g.vestiging.uuid},
    "toezicht/dossier/vestiging/<uuid:uuid>/inspectieview.zip": lambda g: {"uuid": g.vestiging.uuid},
    "toezicht/ketens": {},
    "toezicht/ketens/<uuid:uuid>": lambda g: {"uuid": g.keten.uuid},
    "toezicht/objecten/<uuid:uuid>/vergunningvoorschriften": lambda g: {"uuid": g.object.uuid},
    "inzagelog/inzageverzoek": lambda g: {"_query": "q=Pietje"},
    "inzagelog/inzageverzoek/<uuid:uuid>": lambda g: {"uuid": g.persoon.uuid},
    "inzagelog/inzageverzoek/<uuid:uuid>/inzageverzoek.csv": lambda g: {"uuid": g.persoon.uuid},
    "inzagelog/inzageverzoek/<uuid:uuid>/inzageverzoek.pdf": lambda g: {"uuid": g.persoon.uuid},
}

# PDF routes that need not write an access-log row, each with the reason: a PDF cannot be searched, so the rule for
# them is "at least one row", which a PDF that may hold no non-public record cannot meet.
PDF_ZONDER_RECORD: dict[str, str] = {
    "toezicht/programmas/<uuid:uuid>/programma.pdf": "the programme's hours per category and authority and the names "
    "of objects that did not fit: the content of programma.csv (walked), non-public objects logged when shown",
    "api/v1/uitvoeringsprogrammas/<id>/export": "the same export; formaat=csv is walked and searched",
}

# Routes that show non-public data without an access-log row, each with the reason (walked: they must answer).
NIET_GELOGD: dict[str, str] = {
    "inzagelog": "the access log itself, shown to the privacy officer whose task it is; a read of the log is not a "
    "read of the records, and logging it would add a row per row shown",
}

# Routes that never hand out a non-public record, each with the reason. They are walked as staff all the same,
# and then no non-public record or natural person may appear in the answer.
OPENBAAR: dict[str, tuple[str, object]] = {
    "api/v1/": ("index of links", {}),
    "api/v1/docs": ("the API documentation page", {}),
    "api/v1/openapi.json": ("the API description", {}),
    "api/v1/organisaties": ("organisations are public reference data", {}),
    "api/v1/organisaties/<id>": ("organisations are public reference data", lambda g: {"id": g.dienst.code}),
    "api/v1/organisaties/<id>/werkgebied": ("organisations are public reference data", lambda g: {"id": g.dienst.code}),
    "api/v1/ik": ("the caller's own account and roles", {}),
    "api/v1/activiteiten": ("the Bal catalogue is public", {}),
    "api/v1/activiteiten/<code>": ("the Bal catalogue is public", lambda g: {"code": g.uitvoering.activiteit.code}),
    "api/v1/termijnen/berekening": ("a calculation on the caller's input", {"_query": "soort=begunstigingstermijn"}),
    "api/v1/codelijsten/<lijst>": ("code lists are public", {"lijst": "overtredingscategorieen"}),
    "api/v1/risicomodelversies": ("risk models: weights and criteria, no records", {}),
    "api/v1/controleonderwerpen": ("checklist topics: reference data", {}),
    "ogc/v1/": ("the OGC API reads as the anonymous actor (ogc/views.py)", {}),
    "ogc/v1/api": ("the OGC API reads as the anonymous actor", {}),
    "ogc/v1/conformance": ("the OGC API reads as the anonymous actor", {}),
    "ogc/v1/collections": ("the OGC API reads as the anonymous actor", {}),
    "ogc/v1/collections/<str:collectie_id>": (
        "the OGC API reads as the anonymous actor",
        [{"collectie_id": "activiteituitvoeringen"}, {"collectie_id": "vth-objecten"}],
    ),
    "ogc/v1/collections/<str:collectie_id>/items": (
        "the OGC API reads as the anonymous actor",
        [{"collectie_id": "activiteituitvoeringen"}, {"collectie_id": "vth-objecten"}],
    ),
    "ogc/v1/collections/<str:collectie_id>/items/<str:feature_id>": (
        "the OGC API reads as the anonymous actor (a non-public feature is 404)",
        lambda g: [
            {"collectie_id": "activiteituitvoeringen", "feature_id": g.uitvoering.uuid},
            {"collectie_id": "vth-objecten", "feature_id": g.object.uuid},
        ],
    ),
    "handhaving/agenda": ("the caller's own calendar subscriptions, no case", {}),
    "handhaving/sjablonen": ("letter templates, no case", {}),
    "vergunningen/nieuw": ("the intake form: the Bal catalogue and the municipalities, no record", {}),
    "handhaving/sjablonen/<str:soort>": ("a letter template, no case", {"soort": "waarschuwing"}),
    "toezicht/": ("redirects to the section's first page", {}),
    "toezicht/risicomodellen": ("risk models: weights and criteria, no records", {}),
    "toezicht/risicomodellen/<uuid:uuid>": ("a risk model, no records", lambda g: {"uuid": g.model.uuid}),
    "toezicht/checklists": ("checklist topics: reference data", {}),
    "toezicht/aandachtspunten/<int:pk>": ("a checklist item: reference data", lambda g: {"pk": g.aandachtspunt.pk}),
    "import/": ("the upload form and the caller's own runs (counts, no rows)", {}),
    "import/<uuid:uuid>/": ("an import run's progress: counts, no register rows", None),
    "import/<uuid:uuid>/kwaliteit.csv": (
        "the quality report repeats the uploader's own file to the uploader's organisation; no stored record",
        None,
    ),
    "i18n/setlang/": ("language switch", {}),
    "": ("the start page", {}),
    "inloggen": ("log-in form", {}),
    "uitloggen": ("log-out", {}),
    "tweede-factor": ("second factor form", {}),
    "tweede-factor/instellen": ("second factor set-up", {}),
    "optreden-voor": ("choice of organisation", {}),
    "organisaties": ("organisations are public reference data", {}),
    "register/gemeenten.json": ("municipality names and centres for the maps: public reference data", {}),
    "organisaties/<uuid:uuid>": ("organisations are public reference data", lambda g: {"uuid": g.dienst.uuid}),
    "tokens": ("the caller's own tokens", {}),
    "afspraken": ("mandates and sharing agreements between organisations, no records", {}),
    "api/v1/deelafspraken": ("sharing agreements between organisations, no records", {}),
    "api/v1/deelafspraken/<id>": ("a sharing agreement between organisations, no records", None),
}

# Routes without GET: they change things and answer GET with 405 (checked).
SCHRIJVEND = {
    "register/uitvoeringen/<uuid:uuid>/wijzigen",
    "handhaving/overtredingen/<uuid:uuid>/afstemming",
    "handhaving/overtredingen/<uuid:uuid>/brieven",
    "handhaving/maatregelen/<uuid:uuid>/stap",
    "handhaving/maatregelen/<uuid:uuid>/invordering",
    "handhaving/maatregelen/<uuid:uuid>/rechtsmiddel",
    "toezicht/taken/<uuid:uuid>/verschuiven",
    "toezicht/taken/<uuid:uuid>/controle",
    "toezicht/controles/<uuid:uuid>/toewijzen",
    "toezicht/controles/<uuid:uuid>/bevindingen",
    "toezicht/controles/<uuid:uuid>/bijlagen",
    "toezicht/controles/<uuid:uuid>/uitvoering",
    "toezicht/controles/<uuid:uuid>/afronden",
    "toezicht/controles/<uuid:uuid>/vervallen",
    "handhaving/agenda/<uuid:uuid>/intrekken",
    "toezicht/programmas/<uuid:uuid>/taken",
    "toezicht/programmas/<uuid:uuid>/vaststellen",
    "toezicht/taken/<uuid:uuid>/vervallen",
    "toezicht/controles/<uuid:uuid>/rapport-verzonden",
    "toezicht/controles/<uuid:uuid>/rapport-openbaar",
    "toezicht/checklists/<int:pk>/beeindigen",
    "toezicht/vergunningvoorschriften/<uuid:uuid>/koppelen",
    "toezicht/programmas/<uuid:uuid>/meldingen/<uuid:melding>",
    "api/v1/vergunningvoorschriften/<id>/checklist-koppelingen",
    "api/v1/uitvoeringsprogrammas/<id>/meldingvoorstellen/<melding>/taak",
    "tokens/<uuid:uuid>/intrekken",
    "afspraken/<str:soort>/<uuid:uuid>/beeindigen",
    "afspraken/deelafspraak/<uuid:uuid>/goedkeuren",
    "api/v1/deelafspraken/<id>/beeindiging",
    "api/v1/overtredingen/<uuid>/zaakdelingen",
    "api/v1/overtredingen/<uuid>/processen-verbaal",
    "handhaving/overtredingen/<uuid:uuid>/processen-verbaal",
    "api/v1/overtredingen/<uuid>/zaakdelingen/<ontvanger>",
    "handhaving/overtredingen/<uuid:uuid>/delingen/<str:ontvanger>/intrekken",
    "import/<uuid:uuid>/hervatten",
    "api/v1/deelafspraken/<id>/goedkeuring",
    "api/v1/lhso/advies",
    "api/v1/overtredingen/<uuid>/posities",
    "api/v1/overtredingen/<uuid>/afstemmingsoverleggen",
    "api/v1/handhavingsmaatregelen/<uuid>/overgangen",
    "api/v1/handhavingsmaatregelen/<uuid>/verbeurten",
    "api/v1/handhavingsmaatregelen/<uuid>/invorderingsstappen",
    "api/v1/handhavingsmaatregelen/<uuid>/rechtsmiddelen",
    "api/v1/handhavingsmaatregelen/<uuid>/rechtsmiddelen/<rechtsmiddel>/beslissing",
    "api/v1/uitvoeringsprogrammas/<id>/vaststellen",
    "api/v1/programmataken/<id>",
    "api/v1/programmataken/<id>/vervallen",
    "api/v1/hercontroles",
    "api/v1/controles/<id>/toezichthouder",
    "api/v1/controles/<id>/uitvoeren",
    "api/v1/controles/<id>/afronden",
    "api/v1/controles/<id>/vervallen",
    "api/v1/controles/<id>/rapport-verzonden",
    "api/v1/controles/<id>/openbaar-gemaakt",
    "api/v1/controleonderwerpen/<id>/aandachtspunten",
    "api/v1/ketens/<id>/schakels",
    "api/v1/ketens/<id>/acties",
    "vergunningen/besluiten/<uuid:uuid>/goedkeuren",
    "api/v1/verzoeken/<uuid>/besluiten",
    "api/v1/besluiten/<uuid>/goedkeuring",
}
SCHRIJVEND -= set(LEZEND)

STAF = ("manager", "toezichthouder", "handhaver", "planner", "privacy", "vergunningverlener")


def routes() -> list[str]:
    """Every URL pattern of the site as its route string (API paths once, whatever their methods)."""

    def loop(patronen, voor=""):
        for p in patronen:
            if isinstance(p, URLResolver):
                yield from loop(p.url_patterns, voor + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield voor + str(p.pattern)

    return sorted(set(loop(get_resolver().url_patterns)))


def url(route: str, argumenten: dict) -> str:
    argumenten = dict(argumenten)
    query = argumenten.pop("_query", "")
    pad = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(argumenten[m.group(1)]), route)
    return f"{pad}?{query}" if query else pad


@dataclass
class Gegevens:
    dienst: Organisatie
    object: VthObject
    uitvoering: Activiteituitvoering
    persoon: Betrokkene
    vestiging: Betrokkene
    overtreding: Overtreding
    maatregel: Handhavingsmaatregel
    document: Document
    analyse: Risicoanalyse
    model: Risicomodelversie
    programma: Uitvoeringsprogramma
    taak: Programmataak
    controle: Controle
    bijlage: Bijlage
    keten: Keten
    aandachtspunt: Controleaandachtspunt
    agendasleutel: str
    procesverbaal: Procesverbaal
    verzoek: Verzoek
    brief: Brief
    besluit: Besluit
    besluitbrief: Brief
    toestemming: Toestemming

    def geheimen(self) -> dict[str, str]:
        """Marker in an answer → the uuid of the record it reveals: every non-public record and natural person."""
        uit = {PERSOON: str(self.persoon.uuid)}
        for soort in recordsoorten().values():
            niet_openbaar = soort.model.objects.exclude(**{soort.vertrouwelijkheid: Vertrouwelijkheid.OPENBAAR})
            if soort.sleutel == "toezicht.bevinding":  # a case cites its finding's uuid as a reference: its text
                zaakteksten = set(Overtreding.objects.values_list("omschrijving", flat=True))  # a case repeats it
                for u, tekst in niet_openbaar.values_list("uuid", "omschrijving"):
                    if len(tekst) >= 20 and tekst not in zaakteksten:
                        uit[tekst] = str(u)
                continue
            for u in niet_openbaar.values_list("uuid", flat=True):
                uit[str(u)] = str(u)
        for b in Betrokkene.objects.filter(soort=SoortBetrokkene.NATUURLIJK_PERSOON):
            uit[b.naam] = uit[str(b.uuid)] = str(b.uuid)
        return uit


def _actor(naam: str, dienst: Organisatie):
    return actor_voor(get_user_model().objects.get(username=naam), organisatie_id=dienst.pk)


@pytest.fixture
def gegevens(settings, tmp_path) -> Gegevens:
    """The demo, small: one region of synthetic register data, the supervision and enforcement demos, and a
    natural person executing a confidential activity at a confidential object of the case."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_catalogus", stdout=io.StringIO())
    call_command("load_sjablonen", stdout=io.StringIO())
    call_command("generate", locaties=40, seed=11, omgevingsdienst="odzob", stdout=io.StringIO())
    demo_laden(actor=systeem_actor("demo"))
    dienst = Organisatie.objects.get(code="odzob")
    assert toezicht_demo_laden(dienst_code="odzob") and handhaving_demo_laden(dienst_code="odzob")
    overtreding = Overtreding.objects.filter(vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK).first() or (
        Overtreding.objects.exclude(vertrouwelijkheid=Vertrouwelijkheid.STRAFRECHTELIJK).first()
    )
    maatregel = Handhavingsmaatregel.objects.filter(overtreding=overtreding).first() or (
        Handhavingsmaatregel.objects.first()
    )
    vth_object = overtreding.vth_object
    uitvoering = Activiteituitvoering.objects.filter(vth_object=vth_object).order_by("-versie").first()
    persoon = uitvoering.uitvoerder_betrokkene
    Betrokkene.objects.filter(pk=persoon.pk).update(
        soort=SoortBetrokkene.NATUURLIJK_PERSOON, vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK, naam=PERSOON
    )
    VthObject.objects.filter(pk=vth_object.pk).update(vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK)
    Activiteituitvoering.objects.filter(uuid=uitvoering.uuid).update(vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK)
    persoon.refresh_from_db()
    vth_object.refresh_from_db()
    handhaver = _actor("handhaver", dienst)
    document = documenten.document_maken(actor=handhaver, overtreding=overtreding, soort="waarschuwing")
    _, agendasleutel = ical.agendatoken_maken(actor=_actor("manager", dienst), naam="agenda")
    controle = Controle.objects.filter(vth_object=vth_object).first() or Controle.objects.first()
    bijlage = toezicht_services.bijlage_maken(
        actor=_actor("toezichthouder", dienst), controle=controle, naam="foto.png", inhoud=_png()
    )
    vestiging = Betrokkene.objects.filter(soort=SoortBetrokkene.VESTIGING).first()
    verzoek = VerzoekFactory(  # a person's confidential permit application, served by the walk's service
        aanvrager=BetrokkeneFactory(natuurlijk_persoon=True, naam="Anna Aanvraagster-Proefpersoon"),
        uitvoerder=dienst,
        vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
    )
    # On an object of its own: the supervision routes' reading of conditions at the walk's object is theirs to walk.
    ander = VthObject.objects.exclude(pk=vth_object.pk).exclude(pk__in=Controle.objects.values("vth_object"))
    eigen_object = ander.filter(uitvoerder=dienst).first()
    assert eigen_object is not None
    besluit, besluitbrief, toestemming = _vergunning(verzoek, eigen_object)
    return Gegevens(
        dienst=dienst,
        object=vth_object,
        uitvoering=uitvoering,
        persoon=persoon,
        vestiging=vestiging,
        overtreding=overtreding,
        maatregel=maatregel,
        document=document,
        analyse=Risicoanalyse.objects.first(),
        model=Risicomodelversie.objects.first(),
        programma=Uitvoeringsprogramma.objects.first(),
        taak=Programmataak.objects.first(),
        controle=controle,
        bijlage=bijlage,
        keten=Keten.objects.first(),
        aandachtspunt=Controleaandachtspunt.objects.first(),
        agendasleutel=agendasleutel,
        procesverbaal=Procesverbaal.objects.get(),  # the demo D4 case's, by the BOA
        verzoek=verzoek,
        brief=brieven.brief_maken(  # its acknowledgement, as sent: it names the applicant
            actor=handhaver, verzoek=verzoek, soort="ontvangstbevestiging", datum=verzoek.ontvangen_op
        ),
        besluit=besluit,
        besluitbrief=besluitbrief,
        toestemming=toestemming,
    )


def _vergunning(verzoek: Verzoek, vth_object: VthObject) -> tuple[Besluit, Brief, Toestemming]:
    """The permit granted on the confidential application, made known on 1 December 2026 and in force the next day,
    with one condition and its letter; the decision, condition and letter are as confidential as the request."""
    besluit = Besluit.objects.create(
        verzoek=verzoek,
        soort="verlenen",
        kenmerk=f"{verzoek.verzoeknummer}-B01",
        motivering="Voldoet.",
        status="bekendgemaakt",
        opgesteld_door=get_user_model().objects.get(username="manager"),
        bekendgemaakt_op=date(2026, 12, 1),
        in_werking_op=date(2026, 12, 2),
    )
    toestemming = Toestemming.objects.create(
        soort="omgevingsvergunning",
        kenmerk=besluit.kenmerk,
        vth_object=vth_object,
        bevoegd_gezag=verzoek.bevoegd_gezag,
        uitvoerder=verzoek.uitvoerder,
        gemeente=verzoek.locatie.gemeente,
        vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
        verleend_bij=besluit,
        geldig_vanaf=date(2026, 12, 2),
    )
    Voorschrift.objects.create(
        besluit=besluit, toestemming=toestemming, nummer="1", tekst="Jaarlijks keuren.", geldig_vanaf=date(2026, 12, 2)
    )
    brief = Brief.objects.create(
        verzoek=verzoek,
        besluit=besluit,
        soort="besluit",
        kenmerk=f"{verzoek.verzoeknummer}/01",
        datum=date(2026, 12, 1),
        onderwerp=f"Besluit op uw aanvraag {besluit.kenmerk}",
        html=f"<p>Besluit {besluit.kenmerk} voor Anna Aanvraagster-Proefpersoon.</p>",
        pdf=b"",
        gemaakt_door=besluit.opgesteld_door,
    )
    return besluit, brief, toestemming


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def ingelogd(naam: str) -> Client:
    client = Client()
    assert client.post("/inloggen", {"username": naam, "password": DEMO_WACHTWOORD}).status_code == 302
    gebruiker = get_user_model().objects.get(username=naam)
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))}).status_code == 302
    return client


def _teksten(response) -> list[str]:
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    soort = response.get("Content-Type", "")
    if "zip" in soort:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            return [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    return [inhoud.decode("utf-8", "replace")]


def _soorten(uuids: set[str]) -> list[str]:
    """`kind:uuid` for each record, so that a failure says what leaked."""
    uit = []
    for soort in recordsoorten().values():
        gevonden = soort.model.objects.filter(uuid__in=uuids).values_list("uuid", flat=True)
        uit += [f"{soort.sleutel}:{u}" for u in gevonden]
    return sorted(set(uit))


def _argumenten(spec, g: Gegevens) -> list[dict]:
    waarde = spec(g) if callable(spec) else spec
    return waarde if isinstance(waarde, list) else [waarde]


def _laatste() -> int:
    return Inzage.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _lek(client: Client, adres: str, geheimen: dict[str, str]) -> tuple[int, set[str], set[str], bool]:
    """(status, uuids of non-public records in the answer, uuids logged by this request, is a PDF)."""
    laatste = _laatste()
    response = client.get(adres)
    query = adres.partition("?")[2]  # a page that repeats its query parameter reveals nothing
    gezien = {
        u for tekst in _teksten(response) for marker, u in geheimen.items() if marker in tekst and marker not in query
    }
    gelogd = set(Inzage.objects.filter(id__gt=laatste).values_list("object_id", flat=True))
    return response.status_code, gezien, gelogd, response.get("Content-Type", "").startswith("application/pdf")


def test_elke_route_is_ingedeeld():
    """A new route fails here until it is walked, declared public-only with a reason, or shown to be write-only."""
    bekend = set(LEZEND) | set(OPENBAAR) | SCHRIJVEND | set(NIET_GELOGD)
    assert not set(LEZEND) & set(OPENBAAR)
    assert sorted(set(routes()) - bekend) == []
    assert sorted(bekend - set(routes())) == []  # no stale entries either
    assert all(reden for reden, _ in OPENBAAR.values())


def test_schrijvende_routes_hebben_geen_get():
    staf = ingelogd_zonder_demo()
    for route in sorted(SCHRIJVEND):
        argumenten = {n: uuid.uuid4() for n in re.findall(r"<(?:\w+:)?(\w+)>", route)}
        if "pk" in argumenten:
            argumenten["pk"] = 1
        if "soort" in argumenten:
            argumenten["soort"] = "mandaat"
        assert staf.get(url(route, argumenten)).status_code == 405, route


def ingelogd_zonder_demo(org: str = "odzob") -> Client:
    from openvth.organisaties.models import Rol
    from openvth.organisaties.services import gebruiker_maken

    gebruiker = gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="wandelaar",
        wachtwoord="een-lang-test-wachtwoord-1",
        lidmaatschappen={org: [Rol.MANAGER]},
    )
    client = Client()
    client.post("/inloggen", {"username": "wandelaar", "password": "een-lang-test-wachtwoord-1"})
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))}).status_code == 302
    return client


def test_elke_lezing_van_niet_openbare_gegevens_is_gelogd(gegevens):
    """Walk every reading route as each staff role: what leaves without its access-log row fails the test."""
    geheimen = gegevens.geheimen()
    clients = {naam: ingelogd(naam) for naam in STAF}
    fouten, niet_bereikt = [], []
    for route, spec in LEZEND.items():
        for argumenten in _argumenten(spec, gegevens):
            adres = url(route, argumenten)
            bereikt, statussen = False, set()
            for naam, client in clients.items():
                status, gezien, gelogd, pdf = _lek(client, adres, geheimen)
                statussen.add(status)
                if status >= 400:
                    continue
                bereikt = bereikt or status == 200
                if pdf and not gelogd and route not in PDF_ZONDER_RECORD:
                    fouten.append(f"{naam} GET {adres}: PDF zonder inzageregel")
                if gezien - gelogd:
                    fouten.append(f"{naam} GET {adres}: niet gelogd {_soorten(gezien - gelogd)}")
            if not bereikt:
                niet_bereikt.append(f"{adres} {sorted(statussen)}")
    for route in NIET_GELOGD:
        assert clients["privacy"].get(url(route, {})).status_code == 200, route
    for route, (_, spec) in OPENBAAR.items():
        if spec is None:
            continue
        for argumenten in _argumenten(spec, gegevens):
            adres = url(route, argumenten)
            for naam, client in clients.items():
                status, gezien, _, _ = _lek(client, adres, geheimen)
                if status < 400 and gezien:  # a 404 repeats the id asked for
                    fouten.append(f"{naam} GET {adres} (openbaar verklaard): toont {sorted(gezien)}")
    assert not fouten, "\n".join(fouten)
    assert not niet_bereikt, "\n".join(niet_bereikt)


def test_geweigerde_inzage_gelogd_voor_de_privacy_officer(gegevens):
    """A record that exists but may not be seen: the 404 (API and web) leaves a 'geweigerd' row that the record's
    own privacy officer finds; a 404 for a record that does not exist, and a record one may see, leave none."""
    from openvth.audit import selectors as audit_selectors
    from openvth.audit.services import GEWEIGERD

    buitenstaander = ingelogd_zonder_demo(org="odu")  # another omgevingsdienst: no agreement with odzob
    zaak = gegevens.overtreding
    voor = _laatste()
    assert buitenstaander.get(f"/api/v1/overtredingen/{zaak.uuid}").status_code == 404
    assert buitenstaander.get(f"/handhaving/overtredingen/{zaak.uuid}").status_code == 404
    assert buitenstaander.get(f"/api/v1/overtredingen/{uuid.uuid4()}").status_code == 404
    rijen = list(Inzage.objects.filter(id__gt=voor))
    assert [(r.object_id, r.actor_naam, r.doel.split(":")[0]) for r in rijen] == [
        (str(zaak.uuid), "wandelaar", GEWEIGERD)
    ] * 2
    assert {r.doel for r in rijen} == {
        f"{GEWEIGERD}: GET /handhaving/overtredingen/<uuid:uuid>",
        f"{GEWEIGERD}: GET /api/v1/overtredingen/<uuid>",
    }
    officier = _actor("privacy", gegevens.dienst)
    gezien = audit_selectors.inzage_list(actor=officier, geweigerd=True)
    assert {r.object_id for r in gezien} == {str(zaak.uuid)}
    assert not audit_selectors.inzage_list(actor=officier, geweigerd=False).filter(doel__startswith=GEWEIGERD)
    pagina = ingelogd("privacy").get("/inzagelog", {"geweigerd": "on"})
    assert pagina.status_code == 200 and [r.object_id for r in pagina.context["pagina"]] == [str(zaak.uuid)] * 2

    # An execution with two versions is one record: its refusal is one row.
    from openvth.register import services as register_services

    u = gegevens.uitvoering
    register_services.uitvoering_wijzigen(
        actor=_actor("toezichthouder", gegevens.dienst),
        uuid=u.uuid,
        verwachte_etag=register_services.etag(u),
        wijzigingen={"omschrijving": "tweede versie"},
    )
    assert Activiteituitvoering.objects.filter(uuid=u.uuid).count() >= 2
    voor = _laatste()
    assert buitenstaander.get(f"/api/v1/activiteituitvoeringen/{u.uuid}").status_code == 404
    assert list(Inzage.objects.filter(id__gt=voor).values_list("object_id", "doel")) == [
        (str(u.uuid), f"{GEWEIGERD}: GET /api/v1/activiteituitvoeringen/<id>")
    ]

    # A 403: the privacy officer sees an internal controle but may not close it; the refusal names the controle.
    intern = Controle.objects.filter(vertrouwelijkheid=Vertrouwelijkheid.INTERN).first()
    voor = _laatste()
    assert ingelogd("privacy").post(f"/api/v1/controles/{intern.uuid}/afronden").status_code == 403
    assert list(
        Inzage.objects.filter(id__gt=voor, doel__startswith=GEWEIGERD).values_list("object_id", "actor_naam", "doel")
    ) == [(str(intern.uuid), "privacy", f"{GEWEIGERD}: POST /api/v1/controles/<id>/afronden")]

    # The case's own handhaver opens it: a read, not a refusal.
    voor = _laatste()
    assert ingelogd("handhaver").get(f"/api/v1/overtredingen/{zaak.uuid}").status_code == 200
    assert not Inzage.objects.filter(id__gt=voor, doel__startswith=GEWEIGERD).exists()
    assert Inzage.objects.filter(id__gt=voor, object_id=str(zaak.uuid)).exists()


def test_publieke_lezing_schrijft_niets_en_een_pagina_is_een_insert(gegevens, django_assert_max_num_queries):
    """Anonymous reads of public data write no row; a staff page of the register writes its rows in one statement."""
    voor = Inzage.objects.count()
    assert Client().get("/api/v1/activiteituitvoeringen", {"pageSize": 100}).status_code == 200
    assert Client().get("/ogc/v1/collections/activiteituitvoeringen/items", {"limit": 100}).status_code == 200
    assert Inzage.objects.count() == voor
    staf = ingelogd("manager")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as vragen:
        assert staf.get("/api/v1/activiteituitvoeringen", {"pageSize": 50, "gemeente": ""}).status_code in (200, 400)
        r = staf.get(f"/api/v1/activiteituitvoeringen/{gegevens.uitvoering.uuid}")
    assert r.status_code == 200 and PERSOON in r.content.decode()
    inserts = [q["sql"] for q in vragen.captured_queries if q["sql"].startswith('INSERT INTO "audit_inzage"')]
    assert 1 <= len(inserts) <= 2  # the list page, then the detail: one statement each at most
    persoon = Inzage.objects.filter(object_id=str(gegevens.persoon.uuid)).order_by("-id").first()
    assert persoon is not None and persoon.actor_naam == "manager" and persoon.vertrouwelijkheid == "vertrouwelijk"


def test_token_leest_natuurlijk_persoon_en_elke_lezing_is_gelogd(gegevens):
    """The issue's reproduction: a staff token reads a natural person as `uitvoerder` from the list, the detail,
    `/versies` and GeoJSON of /api/v1/activiteituitvoeringen; each answer leaves the person's access-log row."""
    from openvth.organisaties.services import token_maken

    gebruiker = get_user_model().objects.get(username="manager")
    _, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=gegevens.dienst, naam="koppeling", scopes=["lezen"]
    )
    client = Client(headers={"Authorization": f"Bearer {sleutel}"})
    u = gegevens.uitvoering.uuid
    verzoeken = [
        ("/api/v1/activiteituitvoeringen", {"q": gegevens.object.naam[:40], "pageSize": 100}, {}),
        ("/api/v1/activiteituitvoeringen", {"q": gegevens.object.naam[:40]}, {"Accept": "application/geo+json"}),
        (f"/api/v1/activiteituitvoeringen/{u}", {}, {}),
        (f"/api/v1/activiteituitvoeringen/{u}/versies", {}, {}),
    ]
    for pad, params, headers in verzoeken:
        voor = _laatste()
        r = client.get(pad, params, headers=headers)
        assert r.status_code == 200 and PERSOON in r.content.decode(), pad
        rij = Inzage.objects.get(id__gt=voor, object_id=str(gegevens.persoon.uuid))
        assert (rij.actor_naam, rij.organisatie_id, rij.vertrouwelijkheid) == (
            "manager",
            gegevens.dienst.pk,
            "vertrouwelijk",
        )


def test_inzage_van_een_bevinding_draagt_de_organisaties_van_de_controle(gegevens):
    """A finding's row names its controle's bevoegd gezag and uitvoerder (policy paths `controle__…`), so the
    privacy officer of the controle's organisation finds who read the findings."""
    controle = gegevens.controle
    voor = _laatste()
    assert ingelogd("manager").get(f"/api/v1/controles/{controle.uuid}/bevindingen").status_code == 200
    rijen = Inzage.objects.filter(id__gt=voor, object_soort="toezicht.bevinding")
    assert rijen.exists()
    assert set(rijen.values_list("bevoegd_gezag_id", "uitvoerder_id")) == {
        (controle.bevoegd_gezag_id, controle.uitvoerder_id)
    }
