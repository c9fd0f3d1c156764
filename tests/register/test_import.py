"""Import: profiles, formats, every validation reason, whole-file refusals, upsert and history, access, audit,
resuming after a failed batch, the quality report and the `openvth import` command."""

import csv
import io
import json
import os
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis
from openvth.geo import crs
from openvth.organisaties.fouten import GeenToestemming
from openvth.organisaties.models import Mandaat, Organisatie, Rol
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.register.importeren import verwerken, wachtrij
from openvth.register.importeren.lezen import OngeldigBestand
from openvth.register.importeren.profiel import ProfielFout, profiel_laden, profiel_uit_dict, profielen
from openvth.register.importeren.verwerken import AlBezig, importeer, rapportpad
from openvth.register.models import (
    Activiteit,
    Activiteituitvoering,
    Betrokkene,
    Importbatch,
    Importrun,
    Importstatus,
    Locatie,
    VthObject,
)

DATA = Path(__file__).parent / "data"
WACHTWOORD = "een-lang-wachtwoord-42"


@pytest.fixture(autouse=True)
def datamap(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _persoon(naam, leden):
    return actor_voor(
        gebruiker_maken(actor=systeem_actor(), gebruikersnaam=naam, wachtwoord=WACHTWOORD, lidmaatschappen=leden)
    )


@pytest.fixture
def beheerder(catalogus):
    """A functional administrator of ODZOB (the omgevingsdienst of Eindhoven and Helmond)."""
    return _persoon("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})


def _import(actor, bestand, profiel="openvth", **opties):
    pad = bestand if isinstance(bestand, Path) else DATA / bestand
    return importeer(actor=actor, pad=pad, profiel=profiel_laden(profiel), **opties)


def _rapport(run) -> list[dict]:
    tekst = rapportpad(run).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(tekst), delimiter=";"))


def _per_bron(run) -> dict[str, dict]:
    return {r["bron_id"]: r for r in _rapport(run)}


def _schrijf(tmp_path, naam, tekst, encoding="utf-8"):
    pad = tmp_path / naam
    pad.write_bytes(tekst.encode(encoding) if isinstance(tekst, str) else tekst)
    return pad


# --- profiles ---------------------------------------------------------------------------------------


def test_meegeleverde_profielen_zijn_geldig():
    beschikbaar = profielen()
    assert {"openvth", "squit-export"} <= set(beschikbaar)
    squit = beschikbaar["squit-export"]
    assert squit.vertaal("activiteit", "stook") == "bal-3.2.1"  # value maps ignore case
    assert squit.vertaal("status", "Beëindigd") == "beeindigd"
    assert squit.datum("31-12-2023") == date(2023, 12, 31)


@pytest.mark.parametrize(
    "wijziging, melding",
    [
        ({"kolommen": {"onbekend_veld": "x"}}, "onbekende velden"),
        ({"kolommen": {"bron_id": "id"}}, "verplichte velden zonder kolom"),
        ({"coordinaten": [{"crs": "EPSG:4326x", "oost": "a", "noord": "b"}]}, "wordt niet ondersteund"),
        ({"datumformaat": 12}, "geen strptime-formaat"),
        ({"standaard": {"vertrouwelijkheid": "geheim"}}, "vertrouwelijkheidsniveau"),
        ({"objectsleutel": []}, "objectsleutel"),
        ({"extra": 1}, "onbekende sleutel"),
    ],
)
def test_profielfouten(wijziging, melding):
    basis = json.loads((Path(verwerken.__file__).parent / "profielen" / "openvth.json").read_text())
    with pytest.raises(ProfielFout, match=melding):
        profiel_uit_dict(basis | wijziging, bron="test.json")


def test_lokaal_profiel_en_onbekend_profiel(datamap):
    map_ = datamap / "import" / "profielen"
    map_.mkdir(parents=True)
    eigen = json.loads((Path(verwerken.__file__).parent / "profielen" / "openvth.json").read_text())
    (map_ / "gemeente-x.json").write_text(json.dumps(eigen | {"naam": "gemeente-x", "bron_systeem": "gx"}))
    assert profiel_laden("gemeente-x").bron_systeem == "gx"
    with pytest.raises(ProfielFout, match="Onbekend profiel 'nergens'"):
        profiel_laden("nergens")
    (map_ / "kapot.json").write_text("{")  # a broken local profile spoils no other, and says what is wrong
    assert "gemeente-x" in profielen() and "kapot" not in profielen()
    with pytest.raises(ProfielFout, match="kapot.json: niet te lezen"):
        profiel_laden("kapot")


# --- the own profile: every reason ----------------------------------------------------------------


VERWACHTE_REDENEN = {
    "B-kvk": ("kvk", "KVK-nummer: moet uit 8 cijfers bestaan"),
    "B-vestiging": ("vestigingsnummer", "vestigingsnummer: moet uit 12 cijfers bestaan"),
    "B-activiteit": ("activiteit", "onbekende activiteitcode 'bal-9.9'"),
    "B-buiten": ("coordinaten", "liggen buiten Nederland; zijn oost en noord verwisseld?"),
    "B-gemeente": ("gemeente", "onbekende gemeente 'GM9999'"),
    "B-einde": ("einde_voor_begin", "de beëindigingsdatum (01-04-2024) ligt vóór de ontstaansdatum (01-05-2024)"),
    "B-dubbel": ("dubbel", "staat 2 keer in het bestand (regels 13, 14)"),
    "B-seveso": ("bevoegd_gezag", "IPPC/Seveso-activiteit: bevoegd gezag is de provincie Noord-Brabant (PV30)"),
    "B-geen-bg": ("bevoegd_gezag", "is een omgevingsdienst, geen bevoegd gezag"),
    "B-kwalificatie": ("kwalificatie", "verbod is niet toegestaan voor bal-3.2.1"),
    "B-status": ("status", "onbekende status 'actief'"),
    "B-ti": ("toezichtinstantie", "DCMR Milieudienst Rijnmond heeft Eindhoven niet in het werkgebied"),
    "B-toegang": ("toegang", "mag niet schrijven voor bevoegd gezag GM0599 met toezichtinstantie dcmr"),
    "B-datum": ("datum", "ontstaansdatum '15-01-2024' is geen geldige datum (verwacht jjjj-mm-dd)"),
    "B-naam": ("verplicht", "naam is leeg"),
}


def test_eigen_profiel_rd_csv_elke_reden(beheerder):
    run = _import(beheerder, "openvth_rd.csv", batchgrootte=4)
    assert (run.status, run.totaal, run.verwerkt) == (Importstatus.VOLTOOID, 21, 21)
    assert (run.aangemaakt, run.gewijzigd, run.ongewijzigd, run.geweigerd) == (5, 0, 0, 16)
    rapport = _rapport(run)
    assert [r["regel"] for r in rapport] == [str(n) for n in range(2, 23)]  # the file's own line numbers
    per_bron = {r["bron_id"]: r for r in rapport}
    for bron_id, (code, tekst) in VERWACHTE_REDENEN.items():
        assert per_bron[bron_id]["resultaat"] == "geweigerd", bron_id
        assert tekst in per_bron[bron_id]["redenen"], (bron_id, per_bron[bron_id]["redenen"])
        assert run.redenen[code] >= 1
    assert run.redenen["dubbel"] == 2  # both lines are refused: the file does not say which one is right
    # nothing of a refused row is stored
    assert not Activiteituitvoering.objects.filter(bron_id__startswith="B-").exists()
    assert not VthObject.objects.filter(naam__in=["Kapper Kort", "Ver Weg BV", "Rotterdamse Bakker"]).exists()
    assert set(Activiteituitvoering.objects.values_list("bron_id", flat=True)) == {f"A-00{i}" for i in range(1, 6)}


def test_eigen_profiel_slaat_object_locatie_en_vestiging_op(beheerder, org):
    _import(beheerder, "openvth_rd.csv")
    een, twee = (Activiteituitvoering.objects.get(bron_id=b) for b in ("A-001", "A-002"))
    assert een.bron_systeem == "openvth-import" and een.vth_object == twee.vth_object  # same vestiging: one object
    obj = een.vth_object
    assert obj.lokaal_id == "openvth-import:1~000012345678" and obj.namespace == "nl-vthflo"
    assert obj.vestiging.vestigingsnummer == "000012345678" and obj.vestiging.kvk_nummer == "12345678"
    assert een.uitvoerder_betrokkene == obj.vestiging
    assert obj.locatie.postcode == "5611EB" and (obj.locatie.x, obj.locatie.y) == (161500.0, 383200.0)
    assert (obj.locatie.lon, obj.locatie.lat) == crs.rd_naar_wgs84(161500, 383200)
    assert een.bevoegd_gezag == org("GM0772") and een.toezichtinstantie == org("odzob")  # derived defaults
    assert een.geldig_vanaf == date(2024, 1, 15) and een.kwalificaties == ["meldingsplicht"]
    assert twee.kwalificaties == ["vergunningplicht", "zorgplicht"] and twee.legitimatie == "V-2023-7"
    ippc = Activiteituitvoering.objects.get(bron_id="A-004")
    assert ippc.bevoegd_gezag == org("PV30")  # IPPC: the province of the municipality
    assert ippc.geldig_vanaf == timezone.localdate()  # starts in the future: registered from today
    seveso = Activiteituitvoering.objects.get(bron_id="A-003")
    assert seveso.vth_object.locatie.huisletter == "a" and seveso.gemeente == org("GM0794")
    garage = Activiteituitvoering.objects.get(bron_id="A-005")
    assert garage.vertrouwelijkheid == "intern" and garage.status == "beeindigd"
    assert garage.vth_object.lokaal_id == "openvth-import:2~garage noord|5612AB|5"  # naam+postcode+huisnummer
    assert garage.uitvoerder_betrokkene is None  # no KvK data, no party
    assert Locatie.objects.count() == 4 and VthObject.objects.count() == 4 and Betrokkene.objects.count() == 3


def test_eigen_profiel_json_items_en_geojson(beheerder, org):
    run = _import(beheerder, "openvth_wgs84.json")
    assert (run.aangemaakt, run.geweigerd) == (2, 1)
    assert "J-003" in {r["bron_id"] for r in _rapport(run) if "buiten Nederland" in r["redenen"]}
    ijs = Activiteituitvoering.objects.get(bron_id="J-001")
    x, y = crs.wgs84_naar_rd(5.4817, 51.4376)
    assert (ijs.vth_object.locatie.x, ijs.vth_object.locatie.y) == (x, y)
    assert ijs.kwalificaties == ["meldingsplicht", "zorgplicht"]  # a JSON list
    assert ijs.vth_object.locatie.huisnummer == 20  # a JSON number
    run = _import(beheerder, "openvth.geojson")
    per_bron = _per_bron(run)
    assert (run.aangemaakt, run.geweigerd) == (2, 2)
    assert "verwacht een Point" in per_bron["G-lijn"]["redenen"] and run.redenen == {"coordinaten": 2}
    assert [r["regel"] for r in _rapport(run)] == ["1", "2", "3", "4"]  # JSON: the element number


# --- the foreign profile ---------------------------------------------------------------------------------


def test_buitenlands_profiel_rd_csv(beheerder, org):
    run = _import(beheerder, "squit_rd.csv", profiel="squit-export")
    per_bron = _per_bron(run)
    assert (run.aangemaakt, run.geweigerd, run.bron_systeem) == (4, 3, "squit")
    assert "onbekende activiteitcode 'XYZ'" in per_bron["Z-2024-0005"]["redenen"]
    assert "onbekende status 'Vergund'" in per_bron["Z-2024-0006"]["redenen"]
    assert "'31-02-2024' is geen geldige datum (verwacht dd-mm-jjjj)" in per_bron["Z-2024-0007"]["redenen"]
    bakker = Activiteituitvoering.objects.get(bron_id="Z-2024-0001")
    assert bakker.activiteit.code == "bal-3.2.1" and bakker.status == "uitvoering"
    assert bakker.vth_object.lokaal_id == "squit:INR-100" and bakker.omschrijving == "Broodoven op gas"
    assert (bakker.vth_object.locatie.x, bakker.vth_object.locatie.postcode) == (161500.0, "5611EB")  # 161500,0
    oud = Activiteituitvoering.objects.get(bron_id="Z-2024-0004")
    assert oud.vth_object == bakker.vth_object and oud.status == "beeindigd"
    assert (oud.ontstaansdatum, oud.beeindigingsdatum) == (date(2020, 3, 1), date(2023, 12, 31))
    metaal = Activiteituitvoering.objects.get(bron_id="Z-2024-0002")
    locatie = metaal.vth_object.locatie
    assert (locatie.straat, locatie.huisnummer, locatie.huisletter, locatie.huisnummertoevoeging) == (
        "Kanaaldijk",
        7,
        "a",
        "2",
    )
    assert metaal.gemeente == org("GM0794")  # "794": a number that lost its leading zero
    assert metaal.kwalificaties == ["vergunningplicht", "zorgplicht"]  # "V/Z"
    brzo = Activiteituitvoering.objects.get(bron_id="Z-2024-0003")
    assert brzo.bevoegd_gezag == org("PV30") and brzo.toezichtinstantie == org("odzob")
    assert brzo.status == "realisatie"


def test_buitenlands_profiel_wgs84_en_geojson_in_rd(beheerder):
    run = _import(beheerder, "squit_wgs84.csv", profiel="squit-export")
    assert (run.aangemaakt, run.geweigerd) == (1, 1)
    assert "zijn oost en noord verwisseld?" in _per_bron(run)["Z-W-002"]["redenen"]
    locatie = Activiteituitvoering.objects.get(bron_id="Z-W-001").vth_object.locatie
    assert (locatie.x, locatie.y) == crs.wgs84_naar_rd(5.49, 51.442) and (locatie.lon, locatie.lat) == (5.49, 51.442)
    run = _import(beheerder, "squit_rd.geojson", profiel="squit-export")
    assert run.aangemaakt == 1
    locatie = Activiteituitvoering.objects.get(bron_id="Z-G-001").vth_object.locatie
    assert (locatie.x, locatie.y, locatie.woonplaats) == (174200.0, 384700.0, "Helmond")


def test_wateractiviteit_vraagt_waterschap(beheerder, org):
    Activiteit.objects.create(code="bal-test-water", niveau=2, naam="Lozen", waterschap=True, catalogusversie="t")
    kop = "bron_id,activiteit,naam,straat,huisnummer,postcode,gemeente,x,y,status,bevoegd_gezag\n"
    regels = [
        "W-1,bal-test-water,Loosbedrijf,Dijk,1,5611EB,GM0772,161000,383000,uitvoering,",
        "W-2,bal-test-water,Loosbedrijf,Dijk,1,5611EB,GM0772,161000,383000,uitvoering,GM0772",
        "W-3,bal-test-water,Loosbedrijf,Dijk,1,5611EB,GM0772,161000,383000,uitvoering,de-dommel",
        "W-4,bal-3.2.1,Loosbedrijf,Dijk,1,5611EB,GM0772,161000,383000,uitvoering,de-dommel",
    ]
    assert Organisatie.objects.filter(code="de-dommel").exists(), "waterschap De Dommel ontbreekt in de referentie"
    run = _import(beheerder, _schrijf(verwerken.importmap().parent, "water.csv", kop + "\n".join(regels)))
    per_bron = _per_bron(run)
    assert "vul het waterschap of Rijkswaterstaat in" in per_bron["W-1"]["redenen"]
    assert "wateractiviteit: Eindhoven is daarvoor niet bevoegd" in per_bron["W-2"]["redenen"]
    assert per_bron["W-3"]["resultaat"] == "aangemaakt"
    assert "alleen bevoegd gezag voor wateractiviteiten" in per_bron["W-4"]["redenen"]


# --- whole-file refusals -------------------------------------------------------------------------------


KOP = "bron_id,activiteit,naam,straat,huisnummer,postcode,gemeente,x,y,status\n"
GOEDE_REGEL = "C-1,bal-3.2.1,Smederij,Markt,2,5611EB,GM0772,161500,383200,uitvoering\n"


@pytest.mark.parametrize(
    "naam, inhoud, melding",
    [
        ("leeg.csv", b"", "Het bestand is leeg"),
        ("alleen-kop.csv", KOP.encode(), "geen gegevensrijen"),
        ("latin1.csv", (KOP + GOEDE_REGEL.replace("Smederij", "Café Één")).encode("latin-1"), "geen UTF-8"),
        ("excel.xlsx", b"PK\x03\x04" + b"\x00" * 100, "Excel- of ZIP-bestand"),
        ("binair.csv", b"bron_id\x00\x01\x02", "geen tekstbestand"),
        ("kolommen.csv", b"id;naam\n1;x\n", "Verplichte kolommen ontbreken voor profiel 'openvth': bron_id"),
        ("geen-coordinaten.csv", b"bron_id,activiteit,naam,gemeente,status\nx,y,z,GM0772,n\n", "x+y of lon+lat"),
        ("kapot.json", b'[{"bron_id": "1",}]', "Geen geldige JSON"),
        ("object.json", b'{"rijen": []}', 'een object {"items": [...]}'),
        ("element.json", b'[{"bron_id": "1"}, 7]', "Element 2 is geen object"),
        ("leeg.json", b"[]", "geen gegevensrijen"),
        ("feature.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Point"}]}', "geen GeoJSON Feature"),
        ("tekst.json", b"bron_id,naam\n", "bevat geen JSON"),
        ("dubbele-kop.csv", (KOP.strip() + ",naam\n").encode(), "meer dan eens: naam"),
        ("quote.csv", (KOP + 'C-1,bal-3.2.1,"Smid"x,Markt\n').encode(), "geen geldige CSV"),
        # nested past Python's recursion limit: the parser's RecursionError escaped, and a web run stayed queued
        ("diep.json", b"[" * 100_000 + b"]" * 100_000, "100000 niveaus diep genest; een import accepteert"),
        (
            "diep.geojson",
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"x": '
            + b"[" * 40
            + b"]" * 40
            + b"}}]}",
            "44 niveaus diep genest",
        ),
        ("breed.csv", (",".join(f"k{i}" for i in range(1001)) + "\n1\n").encode(), "noemt 1001 kolommen"),
        ("breed.json", json.dumps([{f"k{i}": 1} for i in range(1001)]).encode(), "1001 verschillende velden"),
    ],
)
def test_bestand_als_geheel_geweigerd(beheerder, datamap, naam, inhoud, melding):
    with pytest.raises(OngeldigBestand, match=re.escape(melding)):
        _import(beheerder, _schrijf(datamap, naam, inhoud))
    assert not Importrun.objects.exists() and not Activiteituitvoering.objects.exists()
    assert not Locatie.objects.exists()


def test_json_diepte_telt_haakjes_buiten_teksten():
    from openvth.register.importeren.lezen import json_diepte

    assert json_diepte('"x"') == 0 and json_diepte("[]") == 1 and json_diepte("[[1], [[2]]]") == 3
    assert json_diepte('{"a": "[[[[{{", "b": ["\\"]]"]}') == 2  # brackets and escaped quotes inside strings are text


def test_grens_aan_de_bestandsgrootte(beheerder, datamap, settings):
    settings.OPENVTH_IMPORT_MAX_MB = 1
    # One row padded with empty lines (a CSV reader skips them) to 1.1 MB: the size, not the rows, is under test.
    groot = _schrijf(datamap, "groot.csv", KOP + GOEDE_REGEL + "\n" * (1024 * 1024 + 100_000))
    with pytest.raises(OngeldigBestand, match=r"\(1,1 MB\) is groter dan de grens van 1 MB \(OPENVTH_IMPORT_MAX_MB\)"):
        _import(beheerder, groot)
    assert not Importrun.objects.exists()
    settings.OPENVTH_IMPORT_MAX_MB = 2
    assert _import(beheerder, groot).status == Importstatus.VOLTOOID


def test_kopregel_van_100000_kolommen_kost_geen_minuten(beheerder, datamap, monkeypatch):
    """Comparing every column name with every other was quadratic: 100,000 names took minutes of CPU."""
    from openvth.register.importeren import lezen

    breed = _schrijf(datamap, "breed.csv", ",".join(f"k{i}" for i in range(100_000)) + "\n1\n")
    begin = time.perf_counter()
    with pytest.raises(OngeldigBestand, match="noemt 100000 kolommen; een import heeft er hoogstens 1000"):
        _import(beheerder, breed)
    monkeypatch.setattr(lezen, "MAX_KOLOMMEN", 200_000)  # the duplicate check itself, over all 100,000 names
    dubbel = _schrijf(datamap, "dubbel.csv", ",".join(f"k{i}" for i in range(100_000)) + ",K7\n1\n")
    with pytest.raises(OngeldigBestand, match="meer dan eens: K7, k7"):
        _import(beheerder, dubbel)
    assert time.perf_counter() - begin < 5


def test_csv_met_puntkomma_en_bom_en_regelfouten(beheerder, datamap):
    tekst = KOP.replace(",", ";") + GOEDE_REGEL.replace(",", ";") + "C-2;bal-3.2.1;Te kort\n\n" + "C-3;x;" * 6 + "\n"
    run = _import(beheerder, _schrijf(datamap, "puntkomma.csv", "\ufeff" + tekst))
    per_bron = _per_bron(run)
    assert per_bron["C-1"]["resultaat"] == "aangemaakt"
    assert "de regel heeft 3 velden, de kopregel 10" in per_bron["C-2"]["redenen"]
    assert per_bron["C-3"]["regel"] == "5" and "velden" in per_bron["C-3"]["redenen"]  # the empty line 4 is no row


# --- upsert, history, idempotency -----------------------------------------------------------------------


def test_twee_keer_importeren_verandert_niets(beheerder):
    _import(beheerder, "openvth_rd.csv")
    _import(beheerder, "squit_rd.csv", profiel="squit-export")
    voor = {
        model: sorted(model.objects.values_list("pk", "geregistreerd_op"))
        for model in (Activiteituitvoering, VthObject, Locatie, Betrokkene)
    }
    audit_voor = Auditgebeurtenis.objects.count()
    tweede = _import(beheerder, "openvth_rd.csv")
    derde = _import(beheerder, "squit_rd.csv", profiel="squit-export")
    assert (tweede.aangemaakt, tweede.gewijzigd, tweede.ongewijzigd, tweede.geweigerd) == (0, 0, 5, 16)
    assert (derde.aangemaakt, derde.gewijzigd, derde.ongewijzigd) == (0, 0, 4)
    na = {model: sorted(model.objects.values_list("pk", "geregistreerd_op")) for model in voor}
    assert na == voor  # not even a registration time moved
    assert Auditgebeurtenis.objects.count() == audit_voor  # nothing written, nothing audited
    assert tweede.pk != Importrun.objects.filter(status=Importstatus.VOLTOOID).order_by("aangemaakt_op").first().pk


def test_gewijzigde_rij_wordt_nieuwe_versie(beheerder, datamap):
    _import(beheerder, "openvth_rd.csv")
    eerst = Activiteituitvoering.objects.get(bron_id="A-001")
    tekst = (DATA / "openvth_rd.csv").read_text(encoding="utf-8-sig")
    tekst = tekst.replace("meldingsplicht,uitvoering,M-2024-001", "meldingsplicht,gestaakt,M-2024-001")
    run = _import(beheerder, _schrijf(datamap, "gewijzigd.csv", tekst))
    assert (run.aangemaakt, run.gewijzigd, run.ongewijzigd) == (0, 1, 4)
    versies = list(Activiteituitvoering.objects.filter(bron_id="A-001").order_by("versie"))
    assert [v.versie for v in versies] == [1, 2] and {v.uuid for v in versies} == {eerst.uuid}
    oud, nieuw = versies
    assert oud.geldig_tot == timezone.localdate() and oud.afgevoerd_op is None  # closed, kept as history
    assert nieuw.geldig_vanaf == timezone.localdate() and nieuw.status == "gestaakt" and nieuw.geldig_tot is None
    assert nieuw.vth_object == oud.vth_object and nieuw.uitvoerder_betrokkene == oud.uitvoerder_betrokkene
    assert _per_bron(run)["A-001"]["uuid"] == str(eerst.uuid)
    gebeurtenis = Auditgebeurtenis.objects.filter(actie="import.batch").latest("pk")
    assert gebeurtenis.na["gewijzigd"] == ["A-001"] and gebeurtenis.object_id == str(run.uuid)


def test_wijziging_op_dezelfde_dag_vervangt_en_eerder_wordt_geweigerd(beheerder, datamap):
    kop = "bron_id,activiteit,naam,straat,huisnummer,postcode,gemeente,x,y,status,geldig_vanaf,legitimatie\n"
    vandaag = timezone.localdate()
    regel = "D-1,bal-3.2.1,Smederij,Markt,2,5611EB,GM0772,161500,383200,uitvoering,{datum},{leg}\n"
    _import(beheerder, _schrijf(datamap, "d1.csv", kop + regel.format(datum=vandaag, leg="M-1")))
    run = _import(beheerder, _schrijf(datamap, "d2.csv", kop + regel.format(datum=vandaag, leg="M-2")))
    assert run.gewijzigd == 1
    oud, nieuw = Activiteituitvoering.objects.filter(bron_id="D-1").order_by("versie")
    assert oud.afgevoerd_op is not None and oud.geldig_tot is None and nieuw.legitimatie == "M-2"
    gisteren = vandaag - timedelta(days=1)
    run = _import(beheerder, _schrijf(datamap, "d3.csv", kop + regel.format(datum=gisteren, leg="M-3")))
    assert run.geweigerd == 1 and "vóór de actuele versie" in _rapport(run)[0]["redenen"]
    assert Activiteituitvoering.objects.filter(bron_id="D-1").count() == 2


def test_overdracht_en_ander_object_niet_via_import(beheerder, datamap):
    kop = "bron_id,vth_object_id,activiteit,naam,straat,huisnummer,postcode,gemeente,x,y,status,bevoegd_gezag\n"
    regel = "E-1,{obj},bal-3.2.1,Smederij,Markt,2,5611EB,GM0772,161500,383200,uitvoering,{bg}\n"
    _import(beheerder, _schrijf(datamap, "e1.csv", kop + regel.format(obj="OBJ-1", bg="GM0772")))
    run = _import(beheerder, _schrijf(datamap, "e2.csv", kop + regel.format(obj="OBJ-2", bg="PV30")))
    redenen = _rapport(run)[0]["redenen"]
    assert "van GM0772 in PV30" in redenen and "hoort bij VTH-object 'openvth-import:OBJ-1'" in redenen
    assert run.redenen == {"wijziging": 1}


def test_ontbrekende_kolom_laat_bestaande_waarde_staan(beheerder, datamap):
    _import(beheerder, "openvth_rd.csv")
    tekst = (DATA / "openvth_rd.csv").read_text(encoding="utf-8-sig").splitlines()
    kop = tekst[0].split(",")
    weg = kop.index("legitimatie")
    zonder = "\n".join(",".join(v for i, v in enumerate(r.split(",")) if i != weg) for r in tekst)
    run = _import(beheerder, _schrijf(datamap, "zonder.csv", zonder))
    assert (run.gewijzigd, run.ongewijzigd) == (0, 5)
    assert Activiteituitvoering.objects.get(bron_id="A-001").legitimatie == "M-2024-001"


# --- access and audit -----------------------------------------------------------------------------------


def test_rijen_van_een_andere_organisatie_geweigerd(catalogus):
    dcmr = _persoon("rijnmond", {"dcmr": [Rol.TOEZICHTHOUDER]})
    run = _import(dcmr, "openvth_rd.csv")
    assert run.aangemaakt == 1 and run.redenen["toegang"] == 5  # only the Rotterdam row is DCMR's own
    reden = _per_bron(run)["A-001"]["redenen"]
    assert "DCMR Milieudienst Rijnmond mag niet schrijven voor bevoegd gezag GM0772" in reden
    assert list(Activiteituitvoering.objects.values_list("bron_id", flat=True)) == ["B-toegang"]


def test_mandaat_geeft_schrijfrecht(beheerder, org):
    Mandaat.objects.create(mandaatgever=org("GM0599"), mandaatnemer=org("odzob"), taakcategorieen=["basistaak"])
    run = _import(beheerder, "openvth_rd.csv")
    assert _per_bron(run)["B-toegang"]["resultaat"] == "aangemaakt"
    assert Activiteituitvoering.objects.get(bron_id="B-toegang").toezichtinstantie == org("dcmr")


def test_mandaat_dekt_geen_strafrechtelijke_rij(beheerder, org, datamap):
    """A mandate never covers strafrechtelijk records (toegang.vereis_schrijven): not through an import either."""
    Mandaat.objects.create(mandaatgever=org("GM0599"), mandaatnemer=org("odzob"), taakcategorieen=["basistaak"])
    tekst = (DATA / "openvth_rd.csv").read_text(encoding="utf-8-sig").splitlines()
    kop, rij = tekst[0], next(r for r in tekst if r.startswith("B-toegang,"))
    run = _import(beheerder, _schrijf(datamap, "straf.csv", kop + "\n" + rij + "strafrechtelijk\n"))
    assert _per_bron(run)["B-toegang"]["resultaat"] == "geweigerd" and run.redenen == {"toegang": 1}
    run = _import(beheerder, _schrijf(datamap, "intern.csv", kop + "\n" + rij + "intern\n"))
    assert _per_bron(run)["B-toegang"]["resultaat"] == "aangemaakt"
    hoger = _import(beheerder, _schrijf(datamap, "hoger.csv", kop + "\n" + rij + "strafrechtelijk\n"))
    assert _per_bron(hoger)["B-toegang"]["resultaat"] == "geweigerd"
    assert Activiteituitvoering.objects.get(bron_id="B-toegang").vertrouwelijkheid == "intern"


def test_zonder_schrijfrol_geen_import(catalogus):
    adviseur = _persoon("adviseur", {"odzob": [Rol.ADVISEUR]})
    with pytest.raises(GeenToestemming):
        _import(adviseur, "openvth_rd.csv")
    assert not Importrun.objects.exists()


def test_een_auditgebeurtenis_per_batch(beheerder):
    run = _import(beheerder, "openvth_rd.csv", batchgrootte=3)
    gebeurtenissen = list(Auditgebeurtenis.objects.filter(actie="import.batch").order_by("pk"))
    assert len(gebeurtenissen) == 2  # rows 1-3 and 4-6 hold the five good rows; the other batches wrote nothing
    assert gebeurtenissen[0].na["aangemaakt"] == ["A-001", "A-002", "A-003"]
    assert gebeurtenissen[0].na["nieuw"] == {"vth_objecten": 2, "locaties": 2, "betrokkenen": 2}
    assert gebeurtenissen[1].na["aantallen"] == {"aangemaakt": 2, "gewijzigd": 0, "ongewijzigd": 0, "geweigerd": 1}
    assert {g.object_id for g in gebeurtenissen} == {str(run.uuid)} and gebeurtenissen[0].actor_naam == "beheerder"
    assert not Auditgebeurtenis.objects.filter(actie__startswith="activiteituitvoering.").exists()


# --- the validating second process (pijplijn.py) --------------------------------------------------------


def test_tweede_proces_geeft_hetzelfde_als_een_proces(beheerder, datamap):
    parallel = _import(beheerder, "openvth_rd.csv", batchgrootte=4, parallel=True)
    rapport_parallel = _rapport(parallel)
    Activiteituitvoering.objects.all().delete()
    VthObject.objects.all().delete()
    Importrun.objects.all().delete()
    serieel = _import(beheerder, "openvth_rd.csv", batchgrootte=4, parallel=False)
    zonder_uuid = [{k: v for k, v in r.items() if k != "uuid"} for r in _rapport(serieel)]
    assert zonder_uuid == [{k: v for k, v in r.items() if k != "uuid"} for r in rapport_parallel]
    assert (serieel.aangemaakt, serieel.geweigerd) == (parallel.aangemaakt, parallel.geweigerd) == (5, 16)
    een = Activiteituitvoering.objects.select_related("bevoegd_gezag", "activiteit").get(bron_id="A-001")
    assert een.bevoegd_gezag.code and een.activiteit.code  # organisations and activity came back as instances


def test_fout_in_het_tweede_proces_breekt_de_import_af(beheerder, monkeypatch):
    from openvth.register.importeren.validatie import Validator

    def kapot(self, blok):
        raise ValueError(f"kapotte regel {blok[0].regel}")

    monkeypatch.setattr(Validator, "valideer_batch", kapot)  # the forked child inherits the patch
    with pytest.raises(ValueError, match="kapotte regel 2"):
        _import(beheerder, "openvth_rd.csv", batchgrootte=4, parallel=True)
    run = Importrun.objects.get()
    assert (run.status, run.verwerkt) == (Importstatus.MISLUKT, 0)
    assert not Activiteituitvoering.objects.exists()


def test_postgresql_krijgt_verse_statistieken_tijdens_de_import(beheerder, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(verwerken._Statistiek, "EERSTE", 2)
    with CaptureQueriesContext(connection) as vragen:
        _import(beheerder, "openvth_rd.csv", batchgrootte=2, parallel=False)
    analyses = [v["sql"] for v in vragen.captured_queries if v["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert 1 <= len(analyses) <= 3  # at 2 rows written, then each time the count has doubled (5 in all)
        assert all('"register_locatie"' in a and '"register_betrokkene"' in a for a in analyses)
    else:
        assert analyses == []


# --- resuming -------------------------------------------------------------------------------------------


def test_mislukte_batch_teruggedraaid_en_hervat(beheerder, monkeypatch):
    echte = verwerken.Schrijver.schrijf
    aanroepen = {"n": 0}

    def falend(self, rijen):
        aanroepen["n"] += 1
        verslag = echte(self, rijen)  # writes, then fails: the batch's transaction must undo it all
        if aanroepen["n"] == 2:
            raise RuntimeError("stroomstoring")
        return verslag

    monkeypatch.setattr(verwerken.Schrijver, "schrijf", falend)
    with pytest.raises(RuntimeError):
        _import(beheerder, "openvth_rd.csv", batchgrootte=2)
    run = Importrun.objects.get()
    assert (run.status, run.verwerkt, run.laatste_batch) == (Importstatus.MISLUKT, 2, 1)
    assert "stroomstoring" in run.melding
    assert set(Activiteituitvoering.objects.values_list("bron_id", flat=True)) == {"A-001", "A-002"}
    monkeypatch.setattr(verwerken.Schrijver, "schrijf", echte)
    hervat = _import(beheerder, "openvth_rd.csv", batchgrootte=2)
    assert hervat.pk == run.pk and hervat.status == Importstatus.VOLTOOID
    assert (hervat.aangemaakt, hervat.geweigerd, hervat.verwerkt) == (5, 16, 21)
    assert Activiteituitvoering.objects.count() == 5 and Importbatch.objects.filter(run=hervat).count() == 11
    assert len(_rapport(hervat)) == 21


def test_levende_eigenaar_blokkeert_tweede_proces(beheerder):
    run = _import(beheerder, "openvth_rd.csv")
    Importrun.objects.filter(pk=run.pk).update(status=Importstatus.BEZIG, eigenaar="elders:1")
    with pytest.raises(AlBezig, match="wordt al geïmporteerd"):
        _import(beheerder, "openvth_rd.csv")
    # ten minutes without a committed batch: the owner is gone, and the next run takes over
    Importrun.objects.filter(pk=run.pk).update(bijgewerkt_op=timezone.now() - timedelta(minutes=11))
    assert _import(beheerder, "openvth_rd.csv").pk == run.pk


# --- the command -----------------------------------------------------------------------------------------


def test_commando_import(catalogus, monkeypatch):
    from openvth.register.importeren import pijplijn

    gevraagd = []
    echte_batches = pijplijn.batches

    def batches(*args, parallel, **opties):
        gevraagd.append(parallel)
        return echte_batches(*args, parallel=parallel, **opties)

    monkeypatch.setattr(pijplijn, "batches", batches)
    gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="operator",
        wachtwoord=WACHTWOORD,
        lidmaatschappen={"GM0772": [Rol.ADVISEUR], "odzob": [Rol.VERGUNNINGVERLENER]},
    )
    uit = io.StringIO()
    call_command(
        "import",
        str(DATA / "squit_rd.csv"),
        profiel="squit-export",
        gebruiker="operator",
        organisatie="odzob",
        batch=3,
        bron_systeem="squit-oost",
        stdout=uit,
    )
    tekst = uit.getvalue()
    run = Importrun.objects.get()
    assert Activiteituitvoering.objects.get(bron_id="Z-2024-0001").vth_object.lokaal_id == "squit-oost:INR-100"
    assert "aangemaakt" in tekst and "Onbekende activiteit: 1" in tekst and str(rapportpad(run)) in tekst
    assert rapportpad(run).exists() and run.batchgrootte == 3
    # the progress bar runs no thread of its own, so the command validates in a second process where it can
    assert gevraagd == [(os.cpu_count() or 1) > 1]
    with pytest.raises(CommandError, match="Bestand geweigerd, niets opgeslagen: Verplichte kolommen"):
        call_command(
            "import",
            str(DATA / "openvth_rd.csv"),
            profiel="squit-export",
            gebruiker="operator",
            organisatie="odzob",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="Uw rol"):  # as adviser of Eindhoven: no importing role
        call_command(
            "import",
            str(DATA / "squit_rd.csv"),
            profiel="squit-export",
            gebruiker="operator",
            organisatie="GM0772",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="Onbekend profiel"):
        call_command("import", "x.csv", profiel="nergens", gebruiker="operator", stdout=io.StringIO())
    with pytest.raises(CommandError, match="geen lid van"):
        call_command(
            "import", "x.csv", profiel="openvth", gebruiker="operator", organisatie="dcmr", stdout=io.StringIO()
        )


def test_commando_grens_lijst_en_hervat(beheerder, datamap, settings, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.OPENVTH_IMPORT_MAX_MB = 1
    # One row padded with empty lines (a CSV reader skips them) to 1.1 MB: the size, not the rows, is under test.
    groot = _schrijf(datamap, "groot.csv", KOP + GOEDE_REGEL + "\n" * (1024 * 1024 + 100_000))
    with pytest.raises(CommandError, match=r"Bestand geweigerd, niets opgeslagen: Het bestand \(1,1 MB\) is groter"):
        call_command("import", str(groot), profiel="openvth", gebruiker="beheerder", stdout=io.StringIO())
    # an upload whose worker stopped after two batches, then resumed from the command line
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    upload = SimpleUploadedFile("openvth_rd.csv", (DATA / "openvth_rd.csv").read_bytes())
    run = wachtrij.importrun_starten(actor=beheerder, upload=upload, profiel=profiel_laden("openvth"))
    Importrun.objects.filter(pk=run.pk).update(batchgrootte=5)
    echte, teller = verwerken.Schrijver.schrijf, {"n": 0}

    def stopt(self, rijen):
        teller["n"] += 1
        if teller["n"] == 3:
            raise SystemExit(1)
        return echte(self, rijen)

    monkeypatch.setattr(verwerken.Schrijver, "schrijf", stopt)
    with pytest.raises(SystemExit):
        verwerken.importrun_uitvoeren(str(run.uuid))
    monkeypatch.setattr(verwerken.Schrijver, "schrijf", echte)
    uit = io.StringIO()
    call_command("import", lijst=True, gebruiker="beheerder", stdout=uit)
    assert str(run.uuid) in uit.getvalue() and "bezig — stilgevallen" in uit.getvalue()
    uit = io.StringIO()
    call_command("import", hervat=str(run.uuid), gebruiker="beheerder", stdout=uit)
    run.refresh_from_db()
    assert f"Hervat import {run.uuid} na 10 van 21 rijen" in uit.getvalue() and "Kwaliteitsrapport" in uit.getvalue()
    assert (run.status, run.verwerkt, run.aangemaakt, run.geweigerd) == (Importstatus.VOLTOOID, 21, 5, 16)
    with pytest.raises(CommandError, match="er is niets te hervatten"):
        call_command("import", hervat=str(run.uuid), gebruiker="beheerder", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Geen import nergens van uw organisatie"):
        call_command("import", hervat="nergens", gebruiker="beheerder", stdout=io.StringIO())
    uit = io.StringIO()
    call_command("import", lijst=True, gebruiker="beheerder", stdout=uit)
    assert "Geen onvoltooide imports." in uit.getvalue()
