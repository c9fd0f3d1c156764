"""The permit officer's pages at the request level: every page renders for the officer, a request goes from the intake
form through suspension to a published decision by posting the pages' own forms, domain refusals land readably on
the field that caused them with nothing stored, another organisation gets 404, and every write needs its CSRF token."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.selectors import SESSIE_ORGANISATIE
from openvth.register.models import Betrokkene, Locatie
from openvth.vergunningen import procedure
from openvth.vergunningen.models import Besluit, Besluitstatus, Brief, Procedurestap, Verzoek, Voorschrift
from openvth.vergunningen.stappen import zaak_van

from ..handhaving import zaak
from .opbouw import CREMATORIUM, STOOKINSTALLATIE
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden

pytestmark = pytest.mark.django_db
ZONDER_MELDING = "bal-3.2.3"  # vergunningplicht, no meldingsplicht in the shipped catalogue


def klant(persoon, code: str = "odzob", *, csrf: bool = False) -> Client:
    """A browser session past the second factor, acting for `code`; with `csrf` the client checks CSRF tokens."""
    apparaat = TOTPDevice.objects.create(user=persoon, name="test", confirmed=True)
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(persoon)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie[SESSIE_ORGANISATIE] = Organisatie.objects.get(code=code).pk
    sessie.save()
    return client


@pytest.fixture
def mensen():
    return Mensen()


@pytest.fixture
def anna(mensen):
    return klant(mensen.anna)


def _html(antwoord) -> str:
    return antwoord.content.decode()


def _fouten(antwoord) -> str:
    """The text of the error summary and the field errors, tags removed."""
    html = _html(antwoord)
    delen = re.findall(r'<p class="utrecht-form-field-error-message">(.*?)</p>', html)
    delen += re.findall(r'<div class="utrecht-alert utrecht-alert--error[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", " ".join(delen))


INTAKE = {
    "verzoeknummer": "F202612010001",
    "soort": "toestemmingsaanvraag",
    "subsoort": "omgevingsvergunning",
    "omschrijving": "Nieuwe stookinstallatie van 2 MW",
    "activiteit_0": STOOKINSTALLATIE,
    "postcode": "5611 EB",
    "huisnummer": "1",
    "straat": "Markt",
    "woonplaats": "Eindhoven",
    "rd_x": "161500",
    "rd_y": "383200",
    "gemeente": "GM0772",
    "aanvrager_soort": "vestiging",
    "aanvrager_naam": "Warmte B.V.",
    "kvk_nummer": "12345678",
    "vestigingsnummer": "000012345678",
    "vertrouwelijkheid": "intern",
}


def _intake(**wijzigingen) -> dict:
    return {**INTAKE, "ontvangen_op": dagen_geleden(2).isoformat(), **wijzigingen}


# --- pages render -------------------------------------------------------------------------------------------------


def test_elke_pagina_toont_zich_voor_de_vergunningverlener(mensen, anna):
    v = aanvraag(mensen.a, ontvangen_op=dagen_geleden(10))
    r = anna.get("/vergunningen/")
    assert r.status_code == 200 and v.verzoeknummer in _html(r)
    assert "procedure nog niet gekozen" in _html(r)  # no date yet: said in words
    for query in ({"status": "alle"}, {"soort": "toestemmingsaanvraag", "q": v.verzoeknummer[-5:]}, {"wie": "team"}):
        assert v.verzoeknummer in _html(anna.get("/vergunningen/", query)), query
    assert v.verzoeknummer not in _html(anna.get("/vergunningen/", {"soort": "activiteitmelding"}))
    r = anna.get(f"/vergunningen/{v.uuid}")
    html = _html(r)
    assert r.status_code == 200 and v.bevoegd_gezag.naam in html and v.uitvoerder.naam in html
    assert "Waarom dit bevoegd gezag en deze uitvoerder" in html
    assert all(regel in html for regel in v.afleiding.splitlines())  # the derivation, with its reasons
    # Every step the table allows now is a button to its form, and every form renders.
    mogelijk = procedure.mogelijke_handelingen(zaak_van(v))
    assert set(mogelijk) == {"in_behandeling_nemen", "aanvulling_vragen", "buiten_behandeling_stellen", "intrekken"}
    for handeling in mogelijk:
        assert f'href="/vergunningen/{v.uuid}/stap/{handeling}"' in html
        assert anna.get(f"/vergunningen/{v.uuid}/stap/{handeling}").status_code == 200, handeling
    r = anna.get(f"/vergunningen/{v.uuid}/stap/in_behandeling_nemen")
    assert '<select name="procedure"' in _html(r) and 'type="date"' in _html(r)
    assert anna.get("/vergunningen/nieuw").status_code == 200
    assert anna.get(f"/vergunningen/{v.uuid}/besluit").status_code == 200
    # A step the table does not allow now: back to the case with the reason, nothing set.
    r = anna.get(f"/vergunningen/{v.uuid}/stap/besluit_bekendmaken", follow=True)
    assert "niet mogelijk" in _html(r) and not Procedurestap.objects.exists()


def test_menu_en_rollen(mensen, anna):
    hoofd = _html(anna.get("/vergunningen/")).split('aria-label="Hoofdnavigatie"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/vergunningen/"' in hoofd and 'href="/handhaving/termijnen"' in hoofd
    inspecteur = zaak.gebruiker("tessa", {"odzob": [Rol.TOEZICHTHOUDER]})
    assert klant(inspecteur).get("/vergunningen/").status_code == 403
    assert Client().get("/vergunningen/").status_code == 302  # log in first


# --- intake -------------------------------------------------------------------------------------------------------


def test_intakeformulier_neemt_een_verzoek_in(mensen, anna):
    r = anna.get("/vergunningen/nieuw")
    voorstel = re.search(r'name="verzoeknummer" value="(F\d{12})"', _html(r)).group(1)
    assert voorstel == f"F{timezone.localdate():%Y%m%d}0001"
    assert "bal-3.2.1" in _html(r) and "<optgroup" in _html(r)
    r = anna.post("/vergunningen/nieuw", _intake())
    v = Verzoek.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/vergunningen/{v.uuid}"
    assert (v.bron, v.bevoegd_gezag.code, v.uitvoerder.code, v.soort) == (
        "formulier",
        "GM0772",
        "odzob",
        "toestemmingsaanvraag",
    )
    assert [va.activiteit.code for va in v.activiteiten.all()] == [STOOKINSTALLATIE]
    html = _html(anna.get(r["Location"]))
    assert "Verzoek F202612010001 is ontvangen en geregistreerd." in html
    assert "vergunningplicht" in html  # the derivation reasons, shown with the case


@pytest.mark.parametrize(
    "wijziging, veld, reden",
    [
        ({"activiteit_0": CREMATORIUM}, "activiteit_0", "geen vergunningplicht volgens de catalogus"),
        (
            {"activiteit_0": CREMATORIUM, "activiteit_2": ZONDER_MELDING, "soort": "activiteitmelding", "subsoort": ""},
            "activiteit_2",
            "geen meldingsplicht volgens de catalogus",
        ),
        ({"postcode": "9999ZZ", "rd_x": "", "rd_y": ""}, "rd_x", "verplicht voor een onbekend adres"),
        ({"postcode": "9999ZZ", "rd_x": "-500000", "rd_y": "100"}, "rd_x", "in geen enkele gemeente"),
        ({"vestigingsnummer": "000000000000"}, "vestigingsnummer", "alleen nullen"),
        ({"subsoort": ""}, "subsoort", "Kies wat wordt aangevraagd."),
        ({"ontvangen_op": (timezone.localdate() + timedelta(days=1)).isoformat()}, "ontvangen_op", "toekomst"),
    ],
)
def test_intakefout_staat_bij_het_veld_en_niets_is_opgeslagen(anna, wijziging, veld, reden):
    locaties, betrokkenen = Locatie.objects.count(), Betrokkene.objects.count()
    r = anna.post("/vergunningen/nieuw", _intake(**wijziging))
    assert r.status_code == 400
    html = _html(r)
    veldblok = html.split(f'id="id_{veld}"', 1)[1].split("</div>\n</div>", 1)[0]
    assert 'class="utrecht-form-field-error-message"' in veldblok and reden in veldblok, veldblok
    assert 'id="foutoverzicht"' in html and f'href="#id_{veld}"' in html  # the summary links to the field
    assert not Verzoek.objects.exists()
    assert (Locatie.objects.count(), Betrokkene.objects.count()) == (locaties, betrokkenen)


def test_intake_met_een_nummer_dat_al_bestaat(mensen, anna):
    v = aanvraag(mensen.a, ontvangen_op=dagen_geleden(3))
    r = anna.post("/vergunningen/nieuw", _intake(verzoeknummer=v.verzoeknummer))
    assert r.status_code == 400 and "al ingediend" in _fouten(r)
    assert Verzoek.objects.count() == 1


# --- the procedure through the pages --------------------------------------------------------------------------------


def _stap(client, v, handeling, **velden):
    return client.post(f"/vergunningen/{v.uuid}/stap/{handeling}", velden)


def test_van_intake_tot_bekendgemaakt_besluit(mensen, anna):
    vandaag = timezone.localdate()
    anna.post("/vergunningen/nieuw", _intake(ontvangen_op=vandaag.isoformat()))
    v = Verzoek.objects.get()
    r = _stap(
        anna, v, "in_behandeling_nemen", datum=vandaag.isoformat(), procedure="regulier", instemming_vereist="nee"
    )
    assert r.status_code == 302, _fouten(r)
    v.refresh_from_db()
    assert v.status == "in_behandeling" and v.beslistermijn_tot is not None

    # A refused step: its reason at the field, nothing stored.
    r = _stap(
        anna, v, "aanvulling_vragen", datum=vandaag.isoformat(), aanvullen_voor=vandaag.isoformat(), omschrijving="x"
    )
    assert r.status_code == 400 and "na de dag van het verzoek" in _fouten(r)
    assert v.aanvullingsverzoeken.count() == 0 and Procedurestap.objects.count() == 1
    r = _stap(
        anna,
        v,
        "aanvulling_vragen",
        datum=vandaag.isoformat(),
        aanvullen_voor=(vandaag + timedelta(days=14)).isoformat(),
        omschrijving="Een emissieberekening.",
    )
    assert r.status_code == 302
    html = _html(anna.get(f"/vergunningen/{v.uuid}"))
    assert "opgeschort" in html and "Een emissieberekening." in html
    assert (
        _stap(anna, v, "aanvulling_ontvangen", datum=vandaag.isoformat(), aangevuld_op=vandaag.isoformat()).status_code
        == 302
    )

    # The draft: a condition without text is refused at its row; with two good ones it is stored.
    basis = {"soort": "verlenen", "motivering": "Voldoet aan de beoordelingsregels.", "actie": "opstellen"}
    beheer = {"v-TOTAL_FORMS": "5", "v-INITIAL_FORMS": "0", "v-MIN_NUM_FORMS": "0", "v-MAX_NUM_FORMS": "500"}
    r = anna.post(f"/vergunningen/{v.uuid}/besluit", {**basis, **beheer, "v-0-nummer": "1", "v-0-tekst": ""})
    assert r.status_code == 400 and "verplicht" in _fouten(r) and not Besluit.objects.exists()
    r = anna.post(
        f"/vergunningen/{v.uuid}/besluit",
        {
            **basis,
            **beheer,
            "v-0-nummer": "1",
            "v-0-tekst": "De stookinstallatie wordt jaarlijks gekeurd.",
            "v-0-activiteit": STOOKINSTALLATIE,
            "v-2-nummer": "2",
            "v-2-tekst": "De emissie van NOx is ten hoogste 100 mg/Nm3.",
        },
    )
    b = Besluit.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"#besluit-{b.uuid}")
    assert list(b.voorschriften.values_list("nummer", flat=True)) == ["1", "2"]
    # 'More rows' keeps what was typed and adds empty rows.
    r = anna.post(f"/vergunningen/{v.uuid}/besluit", {**basis, **beheer, "actie": "meer", "v-3-nummer": "7"})
    assert r.status_code == 200 and 'name="v-TOTAL_FORMS" value="6"' in _html(r) and 'value="7"' in _html(r)

    # Four eyes: the drafter sees why not and is refused; a second officer approves.
    assert "U stelde dit concept zelf op" in _html(anna.get(f"/vergunningen/{v.uuid}"))
    r = anna.post(f"/vergunningen/besluiten/{b.uuid}/goedkeuren", follow=True)
    assert "zelf op; een tweede vergunningverlener moet het goedkeuren" in _html(r)
    b.refresh_from_db()
    assert b.status == Besluitstatus.CONCEPT
    bram = klant(mensen.bram)
    assert bram.post(f"/vergunningen/besluiten/{b.uuid}/goedkeuren").status_code == 302
    b.refresh_from_db()
    assert b.status == Besluitstatus.GOEDGEKEURD and b.goedgekeurd_door == mensen.bram

    # Without mandate the step is refused with who holds it; the mandate holder publishes.
    r = _stap(bram, v, "besluit_bekendmaken", datum=vandaag.isoformat())
    assert r.status_code == 400 and "geen mandaat" in _fouten(r) and "teamleider vergunningen" in _fouten(r)
    chef = klant(mensen.chef)
    assert _stap(chef, v, "besluit_bekendmaken", datum=vandaag.isoformat()).status_code == 302
    b.refresh_from_db()
    html = _html(chef.get(f"/vergunningen/{v.uuid}"))
    assert "Bezwaar tot en met" in html and b.bezwaartermijn_tot.isoformat() not in html  # a date in words
    assert "Besloten binnen de beslistermijn." in html and "teamleider vergunningen" in html
    assert Voorschrift.objects.filter(toestemming__isnull=False).count() == 2
    for brief in Brief.objects.all():
        r = chef.get(f"/vergunningen/brieven/{brief.uuid}")
        assert r.status_code == 200 and "sandbox" in r["Content-Security-Policy"]
        pdf = chef.get(f"/vergunningen/brieven/{brief.uuid}.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert f'href="/vergunningen/brieven/{brief.uuid}.pdf"' in html
    assert set(Brief.objects.values_list("soort", flat=True)) >= {"ontvangstbevestiging", "besluit", "kennisgeving"}


# --- access and CSRF -------------------------------------------------------------------------------------------------


def test_een_andere_organisatie_krijgt_404(mensen):
    v = aanvraag(mensen.a, ontvangen_op=dagen_geleden(5))
    brief = Brief.objects.create(
        verzoek=v,
        soort="ontvangstbevestiging",
        kenmerk="x/01",
        datum=v.ontvangen_op,
        onderwerp="o",
        html="<p>h</p>",
        pdf=b"%PDF-1.4",
        gemaakt_door=mensen.anna,
    )
    besluit = Besluit.objects.create(
        verzoek=v, soort="verlenen", kenmerk="x-B01", motivering="m", opgesteld_door=mensen.anna
    )
    buiten = klant(zaak.gebruiker("olaf", {"odu": [Rol.VERGUNNINGVERLENER]}), "odu")
    for pad in (
        f"/vergunningen/{v.uuid}",
        f"/vergunningen/{v.uuid}/stap/in_behandeling_nemen",
        f"/vergunningen/{v.uuid}/besluit",
        f"/vergunningen/brieven/{brief.uuid}",
        f"/vergunningen/brieven/{brief.uuid}.pdf",
    ):
        assert buiten.get(pad).status_code == 404, pad
    assert buiten.post(f"/vergunningen/besluiten/{besluit.uuid}/goedkeuren").status_code == 404
    assert (
        buiten.post(f"/vergunningen/{v.uuid}/stap/intrekken", {"datum": dagen_geleden(1).isoformat()}).status_code
        == 404
    )
    assert v.verzoeknummer not in _html(buiten.get("/vergunningen/", {"wie": "team", "status": "alle"}))
    v.refresh_from_db()
    assert v.status == "ontvangen" and not Procedurestap.objects.exists()


def test_elke_post_vraagt_een_csrf_token(mensen):
    v = aanvraag(mensen.a, ontvangen_op=dagen_geleden(5))
    client = klant(mensen.anna, csrf=True)
    assert client.get(f"/vergunningen/{v.uuid}").status_code == 200
    besluit = Besluit.objects.create(
        verzoek=v, soort="verlenen", kenmerk="x-B01", motivering="m", opgesteld_door=mensen.bram
    )
    for pad, data in (
        ("/vergunningen/nieuw", _intake()),
        (f"/vergunningen/{v.uuid}/stap/intrekken", {"datum": dagen_geleden(1).isoformat()}),
        (f"/vergunningen/{v.uuid}/besluit", {"soort": "verlenen", "motivering": "m"}),
        (f"/vergunningen/besluiten/{besluit.uuid}/goedkeuren", {}),
    ):
        assert client.post(pad, data).status_code == 403, pad
    v.refresh_from_db()
    besluit.refresh_from_db()
    assert v.status == "ontvangen" and Verzoek.objects.count() == 1 and besluit.status == "concept"
