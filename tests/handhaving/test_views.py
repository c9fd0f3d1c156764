"""The enforcement pages at the request level: from a VTH-object to a collected dwangsom, refusals, access.

The "done when" path of issue 4 through the web: register a violation, classify it in the wizard, warn-less
route voornemen → besluit LOD → hercontrole → verbeurten → uitgewerkt, then invorderingsbeschikking → aanmaning
→ dwangbevel → betaald, with the terms the pages show checked against hand-computed dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.handhaving import documenten, services
from openvth.handhaving.models import Document, Handhavingsmaatregel, Maatregelstap, Overtreding, Verbeurte
from openvth.organisaties.models import Rol
from openvth.organisaties.services import systeem_actor

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def client(jurist):
    return zaak.browser(jurist)


@pytest.fixture
def obj():
    return zaak.vth_object()


def _stap(client, m, naar, **velden):
    """Post one workflow step the way the case page's form does (prefix m<pk>-<naar>)."""
    data = {"naar": naar, **{f"m{m.pk}-{naar}-{k}": v for k, v in velden.items()}}
    return client.post(f"/handhaving/maatregelen/{m.uuid}/stap", data)


def _post(client, m, verbeurte, naar, datum, **velden):
    return client.post(
        f"/handhaving/maatregelen/{m.uuid}/invordering",
        {
            "verbeurte": verbeurte.pk,
            f"p{verbeurte.pk}-naar": naar,
            f"p{verbeurte.pk}-datum": datum,
            **{f"p{verbeurte.pk}-{k}": v for k, v in velden.items()},
        },
    )


def test_van_vth_object_tot_geinde_dwangsom(client, jurist, obj):
    documenten.sjablonen_laden(actor=systeem_actor("test"))
    # 1. Find the VTH-object, describe the violation.
    r = client.get("/handhaving/overtredingen/nieuw", {"q": "Korst"})
    assert r.status_code == 200 and f"?vth_object={obj.uuid}" in r.content.decode()
    r = client.post(
        "/handhaving/overtredingen/nieuw",
        {
            "vth_object": obj.uuid,
            "herkomst": "eigen_waarneming",
            "omschrijving": "Afval buiten de opslag.",
            "voorschrift": "Bal art. 3.48 lid 2",
            "geconstateerd_op": "2026-01-12",
        },
    )
    overtreding = Overtreding.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/handhaving/overtredingen/{overtreding.uuid}/positioneren"
    assert (overtreding.bevoegd_gezag.code, overtreding.uitvoerder.code, overtreding.behandelaar) == (
        "GM0772",
        "odzob",
        jurist,
    )

    # 2. The wizard: every class with its definition, the advice on request, then save.
    r = client.get(f"/handhaving/overtredingen/{overtreding.uuid}/positioneren")
    html = r.content.decode()
    assert 'aria-describedby="definitie-gedrag-C"' in html and "Overtreedt bewust na afweging" in html
    assert "Grote of onomkeerbare (dreigende) schade" in html
    r = client.post(
        f"/handhaving/overtredingen/{overtreding.uuid}/positioneren",
        {"gedrag": "B", "gevolg": "3", "handhaving_geindiceerd": "on", "actie": "advies"},
    )
    assert r.status_code == 200 and "Cel B3" in r.content.decode() and not overtreding.posities.exists()
    r = client.post(
        f"/handhaving/overtredingen/{overtreding.uuid}/positioneren",
        {"gedrag": "B", "gevolg": "3", "handhaving_geindiceerd": "on", "actie": "opslaan"},
    )
    assert r.status_code == 302 and overtreding.posities.get().cel == "B3"

    # 3. A last onder dwangsom: its first steps come from the table (voornemen, or besluit without voornemen).
    r = client.get(f"/handhaving/overtredingen/{overtreding.uuid}/maatregel", {"instrument": "LOD"})
    assert 'name="nieuw-voornemen-zienswijzetermijn_0"' in r.content.decode()
    assert 'name="nieuw-besluit_lod-afzien_zienswijze"' in r.content.decode()
    r = client.post(
        f"/handhaving/overtredingen/{overtreding.uuid}/maatregel",
        {
            "instrument": "LOD",
            "naar": "voornemen",
            "nieuw-voornemen-datum": "2026-02-02",
            "nieuw-voornemen-zienswijzetermijn_0": "2",
            "nieuw-voornemen-zienswijzetermijn_1": "W",
        },
    )
    m = Handhavingsmaatregel.objects.get()
    assert r.status_code == 302 and m.fase == "voornemen"
    assert m.zienswijze_tot == date(2026, 2, 16)  # 2 weeks after Monday 2 February: Monday 16 February (Awb 4:8)

    # The decision may not come before the zienswijze term ended: refused, reason shown, nothing stored.
    besluit = {
        "datum": "2026-02-10",
        "strekking": "ongedaan maken van een overtreding",
        "begunstigingstermijn_0": "4",
        "begunstigingstermijn_1": "W",
        "vorm": "per tijdseenheid",
        "eenheid": "week",
        "bedrag": "500.00",
        "maximum": "1500.00",
        "belangenafweging": "geen acuut gevaar: een financiële prikkel volstaat (Awb 5:32 lid 2)",
    }
    r = _stap(client, m, "besluit_lod", **besluit)
    assert r.status_code == 400 and "zienswijzetermijn loopt tot en met 16-02-2026" in r.content.decode()
    # A maximum below the amount (Awb 5:32b lid 2): refused next to the field.
    r = _stap(client, m, "besluit_lod", **{**besluit, "datum": "2026-03-02", "maximum": "400.00"})
    assert r.status_code == 400 and "Awb 5:32b lid 2" in r.content.decode()
    m.refresh_from_db()
    assert m.fase == "voornemen" and m.stappen.count() == 1

    r = _stap(client, m, "besluit_lod", **{**besluit, "datum": "2026-03-02"})
    m.refresh_from_db()
    assert r.status_code == 302 and m.fase == "besluit_lod"
    assert m.begunstigingstermijn_tot == date(2026, 3, 30)  # 4 weeks after Monday 2 March (Awb 5:32a lid 2)

    # A step the table does not have from here is refused with the table's own words.
    r = _stap(client, m, "dwangbevel", datum="2026-03-03")
    assert r.status_code == 302 and m.stappen.count() == 2
    r = client.get(r["Location"])
    assert "staat niet in de tabel" in r.content.decode()

    # 4. Hercontrole after the grace period, three forfeitures of € 500: the maximum is reached.
    assert _stap(client, m, "hercontrole", datum="2026-03-31").status_code == 302
    for week, (vanaf, op) in enumerate(
        (("2026-03-31", "2026-04-06"), ("2026-04-07", "2026-04-13"), ("2026-04-14", "2026-04-20"))
    ):
        r = _stap(client, m, "verbeurd", datum=op, verbeurd_op=op, verbeurd_vanaf=vanaf, aantal="1")
        assert r.status_code == 302, (week, r.content.decode()[:3000])
    m.refresh_from_db()
    assert m.fase == "uitgewerkt" and m.status == "uitgewerkt"
    eerste = Verbeurte.objects.order_by("datum").first()
    assert eerste.bedrag == 500 and eerste.betalen_voor == date(2026, 5, 18)  # Awb 5:33: 6 weeks after 6 April

    # 5. Collection of the first forfeiture: the aanmaning before the invorderingsbeschikking is refused.
    r = _post(client, m, eerste, "aanmaning", "2026-04-10")
    assert r.status_code == 400
    # Not without hearing the offender first (Awb 4:8 lid 1; ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956).
    r = _post(client, m, eerste, "invorderingsbeschikking", "2026-04-10")
    assert r.status_code == 400 and "ECLI:NL:RVS:2018:2956" in r.content.decode()
    assert (
        _post(
            client,
            m,
            eerste,
            "invorderingsbeschikking",
            "2026-04-10",
            zienswijze_gevraagd_op="2026-04-07",
            zienswijze_ontvangen_op="2026-04-09",
        ).status_code
        == 302
    )
    assert _post(client, m, eerste, "aanmaning", "2026-05-20").status_code == 302
    eerste.refresh_from_db()
    assert eerste.aanmaning_betalen_voor == date(2026, 6, 3)  # Awb 4:112: two weeks after 20 May
    assert _post(client, m, eerste, "dwangbevel", "2026-06-05").status_code == 302
    assert _post(client, m, eerste, "betaald", "2026-06-20").status_code == 302
    eerste.refresh_from_db()
    assert eerste.betaald_op == date(2026, 6, 20)

    # 6. The case page tells it all: position, steps with terms and motivation, the ledger, the timeline.
    html = client.get(f"/handhaving/overtredingen/{overtreding.uuid}").content.decode()
    for tekst in (
        "Cel B3",
        "30 maart 2026",
        "Verbeurd € 1.500,00 van maximaal € 1.500,00",
        "betaald € 500,00",
        "Het maximum is bereikt (Awb 5:32b lid 2).",
        "Atw art.",
        "Tijdlijn",
        "Dwangbevel: € 500,00",
    ):
        assert tekst in html, tekst
    assert f"/handhaving/maatregelen/{m.uuid}/stap" not in html  # uitgewerkt: the table has no edge out of it
    assert f"/handhaving/maatregelen/{m.uuid}/invordering" in html  # the open forfeitures are still collected

    # 7. A letter from the case, as PDF and as sandboxed HTML.
    r = client.post(
        f"/handhaving/overtredingen/{overtreding.uuid}/brieven", {"soort": "besluit_lod", "maatregel": str(m.uuid)}
    )
    document = Document.objects.get()
    assert r.status_code == 302 and document.maatregel == m
    pdf = client.get(f"/handhaving/brieven/{document.uuid}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    brief = client.get(f"/handhaving/brieven/{document.uuid}.html")
    beleid = brief["Content-Security-Policy"]
    assert "sandbox" in beleid and "script-src 'none'" in beleid and "default-src 'none'" in beleid
    assert "€ 500,00 per week dat de last niet is uitgevoerd" in brief.content.decode()

    # Every write was audited.
    acties = set(Auditgebeurtenis.objects.values_list("actie", flat=True))
    assert {
        "overtreding.aangemaakt",
        "overtreding.gepositioneerd",
        "handhavingsmaatregel.aangemaakt",
        "handhavingsmaatregel.besluit_lod",
        "verbeurte.geregistreerd",
        "verbeurte.betaald",
        "document.gemaakt",
    } <= acties


def test_onvolledige_overtreding_wordt_niet_opgeslagen(client, obj):
    r = client.post(
        "/handhaving/overtredingen/nieuw",
        {
            "vth_object": obj.uuid,
            "herkomst": "eigen_waarneming",
            "omschrijving": "",
            "voorschrift": "Bal art. 3.48",
            "geconstateerd_op": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    html = r.content.decode()
    assert r.status_code == 400 and "Een overtreding kan niet in de toekomst zijn geconstateerd." in html
    assert not Overtreding.objects.exists()


def test_wizard_weigert_ontbrekende_reden_en_laat_geschiedenis_staan(client, jurist, obj):
    handhaver = zaak.actor_van(jurist, "odzob")
    overtreding = services.overtreding_maken(
        actor=handhaver,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving="Geluid",
        voorschrift="Bal art. 2.17",
        geconstateerd_op=date(2026, 3, 1),
        gedrag="A",
        gevolg="1",
    )
    url = f"/handhaving/overtredingen/{overtreding.uuid}/positioneren"
    r = client.post(url, {"gedrag": "C", "gevolg": "2", "actie": "opslaan"})  # no enforcement, no reason
    assert r.status_code == 400 and "Geef aan waarom handhaving niet is aangewezen." in r.content.decode()
    assert (
        client.post(url, {"gedrag": "5", "gevolg": "2", "actie": "opslaan", "handhaving_geindiceerd": "on"}).status_code
        == 400
    )
    assert list(overtreding.posities.values_list("gedrag", "gevolg")) == [("A", "1")]
    r = client.post(url, {"gedrag": "C", "gevolg": "2", "actie": "opslaan", "handhaving_geindiceerd": "on"})
    assert r.status_code == 302
    assert [p.cel for p in overtreding.posities.order_by("vastgesteld_op", "id")] == ["A1", "C2"]
    r = client.get(f"/handhaving/overtredingen/{overtreding.uuid}")
    assert "Eerdere posities" in r.content.decode()


def test_toegang(jurist, obj):
    handhaver = zaak.actor_van(jurist, "odzob")
    overtreding = services.overtreding_maken(
        actor=handhaver,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving="Geluid",
        voorschrift="Bal art. 2.17",
        geconstateerd_op=date(2026, 3, 1),
        gedrag="B",
        gevolg="2",
    )
    url = f"/handhaving/overtredingen/{overtreding.uuid}"
    # Anonymous: log in first. Another municipality: the case does not exist. A privacy officer: no access.
    assert zaak.Client().get(url)["Location"].startswith("/inloggen")
    amsterdam = zaak.browser(zaak.gebruiker("amsterdam", {"GM0363": [Rol.HANDHAVER]}))
    assert amsterdam.get(url).status_code == 404
    lijst = amsterdam.get("/handhaving/")
    assert lijst.status_code == 200 and "Bal art. 2.17" not in lijst.content.decode()
    assert "Bal art. 2.17" in zaak.browser(jurist).get("/handhaving/").content.decode()
    privacy = zaak.browser(zaak.gebruiker("privacy", {"odzob": [Rol.PRIVACY_OFFICER]}))
    assert privacy.get(url).status_code == 403 and privacy.get("/handhaving/termijnen").status_code == 403
    # An inspector sees the case and may classify, but takes no measures.
    inspecteur = zaak.browser(zaak.gebruiker("inspecteur", {"odzob": [Rol.TOEZICHTHOUDER]}))
    html = inspecteur.get(url).content.decode()
    assert "Opnieuw positioneren" in html and "Maatregel nemen" not in html
    assert inspecteur.get(f"{url}/maatregel").status_code == 403
    # Reading the case is access-logged.
    assert Inzage.objects.filter(object_id=str(overtreding.uuid), actor_naam="inspecteur").exists()


def test_termijnen_verlopen_eerst_dan_7_en_30_dagen(client, jurist, obj):
    handhaver = zaak.actor_van(jurist, "odzob")
    vandaag = timezone.localdate()

    def zaak_met(voorschrift, **stap):
        o = services.overtreding_maken(
            actor=handhaver,
            vth_object=obj,
            herkomst="eigen_waarneming",
            omschrijving=voorschrift,
            voorschrift=voorschrift,
            geconstateerd_op=vandaag - timedelta(days=60),
        )
        return services.maatregel_maken(actor=handhaver, overtreding=o, **stap)

    zaak_met("art. verlopen", instrument="LOD", datum=vandaag - timedelta(days=30), zienswijzetermijn="P2W")
    zaak_met("art. week", instrument="WAARSCHUWEN", datum=vandaag, hersteltermijn="P3D")
    zaak_met("art. maand", instrument="LOD", datum=vandaag, zienswijzetermijn="P3W")
    zaak_met("art. later", instrument="LOD", datum=vandaag, zienswijzetermijn="P8W")
    html = client.get("/handhaving/termijnen").content.decode()
    groepen = {g: html.split(f'data-groep="{g}"')[1].split("</section>")[0] for g in ("verlopen", "week", "maand")}
    assert "art. verlopen" in groepen["verlopen"] and 'class="ovth-verlopen"' in groepen["verlopen"]
    assert "art. week" in groepen["week"] and "art. maand" in groepen["maand"]
    assert "art. later" not in html  # beyond 30 days
    assert html.index('data-groep="verlopen"') < html.index('data-groep="week"') < html.index('data-groep="maand"')
    assert "Waarom deze datum" in groepen["maand"] and "Zienswijzetermijn (Awb 4:8)" in groepen["maand"]
    # The team view holds colleagues' cases too; "mijn" only one's own.
    collega = zaak.gebruiker("collega", {"odzob": [Rol.HANDHAVER]})
    collega_client = zaak.browser(collega)
    assert "art. week" not in collega_client.get("/handhaving/termijnen").content.decode()
    assert "art. week" in collega_client.get("/handhaving/termijnen", {"wie": "team"}).content.decode()


def test_sjabloon_bewerken_met_versie_en_weigering(jurist):
    documenten.sjablonen_laden(actor=systeem_actor("test"))
    beheerder = zaak.browser(zaak.gebruiker("beheer", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]}))
    r = beheerder.get("/handhaving/sjablonen/waarschuwing")
    assert r.status_code == 200 and "maatregel.dwangsom.maximum" in r.content.decode()
    r = beheerder.post("/handhaving/sjablonen/waarschuwing", {"titel": "W", "inhoud": "<p>{% if %}</p>"})
    assert r.status_code == 400
    assert re.search(r"ongeldige sjabloontaal \(regel 1\)", r.content.decode())
    r = beheerder.post("/handhaving/sjablonen/waarschuwing", {"titel": "W", "inhoud": "<p>{{ kenmerk }}</p>"})
    assert r.status_code == 302
    assert "eigen sjabloon, versie 1" in beheerder.get("/handhaving/sjablonen").content.decode()
    assert zaak.browser(jurist).get("/handhaving/sjablonen").status_code == 403


def test_stap_van_een_onzichtbare_maatregel_is_404(jurist, obj):
    handhaver = zaak.actor_van(jurist, "odzob")
    o = services.overtreding_maken(
        actor=handhaver,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving="x",
        voorschrift="art. 1",
        geconstateerd_op=date(2026, 3, 1),
    )
    m = services.maatregel_maken(
        actor=handhaver, overtreding=o, instrument="WAARSCHUWEN", datum=date(2026, 3, 2), hersteltermijn="P2W"
    )
    buiten = zaak.browser(zaak.gebruiker("buiten", {"GM0363": [Rol.HANDHAVER]}))
    assert _stap(buiten, m, "uitgevoerd", datum="2026-03-20", hersteld_op="2026-03-19").status_code == 404
    assert Maatregelstap.objects.filter(maatregel=m).count() == 1


def test_afstemmingsoverleg_deelt_de_zaak_met_het_om_en_alleen_die(client, jurist, obj):
    handhaver = zaak.actor_van(jurist, "odzob")
    gedeeld, ander = (
        services.overtreding_maken(
            actor=handhaver,
            vth_object=obj,
            herkomst="eigen_waarneming",
            omschrijving=o,
            voorschrift=o,
            geconstateerd_op=date(2026, 3, 1),
            gedrag="C",
            gevolg="3",
        )
        for o in ("art. gedeeld", "art. ander")
    )
    url = f"/handhaving/overtredingen/{gedeeld.uuid}/afstemming"
    # A participant line without three parts is refused next to the field; nothing is stored.
    r = client.post(
        url,
        {
            "actie": "overleg",
            "datum": "2026-03-10",
            "deelnemers": "om-fp; mr. A. de Vries",
            "uitkomst": "strafrechtelijk",
            "redenen": "Calculerend, van belang.",
        },
    )
    assert r.status_code == 400 and "Regel 1: schrijf organisatiecode; naam; functie." in r.content.decode()
    assert not gedeeld.afstemmingen.exists()
    r = client.post(
        url,
        {
            "actie": "overleg",
            "datum": "2026-03-10",
            "uitkomst": "beide",
            "redenen": "Calculerend, van belang.",
            "deelnemers": "odzob; J. Jurist; handhavingsjurist\nom-fp; mr. A. de Vries; officier van justitie",
        },
    )
    assert r.status_code == 302
    gedeeld.refresh_from_db()
    assert gedeeld.vertrouwelijkheid == "strafrechtelijk" and gedeeld.afstemmingen.get().uitkomst == "beide"
    officier = zaak.browser(zaak.gebruiker("officier", {"om-fp": [Rol.KETENPARTNER]}))
    lijst = officier.get("/handhaving/").content.decode()
    assert "art. gedeeld" in lijst and "art. ander" not in lijst
    html = officier.get(f"/handhaving/overtredingen/{gedeeld.uuid}").content.decode()
    assert "Gedeeld met: Openbaar Ministerie — Functioneel Parket" in html
    assert "Maatregel nemen" not in html and "Afstemmingsoverleg vastleggen" in html
    assert officier.get(f"/handhaving/overtredingen/{ander.uuid}").status_code == 404
