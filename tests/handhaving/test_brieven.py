"""Issue 12 item 6: letters from the competent body, signed under mandate, without internal reasoning; a draft the
jurist edits in versions, frozen once sent; a readable case number and kenmerk; a voornemen that states the order."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import documenten
from openvth.handhaving.models import Document, Documentversie, Verbeurte
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Mandaat, Organisatie, Persoonsmandaat, Rol, Soort
from openvth.organisaties.services import persoonsmandaat_maken, systeem_actor

from . import zaak

pytestmark = pytest.mark.django_db

LAST = {
    "omschrijving": "Verwijder het afval buiten de vergunde opslag.",
    "begunstigingstermijn": "P4W",
    "vorm": "per tijdseenheid",
    "eenheid": "week",
    "bedrag": "500.00",
    "maximum": "5000.00",
}
# What the case knows but the offender is not told: the LHSO cell and track, the instruments advised, the table
# version, the positioning motivation, the term calculations (zaak.positie and zaak.dwangsom store these).
INTERN = (
    "B3",
    "LHSO",
    "interventie",
    "spoor",
    "bestuursrechtelijk herstellend",
    "Schriftelijke waarschuwing met hercontrole",
    "LHSO-2022-standaard-1",
    "Positionering",
    "onverschillig",
    "recidive",
    "Berekening:",
    "Begunstigingstermijn: 4 weken na",
)


@pytest.fixture(autouse=True)
def standaard():
    documenten.sjablonen_laden(actor=systeem_actor("test"))


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def handhaver(jurist):
    return zaak.actor_van(jurist, "odzob", Rol.HANDHAVER)


@pytest.fixture
def lod(jurist):
    overtreding = zaak.overtreding(jurist)
    zaak.positie(jurist, overtreding)
    return zaak.dwangsom(jurist, overtreding)


@pytest.fixture
def teamleider():
    """Holds an ondermandaat of Eindhoven (through the mandate to ODZOB, which allows one) for every letter."""
    persoon = zaak.gebruiker("teamleider", {"odzob": [Rol.HANDHAVER]})
    persoon.first_name, persoon.last_name = "Mr. J.", "de Vries"
    persoon.save()
    eindhoven, odzob = Organisatie.objects.get(code="GM0772"), Organisatie.objects.get(code="odzob")
    Mandaat.objects.filter(mandaatgever=eindhoven, mandaatnemer=odzob).update(ondermandaat_toegestaan=True)
    persoonsmandaat_maken(
        actor=systeem_actor("test"),
        mandaatgever=eindhoven,
        gebruiker=persoon,
        functie="teamleider handhaving",
        bevoegdheden=["waarschuwing", "voornemen", "besluit_lod", "invorderingsbeschikking"],
        besluit="Ondermandaatbesluit ODZOB 2026, Gemeenteblad 2026, 1234",
    )
    return persoon


def _verbeurte(jurist, lod) -> Verbeurte:
    return Verbeurte.objects.create(
        maatregel=lod,
        datum=date(2026, 4, 13),
        verbeurd_vanaf=date(2026, 3, 31),
        aantal=2,
        bedrag=Decimal("1000.00"),
        betalen_voor=date(2026, 5, 25),
        verjaart_op=date(2027, 3, 31),
        door=jurist,
    )


def _alle_brieven(handhaver, jurist, lod) -> list[Document]:
    return [
        documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="waarschuwing"),
        documenten.document_maken(
            actor=handhaver, overtreding=lod.overtreding, soort="voornemen", maatregel=lod, last=LAST
        ),
        documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod),
        documenten.document_maken(
            actor=handhaver,
            overtreding=lod.overtreding,
            soort="invorderingsbeschikking",
            verbeurte=_verbeurte(jurist, lod),
        ),
    ]


def _tekst(html: str) -> str:
    return re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)


def test_geen_interne_afweging_in_een_brief(handhaver, jurist, lod, teamleider):
    lod.overtreding.omschrijving = "Afval buiten de opslag."
    for document in _alle_brieven(handhaver, jurist, lod):
        verzonden = documenten.document_verzenden(actor=zaak.actor_van(teamleider, "odzob"), document=document)
        tekst = _tekst(verzonden.html)
        for woord in INTERN:
            assert woord not in tekst, (document.soort, woord)
        assert str(lod.overtreding.uuid)[:8].upper() not in tekst and str(document.uuid) not in tekst


def test_brief_gaat_uit_van_het_bevoegde_bestuursorgaan(handhaver, lod):
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod
    )
    assert "Gemeente Eindhoven" in document.html and "Burgemeester en wethouders van Eindhoven,<br>namens dezen," in (
        document.html
    )
    assert "namens deze: Omgevingsdienst" not in document.html
    organen = {
        Soort.PROVINCIE: ("Noord-Brabant", "Gedeputeerde Staten van Noord-Brabant"),
        Soort.WATERSCHAP: ("Waterschap Aa en Maas", "het dagelijks bestuur van Waterschap Aa en Maas"),
        Soort.GEMEENTE: ("Gemeente Best", "het college van burgemeester en wethouders van Best"),
    }
    for soort, (naam, orgaan) in organen.items():
        assert documenten.bestuursorgaan(Organisatie(code="x", soort=soort, naam=naam))["naam"] == orgaan
    rws = documenten.bestuursorgaan(Organisatie(code="rws", soort=Soort.RIJK, naam="Rijkswaterstaat"))
    assert (rws["naam"], rws["namens"]) == ("de Minister van Infrastructuur en Waterstaat", "namens deze")
    for soort in (Soort.OMGEVINGSDIENST, Soort.KETENPARTNER):
        with pytest.raises(OngeldigeInvoer, match="geen bevoegd gezag"):
            documenten.bestuursorgaan(Organisatie(code="x", soort=soort, naam="Dienst"))


def test_zaaknummer_en_kenmerk_in_plaats_van_uuid(handhaver, jurist, lod):
    zaaknummer = lod.overtreding.zaaknummer
    assert re.fullmatch(r"HH-\d{4}-\d{6}", zaaknummer)
    assert zaak.overtreding(jurist, zaak.vth_object("Garage", "odzob-hh-2")).zaaknummer != zaaknummer
    eerste = documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="waarschuwing")
    tweede = documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod)
    assert (eerste.kenmerk, tweede.kenmerk) == (f"{zaaknummer}/01", f"{zaaknummer}/02")
    assert f"<td>{zaaknummer}/02</td>" in tweede.html and f"<td>{zaaknummer}</td>" in tweede.html
    assert documenten.datum_nl(date(2026, 12, 8)) == "8 december 2026"


def test_voornemen_noemt_last_termijn_bedrag_en_maximum(handhaver, lod):
    lod.dwangsom_bedrag = lod.dwangsom_maximum = None  # a voornemen comes before the decision sets the amounts
    lod.fase, lod.dwangsom_vorm, lod.dwangsom_eenheid = "voornemen", "", ""
    lod.save()
    with pytest.raises(OngeldigeInvoer) as fout:
        documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="voornemen", maatregel=lod)
    assert {"begunstigingstermijn", "bedrag"} <= set(fout.value.velden) and not Document.objects.exists()
    with pytest.raises(OngeldigeInvoer, match="maximum"):
        documenten.document_maken(
            actor=handhaver,
            overtreding=lod.overtreding,
            soort="voornemen",
            maatregel=lod,
            last={**LAST, "maximum": "100.00"},
        )
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="voornemen", maatregel=lod, last=LAST
    )
    tekst = _tekst(document.html)
    assert "Verwijder het afval buiten de vergunde opslag." in tekst
    assert "begunstigingstermijn van 4 weken" in tekst
    assert "€ 500,00 per week dat de last niet is uitgevoerd" in tekst and "maximum van € 5.000,00" in tekst
    assert "tot en met 16 februari 2026" in tekst and "Awb art. 4:8" in tekst
    assert document.gegevens["bedrag"] == "500.00"


def test_verzenden_alleen_door_wie_mandaat_heeft(handhaver, jurist, lod):
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod
    )
    with pytest.raises(
        GeenToestemming,
        match="Niemand heeft in het mandaatregister mandaat om namens het college "
        "van burgemeester en wethouders van Eindhoven",
    ):
        documenten.document_verzenden(actor=handhaver, document=document)
    eindhoven = Organisatie.objects.get(code="GM0772")
    Mandaat.objects.filter(mandaatgever=eindhoven).update(ondermandaat_toegestaan=True)
    chef = zaak.gebruiker("chef", {"odzob": [Rol.MANAGER]})
    persoonsmandaat_maken(
        actor=systeem_actor("test"),
        mandaatgever=eindhoven,
        gebruiker=chef,
        functie="afdelingshoofd",
        bevoegdheden=["besluit_lod"],
        besluit="Ondermandaatbesluit ODZOB 2026",
    )
    with pytest.raises(GeenToestemming, match=r"U heeft geen mandaat .* mandaat hebben: chef \(afdelingshoofd\)"):
        documenten.document_verzenden(actor=handhaver, document=document)
    document.refresh_from_db()
    assert document.status == "concept"
    verzonden = documenten.document_verzenden(
        actor=zaak.actor_van(chef, "odzob", Rol.MANAGER), document=document, datum=date(2026, 3, 2)
    )
    assert verzonden.status == "verzonden" and verzonden.ondertekend_door == chef
    assert "Burgemeester en wethouders van Eindhoven,<br>namens dezen," in verzonden.html
    assert "chef<br>afdelingshoofd" in verzonden.html and "<td>2 maart 2026</td>" in verzonden.html
    assert "Concept" not in verzonden.html
    assert Auditgebeurtenis.objects.filter(actie="document.verzonden", object_id=str(document.uuid)).exists()


def test_mandaat_voor_een_andere_soort_brief_telt_niet(handhaver, lod, teamleider):
    Persoonsmandaat.objects.update(bevoegdheden=["waarschuwing"])
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod
    )
    with pytest.raises(GeenToestemming, match="Niemand"):
        documenten.document_verzenden(actor=zaak.actor_van(teamleider, "odzob"), document=document)
    Persoonsmandaat.objects.update(bevoegdheden=["besluit_lod"])
    Mandaat.objects.update(ondermandaat_toegestaan=False)  # the mandate above no longer allows ondermandaat
    with pytest.raises(GeenToestemming, match="Niemand"):
        documenten.document_verzenden(actor=zaak.actor_van(teamleider, "odzob"), document=document)


def test_concept_bewerken_in_versies_en_verzonden_is_bevroren(handhaver, lod, teamleider):
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod
    )
    onderdelen = [dict(o) for o in document.onderdelen]
    assert [o["kop"] for o in onderdelen][:3] == ["", "Besluit", "De overtreding"]
    onderdelen[1]["tekst"] += "\n\n- eerste punt\n- tweede <punt>"
    bewerkt = documenten.document_wijzigen(
        actor=handhaver, document=document, onderdelen=onderdelen, verwachte_versie=1
    )
    assert bewerkt.versie == 2 and "<li>tweede &lt;punt&gt;</li>" in bewerkt.html
    assert Auditgebeurtenis.objects.filter(actie="document.bewerkt", object_id=str(document.uuid)).count() == 1
    with pytest.raises(OngeldigeInvoer, match="versie 2"):
        documenten.document_wijzigen(actor=handhaver, document=document, onderdelen=onderdelen, verwachte_versie=1)
    verzonden = documenten.document_verzenden(actor=zaak.actor_van(teamleider, "odzob"), document=bewerkt)
    assert verzonden.versie == 3 and "tweede &lt;punt&gt;" in verzonden.html
    assert list(Documentversie.objects.filter(document=document).values_list("versie", "status")) == [
        (1, "concept"),
        (2, "concept"),
        (3, "verzonden"),
    ]
    with pytest.raises(OngeldigeInvoer, match="verzonden en kan niet meer worden gewijzigd"):
        documenten.document_wijzigen(actor=handhaver, document=verzonden, onderdelen=[{"kop": "", "tekst": "x"}])
    with pytest.raises(OngeldigeInvoer, match="verzonden"):
        documenten.document_verzenden(actor=zaak.actor_van(teamleider, "odzob"), document=verzonden)
    assert Document.objects.get(pk=document.pk).versie == 3


def test_invorderingsbeschikking_stelt_de_verbeurte_vast(handhaver, jurist, lod):
    verbeurte = _verbeurte(jurist, lod)
    with pytest.raises(OngeldigeInvoer, match="verbeurte"):
        documenten.document_maken(
            actor=handhaver, overtreding=lod.overtreding, soort="invorderingsbeschikking", maatregel=lod
        )
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="invorderingsbeschikking", verbeurte=verbeurte
    )
    tekst = _tekst(document.html)
    assert document.maatregel == lod and "€ 1.000,00" in tekst and "Awb art. 5:37 lid 1" in tekst
    assert "uiterlijk op 25 mei 2026" in tekst and "bezwaar maken bij het college" in tekst


def test_ondermandaat_alleen_als_het_mandaat_het_toestaat(jurist):
    eindhoven = Organisatie.objects.get(code="GM0772")
    zaak.vth_object()  # the mandate Eindhoven → ODZOB
    args = {
        "mandaatgever": eindhoven,
        "gebruiker": jurist,
        "functie": "jurist",
        "bevoegdheden": ["voornemen"],
        "besluit": "Ondermandaatbesluit",
    }
    with pytest.raises(OngeldigeInvoer, match="geen ondermandaat toe"):
        persoonsmandaat_maken(actor=systeem_actor("test"), **args)
    Mandaat.objects.update(ondermandaat_toegestaan=True)
    with pytest.raises(OngeldigeInvoer, match="bevoegdheden|kies uit"):
        persoonsmandaat_maken(actor=systeem_actor("test"), **{**args, "bevoegdheden": ["alles"]})
    beheerder = zaak.actor_van(
        zaak.gebruiker("beheer-eindhoven", {"GM0772": [Rol.FUNCTIONEEL_BEHEERDER]}), "GM0772", Rol.FUNCTIONEEL_BEHEERDER
    )
    with pytest.raises(GeenToestemming):  # the ondermandaat is the dienst's to grant (Awb 10:9), not the gemeente's
        persoonsmandaat_maken(actor=beheerder, **args)
    pm = persoonsmandaat_maken(actor=systeem_actor("test"), **args)
    assert pm.mandaat.mandaatnemer.code == "odzob"
    ambtenaar = zaak.gebruiker("ambtenaar", {"GM0772": [Rol.HANDHAVER]})
    eigen = persoonsmandaat_maken(actor=beheerder, **{**args, "gebruiker": ambtenaar})
    assert eigen.mandaat is None  # a mandate to the body's own official (Awb 10:3)


def test_in_de_applicatie_bewerken_en_verzenden(jurist, lod, teamleider):
    client = zaak.browser(jurist)
    r = client.post(
        f"/handhaving/overtredingen/{lod.overtreding.uuid}/brieven",
        {"soort": "voornemen", "maatregel": str(lod.uuid), **{k: v for k, v in LAST.items()}},
    )
    document = Document.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/handhaving/brieven/{document.uuid}"
    pagina = client.get(r["Location"]).content.decode()
    assert '<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="tekst-1" name="tekst"' in pagina
    assert "teamleider handhaving" in pagina and document.kenmerk in pagina
    koppen, teksten = [o["kop"] for o in document.onderdelen], [o["tekst"] for o in document.onderdelen]
    teksten[0] = "Geachte mevrouw De Korst,"
    r = client.post(
        f"/handhaving/brieven/{document.uuid}", {"actie": "opslaan", "versie": "1", "kop": koppen, "tekst": teksten}
    )
    document.refresh_from_db()
    assert r.status_code == 302 and document.versie == 2 and "Geachte mevrouw De Korst," in document.html
    r = client.post(f"/handhaving/brieven/{document.uuid}", {"actie": "verzenden"})
    assert r.status_code == 403 and "mandaat hebben: Mr. J. de Vries (teamleider handhaving)" in r.content.decode()
    r = zaak.browser(teamleider).post(f"/handhaving/brieven/{document.uuid}", {"actie": "verzenden"})
    document.refresh_from_db()
    assert r.status_code == 302 and document.status == "verzonden"
    pagina = client.get(f"/handhaving/brieven/{document.uuid}").content.decode()
    assert 'name="tekst"' not in pagina and "Mr. J. de Vries" in pagina
    r = client.post(
        f"/handhaving/brieven/{document.uuid}", {"actie": "opslaan", "versie": "3", "kop": koppen, "tekst": teksten}
    )
    assert r.status_code == 400 and "kan niet meer worden gewijzigd" in r.content.decode()
    pdf = client.get(f"/handhaving/brieven/{document.uuid}.pdf")
    assert pdf.content.startswith(b"%PDF-") and document.kenmerk.replace("/", "-") in pdf["Content-Disposition"]


def test_demo_heeft_verzonden_brieven_onder_ondermandaat(settings, tmp_path):
    import io

    from django.core.management import call_command

    from openvth.handhaving.demo import handhaving_demo_laden
    from openvth.organisaties.demo import demo_laden

    settings.MEDIA_ROOT = tmp_path
    call_command("load_catalogus", stdout=io.StringIO())
    call_command("generate", locaties=60, seed=7, omgevingsdienst="odzob", stdout=io.StringIO())
    demo_laden(actor=systeem_actor("demo"))
    assert handhaving_demo_laden(dienst_code="odzob") is True
    brieven = Document.objects.order_by("id")
    assert [b.soort for b in brieven] == ["voornemen", "besluit_lod", "invorderingsbeschikking"]
    for brief in brieven:
        assert brief.status == "verzonden" and brief.ondertekend_door.username == "teamleider"
        assert brief.persoonsmandaat.mandaat is not None  # an ondermandaat under the mandate to ODZOB
        assert re.fullmatch(r"HH-\d{4}-\d{6}/0\d", brief.kenmerk) and "mr. A. Jansen" in brief.html
        assert "namens dezen" in brief.html and "Concept" not in brief.html
        if os.environ.get("OPENVTH_BRIEVEN_MAP"):  # to look at them: the closing note of issue 12
            Path(os.environ["OPENVTH_BRIEVEN_MAP"], f"{brief.soort}.pdf").write_bytes(bytes(brief.pdf))


def test_mandaatregister_in_de_applicatie():
    """The organisation's administrator records the mandate to the dienst allowing ondermandaat; the dienst's
    administrator then records an ondermandaat for a member of staff; the register lists it."""
    zaak.vth_object()  # organisations and the mandate Eindhoven → ODZOB (without ondermandaat)
    Mandaat.objects.all().delete()
    gemeente = zaak.browser(zaak.gebruiker("fb-eindhoven", {"GM0772": [Rol.FUNCTIONEEL_BEHEERDER]}))
    odzob = Organisatie.objects.get(code="odzob")
    r = gemeente.post(
        "/afspraken",
        {
            "soort": "mandaat",
            "m-mandaatnemer": odzob.pk,
            "m-taakcategorieen": ["basistaak"],
            "m-geldig_vanaf": "2026-01-01",
            "m-besluit": "Mandaatbesluit 2026",
            "m-ondermandaat_toegestaan": "on",
        },
    )
    assert r.status_code == 302 and Mandaat.objects.get().ondermandaat_toegestaan
    jurist = zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    dienst = zaak.browser(zaak.gebruiker("fb-odzob", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]}))
    eindhoven = Organisatie.objects.get(code="GM0772")
    r = dienst.post(
        "/afspraken",
        {
            "soort": "persoonsmandaat",
            "p-mandaatgever": eindhoven.pk,
            "p-gebruiker": jurist.pk,
            "p-functie": "senior jurist handhaving",
            "p-bevoegdheden": ["voornemen", "besluit_lod"],
            "p-besluit": "Ondermandaatbesluit ODZOB 2026",
            "p-geldig_vanaf": "2026-01-01",
        },
    )
    assert r.status_code == 302, r.content.decode()[:1500]
    pm = Persoonsmandaat.objects.get()
    assert (pm.gebruiker, pm.mandaat.mandaatnemer, pm.bevoegdheden) == (jurist, odzob, ["besluit_lod", "voornemen"])
    assert "senior jurist handhaving" in dienst.get("/afspraken").content.decode()
    assert "senior jurist handhaving" in gemeente.get("/afspraken").content.decode()
    assert Auditgebeurtenis.objects.filter(actie="persoonsmandaat.aangemaakt").exists()
