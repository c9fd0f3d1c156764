"""`openvth vergunningen_bijwerken`: the daily run makes decisions irrevocable after an unused objection period and
resumes suspended applications after an unused supplement term, as a named officer, on a peildatum; a second run
changes nothing; a refusal names the request number."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.models import Deelafspraak, Organisatie, Rol, Vertrouwelijkheid
from openvth.vergunningen import besluiten
from openvth.vergunningen.models import Besluitstatus, Procedurestap, Verzoek
from openvth.vergunningen.stappen import stap_zetten

from ..handhaving import zaak
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden
from .test_procedure_stappen import VOORSCHRIFTEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def mensen():
    return Mensen()


def _in_behandeling(mensen, nummer: str, ontvangen: int) -> Verzoek:
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(ontvangen), nummer=nummer)
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(ontvangen - 1),
        gegevens={"procedure": "regulier"},
    )
    return verzoek


def _bekendgemaakt(mensen, nummer: str, *, ontvangen: int, bekendgemaakt: int) -> Verzoek:
    verzoek = _in_behandeling(mensen, nummer, ontvangen)
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Akkoord.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(bekendgemaakt))
    return verzoek


def _opgeschort(mensen, nummer: str, *, gevraagd: int, voor: int) -> Verzoek:
    verzoek = _in_behandeling(mensen, nummer, gevraagd + 5)
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="aanvulling_vragen",
        datum=dagen_geleden(gevraagd),
        gegevens={"aanvullen_voor": dagen_geleden(voor), "omschrijving": "Een akoestisch rapport."},
    )
    return verzoek


def _bijwerken(*argumenten: str, gebruiker: str = "anna") -> tuple[str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    call_command("vergunningen_bijwerken", "--gebruiker", gebruiker, *argumenten, stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def _status(nummer: str) -> str:
    return Verzoek.objects.get(verzoeknummer=nummer, verzoekvolgnummer="001").status


def test_dagelijkse_run_en_opnieuw(mensen):
    # made known 60 days ago: the objection period (six weeks from the day after) ended about 18 days ago
    _bekendgemaakt(mensen, "2026090100001", ontvangen=90, bekendgemaakt=60)
    _bekendgemaakt(mensen, "2026090100002", ontvangen=40, bekendgemaakt=10)  # still open for objection
    bezwaar = _bekendgemaakt(mensen, "2026090100003", ontvangen=90, bekendgemaakt=60)
    stap_zetten(
        actor=mensen.a,
        verzoek=bezwaar,
        handeling="bezwaar_ontvangen",
        datum=dagen_geleden(50),
        gegevens={"ontvangen_op": dagen_geleden(50)},
    )
    _opgeschort(mensen, "2026090100004", gevraagd=50, voor=40)  # term lapsed 39 days ago
    _opgeschort(mensen, "2026090100005", gevraagd=5, voor=-10)  # term still running

    # On a peildatum 30 days ago only the supplement term had lapsed.
    uit, fout = _bijwerken("--peildatum", dagen_geleden(30).isoformat())
    assert not fout
    regels = uit.splitlines()
    assert regels[0].startswith("2026090100004: aanvultermijn ongebruikt verstreken, verder als in behandeling")
    assert regels[-1].endswith("Onherroepelijk: 0; aanvultermijn verstreken: 1; overgeslagen: 0; geweigerd: 0.")
    assert _status("2026090100004") == "in_behandeling"
    opgeschort = Verzoek.objects.get(verzoeknummer="2026090100004")
    aanvulling = opgeschort.aanvullingsverzoeken.get()
    assert aanvulling.ongebruikt and aanvulling.aangevuld_op is None
    stap = opgeschort.stappen.get(handeling="aanvultermijn_verstreken")
    assert stap.datum == dagen_geleden(30) and stap.gezet_door == mensen.anna

    uit, fout = _bijwerken()
    assert not fout
    assert uit.splitlines()[0].startswith("2026090100001: besluit 2026090100001-B01 onherroepelijk met ingang van")
    assert "verstreken zonder bezwaar" in uit and "2026090100003" not in uit and "2026090100002" not in uit
    assert "Onherroepelijk: 1; aanvultermijn verstreken: 0; overgeslagen: 0; geweigerd: 0." in uit
    besluit = Verzoek.objects.get(verzoeknummer="2026090100001").besluiten.get()
    assert besluit.status == Besluitstatus.ONHERROEPELIJK
    assert besluit.onherroepelijk_op == besluit.bezwaartermijn_tot + timedelta(days=1)
    assert [_status(f"202609010000{i}") for i in range(1, 6)] == [
        "onherroepelijk",
        "besloten",
        "besloten",
        "in_behandeling",
        "opgeschort",
    ]

    stappen, audit = Procedurestap.objects.count(), Auditgebeurtenis.objects.count()
    uit, fout = _bijwerken()
    assert uit.splitlines() == [uit.splitlines()[-1]] and not fout
    assert "Onherroepelijk: 0; aanvultermijn verstreken: 0; overgeslagen: 0; geweigerd: 0." in uit
    assert (Procedurestap.objects.count(), Auditgebeurtenis.objects.count()) == (stappen, audit)


def test_weigering_noemt_het_verzoeknummer_en_de_run_gaat_door(mensen):
    # Suspended 50 days ago with a term that ended 45 days ago, and advice asked 20 days ago: a peildatum 30 days
    # ago lies before that last step, which the table refuses ("stappen volgen elkaar in de tijd").
    laat = _opgeschort(mensen, "2026090100001", gevraagd=50, voor=45)
    stap_zetten(
        actor=mensen.a,
        verzoek=laat,
        handeling="advies_vragen",
        datum=dagen_geleden(20),
        gegevens={
            "adviseur": "de-dommel",
            "soort": "advies",
            "grondslag": "Ow art. 16.15",
            "reageren_voor": dagen_geleden(-10),
        },
    )
    _opgeschort(mensen, "2026090100002", gevraagd=50, voor=40)
    stappen = Procedurestap.objects.filter(verzoek=laat).count()
    uit, fout = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 verzoek"):
        call_command(
            "vergunningen_bijwerken", gebruiker="anna", peildatum=dagen_geleden(30).isoformat(), stdout=uit, stderr=fout
        )
    assert fout.getvalue().startswith("2026090100001: aanvultermijn_verstreken geweigerd:")
    assert "stappen volgen elkaar in de tijd" in fout.getvalue()
    assert "2026090100002: aanvultermijn ongebruikt verstreken" in uit.getvalue()
    assert "aanvultermijn verstreken: 1; overgeslagen: 0; geweigerd: 1." in uit.getvalue()
    assert Procedurestap.objects.filter(verzoek=laat).count() == stappen and _status("2026090100001") == "opgeschort"


def test_alleen_lezen_wordt_overgeslagen_en_een_vreemde_ziet_niets(mensen):
    _opgeschort(mensen, "2026090100001", gevraagd=50, voor=40)
    zaak.gebruiker("vreemd", {"odmh": [Rol.VERGUNNINGVERLENER]})
    uit, _ = _bijwerken(gebruiker="vreemd")
    assert uit.splitlines() == [uit.splitlines()[-1]] and "aanvultermijn verstreken: 0" in uit
    Deelafspraak.objects.create(
        ontvanger=Organisatie.objects.get(code="odmh"),
        verstrekker=Organisatie.objects.get(code="odzob"),
        recordsoort="vergunningen.verzoek",
        plafond=Vertrouwelijkheid.VERTROUWELIJK,
        grondslag="Omgevingswet art. 18.1",
    )
    uit, _ = _bijwerken(gebruiker="vreemd")
    assert "2026090100001: overgeslagen, u mag dit verzoek alleen lezen" in uit
    assert "aanvultermijn verstreken: 0; overgeslagen: 1; geweigerd: 0." in uit
    assert _status("2026090100001") == "opgeschort"


@pytest.mark.parametrize(
    "argumenten, melding",
    [
        (("--gebruiker", "niemand"), "Onbekende gebruiker 'niemand'"),
        (("--gebruiker", "anna", "--peildatum", "31-12-2026"), "gebruik JJJJ-MM-DD"),
        (("--gebruiker", "anna", "--peildatum", "2999-01-01"), "ligt in de toekomst"),
        (("--gebruiker", "anna", "--organisatie", "GM0363"), "anna is geen lid van"),
    ],
)
def test_onjuiste_opdracht(mensen, argumenten, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("vergunningen_bijwerken", *argumenten, stdout=io.StringIO(), stderr=io.StringIO())
