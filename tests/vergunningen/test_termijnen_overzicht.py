"""Decision periods on the enforcement deadline page and in the agenda feed, and timeliness per competent authority
(issue 15 item 6): `vergunningen.termijnen` registered into `handhaving.termijnbronnen` at start-up (ADR 0029).

The requests are built through the services with past dates, as `test_procedure_stappen.py` does: a period that
ends in about two weeks, one that has passed, one suspended for a supplement, and for timeliness one decided on
time, one decided late and one left open past its period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from openvth.audit.models import Inzage
from openvth.handhaving import ical, termijnbronnen
from openvth.handhaving import services as handhaving_services
from openvth.organisaties.models import Organisatie, Rol
from openvth.toezicht.models import Controle  # noqa: F401  (the app registry is complete in tests)
from openvth.vergunningen import besluiten, termijnen
from openvth.vergunningen.besluiten import Voorschriftopgave
from openvth.vergunningen.models import Verzoek
from openvth.vergunningen.stappen import stap_zetten

from ..handhaving import zaak
from .opbouw import STOOKINSTALLATIE
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden

pytestmark = pytest.mark.django_db

VOORSCHRIFTEN = [Voorschriftopgave("1", "De stookinstallatie wordt jaarlijks gekeurd.", STOOKINSTALLATIE)]


@pytest.fixture
def mensen():
    return Mensen()


def _in_behandeling(mensen, nummer: str, ontvangen: int, door=None) -> Verzoek:
    """A regular application received `ontvangen` days ago and taken on the next day: its period is 8 weeks."""
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(ontvangen), nummer=nummer)
    stap_zetten(
        actor=door or mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(ontvangen - 1),
        gegevens={"procedure": "regulier"},
    )
    verzoek.refresh_from_db()
    return verzoek


def _besluiten(mensen, verzoek: Verzoek, dagen: int) -> None:
    """Draft (anna), four eyes (bram), decided and made known under mandate (chef) `dagen` days ago."""
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Voldoet.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(dagen))


@pytest.fixture
def periodes(mensen):
    """Anna's three open requests: running (ends in about two weeks), overdue, and suspended for a supplement."""
    lopend = _in_behandeling(mensen, "2026090100001", 40)
    verlopen = _in_behandeling(mensen, "2026090100002", 70)
    opgeschort = _in_behandeling(mensen, "2026090100003", 45)
    stap_zetten(
        actor=mensen.a,
        verzoek=opgeschort,
        handeling="aanvulling_vragen",
        datum=dagen_geleden(5),
        gegevens={"aanvullen_voor": (timezone.localdate() + timedelta(days=2)).isoformat(), "omschrijving": "Tekening"},
    )
    for v in (lopend, verlopen, opgeschort):
        v.refresh_from_db()
    vandaag = timezone.localdate()
    assert vandaag < lopend.beslistermijn_tot <= vandaag + timedelta(days=30)
    assert verlopen.beslistermijn_tot < vandaag and opgeschort.status == "opgeschort"
    return lopend, verlopen, opgeschort


def _rij(html: str, tekst: str) -> str:
    """The table row that holds `tekst`."""
    voor, _, na = html.partition(tekst)
    return voor[voor.rindex("<tr") :] + tekst + na[: na.index("</tr>")]


def _groep(html: str, groep: str) -> str:
    return html.split(f'data-groep="{groep}"')[1].split("</section>")[0]


# --- the deadline page -----------------------------------------------------------------------------------------


def test_vergunningverlener_ziet_eigen_beslistermijnen_met_toestand_in_woorden(mensen, periodes):
    lopend, verlopen, opgeschort = periodes
    antwoord = zaak.browser(mensen.anna).get("/handhaving/termijnen")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert lopend.verzoeknummer in _groep(html, "maand") or lopend.verzoeknummer in _groep(html, "week")
    rij = _rij(html, lopend.verzoeknummer)
    assert f'href="/vergunningen/{lopend.uuid}"' in rij and Organisatie.objects.get(code="GM0772").naam in rij
    assert "<strong>Warmte B.V.</strong>" in rij and "beslistermijn" in rij
    assert "Waarom deze datum" in rij and "Ow art. 16.64 lid 1" in rij  # the motivation, collapsible
    assert "verlopen</strong>" not in rij and "opgeschort" not in rij

    rij = _rij(_groep(html, "verlopen"), verlopen.verzoeknummer)
    assert 'class="ovth-verlopen"' in rij and "<strong>verlopen</strong>" in rij
    rij = _rij(html, opgeschort.verzoeknummer)
    assert "<strong>opgeschort (aanvulling gevraagd)</strong>" in rij
    # Each request shown is an access-logged read.
    for v in periodes:
        assert Inzage.objects.filter(doel="termijnenoverzicht", object_id=str(v.uuid), actor_naam="anna").exists()


def test_mijn_is_wat_ik_behandel_team_is_mijn_organisatie_een_andere_organisatie_niets(mensen, periodes):
    lopend = periodes[0]
    bram = zaak.browser(mensen.bram)
    assert lopend.verzoeknummer not in bram.get("/handhaving/termijnen").content.decode()
    assert lopend.verzoeknummer in bram.get("/handhaving/termijnen", {"wie": "team"}).content.decode()
    vreemde = zaak.browser(zaak.gebruiker("vreemd", {"odmh": [Rol.VERGUNNINGVERLENER]}))
    for wie in ("mijn", "team"):
        antwoord = vreemde.get("/handhaving/termijnen", {"wie": wie})
        assert antwoord.status_code == 200 and "2026090100" not in antwoord.content.decode()
    # A role without deadlines still may not open the page.
    adviseur = zaak.browser(zaak.gebruiker("adviseur", {"odzob": [Rol.ADVISEUR]}))
    assert adviseur.get("/handhaving/termijnen").status_code == 403


def test_handhavingstermijnen_blijven_en_soort_en_bevoegd_gezag_filteren(mensen, periodes):
    """A manager who handles both sees enforcement deadlines beside decision periods; the filters keep one kind or
    one competent authority."""
    lopend = periodes[0]
    handhaver = zaak.actor_van(zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]}), "odzob")
    vandaag = timezone.localdate()
    overtreding = handhaving_services.overtreding_maken(
        actor=handhaver,
        vth_object=zaak.vth_object(),
        herkomst="eigen_waarneming",
        omschrijving="Afval",
        voorschrift="art. binnenkort",
        geconstateerd_op=vandaag,
    )
    handhaving_services.maatregel_maken(
        actor=handhaver, overtreding=overtreding, instrument="WAARSCHUWEN", datum=vandaag, hersteltermijn="P3D"
    )
    chef = zaak.browser(mensen.chef)
    html = chef.get("/handhaving/termijnen", {"wie": "team"}).content.decode()
    assert "art. binnenkort" in _groep(html, "week") and lopend.verzoeknummer in html
    assert 'data-bron="handhaving"' in html and 'data-bron="beslistermijnen"' in html

    alleen_vergunningen = chef.get("/handhaving/termijnen", {"wie": "team", "soort": "beslistermijnen"})
    assert "art. binnenkort" not in alleen_vergunningen.content.decode()
    assert lopend.verzoeknummer in alleen_vergunningen.content.decode()
    alleen_handhaving = chef.get("/handhaving/termijnen", {"wie": "team", "soort": "handhaving"}).content.decode()
    assert "art. binnenkort" in alleen_handhaving and lopend.verzoeknummer not in alleen_handhaving
    assert "Tijdigheid van besluiten" not in alleen_handhaving

    eindhoven = Organisatie.objects.get(code="GM0772").naam
    gekozen = chef.get("/handhaving/termijnen", {"wie": "team", "bevoegd_gezag": eindhoven}).content.decode()
    assert f'<option value="{eindhoven}" selected>' in gekozen
    assert lopend.verzoeknummer in gekozen and "art. binnenkort" in gekozen  # both Eindhoven's
    ander = chef.get("/handhaving/termijnen", {"wie": "team", "bevoegd_gezag": "Provincie Utrecht"}).content.decode()
    assert lopend.verzoeknummer not in ander and "art. binnenkort" not in ander
    fout = chef.get("/handhaving/termijnen", {"soort": "iets", "jaar": "1990"})
    assert fout.status_code == 200 and set(fout.context["form"].errors) == {"soort", "jaar"}


# --- the agenda feed ---------------------------------------------------------------------------------------------


def _feed(sleutel: str) -> list:
    antwoord = Client().get(f"/handhaving/agenda/{sleutel}.ics")
    assert antwoord.status_code == 200
    return Calendar.from_ical(antwoord.content).walk("VEVENT")


def test_feed_toont_beslistermijnen_als_hele_dagen_met_stabiele_uid(mensen, periodes):
    lopend, verlopen, opgeschort = periodes
    assert zaak.browser(mensen.anna).get("/handhaving/agenda").status_code == 200
    _token, sleutel = ical.agendatoken_maken(actor=mensen.a, naam="Outlook")
    gebeurtenissen = {str(g["summary"]): g for g in _feed(sleutel)}
    assert len(gebeurtenissen) == 3
    te_laat = next(g for s, g in gebeurtenissen.items() if verlopen.verzoeknummer in s)
    assert str(te_laat["summary"]).startswith("VERLOPEN: Beslistermijn 2026090100002")
    assert te_laat.decoded("dtstart") == verlopen.beslistermijn_tot
    assert te_laat.decoded("dtend") == verlopen.beslistermijn_tot + timedelta(days=1)
    assert str(te_laat["url"]) == f"http://testserver/vergunningen/{verlopen.uuid}"
    assert "Ow art. 16.64 lid 1" in str(te_laat["description"])
    stil = next(g for s, g in gebeurtenissen.items() if opgeschort.verzoeknummer in s)
    assert str(stil["summary"]).startswith("OPGESCHORT (aanvulling gevraagd): Beslistermijn")
    # Overdue first, then by date.
    assert [g.decoded("dtstart") for g in _feed(sleutel)][0] == verlopen.beslistermijn_tot

    # The UID is the request's: an extension moves the event instead of adding one.
    uid = next(str(g["uid"]) for s, g in gebeurtenissen.items() if lopend.verzoeknummer in s)
    stap_zetten(actor=mensen.c, verzoek=lopend, handeling="verlengen", gegevens={"weken": 1, "reden": "Advies"})
    lopend.refresh_from_db()
    na = {str(g["uid"]): g for g in _feed(sleutel)}
    assert na[uid].decoded("dtstart") == lopend.beslistermijn_tot and len(na) == 3
    assert Inzage.objects.filter(
        doel="agenda-abonnement handhavingstermijnen", object_id=str(lopend.uuid), actor_naam="anna"
    ).exists()


def test_feed_van_een_collega_toont_mijn_beslistermijnen_niet(mensen, periodes):
    _token, sleutel = ical.agendatoken_maken(actor=mensen.b, naam="Agenda")
    assert _feed(sleutel) == []


# --- timeliness ----------------------------------------------------------------------------------------------------


def test_tijdigheid_telt_tijdig_te_laat_en_open_verlopen(mensen):
    op_tijd = _in_behandeling(mensen, "2026090100011", 30)
    te_laat = _in_behandeling(mensen, "2026090100012", 100)
    _in_behandeling(mensen, "2026090100013", 70)  # open, its period has passed
    _besluiten(mensen, op_tijd, 1)
    _besluiten(mensen, te_laat, 1)
    op_tijd.refresh_from_db()
    te_laat.refresh_from_db()
    assert op_tijd.tijdig is True and te_laat.tijdig is False
    jaar = dagen_geleden(1).year
    eindhoven = Organisatie.objects.get(code="GM0772").naam
    rijen = termijnbronnen.tijdigheid(actor=mensen.c, jaar=jaar)
    assert [(r.bevoegd_gezag, r.jaar, r.besloten, r.tijdig, r.open_verlopen) for r in rijen] == [
        (eindhoven, jaar, 2, 1, 1)
    ]
    assert rijen[0].aandeel == 0.5 and rijen[0].procent == 50
    assert termijnen.tijdigheid(actor=mensen.c, jaar=jaar - 1) == [
        termijnbronnen.Tijdigheidsrij(eindhoven, jaar - 1, 0, 0, 1)  # no decisions that year: no share invented
    ]
    assert termijnbronnen.Tijdigheidsrij(eindhoven, jaar - 1, 0, 0, 1).procent is None

    html = zaak.browser(mensen.chef).get("/handhaving/termijnen", {"jaar": jaar}).content.decode()
    rij = _rij(html.split('id="tijdigheid-van-besluiten"')[1], f"{eindhoven}</th>")
    assert [c.split(">")[-1] for c in rij.split("</td>")[:-1]] == ["2", "1", "50%", "1"]
    assert f"Tijdigheid van besluiten in {jaar}" in html
    # Another organisation's officer counts nothing of ours.
    vreemd = zaak.actor_van(zaak.gebruiker("vreemd", {"odmh": [Rol.VERGUNNINGVERLENER]}), "odmh")
    assert termijnbronnen.tijdigheid(actor=vreemd, jaar=jaar) == []


def test_de_pagina_toont_ten_hoogste_het_maximum_en_zegt_het(mensen, monkeypatch):
    from openvth.handhaving import views as handhaving_views

    eerste = _in_behandeling(mensen, "2026080100001", 100)
    _in_behandeling(mensen, "2026080100002", 90)
    overzicht = termijnbronnen.termijnen(
        actor=mensen.a, tot=timezone.localdate(), doel="test", behandelaar=mensen.anna.pk, maximum=1
    )
    assert [i.kenmerk for i in overzicht.items] == [eerste.verzoeknummer] and overzicht.weggelaten == 1
    # Only what is shown is logged.
    assert not Inzage.objects.filter(
        doel="test", object_id=str(Verzoek.objects.get(verzoeknummer="2026080100002").uuid)
    )
    monkeypatch.setattr(handhaving_views, "MAX_BRONTERMIJNEN", 1)
    html = zaak.browser(mensen.anna).get("/handhaving/termijnen").content.decode()
    assert "2026080100001" in html and "2026080100002" not in html
    assert "1 latere zijn weggelaten" in html
