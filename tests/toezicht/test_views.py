"""The supervision pages at the request level: status codes, access (another organisation gets 404), and bad input
that shows a readable reason on the form while storing nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.handhaving.models import Overtreding
from openvth.organisaties.models import Deelafspraak, Organisatie, Vertrouwelijkheid
from openvth.organisaties.selectors import SESSIE_ORGANISATIE
from openvth.toezicht import services
from openvth.toezicht.models import (
    Bevinding,
    Bijlage,
    Controle,
    Controleaandachtspunt,
    Controleonderwerp,
    ControleStatus,
    Keten,
    Ketenschakel,
    Programmataak,
    Risicoanalyse,
    Risicomodelversie,
    Uitvoeringsprogramma,
    Vergunningbehandelaar,
)

pytestmark = pytest.mark.django_db


def klant(actor) -> Client:
    """A browser session for this actor's user, past the second factor, acting for the actor's organisation."""
    gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)
    client = Client()
    client.force_login(gebruiker)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie[SESSIE_ORGANISATIE] = actor.organisatie.pk
    sessie.save()
    return client


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(naam: str, inhoud: bytes, mediatype: str = "image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, inhoud, content_type=mediatype)


def fouten(antwoord) -> str:
    """The visible error texts of a re-rendered form page."""
    html = antwoord.content.decode()
    assert "utrecht-form-field-error-message" in html or "utrecht-alert--error" in html, html[-3000:]
    return html


@pytest.fixture
def analyse(planner, modelversie):
    return services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)


@pytest.fixture
def buitenstaander(medewerker):
    """Staff of another service, with every role that matters here: sees none of ODZOB's records."""
    return medewerker("odu", "planner", "toezichthouder", "functioneel_beheerder", naam="buiten")


# --- access -------------------------------------------------------------------------------------------------


def test_anoniem_moet_inloggen(db):
    for pad in ("/toezicht/", "/toezicht/controles", "/toezicht/risicoanalyses", "/toezicht/programmas"):
        antwoord = Client().get(pad)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen"), pad


def test_start_per_rol(planner, toezichthouder, medewerker):
    assert klant(planner).get("/toezicht/")["Location"] == "/toezicht/risicoanalyses"
    assert klant(toezichthouder).get("/toezicht/")["Location"] == "/toezicht/controles"
    beheerder = medewerker("odzob", "functioneel_beheerder", naam="fb")
    assert klant(beheerder).get("/toezicht/")["Location"] == "/toezicht/checklists"


def test_andere_organisatie_krijgt_404(analyse, controle, buitenstaander, planner, toezichthouder):
    programma = services.programma_genereren(actor=planner, analyse=analyse, jaar=2031, capaciteit={"milieu": 500})
    services.bijlage_maken(actor=toezichthouder, controle=controle, naam="f.png", inhoud=png())
    bijlage = Bijlage.objects.get()
    c = klant(buitenstaander)
    for pad in (
        f"/toezicht/controles/{controle.uuid}",
        f"/toezicht/controles/{controle.uuid}/rapport.pdf",
        f"/toezicht/bijlagen/{bijlage.uuid}",
        f"/toezicht/risicoanalyses/{analyse.uuid}",
        f"/toezicht/risicoanalyses/{analyse.uuid}/kaart.json",
        f"/toezicht/programmas/{programma.uuid}",
    ):
        assert c.get(pad).status_code == 404, pad
    aantal = Bevinding.objects.count()
    assert (
        c.post(
            f"/toezicht/controles/{controle.uuid}/bevindingen", {"vrij-resultaat": "voorschriften_nageleefd"}
        ).status_code
        == 404
    )
    assert Bevinding.objects.count() == aantal


# --- planner: risk analysis, model, programme -----------------------------------------------------------------


def test_risicoanalyse_draaien_bekijken_en_vergelijken(planner, modelversie):
    c = klant(planner)
    pagina = c.get("/toezicht/risicoanalyses")
    assert pagina.status_code == 200 and modelversie.versie in pagina.content.decode()
    antwoord = c.post(
        "/toezicht/risicoanalyses",
        {"modelversie": str(modelversie.uuid), "peildatum": timezone.localdate().isoformat()},
    )
    eerste = Risicoanalyse.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/toezicht/risicoanalyses/{eerste.uuid}"
    html = c.get(antwoord["Location"]).content.decode()
    assert "Verdeling over de risicoklassen" in html and "Hoogste risico's" in html
    assert "Opbouw van de score van" in html and "naleefhistorie" in html
    assert "Wat veranderde sinds de vorige analyse" not in html
    kaart = c.get(f"/toezicht/risicoanalyses/{eerste.uuid}/kaart.json").json()
    assert len(kaart["punten"]) == eerste.aantal > 0
    assert {"lat", "lon", "klasse", "score", "naam", "url"} <= set(kaart["punten"][0])
    assert [k["klasse"] for k in kaart["klassen"]] == [1, 2, 3, 4, 5]

    c.post(
        "/toezicht/risicoanalyses",
        {"modelversie": str(modelversie.uuid), "peildatum": timezone.localdate().isoformat()},
    )
    tweede = Risicoanalyse.objects.exclude(pk=eerste.pk).get()
    html = c.get(f"/toezicht/risicoanalyses/{tweede.uuid}").content.decode()
    assert "Wat veranderde sinds de vorige analyse" in html
    assert f"{tweede.vergelijking['gelijk']} objecten in dezelfde klasse" in html


def test_peildatum_voor_het_model_geweigerd(planner, modelversie):
    te_vroeg = (modelversie.geldig_vanaf - timedelta(days=1)).isoformat()
    antwoord = klant(planner).post(
        "/toezicht/risicoanalyses", {"modelversie": str(modelversie.uuid), "peildatum": te_vroeg}
    )
    assert antwoord.status_code == 200
    assert "geldt pas vanaf" in fouten(antwoord)
    assert not Risicoanalyse.objects.exists()


def test_inconsistent_risicomodel_geweigerd_met_reden(planner, modeldefinitie, regio):
    c = klant(planner)
    fout = {
        **modeldefinitie,
        "versie": "fout-1",
        "gewichten": {**modeldefinitie["gewichten"], "prestatie": {"naleefhistorie": 0.5, "certificering": 0.25}},
    }
    import json

    antwoord = c.post("/toezicht/risicomodellen", {"definitie": json.dumps(fout)})
    assert antwoord.status_code == 200
    assert "tellen op tot 0.75, niet tot 1" in fouten(antwoord)
    antwoord = c.post("/toezicht/risicomodellen", {"definitie": "{niet: json"})
    assert "geen geldige JSON" in fouten(antwoord)
    assert not Risicomodelversie.objects.exists()

    goed = {**modeldefinitie, "versie": "odzob-2027"}
    antwoord = c.post(
        "/toezicht/risicomodellen", {"bestand": upload("m.json", json.dumps(goed).encode(), "application/json")}
    )
    versie = Risicomodelversie.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/toezicht/risicomodellen/{versie.uuid}"
    html = c.get(antwoord["Location"]).content.decode()
    assert "odzob-2027" in html and "periodieke controle" in html


def test_programma_genereren_verschuiven_schrappen(planner, analyse):
    c = klant(planner)
    assert c.get("/toezicht/programmas").status_code == 200
    antwoord = c.post(
        "/toezicht/programmas", {"risicoanalyse": str(analyse.uuid), "jaar": "2031", "capaciteit": "milieu 400"}
    )
    assert "is niet van de vorm" in fouten(antwoord)
    assert not Uitvoeringsprogramma.objects.exists()

    antwoord = c.post(
        "/toezicht/programmas",
        {"risicoanalyse": str(analyse.uuid), "jaar": "2031", "capaciteit": "milieu: 120\nafval: 40,5"},
    )
    programma = Uitvoeringsprogramma.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/toezicht/programmas/{programma.uuid}"
    html = c.get(antwoord["Location"]).content.decode()
    assert "Uren tegen capaciteit per expertise" in html and "Realisatie door het jaar" in html
    taak = programma.taken.order_by("-score").first()
    assert taak is not None and float(sum(t.normuren for t in programma.taken.filter(expertise="milieu"))) <= 120

    taak_maand_was = taak.maand
    nieuwe_maand = 7 if taak.maand != 7 else 8
    antwoord = c.post(f"/toezicht/taken/{taak.uuid}/verschuiven", {"maand": str(nieuwe_maand)})
    assert antwoord.status_code == 302
    taak.refresh_from_db()
    assert taak.maand == nieuwe_maand
    verschoven = Auditgebeurtenis.objects.get(actie="programmataak.verschoven")
    assert (verschoven.actor_naam, verschoven.voor["maand"], verschoven.na["maand"]) == (
        "planner",
        taak_maand_was,
        nieuwe_maand,
    )

    antwoord = c.post(f"/toezicht/taken/{taak.uuid}/vervallen", {"reden": ""}, follow=True)
    assert "Geef de reden" in antwoord.content.decode()
    taak.refresh_from_db()
    assert taak.vervallen_op is None
    c.post(f"/toezicht/taken/{taak.uuid}/vervallen", {"reden": "bedrijf gesloten"})
    taak.refresh_from_db()
    assert taak.vervallen_op is not None and taak.vervallen_reden == "bedrijf gesloten"


def test_taak_toevoegen_en_controle_plannen(planner, analyse, object_in_regio, medewerker):
    c = klant(planner)
    programma = services.programma_genereren(actor=planner, analyse=analyse, jaar=2031, capaciteit={"milieu": 0})
    assert not programma.taken.exists()
    antwoord = c.post(
        f"/toezicht/programmas/{programma.uuid}/taken",
        {
            "taak-vth_object": "bestaat-niet.1",
            "taak-inspectietype": "periodieke controle",
            "taak-maand": "3",
            "taak-expertise": "milieu",
        },
        follow=True,
    )
    assert "Geen VTH-object gevonden" in antwoord.content.decode()
    assert not programma.taken.exists()
    c.post(
        f"/toezicht/programmas/{programma.uuid}/taken",
        {
            "taak-vth_object": str(object_in_regio.uuid),
            "taak-inspectietype": "periodieke controle",
            "taak-maand": "3",
            "taak-expertise": "milieu",
        },
    )
    taak = programma.taken.get()
    assert (taak.maand, taak.bron, taak.vth_object_id) == (3, Programmataak.Bron.HANDMATIG, object_in_regio.pk)
    antwoord = c.post(f"/toezicht/taken/{taak.uuid}/controle")
    controle = Controle.objects.get(programmataak=taak)
    assert antwoord["Location"] == f"/toezicht/controles/{controle.uuid}"
    assert controle.gepland_op == timezone.datetime(2031, 3, 1).date()


# --- inspector: plan, assign, findings, report ----------------------------------------------------------------


def test_controle_ad_hoc_plannen(planner, object_in_regio):
    c = klant(planner)
    assert c.get(f"/toezicht/controles/nieuw?object={object_in_regio.uuid}").status_code == 200
    basis = {
        "soort": "adhoc",
        "adhoc-vth_object": str(object_in_regio.uuid),
        "adhoc-reden": "melding",
        "adhoc-controletype": "incidentele controle",
        "adhoc-aangekondigd": "nee",
        "adhoc-gepland_op": timezone.localdate().isoformat(),
    }
    antwoord = c.post("/toezicht/controles/nieuw", {**basis, "adhoc-toelichting": ""})
    assert "Dit veld is verplicht" in fouten(antwoord)
    antwoord = c.post(
        "/toezicht/controles/nieuw",
        {**basis, "adhoc-vth_object": "nl-vthflo.bestaat-niet", "adhoc-toelichting": "melding van een buurman"},
    )
    assert "Geen VTH-object gevonden" in fouten(antwoord)
    assert not Controle.objects.exists()
    antwoord = c.post(
        "/toezicht/controles/nieuw",
        {
            **basis,
            "adhoc-vth_object": f"{object_in_regio.namespace}.{object_in_regio.lokaal_id}",
            "adhoc-toelichting": "melding van een buurman",
        },
    )
    controle = Controle.objects.get()
    assert antwoord["Location"] == f"/toezicht/controles/{controle.uuid}"
    assert (controle.reden, controle.aangekondigd, controle.vth_object_id) == ("melding", False, object_in_regio.pk)


def test_hercontrole_zonder_overtreding_geweigerd(planner):
    antwoord = klant(planner).post(
        "/toezicht/controles/nieuw",
        {"soort": "hercontrole", "her-overtreding": "00000000-0000-0000-0000-000000000000", "her-aangekondigd": "ja"},
    )
    assert "Geen overtreding gevonden" in fouten(antwoord)
    assert not Controle.objects.exists()


def test_functiescheiding_weigert_en_rotatie_waarschuwt(planner, toezichthouder, medewerker, object_in_regio):
    vergunningverlener = medewerker("odzob", "toezichthouder", naam="vera")
    Vergunningbehandelaar.objects.create(
        vth_object=object_in_regio,
        gebruiker_id=vergunningverlener.gebruiker_id,
        kenmerk="OLO-123",
        datum=timezone.localdate(),
    )
    for dagen in (300, 200, 100):  # tom did the last three visits
        eerder = services.controle_plannen(
            actor=planner,
            vth_object=object_in_regio,
            reden="incident",
            toelichting="eerder",
            gepland_op=timezone.localdate() - timedelta(dagen),
        )
        services.toezichthouder_toewijzen(actor=planner, controle=eerder, toezichthouder_id=toezichthouder.gebruiker_id)
        services.controle_uitvoeren(
            actor=toezichthouder, controle=eerder, uren_besteed=2, uitgevoerd_op=timezone.localdate() - timedelta(dagen)
        )
    controle = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, reden="incident", toelichting="nu", gepland_op=timezone.localdate()
    )
    c = klant(planner)
    html = c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert "vera — niet toegestaan: functiescheiding" in html and "OLO-123" in html
    assert "tom — let op: rotatie" in html

    antwoord = c.post(
        f"/toezicht/controles/{controle.uuid}/toewijzen",
        {"toewijzen-toezichthouder": str(vergunningverlener.gebruiker_id)},
    )
    assert "Functiescheiding: deze medewerker bereidde de vergunning OLO-123" in fouten(antwoord)
    controle.refresh_from_db()
    assert controle.toezichthouder_id is None

    antwoord = c.post(
        f"/toezicht/controles/{controle.uuid}/toewijzen",
        {"toewijzen-toezichthouder": str(toezichthouder.gebruiker_id)},
        follow=True,
    )
    html = antwoord.content.decode()
    assert "tom is toegewezen." in html and "Rotatie: deze toezichthouder voerde de laatste 3 controles" in html
    controle.refresh_from_db()
    assert controle.toezichthouder_id == toezichthouder.gebruiker_id


def _checklist(object_in_regio):
    """A checklist topic for the object's activity, with two points."""
    code = object_in_regio.uitvoeringen.order_by("id").first().activiteit.code
    onderwerp = Controleonderwerp.objects.create(
        activiteitcode=code, naam="Opslag", geldig_vanaf=timezone.localdate() - timedelta(days=30)
    )
    eerste = Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst="Lekbak onder de vaten", volgorde=1, voorschrift="Bal art. 4.1"
    )
    tweede = Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst="Registratie afvalstoffen", volgorde=2, voorschrift="Bal art. 2.11"
    )
    return eerste, tweede


def test_bevinding_zonder_resultaat_en_foto_die_geen_afbeelding_is(controle, toezichthouder, object_in_regio):
    eerste, _tweede = _checklist(object_in_regio)
    c = klant(toezichthouder)
    antwoord = c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {"punt": str(eerste.pk), f"p{eerste.pk}-omschrijving": "gezien"},
    )
    assert "Kies een resultaat" in fouten(antwoord)
    antwoord = c.post(
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
    assert "geen afbeelding" in fouten(antwoord)
    assert not Bevinding.objects.exists() and not Overtreding.objects.exists() and not Bijlage.objects.exists()
    antwoord = c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {"vrij-resultaat": "niet_akkoord", "vrij-omschrijving": "lekkage", "vrij-gedrag": "2", "vrij-gevolg": "B"},
    )
    assert "Selecteer een geldige keuze" in fouten(antwoord)  # a digit is no behaviour (LHSO axes)
    assert not Bevinding.objects.exists()


def test_inspectie_uitvoeren_tot_rapport(controle, toezichthouder, object_in_regio):
    eerste, tweede = _checklist(object_in_regio)
    c = klant(toezichthouder)
    lijst = c.get("/toezicht/controles").content.decode()
    assert f"/toezicht/controles/{controle.uuid}" in lijst and "Vandaag" in lijst
    html = c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert "Lekbak onder de vaten" in html and 'capture="environment"' in html and 'accept="image/*"' in html

    assert (
        c.post(
            f"/toezicht/controles/{controle.uuid}/bevindingen",
            {"punt": str(eerste.pk), f"p{eerste.pk}-resultaat": "voorschriften_nageleefd"},
        ).status_code
        == 302
    )
    antwoord = c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {
            "punt": str(tweede.pk),
            f"p{tweede.pk}-resultaat": "niet_akkoord",
            f"p{tweede.pk}-omschrijving": "geen registratie bijgehouden",
            f"p{tweede.pk}-gedrag": "B",
            f"p{tweede.pk}-gevolg": "2",
            f"p{tweede.pk}-foto": upload("register.png", png()),
        },
        follow=True,
    )
    html = antwoord.content.decode()
    assert "zij is als overtreding geregistreerd" in html
    overtreding = Overtreding.objects.get()
    bevinding = Bevinding.objects.get(overtreding=overtreding)
    assert (bevinding.voorschrift, bevinding.gedrag, bevinding.gevolg) == ("Bal art. 2.11", "B", "2")
    assert Bijlage.objects.get().bevinding == bevinding
    assert "geen registratie bijgehouden" in html and "register.png" in html

    foto = c.get(f"/toezicht/bijlagen/{Bijlage.objects.get().uuid}")
    assert foto.status_code == 200 and foto["Content-Type"] == "image/png"

    vandaag = timezone.localdate().isoformat()
    assert (
        c.post(
            f"/toezicht/controles/{controle.uuid}/uitvoering",
            {"uitvoering-uitgevoerd_op": vandaag, "uitvoering-uren_besteed": "3.5"},
        ).status_code
        == 302
    )
    controle.refresh_from_db()
    assert (controle.status, controle.uren_besteed) == (ControleStatus.UITGEVOERD, 3.5)
    rapport = c.get(f"/toezicht/controles/{controle.uuid}/rapport.pdf")
    assert rapport.status_code == 200 and rapport["Content-Type"] == "application/pdf"
    assert rapport.content.startswith(b"%PDF-")
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    antwoord = c.post(f"/toezicht/controles/{controle.uuid}/rapport-verzonden", {"verzonden-datum": morgen})
    assert "in de toekomst" in fouten(antwoord)
    c.post(f"/toezicht/controles/{controle.uuid}/rapport-verzonden", {"verzonden-datum": vandaag})
    assert c.post(f"/toezicht/controles/{controle.uuid}/afronden").status_code == 302
    controle.refresh_from_db()
    assert (controle.status, controle.rapport_verzonden_op) == (ControleStatus.AFGEROND, timezone.localdate())
    html = c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert "Bevinding vastleggen" not in html and "Rapport downloaden (PDF)" in html


def test_afronden_zonder_bevindingen_geweigerd(controle, toezichthouder):
    c = klant(toezichthouder)
    c.post(
        f"/toezicht/controles/{controle.uuid}/uitvoering",
        {"uitvoering-uitgevoerd_op": timezone.localdate().isoformat(), "uitvoering-uren_besteed": "1"},
    )
    antwoord = c.post(f"/toezicht/controles/{controle.uuid}/afronden", follow=True)
    assert "Leg eerst minstens één bevinding vast." in antwoord.content.decode()
    controle.refresh_from_db()
    assert controle.status == ControleStatus.UITGEVOERD


# --- dossier, checklists, chains ------------------------------------------------------------------------------


def test_dossier_toont_gedeelde_controle_van_een_andere_organisatie(
    controle, toezichthouder, medewerker, object_in_regio
):
    services.bevinding_vastleggen(
        actor=toezichthouder, controle=controle, resultaat="voorschriften_nageleefd", omschrijving="alles op orde"
    )
    inspecteur = medewerker("ilt", "toezichthouder", naam="ilse")
    c = klant(inspecteur)
    pad = f"/toezicht/dossier/{object_in_regio.uuid}"
    zonder = c.get(pad)  # the object is public (generated register): the dossier opens, without ODZOB's controle
    assert zonder.status_code == 200
    assert f"/toezicht/controles/{controle.uuid}" not in zonder.content.decode()
    assert "Geen controles die u mag inzien." in zonder.content.decode()
    odzob = Organisatie.objects.get(code="odzob")
    ilt = Organisatie.objects.get(code="ilt")
    for soort in ("register.vthobject", "register.activiteituitvoering", "toezicht.controle", "toezicht.bevinding"):
        Deelafspraak.objects.create(
            verstrekker=odzob,
            ontvanger=ilt,
            recordsoort=soort,
            plafond=Vertrouwelijkheid.VERTROUWELIJK,
            grondslag="convenant Inspectieview",
            geldig_vanaf=timezone.localdate() - timedelta(days=1),
        )
    laatste = Inzage.objects.order_by("-id").values_list("id", flat=True).first() or 0
    html = c.get(pad).content.decode()
    assert f"/toezicht/controles/{controle.uuid}" in html and "alles op orde" in html
    assert "Omgevingsdienst Zuidoost-Brabant" in html and "gedeeld" in html
    gelogd = set(
        Inzage.objects.filter(id__gt=laatste, actor_naam="ilse", doel="dossier").values_list("object_soort", flat=True)
    )
    assert {"toezicht.controle", "toezicht.bevinding"} <= gelogd
    export = c.get(f"{pad}/inspectieview.zip")
    assert export.status_code == 200 and export["Content-Type"] == "application/zip"
    import zipfile

    with zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content))) as z:
        assert {"inspectie.csv", "bevinding.csv", "overtreding.csv"} <= set(z.namelist())
        assert str(controle.uuid) in z.read("inspectie.csv").decode()


def test_checklist_beheer(medewerker, catalogus):
    beheerder = klant(medewerker("odzob", "functioneel_beheerder", naam="fb"))
    vandaag = timezone.localdate().isoformat()
    antwoord = beheerder.post(
        "/toezicht/checklists",
        {
            "soort": "onderwerp",
            "onderwerp-activiteitcode": "bal-99.9",
            "onderwerp-naam": "Opslag",
            "onderwerp-volgorde": "1",
            "onderwerp-geldig_vanaf": vandaag,
        },
    )
    assert "geen activiteitcode uit de catalogus" in fouten(antwoord)
    assert not Controleonderwerp.objects.exists()
    antwoord = beheerder.post(
        "/toezicht/checklists",
        {
            "soort": "onderwerp",
            "onderwerp-activiteitcode": "bal-3.2.1",
            "onderwerp-naam": "Stookinstallatie",
            "onderwerp-volgorde": "1",
            "onderwerp-geldig_vanaf": vandaag,
        },
    )
    onderwerp = Controleonderwerp.objects.get()
    assert antwoord.status_code == 302
    antwoord = beheerder.post(
        "/toezicht/checklists",
        {
            "soort": "punt",
            "onderwerp": str(onderwerp.pk),
            f"punt{onderwerp.pk}-tekst": "",
            f"punt{onderwerp.pk}-volgorde": "0",
        },
    )
    assert "Dit veld is verplicht" in fouten(antwoord)
    beheerder.post(
        "/toezicht/checklists",
        {
            "soort": "punt",
            "onderwerp": str(onderwerp.pk),
            f"punt{onderwerp.pk}-tekst": "Keuringsrapport aanwezig",
            f"punt{onderwerp.pk}-voorschrift": "Bal art. 3.10",
            f"punt{onderwerp.pk}-volgorde": "1",
        },
    )
    assert onderwerp.aandachtspunten.get().tekst == "Keuringsrapport aanwezig"
    assert Auditgebeurtenis.objects.filter(actie="controleaandachtspunt.aangemaakt").count() == 1

    toezichthouder = klant(medewerker("odzob", "toezichthouder", naam="th"))
    html = toezichthouder.get("/toezicht/checklists").content.decode()
    assert "Keuringsrapport aanwezig" in html and "Onderwerp toevoegen" not in html
    antwoord = toezichthouder.post(
        "/toezicht/checklists",
        {
            "soort": "onderwerp",
            "onderwerp-activiteitcode": "bal-3.2.1",
            "onderwerp-naam": "Nog een",
            "onderwerp-volgorde": "1",
            "onderwerp-geldig_vanaf": vandaag,
        },
    )
    assert antwoord.status_code == 403
    assert Controleonderwerp.objects.count() == 1


def test_keten_weigert_een_object_twee_keer(toezichthouder, object_in_regio):
    c = klant(toezichthouder)
    c.post("/toezicht/ketens", {"naam": "Afvalolie Eindhoven", "stroom": "13 02 05*"})
    keten = Keten.objects.get()
    assert c.get(f"/toezicht/ketens/{keten.uuid}").status_code == 200
    schakel = {"soort": "schakel", "schakel-vth_object": str(object_in_regio.uuid), "schakel-rol": "producent"}
    assert c.post(f"/toezicht/ketens/{keten.uuid}", schakel).status_code == 302
    antwoord = c.post(f"/toezicht/ketens/{keten.uuid}", {**schakel, "schakel-rol": "verwerker"})
    assert "staat al in deze keten" in fouten(antwoord)
    assert Ketenschakel.objects.count() == 1
    antwoord = c.post(
        f"/toezicht/ketens/{keten.uuid}",
        {"soort": "actie", "actie-naam": "Controleweek", "actie-van": "2026-05-10", "actie-tot": "2026-05-01"},
    )
    assert "De einddatum ligt vóór de begindatum." in fouten(antwoord)
    assert not keten.acties.exists()


def test_hercontrole_van_een_overtreding(controle, toezichthouder, planner):
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
    c = klant(planner)
    html = c.get(f"/toezicht/controles/nieuw?overtreding={overtreding.uuid}").content.decode()
    assert str(overtreding.uuid) in html
    datum = (timezone.localdate() + timedelta(days=14)).isoformat()
    antwoord = c.post(
        "/toezicht/controles/nieuw",
        {
            "soort": "hercontrole",
            "her-overtreding": str(overtreding.uuid),
            "her-gepland_op": datum,
            "her-aangekondigd": "nee",
        },
    )
    her = Controle.objects.get(reden="hercontrole")
    assert antwoord["Location"] == f"/toezicht/controles/{her.uuid}"
    assert (her.overtreding_id, her.gepland_op.isoformat()) == (overtreding.pk, datum)
    html = c.get(antwoord["Location"]).content.decode()
    assert "Hercontrole van" in html and f'href="/handhaving/overtredingen/{overtreding.uuid}"' in html


def test_controle_in_een_ketenactie(toezichthouder, object_in_regio):
    keten = services.keten_maken(actor=toezichthouder, naam="Afvalolie", schakels=[(object_in_regio, "producent")])
    vandaag = timezone.localdate()
    actie = services.ketenactie_maken(
        actor=toezichthouder, keten=keten, naam="Controleweek", van=vandaag, tot=vandaag + timedelta(days=7)
    )
    c = klant(toezichthouder)
    assert f"?ketenactie={actie.uuid}" in c.get(f"/toezicht/ketens/{keten.uuid}").content.decode()
    c.post(
        "/toezicht/controles/nieuw",
        {
            "soort": "adhoc",
            "adhoc-vth_object": str(object_in_regio.uuid),
            "adhoc-reden": "project",
            "adhoc-toelichting": "ketenactie afvalolie",
            "adhoc-controletype": "themacontrole",
            "adhoc-aangekondigd": "ja",
            "adhoc-gepland_op": (vandaag + timedelta(days=2)).isoformat(),
            "adhoc-ketenactie": str(actie.uuid),
        },
    )
    controle = Controle.objects.get()
    assert (controle.ketenactie_id, controle.aangekondigd) == (actie.pk, True)
    assert f"/toezicht/controles/{controle.uuid}" in c.get(f"/toezicht/ketens/{keten.uuid}").content.decode()


# --- the PDF report ---------------------------------------------------------------------------------------------


def test_rapport_is_nederlands_bevat_de_foto_en_haalt_niets_van_het_netwerk():
    from datetime import date

    from django.utils import translation

    from openvth.toezicht import rapport

    foto = rapport.Foto("lekbak.png", "image/png", png())
    gegevens = rapport.Rapportgegevens(
        kenmerk="TZ-2026-000042",
        uitvoerder="Omgevingsdienst Zuidoost-Brabant",
        bevoegd_gezag="Gemeente Eindhoven",
        object_naam="Bakkerij De Korst",
        adres="Markt 1, Eindhoven",
        vestiging="Bakkerij De Korst B.V.",
        kvk="12345678",
        reden="melding",
        aangekondigd=False,
        uitgevoerd_op=date(2026, 3, 2),
        toezichthouder="Tom",
        bevindingen=(
            rapport.Rapportbevinding(
                "Opslag",
                "Lekbak onder de vaten",
                "niet akkoord, voorschriften overtreden",
                False,
                '<img src="http://example.org/x.png">',
                "Bal art. 4.1",
                "HH-2026-000001",
                (foto,),
            ),
            rapport.Rapportbevinding("Opslag", "Registratie", "voorschriften nageleefd", True),
        ),
        ied=True,
        rapport_uiterlijk=date(2026, 5, 4),
        openbaar_uiterlijk=date(2026, 7, 2),
    )
    with translation.override("en"):
        html = rapport.html(gegevens)
    assert "Controlerapport" in html and "Bij 1 daarvan is een overtreding vastgesteld" in html
    assert "uiterlijk 4 mei 2026 toegezonden en uiterlijk 2 juli 2026 openbaar" in html
    assert foto.data_url in html and "&lt;img src=&quot;http://example.org/x.png&quot;&gt;" in html
    assert rapport.pdf(gegevens).startswith(b"%PDF-")
    assert rapport.bestandsnaam(gegevens) == "controlerapport-2026-03-02-TZ-2026-000042.pdf"
    haler = rapport._fetcher_klasse()()
    for url in ("http://example.org/x.png", "https://example.org/a.css", "file:///etc/passwd"):
        with pytest.raises(rapport.NetwerkGeweigerd):
            haler.fetch(url)
    assert haler.fetch(foto.data_url).read() == foto.inhoud
    assert haler.geweigerd == ["http://example.org/x.png", "https://example.org/a.css", "file:///etc/passwd"]


def test_aandachtspunt_wijzigen_en_controle_laten_vervallen(medewerker, controle, planner, object_in_regio):
    eerste, _tweede = _checklist(object_in_regio)
    beheerder = klant(medewerker("odzob", "functioneel_beheerder", naam="fb"))
    beheerder.post(
        f"/toezicht/aandachtspunten/{eerste.pk}",
        {
            f"wijzig{eerste.pk}-tekst": "Lekbak onder alle vaten",
            f"wijzig{eerste.pk}-voorschrift": "Bal art. 4.2",
            f"wijzig{eerste.pk}-volgorde": "3",
        },
    )
    eerste.refresh_from_db()
    assert (eerste.tekst, eerste.voorschrift, eerste.volgorde) == ("Lekbak onder alle vaten", "Bal art. 4.2", 3)
    assert Auditgebeurtenis.objects.filter(actie="controleaandachtspunt.gewijzigd").count() == 1

    c = klant(planner)
    antwoord = c.post(f"/toezicht/controles/{controle.uuid}/vervallen", {"vervallen-reden": ""})
    assert "Dit veld is verplicht" in fouten(antwoord)
    controle.refresh_from_db()
    assert controle.status == ControleStatus.GEPLAND
    c.post(f"/toezicht/controles/{controle.uuid}/vervallen", {"vervallen-reden": "bedrijf verhuisd"})
    controle.refresh_from_db()
    assert controle.status == ControleStatus.VERVALLEN and "bedrijf verhuisd" in controle.toelichting


def test_ketenbevindingen_delen_met_een_partner(medewerker, regio, catalogus):
    from openvth.register.models import VthObject

    odzob_object = VthObject.objects.filter(uitvoerder=regio).order_by("id").first()
    ander = VthObject.objects.exclude(bevoegd_gezag=odzob_object.bevoegd_gezag).filter(uitvoerder=regio).first()
    manager = medewerker("odzob", "manager", "functioneel_beheerder", naam="mia")
    keten = services.keten_maken(
        actor=manager, naam="Afvalolie", schakels=[(odzob_object, "producent"), (ander, "verwerker")]
    )
    c = klant(manager)
    html = c.get(f"/toezicht/ketens/{keten.uuid}").content.decode()
    assert "Bevindingen delen" in html
    gemeente = ander.bevoegd_gezag
    antwoord = c.post(
        f"/toezicht/ketens/{keten.uuid}",
        {"soort": "deling", "deling-ontvanger": str(gemeente.pk), "deling-plafond": "intern", "deling-grondslag": ""},
    )
    assert "Dit veld is verplicht" in fouten(antwoord)
    assert not Deelafspraak.objects.filter(recordsoort="toezicht.bevinding").exists()
    antwoord = c.post(
        f"/toezicht/ketens/{keten.uuid}",
        {
            "soort": "deling",
            "deling-ontvanger": str(gemeente.pk),
            "deling-plafond": "intern",
            "deling-grondslag": "Wet VTH-ketensamenwerking",
        },
        follow=True,
    )
    assert "ziet voortaan de bevindingen" in antwoord.content.decode()
    afspraak = Deelafspraak.objects.get(recordsoort="toezicht.bevinding")
    assert (afspraak.verstrekker.code, afspraak.ontvanger_id) == ("odzob", gemeente.pk)


def test_ied_termijnen_zichtbaar_en_verstreken(planner, toezichthouder, object_in_regio):
    from django.utils.formats import date_format

    from openvth.register import services as register

    register.uitvoering_maken(
        actor=toezichthouder,
        gegevens=register.Uitvoeringsgegevens(
            activiteit="bal-3.3.13",
            vth_object=object_in_regio,
            bevoegd_gezag=object_in_regio.bevoegd_gezag.code,
            toezichtinstantie="odzob",
            status="uitvoering",
            kwalificaties=("vergunningplicht",),
        ),
        geldig_vanaf=timezone.localdate() - timedelta(days=400),
    )  # an IPPC installation: IED art. 23 applies
    bezoek = timezone.localdate() - timedelta(days=70)
    controle = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, reden="incident", toelichting="ongeval", gepland_op=bezoek
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=toezichthouder.gebruiker_id)
    services.controle_uitvoeren(actor=toezichthouder, controle=controle, uitgevoerd_op=bezoek, uren_besteed=4)
    rapport_uiterlijk, openbaar_uiterlijk = services.ied_deadlines(bezoek)
    c = klant(toezichthouder)
    html = c.get(f"/toezicht/controles/{controle.uuid}").content.decode()
    assert "IED-installatie" in html and "Markeren als openbaar gemaakt" in html
    assert date_format(rapport_uiterlijk, "j F Y") in html and date_format(openbaar_uiterlijk, "j F Y") in html
    assert html.count("termijn verstreken") == 1  # the report is late (70 days > 2 months); publication is not yet
    assert "IED-termijn verstreken" in c.get("/toezicht/controles").content.decode()


def test_rapport_aan_exploitant_zonder_interne_afweging_met_leesbare_kenmerken(
    controle, toezichthouder, object_in_regio, monkeypatch
):
    """Issue 12: the report to the operator shows no LHSO cell and no UUIDs; it names the controle by a readable
    kenmerk, the violation by its zaaknummer, and the inspector by name."""
    import re

    from openvth.toezicht import rapport

    _eerste, tweede = _checklist(object_in_regio)
    c = klant(toezichthouder)
    c.post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {
            "punt": str(tweede.pk),
            f"p{tweede.pk}-resultaat": "niet_akkoord",
            f"p{tweede.pk}-omschrijving": "geen registratie bijgehouden",
            f"p{tweede.pk}-gedrag": "C",
            f"p{tweede.pk}-gevolg": "3",
        },
    )
    overtreding = Overtreding.objects.get()
    gevangen = {}
    monkeypatch.setattr(rapport, "pdf", lambda g: gevangen.setdefault("g", g) and b"%PDF-")
    assert c.get(f"/toezicht/controles/{controle.uuid}/rapport.pdf").status_code == 200
    html = rapport.html(gevangen["g"])
    tekst = re.sub(r"<[^>]+>", " ", html)
    for intern in ("LHSO", "C3", "Oordeel", str(controle.uuid), str(overtreding.uuid)):
        assert intern not in html, intern
    assert re.search(rf"Kenmerk TZ-\d{{4}}-{controle.pk:06d}", tekst)
    assert f"vastgelegd onder zaaknummer {overtreding.zaaknummer}" in tekst and "tom" in tekst
