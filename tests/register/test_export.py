"""Register exports: CSV, GeoJSON and Inspectieview; the access policy, the access log, and streaming."""

import csv
import inspect
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy

from openvth.audit.models import Inzage
from openvth.geo import crs
from openvth.organisaties.models import Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.register import export, selectors, services
from openvth.register.export import (
    ACTIVITEITUITVOERING_KOLOMMEN,
    BATCH,
    CSV_KOLOMMEN,
    INSPECTIEOBJECT_KOLOMMEN,
    INSPECTIEVIEW_BESTANDEN,
    VESTIGING_KOLOMMEN,
    bestandsnaam,
    exporteer,
)
from openvth.register.generator import genereer
from openvth.register.models import Activiteituitvoering, Betrokkene, SoortBetrokkene

from ..fabrieken import LidmaatschapFactory

pytestmark = pytest.mark.django_db
PEILDATUM = date(2026, 6, 1)


@pytest.fixture
def regio(wereld):
    """The small Eindhoven world plus 400 synthetic ODZOB locations (public, internal and confidential rows)."""
    genereer(aantal=400, seed=11, peildatum=PEILDATUM, omgevingsdienst="odzob")
    return wereld


@pytest.fixture
def toezichthouder(regio):
    lid = LidmaatschapFactory(organisatie=regio["odzob"], rollen=[Rol.TOEZICHTHOUDER])
    return lid.gebruiker


def _lees_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _export(actor, formaat, **filters) -> bytes:
    return b"".join(exporteer(actor=actor, formaat=formaat, filters=selectors.UitvoeringFilter(**filters)))


def _namen_van_personen() -> list[str]:
    namen = list(Betrokkene.objects.filter(soort=SoortBetrokkene.NATUURLIJK_PERSOON).values_list("naam", flat=True))
    assert "Jan Jansen" in namen and len(namen) > 5
    return namen


def test_csv_kop_en_inhoud(regio):
    rijen = _lees_csv(_export(Actor(), "csv", gemeente="GM0772"))
    assert tuple(rijen[0]) == CSV_KOLOMMEN
    verwacht = selectors.uitvoering_list(actor=Actor(), filters=selectors.UitvoeringFilter(gemeente="GM0772"))
    assert len(rijen) == verwacht.count() > 10
    bakker = next(r for r in rijen if r["uuid"] == str(regio["openbaar"].uuid))
    assert bakker["vth_object_naam"] == "Bakkerij De Korst"
    assert (bakker["straat"], bakker["huisnummer"], bakker["postcode"]) == ("Markt", "1", "5611EB")
    assert (bakker["gemeente_code"], bakker["bevoegd_gezag_code"], bakker["toezichtinstantie_code"]) == (
        "GM0772",
        "GM0772",
        "odzob",
    )
    assert bakker["kwalificaties"] == "meldingsplicht" and bakker["legitimatie"] == "M-2024-001"
    assert bakker["uitvoerder"] == ""  # Jan Jansen runs it: a natural person, not for the public
    assert (float(bakker["x"]), float(bakker["y"])) == (161_500.0, 383_200.0)
    lon, lat = crs.rd_naar_wgs84(161_500.0, 383_200.0)
    assert (float(bakker["lon"]), float(bakker["lat"])) == (lon, lat)
    assert all(r["kwalificaties"] for r in rijen)
    assert {r["vertrouwelijkheid"] for r in rijen} == {"openbaar"}


def test_geojson_featurecollection_in_crs84(regio):
    inhoud = json.loads(_export(Actor(), "geojson", toezichtinstantie="odzob"))
    assert inhoud["type"] == "FeatureCollection" and "crs" not in inhoud
    verwacht = selectors.uitvoering_list(actor=Actor(), filters=selectors.UitvoeringFilter(toezichtinstantie="odzob"))
    assert len(inhoud["features"]) == verwacht.count() > 100
    for feature in inhoud["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert crs.binnen_nederland_wgs84(lon, lat)
        assert feature["id"] == feature["properties"]["id"] and "geometrie" not in feature["properties"]
        assert feature["properties"]["vertrouwelijkheid"] == "openbaar"


def test_filters_status_activiteit_en_peildatum(regio):
    beeindigd = _lees_csv(_export(Actor(), "csv", status="beeindigd"))
    assert beeindigd and {r["status"] for r in beeindigd} == {"beeindigd"}
    stook = _lees_csv(_export(Actor(), "csv", activiteit="bal-3.2"))  # an afdeling includes its paragraphs
    assert stook and {r["activiteit_code"] for r in stook} <= {"bal-3.2", "bal-3.2.1", "bal-3.2.5", "bal-3.2.6",
                                                                 "bal-3.2.12"}  # fmt: skip
    vroeger = _lees_csv(_export(Actor(), "csv", peildatum=date(2012, 1, 1)))
    assert vroeger and all(r["geldig_vanaf"] <= "2012-01-01" for r in vroeger)
    assert len(vroeger) < len(_lees_csv(_export(Actor(), "csv")))


def test_anonieme_export_toont_niets_niet_openbaars_en_geen_namen(regio):
    geheim = {str(u) for u in Activiteituitvoering.objects.exclude(vertrouwelijkheid="openbaar").values_list(
        "uuid", flat=True)}  # fmt: skip
    assert str(regio["geheim"].uuid) in geheim and len(geheim) > 10
    namen = _namen_van_personen()
    bsns = list(Betrokkene.objects.exclude(bsn="").values_list("bsn", flat=True))
    inzagen = Inzage.objects.count()
    for formaat in ("csv", "geojson", "inspectieview"):
        data = _export(Actor(), formaat)
        if formaat == "inspectieview":
            with zipfile.ZipFile(io.BytesIO(data)) as archief:
                data = b"".join(archief.read(naam) for naam in archief.namelist())
        tekst = data.decode("utf-8")
        assert not [u for u in geheim if u in tekst], formaat
        assert not [n for n in namen if n in tekst], formaat
        assert not [b for b in bsns if b in tekst], formaat
    assert Inzage.objects.count() == inzagen  # public rows only: nothing to log


def test_medewerker_met_als_ziet_vertrouwelijke_rijen_en_logt_ze(regio, toezichthouder, tmp_path):
    pad = tmp_path / "register.csv"
    inzagen = Inzage.objects.count()
    uit = io.StringIO()
    call_command(
        "export", "--formaat", "csv", "--uit", str(pad), "--als", toezichthouder.username, "--organisatie", "odzob",
        stdout=uit,
    )  # fmt: skip
    rijen = _lees_csv(pad.read_bytes())
    uuids = {r["uuid"] for r in rijen}
    assert str(regio["geheim"].uuid) in uuids
    niet_openbaar = [r for r in rijen if r["vertrouwelijkheid"] != "openbaar"]
    assert {r["vertrouwelijkheid"] for r in niet_openbaar} == {"intern", "vertrouwelijk"}
    assert "Jan Jansen" in {r["uitvoerder"] for r in rijen}  # staff of the service may see the owner
    gelogd = Inzage.objects.filter(actor_id=toezichthouder.pk)
    assert gelogd.filter(object_soort="register.activiteituitvoering").count() == len(niet_openbaar)
    assert gelogd.filter(object_soort="register.betrokkene", object_omschrijving="Jan Jansen").exists()
    assert set(gelogd.values_list("doel", flat=True)) == {"export register (CLI)"}
    assert Inzage.objects.count() - inzagen == gelogd.count()
    assert f"{len(rijen)}" in uit.getvalue() and "inzage(s) gelogd" in uit.getvalue()


def test_anonieme_cli_export_is_openbaar(regio, tmp_path):
    pad = tmp_path / "register.geojson"
    call_command("export", "--formaat", "geojson", "--uit", str(pad), stdout=io.StringIO())
    features = json.loads(pad.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["vertrouwelijkheid"] for f in features} == {"openbaar"}
    assert str(regio["geheim"].uuid) not in {f["id"] for f in features}


def test_inspectieview_map_met_drie_bestanden(regio, toezichthouder, tmp_path):
    call_command(
        "export", "--formaat", "inspectieview", "--uit", str(tmp_path / "iv"), "--gemeente", "GM0772",
        "--als", toezichthouder.username, stdout=io.StringIO(),
    )  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "iv").iterdir()) == sorted(INSPECTIEVIEW_BESTANDEN)
    uitvoeringen = _lees_csv((tmp_path / "iv" / "activiteituitvoering.csv").read_bytes())
    objecten = _lees_csv((tmp_path / "iv" / "inspectieobject.csv").read_bytes())
    vestigingen = _lees_csv((tmp_path / "iv" / "vestiging.csv").read_bytes())
    assert tuple(uitvoeringen[0]) == ACTIVITEITUITVOERING_KOLOMMEN
    assert tuple(objecten[0]) == INSPECTIEOBJECT_KOLOMMEN
    assert tuple(vestigingen[0]) == VESTIGING_KOLOMMEN
    assert {u["inspectieobject_id"] for u in uitvoeringen} == {o["inspectieobject_id"] for o in objecten}
    assert str(regio["geheim"].uuid) in {u["activiteituitvoering_id"] for u in uitvoeringen}
    korst = next(o for o in objecten if o["inspectieobject_id"] == "nl-vthflo.odzob-1")
    assert (korst["naam"], korst["kvk_nummer"], korst["vestigingsnummer"]) == (
        "Bakkerij De Korst",
        "12345678",
        "000012345678",
    )
    assert (korst["wa_straatnaam"], korst["wa_huisnummer"], korst["wa_postcode_nl"], korst["wa_plaatsnaam"]) == (
        "Markt",
        "1",
        "5611EB",
        "Eindhoven",
    )
    assert korst["wa_landcode"] == "NL" and korst["bevoegd_gezag_code"] == "GM0772"
    assert {o["vestigingsnummer"] for o in objecten} == {v["vestigingsnummer"] for v in vestigingen}
    bakkerij = next(v for v in vestigingen if v["vestigingsnummer"] == "000012345678")
    assert bakkerij["handelsnaam"] == "Bakkerij De Korst" and bakkerij["wa_straatnaam"] == "Markt"
    assert all(v["indicatie_hoofdvestiging"] in ("J", "N", "") and v["verkorte_naam"] == "" for v in vestigingen)
    assert "Jan Jansen" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "iv").iterdir())


def test_inspectieview_zip_over_http_bevat_dezelfde_bestanden(regio, tmp_path):
    call_command("export", "--formaat", "inspectieview", "--uit", str(tmp_path), stdout=io.StringIO())
    with zipfile.ZipFile(io.BytesIO(_export(Actor(), "inspectieview"))) as archief:
        assert archief.namelist() == list(INSPECTIEVIEW_BESTANDEN)
        for naam in INSPECTIEVIEW_BESTANDEN:
            assert archief.read(naam) == (tmp_path / naam).read_bytes()
    assert bestandsnaam("inspectieview", date(2026, 6, 1)) == "inspectieview-register-2026-06-01.zip"


def test_export_van_20000_rijen_stroomt_in_stukken(catalogus):
    for i in range(3):
        genereer(aantal=2_400, seed=i, peildatum=PEILDATUM, bron_systeem=f"stroom-{i}")
    filters = selectors.UitvoeringFilter(alle_versies=True)
    totaal = selectors.uitvoering_list(actor=Actor(), filters=filters).count()
    assert totaal >= 20_000
    with CaptureQueriesContext(connection) as vragen:
        stroom = exporteer(actor=Actor(), formaat="csv", filters=filters)
    assert inspect.isgenerator(stroom) and not vragen.captured_queries  # nothing read before the first chunk
    stukken = [stuk for stuk in stroom]
    assert len(stukken) >= 1 + totaal // BATCH  # the header, then one chunk per batch
    assert max(len(stuk) for stuk in stukken) < sum(len(stuk) for stuk in stukken) / 5  # never all in one piece
    assert max(stuk.count(b"\r\n") for stuk in stukken) <= BATCH
    assert sum(stuk.count(b"\r\n") for stuk in stukken) == totaal + 1


def test_csv_cel_wordt_geen_formule(regio):
    medewerker = regio["medewerker"]
    services.uitvoering_maken(
        actor=medewerker,
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.2.1",
            vth_object=regio["obj"],
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
            kwalificaties=("meldingsplicht",),
            omschrijving='=HYPERLINK("http://example.org")',
        ),
    )
    rijen = _lees_csv(_export(Actor(), "csv", gemeente="GM0772"))
    assert '\'=HYPERLINK("http://example.org")' in {r["omschrijving"] for r in rijen}


@pytest.mark.parametrize(
    ("waarde", "cel"),
    [
        ("=1+1", "'=1+1"),
        ("+31 40 123", "'+31 40 123"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\0=1", "'\0=1"),  # ASVS 5.0 1.2.10 names NUL too
        (gettext_lazy("=HYPERLINK(1)"), "'=HYPERLINK(1)"),  # a lazy label is text as well
        ("Bakkerij De Vries", "Bakkerij De Vries"),
        ("a=b", "a=b"),
        (-5, -5),  # a number stays a number
        (None, ""),
    ],
)
def test_csv_cel(waarde, cel):
    assert export.csv_cel(waarde) == cel
    schrijver = export.CsvSchrijver(["kolom"])
    schrijver.rij([waarde])
    assert list(csv.reader(io.StringIO(schrijver.leeg().decode("utf-8"))))[1] == [str(cel)]


def test_weigeringen(regio, toezichthouder, tmp_path):
    with pytest.raises(ValueError, match="Onbekend exportformaat"):
        exporteer(actor=Actor(), formaat="xml")
    with pytest.raises(CommandError):
        call_command("export", "--formaat", "xml", "--uit", str(tmp_path / "x"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Onbekende of inactieve gebruiker"):
        call_command("export", "--formaat", "csv", "--uit", str(tmp_path / "x.csv"), "--als", "niemand")
    with pytest.raises(CommandError, match="geen lid"):
        call_command(
            "export", "--formaat", "csv", "--uit", str(tmp_path / "x.csv"), "--als", toezichthouder.username,
            "--organisatie", "GM0772",
        )  # fmt: skip
    with pytest.raises(CommandError, match="hoort bij --als"):
        call_command("export", "--formaat", "csv", "--uit", str(tmp_path / "x.csv"), "--organisatie", "odzob")
    with pytest.raises(CommandError, match="is een map"):
        call_command("export", "--formaat", "csv", "--uit", str(tmp_path))
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x").exists()


def test_vertrouwelijke_rij_ook_in_geojson_voor_medewerker(regio):
    medewerker = regio["medewerker"]
    inhoud = json.loads(_export(medewerker, "geojson", gemeente="GM0772"))
    niveaus = {f["properties"]["vertrouwelijkheid"] for f in inhoud["features"]}
    assert Vertrouwelijkheid.VERTROUWELIJK in niveaus
    assert str(regio["geheim"].uuid) in {f["id"] for f in inhoud["features"]}
