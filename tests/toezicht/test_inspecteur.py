"""The inspector in the field (issue 13): lands on *Mijn controles*, plans from a register search, sees help texts
and an error summary, keeps what was typed after a refused photo, sees photos as thumbnails, and gets no checklist
items for ended activities."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from PIL import Image

from openvth.organisaties.demo import DEMOGEBRUIKERS
from openvth.organisaties.models import Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.register.models import Status
from openvth.toezicht import services
from openvth.toezicht.models import Bevinding, Bijlage, Controle

from .test_views import _checklist, klant, png, upload

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-test-wachtwoord-1"


def _verwijzingen_kloppen(html: str) -> None:
    """Every id an aria-describedby points at exists on the page."""
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    verwezen = {i for waarde in re.findall(r'aria-describedby="([^"]+)"', html) for i in waarde.split()}
    assert verwezen, "the page should describe at least one field"
    assert verwezen <= ids, sorted(verwezen - ids)


@pytest.mark.parametrize(("rollen", "landing"), [([Rol.TOEZICHTHOUDER], "/toezicht/controles"), ([Rol.HANDHAVER], "/")])
def test_toezichthouder_landt_na_inloggen_op_mijn_controles(odzob, rollen, landing):
    cache.clear()
    gebruiker_maken(
        actor=systeem_actor(), gebruikersnaam="veld", wachtwoord=WACHTWOORD, lidmaatschappen={"odzob": rollen}
    )
    antwoord = Client().post("/inloggen", {"username": "veld", "password": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == landing


def test_plannen_begint_met_zoeken_op_naam_adres_of_postcode(planner, object_in_regio):
    c = klant(planner)
    html = c.get("/toezicht/controles/nieuw").content.decode()
    assert 'type="search"' in html and "uuid" not in html.lower()
    html = c.get("/toezicht/controles/nieuw", {"q": object_in_regio.naam}).content.decode()
    assert f'href="?object={object_in_regio.uuid}"' in html
    postcode = object_in_regio.locatie.postcode
    if postcode:
        html = c.get("/toezicht/controles/nieuw", {"q": postcode}).content.decode()
        assert f'href="?object={object_in_regio.uuid}"' in html
    html = c.get("/toezicht/controles/nieuw", {"object": str(object_in_regio.uuid)}).content.decode()
    assert f'type="hidden" name="adhoc-vth_object" value="{object_in_regio.uuid}"' in html
    assert object_in_regio.naam in html and "uuid of identificatie" not in html
    _verwijzingen_kloppen(html)
    assert 'id="id_adhoc-toelichting_helptext"' in html and "buiten het programma om nodig is" in html
    antwoord = c.post(
        "/toezicht/controles/nieuw?object=" + str(object_in_regio.uuid),
        {
            "soort": "adhoc",
            "adhoc-vth_object": str(object_in_regio.uuid),
            "adhoc-reden": "melding",
            "adhoc-controletype": "incidentele controle",
            "adhoc-aangekondigd": "nee",
            "adhoc-toelichting": "",
            "adhoc-gepland_op": timezone.localdate().isoformat(),
        },
    )
    html = antwoord.content.decode()
    assert 'id="id_adhoc-toelichting_error"' in html
    _verwijzingen_kloppen(html)
    assert not Controle.objects.exists()


def test_hercontrole_gekozen_uit_de_open_zaken_van_het_object(controle, toezichthouder, planner):
    bevinding = services.bevinding_vastleggen(
        actor=toezichthouder,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving="geen lekbak",
        voorschrift="Bal art. 4.1",
        gedrag="A",
        gevolg="2",
    )
    overtreding = bevinding.overtreding
    html = klant(planner).get("/toezicht/controles/nieuw", {"object": str(controle.vth_object.uuid)}).content.decode()
    assert f'href="?overtreding={overtreding.uuid}"' in html and "geen lekbak" in html


def test_geweigerde_foto_geeft_foutoverzicht_en_bewaart_de_rest(controle, toezichthouder, object_in_regio):
    eerste, _tweede = _checklist(object_in_regio)
    antwoord = klant(toezichthouder).post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {
            "punt": str(eerste.pk),
            f"p{eerste.pk}-resultaat": "niet_akkoord",
            f"p{eerste.pk}-omschrijving": "geen lekbak",
            f"p{eerste.pk}-gedrag": "B",
            f"p{eerste.pk}-gevolg": "2",
            f"p{eerste.pk}-foto": upload("foto.jpg", b"dit is tekst, geen foto", "image/jpeg"),
        },
    )
    html = antwoord.content.decode()
    overzicht = html.index('id="foutoverzicht"')
    assert overzicht < html.index('id="checklist-kop"')  # at the top, not hidden inside the checklist
    kop = html[html.rindex("<div", 0, overzicht) : html.index(">", overzicht)]
    assert "autofocus" in kop and 'tabindex="-1"' in kop and 'role="alert"' in kop
    assert f'href="#id_p{eerste.pk}-foto"' in html and "Kies de foto of het bestand opnieuw" in html
    assert re.search(r">\s*geen lekbak</textarea>", html)  # nothing else to re-enter
    assert re.search(rf'name="p{eerste.pk}-resultaat" value="niet_akkoord"[^>]*checked', html)
    _verwijzingen_kloppen(html)
    assert not Bevinding.objects.exists()


def test_fotos_als_miniatuur(controle, toezichthouder, object_in_regio):
    eerste, _tweede = _checklist(object_in_regio)
    groot = io.BytesIO()
    Image.new("RGB", (1600, 1200), (30, 120, 200)).save(groot, "PNG")
    c = klant(toezichthouder)
    c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {
            "punt": str(eerste.pk),
            f"p{eerste.pk}-resultaat": "voorschriften_nageleefd",
            f"p{eerste.pk}-foto": upload("lekbak.png", groot.getvalue()),
        },
    )
    foto = Bijlage.objects.get()
    html = c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert f'<img src="/toezicht/bijlagen/{foto.uuid}?formaat=klein" alt="Foto lekbak.png"' in html
    klein = c.get(f"/toezicht/bijlagen/{foto.uuid}", {"formaat": "klein"})
    assert klein["Content-Type"] == "image/jpeg" and klein["Content-Security-Policy"].startswith("sandbox")
    assert max(Image.open(io.BytesIO(b"".join(klein.streaming_content))).size) == 320
    # a small photo is served as it is
    c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {"vrij-resultaat": "voorschriften_nageleefd", "vrij-foto": upload("klein.png", png())},
    )
    klein = Bijlage.objects.get(naam="klein.png")
    assert c.get(f"/toezicht/bijlagen/{klein.uuid}", {"formaat": "klein"})["Content-Type"] == "image/png"


@pytest.mark.parametrize("einde", ["status", "datum"])
def test_checklist_zonder_beeindigde_activiteiten(controle, toezichthouder, object_in_regio, einde):
    eerste, _tweede = _checklist(object_in_regio)
    c = klant(toezichthouder)
    assert "Lekbak onder de vaten" in c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    uitvoeringen = object_in_regio.uitvoeringen.all()
    if einde == "status":
        uitvoeringen.update(status=Status.BEEINDIGD)
    else:
        uitvoeringen.update(beeindigingsdatum=timezone.localdate() - timedelta(days=1))
    assert "Lekbak onder de vaten" not in c.get(f"/toezicht/controles/{controle.uuid}").content.decode()


def test_naam_van_de_toezichthouder_niet_de_rol(controle, toezichthouder):
    gebruiker = get_user_model().objects.get(pk=toezichthouder.gebruiker_id)
    gebruiker.first_name, gebruiker.last_name = "Marit", "de Vries"
    gebruiker.save()
    html = klant(toezichthouder).get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert "<dd>Marit de Vries</dd>" in html
    demo = next(g for g in DEMOGEBRUIKERS if g.naam == "toezichthouder")
    assert demo.persoon and "inspecteur" not in demo.persoon  # the demo report names a person
