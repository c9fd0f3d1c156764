"""The procedure over HTTP: a permit application from intake to a published decision through the API (steps, the
steps the table allows, four eyes, signing under the mandate register, letters as HTML and PDF, the permission with
the conditions in force on a date, decision periods and timeliness); the issue's bad input as problem details that
name the field and store nothing; and another organisation, which sees nothing (404) or may only read (403)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from openvth.organisaties.models import Deelafspraak, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.vergunningen import besluiten
from openvth.vergunningen.models import Besluit, Brief, Procedurestap, Toestemming, Verzoek, Voorschrift
from openvth.vergunningen.stappen import stap_zetten

from ..handhaving import zaak
from .opbouw import STOOKINSTALLATIE
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden
from .test_procedure_stappen import VOORSCHRIFTEN

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
API = "/api/v1"


@pytest.fixture
def mensen():
    return Mensen()


def _client(gebruiker, code: str = "odzob") -> Client:
    _t, sleutel = token_maken(
        actor=systeem_actor(),
        gebruiker=gebruiker,
        organisatie=Organisatie.objects.get(code=code),
        naam="test",
        scopes=["lezen", "schrijven"],
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def _stap(client: Client, verzoek: Verzoek, handeling: str, datum=None, **gegevens):
    inhoud: dict = {"handeling": handeling, "gegevens": gegevens}
    if datum is not None:
        inhoud["datum"] = datum.isoformat()
    return client.post(f"{API}/verzoeken/{verzoek.uuid}/stappen", inhoud, content_type="application/json")


def _besluit(client: Client, verzoek: Verzoek, voorschriften=VOORSCHRIFTEN, **velden):
    inhoud = {
        "soort": "verlenen",
        "motivering": "Voldoet aan de beoordelingsregels.",
        "voorschriften": [{"nummer": v.nummer, "tekst": v.tekst, "activiteit": v.activiteit} for v in voorschriften],
    } | velden
    return client.post(f"{API}/verzoeken/{verzoek.uuid}/besluiten", inhoud, content_type="application/json")


def _velden(r) -> dict[str, str]:
    assert r["Content-Type"] == PROBLEEM, r.content
    return {p["name"]: p["reason"] for p in r.json().get("invalidParams", [])}


def _stand() -> tuple[int, ...]:
    """Everything a refused write could have left behind."""
    return (
        Procedurestap.objects.count(),
        Besluit.objects.count(),
        Voorschrift.objects.count(),
        Brief.objects.count(),
        Toestemming.objects.count(),
        *Verzoek.objects.order_by("pk").values_list("verlenging_weken", flat=True),
        *Besluit.objects.order_by("pk").values_list("goedgekeurd_door", flat=True),
    )


def test_aanvraag_van_ontvangst_tot_bekendmaking_over_http(mensen):
    anna, bram, chef = _client(mensen.anna), _client(mensen.bram), _client(mensen.chef)
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(120))

    handelingen = anna.get(f"{API}/verzoeken/{verzoek.uuid}/handelingen")
    assert handelingen.status_code == 200, handelingen.content
    per_naam = {h["handeling"]: h for h in handelingen.json()}
    assert set(per_naam) == {"in_behandeling_nemen", "aanvulling_vragen", "buiten_behandeling_stellen", "intrekken"}
    params = {p["naam"]: p for p in per_naam["in_behandeling_nemen"]["params"]}
    assert params["procedure"]["keuzes"] == ["regulier", "uitgebreid"] and params["procedure"]["verplicht"]
    assert "instemmingVereist" in params and per_naam["in_behandeling_nemen"]["naar"] == "in_behandeling"
    assert per_naam["buiten_behandeling_stellen"]["ondertekenen"] is True

    r = _stap(anna, verzoek, "in_behandeling_nemen", dagen_geleden(119), procedure="regulier")
    assert r.status_code == 201, r.content
    assert r["Location"] == f"{API}/verzoeken/{verzoek.uuid}/stappen"
    assert (r.json()["van"], r.json()["naar"], r.json()["gezetDoor"]) == ("ontvangen", "in_behandeling", "anna")
    assert any("Ow art. 16.62" in regel for regel in r.json()["motivering"])

    detail = anna.get(f"{API}/verzoeken/{verzoek.uuid}").json()
    assert detail["procedure"] == "regulier" and detail["behandelaar"] == "anna" and detail["tijdig"] is None
    assert detail["beslistermijnTot"] and any("Ow art. 16.64 lid 1" in r for r in detail["termijnMotivering"])

    r = _stap(
        anna,
        verzoek,
        "aanvulling_vragen",
        dagen_geleden(110),
        aanvullenVoor=dagen_geleden(96).isoformat(),
        omschrijving="Een emissieberekening.",
    )
    assert r.status_code == 201 and r.json()["naar"] == "opgeschort", r.content
    assert r.json()["gegevens"] == {
        "aanvullenVoor": dagen_geleden(96).isoformat(),
        "omschrijving": "Een emissieberekening.",
    }
    r = _stap(anna, verzoek, "aanvulling_ontvangen", dagen_geleden(100), aangevuldOp=dagen_geleden(100).isoformat())
    assert r.status_code == 201 and r.json()["naar"] == "in_behandeling", r.content
    na_aanvulling = anna.get(f"{API}/verzoeken/{verzoek.uuid}").json()
    assert na_aanvulling["beslistermijnTot"] > detail["beslistermijnTot"]  # Awb 4:15: the suspension adds days

    r = _besluit(anna, verzoek)
    assert r.status_code == 201, r.content
    besluit = r.json()
    assert r["Location"] == f"{API}/besluiten/{besluit['id']}"
    assert (
        besluit["status"] == "concept"
        and besluit["opgesteldDoor"] == "anna"
        and besluit["verzoek"] == str(verzoek.uuid)
    )
    assert [(v["nummer"], v["activiteit"]) for v in besluit["voorschriften"]] == [("1", STOOKINSTALLATIE), ("2", None)]

    goedkeuring = f"{API}/besluiten/{besluit['id']}/goedkeuring"
    r = anna.post(goedkeuring)
    assert r.status_code == 403 and "zelf op" in r.json()["detail"]  # four eyes
    r = bram.post(goedkeuring)
    assert r.status_code == 200 and r.json()["status"] == "goedgekeurd" and r.json()["goedgekeurdDoor"] == "bram"

    stand = _stand()
    r = _stap(bram, verzoek, "besluit_bekendmaken", dagen_geleden(90))
    assert r.status_code == 403 and r["Content-Type"] == PROBLEEM
    assert "geen mandaat" in r.json()["detail"] and "chef (teamleider vergunningen)" in r.json()["detail"]
    assert _stand() == stand

    r = _stap(chef, verzoek, "besluit_bekendmaken", dagen_geleden(90))
    assert r.status_code == 201 and r.json()["naar"] == "besloten", r.content
    assert any("binnen de beslistermijn" in regel for regel in r.json()["motivering"])

    genomen = anna.get(f"{API}/besluiten/{besluit['id']}").json()
    assert genomen["status"] == "bekendgemaakt" and genomen["ondertekendDoor"] == "chef"
    assert genomen["namens"] == "teamleider vergunningen"
    assert genomen["inWerkingOp"] == dagen_geleden(89).isoformat()  # Ow art. 16.79 lid 1
    assert genomen["bezwaartermijnTot"] >= (dagen_geleden(90) + timedelta(weeks=6)).isoformat()
    assert {v["geldigVanaf"] for v in genomen["voorschriften"]} == {genomen["inWerkingOp"]}

    tijdlijn = anna.get(f"{API}/verzoeken/{verzoek.uuid}/stappen").json()
    assert [s["handeling"] for s in tijdlijn] == [
        "in_behandeling_nemen",
        "aanvulling_vragen",
        "aanvulling_ontvangen",
        "besluit_bekendmaken",
    ]
    assert [s["gezetDoor"] for s in tijdlijn] == ["anna", "anna", "anna", "chef"]
    assert tijdlijn[1]["naam"] == "Aanvulling vragen (opschorten)"
    assert anna.get(f"{API}/verzoeken/{verzoek.uuid}/handelingen").json()[0]["handeling"] == "bezwaar_ontvangen"

    brieven = anna.get(f"{API}/verzoeken/{verzoek.uuid}/brieven").json()
    assert [b["soort"] for b in brieven] == ["ontvangstbevestiging", "aanvulling", "besluit", "kennisgeving"]
    assert all("html" not in b for b in brieven)
    besluitbrief = next(b for b in brieven if b["soort"] == "besluit")
    assert besluitbrief["besluit"] == besluit["id"] and besluitbrief["namens"] == "teamleider vergunningen"
    brief = anna.get(f"{API}/brieven/{besluitbrief['id']}").json()
    assert "jaarlijks gekeurd" in brief["html"] and "burgemeester en wethouders van Eindhoven" in brief["html"]
    pdf = anna.get(besluitbrief["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf.content == bytes(Brief.objects.get(soort="besluit").pdf)
    kenmerk = besluitbrief["kenmerk"].replace("/", "-")
    assert pdf["Content-Disposition"] == f'attachment; filename="{kenmerk}.pdf"'

    verzoek.refresh_from_db()
    detail = anna.get(f"{API}/verzoeken/{verzoek.uuid}").json()
    assert detail["status"] == "besloten" and detail["tijdig"] is True
    assert detail["vthObject"] == str(verzoek.vth_object.uuid)
    toestemmingen = anna.get(f"{API}/toestemmingen", {"vthObject": detail["vthObject"]}).json()
    assert toestemmingen["count"] == 1
    toestemming = toestemmingen["results"][0]
    assert toestemming["kenmerk"] == genomen["kenmerk"] and toestemming["activiteiten"] == [STOOKINSTALLATIE]
    nu = anna.get(f"{API}/toestemmingen/{toestemming['id']}").json()
    assert nu["peildatum"] == timezone.localdate().isoformat()
    assert [v["nummer"] for v in nu["voorschriften"]] == ["1", "2"]
    ervoor = dagen_geleden(90).isoformat()  # made known, not yet in force
    assert anna.get(f"{API}/toestemmingen/{toestemming['id']}", {"peildatum": ervoor}).json()["voorschriften"] == []
    assert anna.get(f"{API}/toestemmingen", {"peildatum": ervoor}).json()["count"] == 0

    jaar = dagen_geleden(90).year
    tijdigheid = anna.get(f"{API}/tijdigheid", {"jaar": jaar}).json()
    assert [(t["bevoegdGezag"]["code"], t["besloten"], t["tijdig"], t["aandeel"]) for t in tijdigheid] == [
        ("GM0772", 1, 1, 1.0)
    ]
    assert anna.get(f"{API}/tijdigheid", {"jaar": jaar - 1}).json() == []


def _nummers(client: Client, **params) -> list[str]:
    r = client.get(f"{API}/beslistermijnen", params)
    assert r.status_code == 200, r.content
    return [t["verzoeknummer"] for t in r.json()]


def test_beslistermijnen_per_behandelaar_en_organisatie(mensen):
    anna, bram = _client(mensen.anna), _client(mensen.bram)
    laat = aanvraag(mensen.a, ontvangen_op=dagen_geleden(80), nummer="2026090100001")
    op_tijd = aanvraag(mensen.b, ontvangen_op=dagen_geleden(20), nummer="2026090100002")
    stap_zetten(
        actor=mensen.a,
        verzoek=laat,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(79),
        gegevens={"procedure": "regulier"},
    )
    stap_zetten(
        actor=mensen.b,
        verzoek=op_tijd,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(19),
        gegevens={"procedure": "regulier"},
    )
    ver = (timezone.localdate() + timedelta(weeks=10)).isoformat()

    alle = anna.get(f"{API}/beslistermijnen", {"tot": ver, "organisatie": "GM0772"}).json()
    assert [(t["verzoeknummer"], t["verlopen"]) for t in alle] == [("2026090100001", True), ("2026090100002", False)]
    assert all(t["motivering"] and t["bevoegdGezag"] == "Eindhoven" for t in alle)
    assert _nummers(anna, tot=ver, behandelaar="mij") == ["2026090100001"]
    assert _nummers(bram, tot=ver, behandelaar="mij") == ["2026090100002"]
    # the default horizon is four weeks: the one due in about five weeks is not yet listed
    assert _nummers(anna) == ["2026090100001"]
    assert anna.get(f"{API}/beslistermijnen", {"tot": ver, "organisatie": "GM0363"}).json() == []

    r = anna.get(f"{API}/beslistermijnen", {"organisatie": "GM9999"})
    assert r.status_code == 400 and set(_velden(r)) == {"organisatie"}
    r = anna.get(f"{API}/beslistermijnen", {"behandelaar": "bram"})
    assert r.status_code == 400 and set(_velden(r)) == {"behandelaar"}


# --- the bad input: refused with the reason, nothing stored -------------------------------------------


def test_verlengen_na_de_eerste_termijn_is_400_op_datum(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(80))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(79),
        gegevens={"procedure": "regulier"},
    )
    stand = _stand()
    r = _stap(_client(mensen.chef), verzoek, "verlengen", weken=6, reden="Drukte")
    assert r.status_code == 400
    assert set(_velden(r)) == {"datum"} and "Ow art. 16.64 lid 2" in _velden(r)["datum"]
    assert _stand() == stand and not Brief.objects.filter(soort="verlenging").exists()


def test_besluit_zonder_mandaat_is_403_en_noemt_wie_het_wel_heeft(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="in_behandeling_nemen", gegevens={"procedure": "regulier"})
    concept = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Akkoord.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=concept)
    stand = _stand()
    r = _stap(_client(mensen.anna), verzoek, "besluit_bekendmaken")
    assert r.status_code == 403 and r["Content-Type"] == PROBLEEM
    assert (
        "U heeft geen mandaat om namens het college van burgemeester en wethouders van Eindhoven" in r.json()["detail"]
    )
    assert "mandaat hebben: chef (teamleider vergunningen)" in r.json()["detail"]
    assert _stand() == stand and Verzoek.objects.get().status == "in_behandeling"


def test_besluit_zonder_voorschriften_op_een_vergunning_is_400_ow_5_34(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="in_behandeling_nemen", gegevens={"procedure": "regulier"})
    r = _besluit(_client(mensen.anna), verzoek, voorschriften=[], motivering="Akkoord.")
    assert r.status_code == 201 and r.json()["voorschriften"] == []  # a draft; the decision is taken when made known
    assert _client(mensen.bram).post(f"{API}/besluiten/{r.json()['id']}/goedkeuring").status_code == 200
    stand = _stand()
    r = _stap(_client(mensen.chef), verzoek, "besluit_bekendmaken")
    assert r.status_code == 400 and set(_velden(r)) == {"besluit"}
    assert "Ow art. 5.34" in _velden(r)["besluit"]
    assert _stand() == stand and Verzoek.objects.get().status == "in_behandeling"
    assert not Toestemming.objects.exists() and not Brief.objects.filter(soort="besluit").exists()


@pytest.mark.parametrize(
    "inhoud, veld",
    [
        ({"handeling": "goedkeuren_maar", "gegevens": {}}, "handeling"),
        ({"handeling": "in_behandeling_nemen", "gegevens": {}}, "procedure"),
        ({"handeling": "in_behandeling_nemen", "gegevens": {"procedure": "versneld"}}, "procedure"),
        ({"handeling": "in_behandeling_nemen", "gegevens": {"procedure": "regulier", "spoed": "ja"}}, "spoed"),
        ({"handeling": "in_behandeling_nemen", "datum": "2999-01-01", "gegevens": {"procedure": "regulier"}}, "datum"),
        ({"handeling": "in_behandeling_nemen", "gegevens": {"procedure": ["regulier"]}}, "gegevens.procedure"),
        ({"handeling": "verlengen", "gegevens": {"weken": 6, "reden": "x"}}, "handeling"),  # not from 'ontvangen'
        ({"handeling": "in_behandeling_nemen", "onbekend": 1}, "onbekend"),
    ],
)
def test_ongeldige_stap_is_400_met_het_veld_en_slaat_niets_op(mensen, inhoud, veld):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    stand = _stand()
    r = _client(mensen.anna).post(f"{API}/verzoeken/{verzoek.uuid}/stappen", inhoud, content_type="application/json")
    assert r.status_code == 400, r.content
    assert any(naam.startswith(veld) for naam in _velden(r)), _velden(r)
    assert _stand() == stand and Verzoek.objects.get().status == "ontvangen"


def test_ongeldig_besluit_is_400_met_het_veld(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    anna = _client(mensen.anna)
    r = _besluit(anna, verzoek)
    assert r.status_code == 400 and set(_velden(r)) == {"verzoek"}  # not yet in behandeling
    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="in_behandeling_nemen", gegevens={"procedure": "regulier"})
    stand = _stand()
    dubbel = [VOORSCHRIFTEN[0], VOORSCHRIFTEN[0]]
    r = _besluit(anna, verzoek, voorschriften=dubbel)
    assert r.status_code == 400 and "voorschriften.1.nummer" in _velden(r)
    r = _besluit(anna, verzoek, soort="weigeren")
    assert r.status_code == 400 and set(_velden(r)) == {"voorschriften"}
    r = _besluit(anna, verzoek, soort="wijzigen")
    assert r.status_code == 400 and set(_velden(r)) == {"betreftToestemming"}
    r = _besluit(anna, verzoek, ontwerp=True)
    assert r.status_code == 400 and set(_velden(r)) == {"ontwerp"}  # a draft belongs to the extended procedure
    assert _besluit(anna, verzoek, soort="gedogen").status_code == 400
    assert _besluit(anna, verzoek, motivering="").status_code == 400
    assert _stand() == stand


# --- another organisation ------------------------------------------------------------------------------------


def _besloten(mensen) -> Verzoek:
    """A request decided and made known through the services: steps, a decision, letters and a permission."""
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(30))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(29),
        gegevens={"procedure": "regulier"},
    )
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Akkoord.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(10))
    verzoek.refresh_from_db()
    return verzoek


def _paden(verzoek: Verzoek) -> tuple[list[str], dict[str, object]]:
    besluit = verzoek.besluiten.get()
    brief = verzoek.brieven.get(soort="besluit")
    toestemming = Toestemming.objects.get()
    lezen = [
        f"{API}/verzoeken/{verzoek.uuid}",
        f"{API}/verzoeken/{verzoek.uuid}/stappen",
        f"{API}/verzoeken/{verzoek.uuid}/handelingen",
        f"{API}/verzoeken/{verzoek.uuid}/brieven",
        f"{API}/besluiten/{besluit.uuid}",
        f"{API}/brieven/{brief.uuid}",
        f"{API}/brieven/{brief.uuid}/pdf",
        f"{API}/toestemmingen/{toestemming.uuid}",
    ]
    schrijven = {
        f"{API}/verzoeken/{verzoek.uuid}/stappen": {
            "handeling": "bezwaar_ontvangen",
            "gegevens": {"ontvangenOp": dagen_geleden(1).isoformat()},
        },
        f"{API}/verzoeken/{verzoek.uuid}/besluiten": {"soort": "weigeren", "motivering": "Toch niet."},
        f"{API}/besluiten/{besluit.uuid}/goedkeuring": {},
    }
    return lezen, schrijven


def test_andere_omgevingsdienst_ziet_niets_en_schrijft_niets(mensen):
    verzoek = _besloten(mensen)
    lezen, schrijven = _paden(verzoek)
    vreemde = _client(zaak.gebruiker("vreemd", {"odmh": [Rol.VERGUNNINGVERLENER]}), "odmh")
    stand = _stand()
    for pad in lezen:
        r = vreemde.get(pad)
        assert r.status_code == 404 and r["Content-Type"] == PROBLEEM, pad
    assert vreemde.get(f"{API}/toestemmingen").json()["count"] == 0
    assert vreemde.get(f"{API}/beslistermijnen").json() == []
    assert vreemde.get(f"{API}/tijdigheid", {"jaar": dagen_geleden(10).year}).json() == []
    for pad, inhoud in schrijven.items():
        r = vreemde.post(pad, inhoud, content_type="application/json")
        assert r.status_code == 404 and r["Content-Type"] == PROBLEEM, pad
    assert _stand() == stand and Verzoek.objects.get().status == "besloten"


def test_deelafspraak_geeft_lezen_maar_niet_schrijven(mensen):
    verzoek = _besloten(mensen)
    lezen, schrijven = _paden(verzoek)
    for soort in ("vergunningen.verzoek", "vergunningen.besluit", "vergunningen.brief", "vergunningen.toestemming"):
        Deelafspraak.objects.create(
            ontvanger=Organisatie.objects.get(code="odmh"),
            verstrekker=Organisatie.objects.get(code="odzob"),
            recordsoort=soort,
            plafond=Vertrouwelijkheid.VERTROUWELIJK,
            grondslag="Omgevingswet art. 18.1",
        )
    partner = _client(zaak.gebruiker("partner", {"odmh": [Rol.VERGUNNINGVERLENER]}), "odmh")
    stand = _stand()
    for pad in lezen:
        assert partner.get(pad).status_code == 200, pad
    for pad, inhoud in schrijven.items():
        r = partner.post(pad, inhoud, content_type="application/json")
        assert r.status_code == 403 and r["Content-Type"] == PROBLEEM, (pad, r.content)
    assert _stand() == stand and Verzoek.objects.get().status == "besloten"


def test_toestemmingen_van_een_onbekend_object_is_404(mensen):
    r = _client(mensen.anna).get(f"{API}/toestemmingen", {"vthObject": "6f1c3c64-1d5e-4c55-9d49-2d2f3c1b0a11"})
    assert r.status_code == 404 and r["Content-Type"] == PROBLEEM
