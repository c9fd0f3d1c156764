"""The evidence of a case for OM and police (issue 12 item 7): a case shared with them shows its findings, their
photos, the controles and reports they come from and the proces-verbaal — read only, logged, and gone the moment
the share is withdrawn; another case's evidence, other findings of the same controle and its loose attachments
stay hidden."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from PIL import Image

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.handhaving import selectors, services
from openvth.handhaving.models import Procesverbaal
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Lidmaatschap, Mandaat, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.toezicht import selectors as toezicht_selectors
from openvth.toezicht import services as toezicht_services
from openvth.toezicht.models import Bevinding, Controle

from . import opbouw, zaak

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GECONSTATEERD = date(2025, 1, 6)


def _png() -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 60, 30)).save(uit, format="PNG")
    return uit.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def _inspecteur():
    return opbouw.actor("inspecteur", "odzob", Rol.TOEZICHTHOUDER)


def _controle(zaak_):
    return Controle.objects.create(
        bevoegd_gezag=zaak_.bevoegd_gezag,
        uitvoerder=zaak_.uitvoerder,
        gemeente=zaak_.gemeente,
        vth_object=zaak_.vth_object,
        reden="melding",
        toelichting="melding",
        gepland_op=GECONSTATEERD,
        toezichthouder_id=_inspecteur().gebruiker_id,
    )


def _bevinding(controle, zaak_, tekst):
    """A finding with a photo, linked to `zaak_` (None: a compliant finding of the same controle)."""
    bevinding = Bevinding.objects.create(
        controle=controle,
        volgnummer=controle.bevindingen.count() + 1,
        resultaat="niet_akkoord" if zaak_ else "voorschriften_nageleefd",
        omschrijving=tekst,
        voorschrift="Bal art. 3.48 lid 2" if zaak_ else "",
        overtreding=zaak_,
        vastgelegd_door_id=_inspecteur().gebruiker_id,
    )
    toezicht_services.bijlage_maken(
        actor=_inspecteur(), controle=controle, naam=f"{tekst}.png", inhoud=_png(), bevinding=bevinding
    )
    return bevinding


def _pv(zaak_, wie=None, **velden):
    return services.procesverbaal_vastleggen(
        actor=wie or _inspecteur(),
        overtreding=zaak_,
        nummer=velden.pop("nummer", "PV-2025-0001"),
        datum=velden.pop("datum", GECONSTATEERD + timedelta(days=1)),
        verbalisant="T. Handhaver (BOA)",
        verbalisantnummer="BOA-123456",
        inhoud=velden.pop("inhoud", PDF),
        naam="pv.pdf",
    )


@pytest.fixture
def situatie():
    """Case A shared with the OM, with a finding + photo, a compliant finding of the same controle (+ photo), a
    loose attachment of the controle and a PV; case B, not shared, with its own finding, photo and PV."""
    handhaver = opbouw.handhaver()
    a = opbouw.overtreding(handhaver, geconstateerd_op=GECONSTATEERD)
    b = opbouw.overtreding(handhaver, geconstateerd_op=GECONSTATEERD, omschrijving="Geen lekbakken.")
    ca, cb = _controle(a), _controle(b)
    bev_a = _bevinding(ca, a, "lozing-a")
    ander = _bevinding(ca, None, "nageleefd-a")
    los = toezicht_services.bijlage_maken(
        actor=_inspecteur(), controle=ca, naam="overzicht.pdf", inhoud=PDF, soort="document"
    )
    bev_b = _bevinding(cb, b, "lozing-b")
    pv_a, pv_b = _pv(a), _pv(b)
    deling = services.zaak_delen(
        actor=handhaver, overtreding=a, ontvanger=Organisatie.objects.get(code="om-fp"), reden="afstemmingsoverleg"
    )
    return {
        "a": a,
        "b": b,
        "ca": ca,
        "cb": cb,
        "bev_a": bev_a,
        "ander": ander,
        "los": los,
        "bev_b": bev_b,
        "pv_a": pv_a,
        "pv_b": pv_b,
        "deling": deling,
        "handhaver": handhaver,
    }


def _officier():
    return opbouw.actor("officier", "om-fp", Rol.KETENPARTNER)


def _zichtbaar(wie, s):
    fotos = {b.bevinding_id for b in toezicht_selectors._zichtbare_bijlagen(wie) if b.bevinding_id}
    losse = {b.pk for b in toezicht_selectors._zichtbare_bijlagen(wie) if not b.bevinding_id}
    return {
        "bevindingen": set(toezicht_selectors.bevinding_list(actor=wie).values_list("pk", flat=True)),
        "controles": set(toezicht_selectors.controle_list(actor=wie).values_list("pk", flat=True)),
        "fotos": fotos,
        "losse": losse,
        "pv": set(selectors.procesverbaal_list(actor=wie).values_list("pk", flat=True)),
    }


def test_om_ziet_het_bewijs_van_de_gedeelde_zaak_en_niets_anders(situatie):
    s = situatie
    officier = _officier()
    assert _zichtbaar(officier, s) == {
        "bevindingen": {s["bev_a"].pk},  # not the compliant finding of the same controle, not case B's
        "controles": {s["ca"].pk},
        "fotos": {s["bev_a"].pk},
        "losse": set(),  # the controle's loose attachment is not evidence of this case
        "pv": {s["pv_a"].pk},
    }
    bewijs = toezicht_selectors.bewijs_bij_zaak(actor=officier, overtreding=s["a"])
    assert [b.pk for b in bewijs.bevindingen] == [s["bev_a"].pk]
    assert [f.naam for f in bewijs.bevindingen[0].fotos] == ["lozing-a.png"]
    with pytest.raises(NietGevonden):
        selectors.overtreding_get(actor=officier, uuid=s["b"].uuid)
    with pytest.raises(NietGevonden):
        toezicht_selectors.bevinding_get(actor=officier, uuid=s["bev_b"].uuid)
    with pytest.raises(NietGevonden):
        selectors.procesverbaal_get(actor=officier, uuid=s["pv_b"].uuid)
    # The owner keeps seeing everything of its own controle, the loose attachment included.
    eigen = _zichtbaar(opbouw.actor("baas", "odzob", Rol.MANAGER), s)
    assert eigen["losse"] == {s["los"].pk} and eigen["fotos"] == {s["bev_a"].pk, s["ander"].pk, s["bev_b"].pk}


def test_politie_zonder_deling_ziet_niets_en_intrekken_werkt_direct(situatie):
    s = situatie
    agent = opbouw.actor("agent", "politie", Rol.KETENPARTNER)
    leeg = {"bevindingen": set(), "controles": set(), "fotos": set(), "losse": set(), "pv": set()}
    assert _zichtbaar(agent, s) == leeg
    services.zaakdeling_intrekken(actor=s["handhaver"], deling=s["deling"], reden="OM seponeert")
    assert _zichtbaar(_officier(), s) == leeg
    for lezen in (
        lambda: toezicht_selectors.bijlage_get(actor=_officier(), uuid=s["bev_a"].bijlagen.get().uuid),
        lambda: toezicht_selectors.controle_get(actor=_officier(), uuid=s["ca"].uuid),
        lambda: selectors.procesverbaal_get(actor=_officier(), uuid=s["pv_a"].uuid),
    ):
        with pytest.raises(NietGevonden):
            lezen()


def test_de_partner_schrijft_niet_in_het_bewijs(situatie):
    s = situatie
    officier = opbouw.actor("officier", "om-fp", Rol.KETENPARTNER, Rol.TOEZICHTHOUDER, Rol.HANDHAVER)
    with pytest.raises(GeenToestemming):
        toezicht_services.bevinding_vastleggen(actor=officier, controle=s["ca"], resultaat="voorschriften_nageleefd")
    with pytest.raises(GeenToestemming):
        toezicht_services.bijlage_maken(
            actor=officier, controle=s["ca"], naam="x.png", inhoud=_png(), bevinding=s["bev_a"]
        )
    with pytest.raises(GeenToestemming):
        _pv(s["a"], officier, nummer="PV-OM-1")
    assert Bevinding.objects.filter(controle=s["ca"]).count() == 2
    assert Procesverbaal.objects.filter(overtreding=s["a"]).count() == 1


def test_procesverbaal_vastleggen_controleert_en_auditeert():
    zaak_ = opbouw.overtreding(geconstateerd_op=GECONSTATEERD)
    pv = _pv(zaak_)
    assert (pv.vertrouwelijkheid, pv.mediatype, pv.grootte) == ("strafrechtelijk", "application/pdf", len(PDF))
    assert pv.bestand.read() == PDF
    gebeurtenis = Auditgebeurtenis.objects.get(actie="procesverbaal.vastgelegd", object_id=str(pv.uuid))
    assert gebeurtenis.na["nummer"] == "PV-2025-0001"
    fouten = {
        "datum": {"datum": timezone.localdate() + timedelta(days=1), "nummer": "PV-2"},
        "datum ": {"datum": GECONSTATEERD - timedelta(days=1), "nummer": "PV-3"},
        "bestand": {"inhoud": b"<html>geen pdf</html>", "nummer": "PV-4"},
        "nummer": {},  # the same number again: a supplement gets its own
    }
    for veld, velden in fouten.items():
        with pytest.raises(OngeldigeInvoer) as fout:
            _pv(zaak_, **velden)
        assert veld.strip() in fout.value.velden
    assert Procesverbaal.objects.count() == 1


def test_procesverbaal_strafrechtelijk_dus_niet_via_mandaat_en_niet_voor_andere_rollen():
    eindhoven = Organisatie.objects.get(code="GM0772")
    obj = opbouw.vth_object(dienst="GM0772")  # Eindhoven enforces itself and has mandated ODZOB
    Mandaat.objects.get_or_create(
        mandaatgever=eindhoven,
        mandaatnemer=Organisatie.objects.get(code="odzob"),
        defaults={"taakcategorieen": ["basistaak"]},
    )
    zaak_ = opbouw.overtreding(opbouw.actor("jurist", "GM0772"), obj, geconstateerd_op=GECONSTATEERD)
    gemandateerd = opbouw.handhaver()
    assert selectors.overtreding_list(actor=gemandateerd).filter(pk=zaak_.pk).exists()
    with pytest.raises(GeenToestemming):
        _pv(zaak_, gemandateerd)
    pv = _pv(zaak_, opbouw.actor("boa", "GM0772", Rol.TOEZICHTHOUDER))
    for wie, ziet in (
        (opbouw.actor("jurist", "GM0772", Rol.HANDHAVER), True),
        (opbouw.actor("boa", "GM0772", Rol.TOEZICHTHOUDER), False),  # strafrechtelijk: not the inspector's level
        (opbouw.actor("vv", "GM0772", Rol.VERGUNNINGVERLENER), False),
        (gemandateerd, False),  # a mandate never reaches strafrechtelijk
    ):
        assert selectors.procesverbaal_list(actor=wie).filter(pk=pv.pk).exists() is ziet, wie.gebruikersnaam


def test_bewijssectie_op_de_zaakpagina_van_de_officier_gelogd_en_weg_na_intrekken(situatie):
    s = situatie
    persoon = zaak.gebruiker("mr-bakker", {"om-fp": [Rol.KETENPARTNER]})
    browser = zaak.browser(persoon)
    pagina = f"/handhaving/overtredingen/{s['a'].uuid}"
    r = browser.get(pagina)
    html = r.content.decode()
    foto = s["bev_a"].bijlagen.get()
    assert r.status_code == 200 and 'id="bewijs"' in html
    assert f'<img src="/toezicht/bijlagen/{foto.uuid}"' in html and "lozing-a" in html
    assert f"/handhaving/processen-verbaal/{s['pv_a'].uuid}.pdf" in html
    assert f"/toezicht/controles/{s['ca'].uuid}/rapport.pdf" not in html  # not carried out: no report yet
    assert "nageleefd-a" not in html and "lozing-b" not in html and "overzicht.pdf" not in html
    assert "Proces-verbaal vastleggen" not in html  # the partner gets no write form
    om = Organisatie.objects.get(code="om-fp")
    gelogd = set(Inzage.objects.filter(organisatie_id=om.pk).values_list("object_id", flat=True))
    assert {str(s["bev_a"].uuid), str(s["ca"].uuid), str(s["pv_a"].uuid)} <= gelogd
    assert browser.get(f"/toezicht/bijlagen/{foto.uuid}").status_code == 200
    r = browser.get(f"/toezicht/controles/{s['ca'].uuid}")  # the controle shows this case's evidence only
    assert r.status_code == 200 and "lozing-a" in r.content.decode()
    assert "nageleefd-a" not in r.content.decode() and "overzicht.pdf" not in r.content.decode()
    r = browser.get(f"/handhaving/processen-verbaal/{s['pv_a'].uuid}.pdf")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert browser.post(f"/handhaving/overtredingen/{s['a'].uuid}/processen-verbaal").status_code == 403
    services.zaakdeling_intrekken(actor=s["handhaver"], deling=s["deling"])
    for pad in (
        pagina,
        f"/toezicht/bijlagen/{foto.uuid}",
        f"/handhaving/processen-verbaal/{s['pv_a'].uuid}.pdf",
        f"/toezicht/controles/{s['ca'].uuid}",
    ):
        assert browser.get(pad).status_code == 404, pad


def test_boa_legt_het_proces_verbaal_vast_op_de_zaakpagina():
    persoon = zaak.gebruiker("boa", {"odzob": [Rol.TOEZICHTHOUDER]})
    zaak_ = zaak.overtreding(persoon, geconstateerd_op=GECONSTATEERD)
    browser = zaak.browser(persoon)
    pad = f"/handhaving/overtredingen/{zaak_.uuid}/processen-verbaal"
    velden = {"nummer": "PV-7", "datum": "2025-01-07", "verbalisant": "B. Oa", "verbalisantnummer": ""}
    r = browser.post(pad, {**velden, "bestand": io.BytesIO(b"geen pdf")})
    assert r.status_code == 400 and "PDF" in r.content.decode()
    bestand = io.BytesIO(PDF)
    bestand.name = "pv-7.pdf"
    r = browser.post(pad, {**velden, "bestand": bestand})
    assert r.status_code == 302
    assert Procesverbaal.objects.get().naam == "pv-7.pdf"


def _api(naam: str, code: str, rol: str) -> Client:
    gebruiker = opbouw.persoon(naam)
    organisatie = Organisatie.objects.get(code=code)
    Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, organisatie=organisatie, defaults={"rollen": [rol]})
    _t, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=organisatie, naam="test", scopes=["lezen", "schrijven"]
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def test_api_bewijs_voor_de_officier_en_niet_na_intrekken(situatie):
    s = situatie
    officier = _api("officier", "om-fp", Rol.KETENPARTNER)
    r = officier.get(f"/api/v1/overtredingen/{s['a'].uuid}/bewijs")
    assert r.status_code == 200, r.content
    bewijs = r.json()
    assert [b["id"] for b in bewijs["bevindingen"]] == [str(s["bev_a"].uuid)]
    assert [c["id"] for c in bewijs["controles"]] == [str(s["ca"].uuid)]
    assert [f["naam"] for f in bewijs["bijlagen"]] == ["lozing-a.png"]
    assert [p["nummer"] for p in bewijs["processenVerbaal"]] == ["PV-2025-0001"]
    assert officier.get(bewijs["processenVerbaal"][0]["inhoud"]).status_code == 200
    assert officier.get(f"/api/v1/bijlagen/{bewijs['bijlagen'][0]['id']}/inhoud").status_code == 200
    assert officier.get(f"/api/v1/controles/{s['ca'].uuid}/bevindingen").json()[0]["id"] == str(s["bev_a"].uuid)
    assert officier.get(f"/api/v1/overtredingen/{s['b'].uuid}/bewijs").status_code == 404
    r = officier.post(
        f"/api/v1/overtredingen/{s['a'].uuid}/processen-verbaal",
        {"nummer": "PV-OM", "datum": "2025-01-08", "verbalisant": "OM", "bestand": io.BytesIO(PDF)},
    )
    assert r.status_code == 403
    services.zaakdeling_intrekken(actor=s["handhaver"], deling=s["deling"])
    assert officier.get(f"/api/v1/overtredingen/{s['a'].uuid}/bewijs").status_code == 404
    assert officier.get(f"/api/v1/processen-verbaal/{s['pv_a'].uuid}/inhoud").status_code == 404


def test_api_procesverbaal_vastleggen():
    jurist = _api("jurist", "odzob", Rol.HANDHAVER)
    zaak_ = opbouw.overtreding(geconstateerd_op=GECONSTATEERD)
    pad = f"/api/v1/overtredingen/{zaak_.uuid}/processen-verbaal"
    bestand = io.BytesIO(PDF)
    bestand.name = "pv.pdf"
    r = jurist.post(pad, {"nummer": "PV-1", "datum": "2025-01-08", "verbalisant": "B. Oa", "bestand": bestand})
    assert r.status_code == 201, r.content
    assert (r.json()["nummer"], r.json()["sha256"]) == ("PV-1", Procesverbaal.objects.get().sha256)
    r = jurist.post(pad, {"nummer": "PV-2", "datum": "20250108", "verbalisant": "B. Oa", "bestand": io.BytesIO(PDF)})
    assert r.status_code in (400, 422) and Procesverbaal.objects.count() == 1


def test_demo_officier_en_politie_zien_het_bewijs_van_de_d4_zaak():
    from django.core.management import call_command

    from openvth.handhaving.demo import handhaving_demo_laden
    from openvth.organisaties.demo import demo_laden
    from openvth.organisaties.selectors import actor_voor
    from openvth.toezicht.management.demo import d4_bewijs, toezicht_demo_laden

    call_command("load_catalogus", stdout=io.StringIO())
    call_command("generate", locaties=60, seed=7, omgevingsdienst="odzob", stdout=io.StringIO())
    demo_laden(actor=systeem_actor("demo"))
    assert toezicht_demo_laden(dienst_code="odzob")
    assert handhaving_demo_laden(dienst_code="odzob", bewijs=d4_bewijs)
    for naam, code in (("officier", "om-fp"), ("politie", "politie")):
        org = Organisatie.objects.get(code=code)
        wie = actor_voor(get_user_model().objects.get(username=naam), organisatie_id=org.pk)
        (zaak_,) = selectors.overtreding_list(actor=wie)
        bewijs = toezicht_selectors.bewijs_bij_zaak(actor=wie, overtreding=zaak_)
        assert [len(b.fotos) for b in bewijs.bevindingen] == [1], naam
        assert [c.uitgevoerd_op for c in bewijs.controles] == [zaak_.geconstateerd_op]
        assert [pv.verbalisant for pv in selectors.procesverbaal_list(actor=wie)] == ["Demo Toezichthouder"]
