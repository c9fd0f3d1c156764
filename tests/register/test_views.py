"""The public register in the browser: search filters, the map endpoint's aggregation, the location page, and
anonymous visitors versus staff exactly as the access policy says."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.audit.models import Inzage
from openvth.organisaties.models import Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.register import kaart, services
from openvth.register.models import Activiteituitvoering, VthObject

from ..fabrieken import totp_apparaat, totp_code
from .conftest import uitvoering_op_nieuw_object

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-test-wachtwoord-1"
EINDHOVEN_BBOX = "5.40,51.40,5.55,51.48"  # lon/lat around Markt 1, Eindhoven (RD 161500, 383200)


@pytest.fixture
def anoniem():
    cache.clear()
    return Client()


@pytest.fixture
def medewerker(wereld, settings):
    """A client logged in as a toezichthouder of ODZOB, past the second factor."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    cache.clear()
    gebruiker = gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="toezicht",
        wachtwoord=WACHTWOORD,
        lidmaatschappen={"odzob": [Rol.TOEZICHTHOUDER]},
    )
    apparaat = totp_apparaat(gebruiker)
    client = Client()
    assert client.post("/inloggen", {"username": "toezicht", "password": WACHTWOORD}).status_code == 302
    assert client.post("/tweede-factor", {"code": totp_code(apparaat)}).status_code == 302
    return client


def _gevonden(r) -> list[str]:
    return [str(u.uuid) for u in r.context["pagina"].object_list]


# --- search -------------------------------------------------------------------------------------------------


def test_zoekpagina_anoniem_alleen_openbaar(anoniem, wereld):
    r = anoniem.get("/register/")
    assert r.status_code == 200
    assert _gevonden(r) == [str(wereld["openbaar"].uuid)]
    html = r.content.decode()
    assert "Bakkerij De Korst" in html and f"/register/locaties/{wereld['locatie'].uuid}" in html
    assert f"/organisaties/{wereld['eindhoven'].uuid}" in html and f"/organisaties/{wereld['odzob'].uuid}" in html
    assert "Jan Jansen" not in html
    assert 'id="registerkaart"' in html and 'data-bron="/register/kaart.json?"' in html
    assert not Inzage.objects.exists()


@pytest.mark.parametrize(
    ("parameters", "aantal"),
    [
        ({"q": "5611 EB"}, 1),
        ({"q": "5611eb"}, 1),
        ({"q": "5612 AA"}, 0),
        ({"q": "korst"}, 1),
        ({"q": "Markt Eindhoven"}, 1),
        ({"gemeente": "GM0772"}, 1),
        ({"gemeente": "GM0363"}, 0),
        ({"activiteit": "bal-3.2"}, 1),  # a chapter matches the paragraphs below it
        ({"activiteit": "bal-3.3.1"}, 0),
        ({"kwalificatie": "meldingsplicht"}, 1),
        ({"kwalificatie": "vergunningplicht"}, 0),  # only the confidential execution has it
        ({"status": "uitvoering"}, 1),
        ({"status": "gestaakt"}, 0),
        ({"bevoegd_gezag": "GM0772"}, 1),
        ({"bevoegd_gezag": "PV30"}, 0),
        ({"toezichtinstantie": "odzob"}, 1),
        ({"toezichtinstantie": "odu"}, 0),
        ({"peildatum": (date.today() - timedelta(days=1)).isoformat()}, 0),
        ({"peildatum": date.today().isoformat(), "q": "5611EB"}, 1),
    ],
)
def test_filters(anoniem, wereld, parameters, aantal):
    r = anoniem.get("/register/", parameters)
    assert r.status_code == 200
    assert len(_gevonden(r)) == aantal
    assert "kaart.json?" in r.context["kaartbron"]


def test_zoeken_zet_de_kaart_op_de_resultaten(anoniem, wereld):
    r = anoniem.get("/register/", {"q": "5611 EB"})
    locatie = wereld["locatie"]
    assert r.context["omvang"] == (locatie.lon, locatie.lat, locatie.lon, locatie.lat)
    assert r.context["kaartbron"] == "/register/kaart.json?q=5611+EB"
    assert anoniem.get("/register/").context["omvang"] is None  # no filter: the whole country


def test_ongeldig_filter_geeft_een_melding(anoniem, wereld):
    r = anoniem.get("/register/", {"status": "onzin", "peildatum": "gisteren"})
    assert r.status_code == 200
    assert "pagina" not in r.context
    assert set(r.context["form"].errors) == {"status", "peildatum"}
    assert 'id="registerkaart"' not in r.content.decode()


def test_medewerker_ziet_meer_en_wordt_gelogd(medewerker, wereld):
    r = medewerker.get("/register/")
    assert set(_gevonden(r)) == {str(wereld["openbaar"].uuid), str(wereld["geheim"].uuid)}
    assert "vertrouwelijk" in r.content.decode()
    inzage = Inzage.objects.get()
    assert inzage.object_id == str(wereld["geheim"].uuid) and inzage.doel == "raadplegen register (lijst)"
    assert len(_gevonden(medewerker.get("/register/", {"kwalificatie": "vergunningplicht"}))) == 1


def test_verborgen_vth_object_blijft_weg(anoniem, wereld):
    """A public execution at a VTH-object the visitor may not see is absent, so the object's name never shows."""
    VthObject.objects.filter(pk=wereld["obj"].pk).update(vertrouwelijkheid=Vertrouwelijkheid.INTERN)
    r = anoniem.get("/register/")
    assert _gevonden(r) == [] and "Bakkerij De Korst" not in r.content.decode()
    assert anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 14}).json()["totaal"] == 0


# --- the map endpoint ---------------------------------------------------------------------------------------


def test_kaart_punten_met_toegangsbeleid(anoniem, medewerker, wereld):
    inhoud = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 14}).json()
    locatie = wereld["locatie"]
    assert inhoud["soort"] == "punten" and inhoud["totaal"] == 1
    (punt,) = inhoud["punten"]
    assert punt["id"] == str(locatie.uuid) and punt["aantal"] == 1  # the confidential execution is not counted
    assert punt["url"] == f"/register/locaties/{locatie.uuid}"
    assert punt["namen"] == ["Bakkerij De Korst"] and "Markt 1" in punt["adres"]
    assert (punt["lat"], punt["lon"]) == (round(locatie.lat, 6), round(locatie.lon, 6))

    inhoud = medewerker.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 14}).json()
    assert inhoud["totaal"] == 2 and inhoud["punten"][0]["aantal"] == 2


def test_kaart_filtert_op_bbox_en_filters(anoniem, wereld):
    amsterdam = anoniem.get("/register/kaart.json", {"bbox": "4.8,52.3,5.0,52.4", "zoom": 12}).json()
    assert amsterdam == {"soort": "punten", "totaal": 0, "punten": []}
    buitenland = anoniem.get("/register/kaart.json", {"bbox": "10,40,11,41", "zoom": 12}).json()
    assert buitenland["totaal"] == 0
    ander = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 14, "status": "gestaakt"}).json()
    assert ander["totaal"] == 0
    zelfde = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 14, "q": "5611 EB"}).json()
    assert zelfde["totaal"] == 1


@pytest.fixture
def veel(wereld):
    """Twelve more public bakeries in a row along the RD x axis, 100 m apart, with one execution each."""
    for i in range(12):
        locatie = services.locatie_maken(
            actor=systeem_actor(),
            x=160_000.0 + 100 * i,
            y=385_000.0,
            gemeente=wereld["eindhoven"],
            straat="Lange Straat",
            huisnummer=i + 1,
            postcode="5612 AA",
            woonplaats="Eindhoven",
        )
        uitvoering_op_nieuw_object(wereld, naam=f"Bakker {i}", lokaal_id=f"odzob-b{i}", locatie=locatie)
    return wereld


def test_zoekpagina_telt_begrensd_en_sorteert(anoniem, medewerker, veel, monkeypatch):
    from openvth.web import paginering

    r = anoniem.get("/register/", {"gemeente": "GM0772"})
    pagina = r.context["pagina"]
    assert pagina.paginator.exact and pagina.paginator.count == 13 and "13 activiteiten gevonden" in r.content.decode()
    op_registratie = _gevonden(r)
    assert op_registratie == [
        str(u)
        for u in Activiteituitvoering.objects.filter(uuid__in=op_registratie)
        .order_by("id")
        .values_list("uuid", flat=True)
    ]
    op_naam = _gevonden(anoniem.get("/register/", {"gemeente": "GM0772", "sorteer": "naam"}))
    assert sorted(op_naam) == sorted(op_registratie) and op_naam != op_registratie

    monkeypatch.setattr(paginering, "TELGRENS", 10)
    monkeypatch.setattr(paginering.BegrensdePaginator.__init__, "__kwdefaults__", {"grens": 10})
    r = anoniem.get("/register/", {"gemeente": "GM0772"})
    assert not r.context["pagina"].paginator.exact and r.context["pagina"].paginator.count == 10
    assert "Meer dan 10 activiteiten gevonden" in r.content.decode()
    assert anoniem.get("/register/", {"sorteer": "willekeurig"}).status_code == 200  # a form error, shown


def test_kaart_clusters_boven_de_drempel(anoniem, medewerker, veel, monkeypatch):
    monkeypatch.setattr(kaart, "MAX_PUNTEN", 13)
    inhoud = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 12}).json()
    assert inhoud["soort"] == "punten" and inhoud["totaal"] == 13 and len(inhoud["punten"]) == 13

    monkeypatch.setattr(kaart, "MAX_PUNTEN", 10)
    inhoud = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 12}).json()
    assert inhoud["soort"] == "clusters" and inhoud["cel"] == round(kaart.celgrootte(12))
    assert sum(c["aantal"] for c in inhoud["clusters"]) == 13  # the confidential execution is never counted
    assert len(inhoud["clusters"]) < 13
    for c in inhoud["clusters"]:
        assert 51.40 < c["lat"] < 51.48 and 5.40 < c["lon"] < 5.55

    # Staff count the confidential execution too; finer cells at a higher zoom level give more clusters.
    assert (
        sum(
            c["aantal"]
            for c in medewerker.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 12}).json()["clusters"]
        )
        == 14
    )
    fijn = anoniem.get("/register/kaart.json", {"bbox": EINDHOVEN_BBOX, "zoom": 18}).json()
    assert fijn["soort"] == "clusters" and len(fijn["clusters"]) == 13

    # A box holding the western half of the row (x 160000..160500, lon 5.4591..5.4663) holds only those six.
    west = anoniem.get("/register/kaart.json", {"bbox": "5.45,51.44,5.467,51.46", "zoom": 18}).json()
    assert west["soort"] == "punten" and west["totaal"] == 6
    assert sorted(p["namen"][0] for p in west["punten"]) == [f"Bakker {i}" for i in range(6)]


def test_celgrootte():
    assert 45_000 < kaart.celgrootte(7) < 50_000
    assert kaart.celgrootte(8) == pytest.approx(kaart.celgrootte(7) / 2)
    assert 80 < kaart.celgrootte(16) < 100


@pytest.mark.parametrize(
    ("parameters", "fout"),
    [
        ({"zoom": 10}, "bbox"),
        ({"bbox": "a,b,c,d", "zoom": 10}, "bbox"),
        ({"bbox": "5,51,6", "zoom": 10}, "bbox"),
        ({"bbox": "5,52,6,51", "zoom": 10}, "bbox"),
        ({"bbox": "5,51,5,52", "zoom": 10}, "bbox"),
        ({"bbox": "5,51,200,52", "zoom": 10}, "bbox"),
        ({"bbox": EINDHOVEN_BBOX}, "zoom"),
        ({"bbox": EINDHOVEN_BBOX, "zoom": "veel"}, "zoom"),
        ({"bbox": EINDHOVEN_BBOX, "zoom": 99}, "zoom"),
        ({"bbox": EINDHOVEN_BBOX, "zoom": -1}, "zoom"),
        ({"bbox": EINDHOVEN_BBOX, "zoom": 10, "status": "onzin"}, "status"),
    ],
)
def test_kaart_ongeldige_parameters(anoniem, wereld, parameters, fout):
    r = anoniem.get("/register/kaart.json", parameters)
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in r.json()["invalidParams"]] == [fout]


# --- the location page --------------------------------------------------------------------------------------


def test_locatiepagina_anoniem(anoniem, wereld):
    r = anoniem.get(f"/register/locaties/{wereld['locatie'].uuid}")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Markt 1, 5611 EB Eindhoven" in html and "Bakkerij De Korst" in html
    assert "Stookinstallatie" in html and "M-2024-001" in html
    assert f"/organisaties/{wereld['eindhoven'].uuid}" in html and f"/organisaties/{wereld['odzob'].uuid}" in html
    assert "Jan Jansen" not in html  # a natural person: never on an anonymous page
    assert "vergunningplicht" not in html and "vertrouwelijk" not in html.lower()
    assert 'id="locatiepunt"' in html and 'id="locatiekaart"' in html
    (overzicht,) = r.context["objecten"]
    assert [k.versie.uuid for k in overzicht.geldig] == [wereld["openbaar"].uuid] and overzicht.vestiging
    assert not Inzage.objects.exists()


def test_locatiepagina_medewerker_ziet_meer_en_wordt_gelogd(medewerker, wereld):
    r = medewerker.get(f"/register/locaties/{wereld['locatie'].uuid}")
    html = r.content.decode()
    assert "Jan Jansen" in html and "vergunningplicht" in html
    gelogd = set(Inzage.objects.values_list("object_id", flat=True))
    assert {str(wereld["geheim"].uuid), str(wereld["eigenaar"].uuid)} <= gelogd
    assert str(wereld["openbaar"].uuid) not in gelogd  # public records are not logged


def test_locatiepagina_peildatum_en_geschiedenis(anoniem, wereld):
    openbaar = wereld["openbaar"]
    Activiteituitvoering.objects.filter(pk=openbaar.pk).update(geldig_vanaf=date(2024, 1, 1))
    services.uitvoering_wijzigen(
        actor=wereld["medewerker"],
        uuid=openbaar.uuid,
        verwachte_etag=services.etag(openbaar),
        wijzigingen={"status": "gestaakt", "legitimatie": "M-2025-077"},
        geldig_vanaf=date(2025, 3, 1),
    )
    url = f"/register/locaties/{wereld['locatie'].uuid}"

    nu = anoniem.get(url).context["objecten"][0].geldig[0]
    assert nu.versie.status == "gestaakt" and [v.versie for v in nu.versies] == [2, 1]
    html = anoniem.get(url).content.decode()
    assert "M-2025-077" in html and "M-2024-001" in html  # the history shows both versions

    toen = anoniem.get(url, {"peildatum": "2024-06-01"})
    keten = toen.context["objecten"][0].geldig[0]
    assert keten.versie.status == "uitvoering" and keten.versie.legitimatie == "M-2024-001"
    assert "1 juni 2024" in toen.content.decode()

    voor = anoniem.get(url, {"peildatum": "2023-06-01"}).context["objecten"][0]
    assert voor.geldig == [] and len(voor.overig) == 1  # not yet valid then: listed apart, with its history


def test_locatiepagina_onbekend_of_ongeldig(anoniem, wereld):
    r = anoniem.get("/register/locaties/3f0c6f7e-0000-4000-8000-000000000000")
    assert r.status_code == 404 and "Niet gevonden" in r.content.decode()
    assert anoniem.get("/register/locaties/geen-uuid").status_code == 404
    r = anoniem.get(f"/register/locaties/{wereld['locatie'].uuid}", {"peildatum": "morgen"})
    assert r.status_code == 200 and r.context["peildatum"] == date.today() and r.context["form"].errors


def test_locatie_zonder_openbare_objecten(anoniem, wereld):
    leeg = services.locatie_maken(
        actor=systeem_actor(), x=155_000.0, y=463_000.0, gemeente=Organisatie.objects.get(code="GM0344")
    )
    r = anoniem.get(f"/register/locaties/{leeg.uuid}")
    assert r.status_code == 200 and r.context["objecten"] == []
    assert "geen openbare VTH-objecten" in r.content.decode()


def test_export_van_de_zoekopdracht(wereld):
    from django.test import Client

    client = Client()
    r = client.get("/register/export.csv", {"q": "5611EB"})
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="register-')
    inhoud = b"".join(r.streaming_content).decode("utf-8-sig")
    assert str(wereld["openbaar"].uuid) in inhoud and str(wereld["geheim"].uuid) not in inhoud
    assert "Jan Jansen" not in inhoud
    r = client.get("/register/export.geojson", {"gemeente": "GM0772"})
    assert r["Content-Type"] == "application/geo+json"
    assert b'"FeatureCollection"' in b"".join(r.streaming_content)
    r = client.get("/register/export.inspectieview")
    assert r["Content-Type"] == "application/zip" and b"".join(r.streaming_content)[:2] == b"PK"
    assert client.get("/register/export.xlsx").status_code == 404


def test_wijzigen_en_beeindigen_vanaf_de_locatiepagina(wereld):
    from django.test import Client

    from openvth.audit.models import Auditgebeurtenis
    from openvth.organisaties.services import gebruiker_maken, systeem_actor
    from openvth.register.models import Activiteituitvoering
    from openvth.register.services import etag

    from ..fabrieken import totp_apparaat, totp_code

    gebruiker = gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="vv-odzob",
        wachtwoord="een-lang-test-wachtwoord-1",
        lidmaatschappen={"odzob": ["vergunningverlener"]},
    )
    client = Client()
    client.post("/inloggen", {"username": "vv-odzob", "password": "een-lang-test-wachtwoord-1"})
    client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))})
    u = wereld["openbaar"]
    pagina = client.get(f"/register/locaties/{wereld['locatie'].uuid}").content.decode()
    assert "Nieuwe versie vastleggen" in pagina
    p = str(u.uuid)
    r = client.post(
        f"/register/uitvoeringen/{u.uuid}/wijzigen",
        {
            f"{p}-status": "beeindigd",
            f"{p}-kwalificaties": ["meldingsplicht"],
            f"{p}-beeindigingsdatum": "2026-12-31",
            f"{p}-etag": etag(u),
        },
        follow=True,
    )
    assert "nieuwe versie" in r.content.decode()
    nieuw = Activiteituitvoering.objects.get(uuid=u.uuid, versie=2)
    assert nieuw.status == "beeindigd" and str(nieuw.beeindigingsdatum) == "2026-12-31"
    assert Auditgebeurtenis.objects.filter(actie="activiteituitvoering.gewijzigd", object_id=p).exists()
    r = client.post(
        f"/register/uitvoeringen/{u.uuid}/wijzigen",
        {  # the same, stale form again
            f"{p}-status": "uitvoering",
            f"{p}-etag": etag(u),
        },
        follow=True,
    )
    assert "intussen gewijzigd" in r.content.decode()
    assert not Activiteituitvoering.objects.filter(uuid=u.uuid, versie=3).exists()
    # an anonymous visitor gets no form and cannot post one
    assert (
        "Nieuwe versie vastleggen" not in Client().get(f"/register/locaties/{wereld['locatie'].uuid}").content.decode()
    )
    r = Client().post(
        f"/register/uitvoeringen/{u.uuid}/wijzigen",
        {f"{p}-status": "uitvoering", f"{p}-etag": etag(nieuw)},
        follow=True,
    )
    assert not Activiteituitvoering.objects.filter(uuid=u.uuid, versie=3).exists()
