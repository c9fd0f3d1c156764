"""Controles: planning with a CIM reason, separation of functions, rotation, findings that become violations,
hercontroles, IED report deadlines and attachments. Every refusal stores nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from PIL import Image

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving.models import Handhavingsmaatregel, Overtreding
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.toezicht import selectors, services
from openvth.toezicht.models import Bevinding, Bijlage, Controle, ControleStatus, Reden

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


@pytest.fixture
def inspecteur(medewerker):
    return medewerker("odzob", "toezichthouder", naam="inspecteur")


@pytest.fixture
def controle(object_in_regio, planner, inspecteur):
    c = services.controle_plannen(
        actor=planner,
        vth_object=object_in_regio,
        gepland_op=VANDAAG,
        reden=Reden.INCIDENT,
        toelichting="lozing gemeld door de brandweer",
    )
    services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=inspecteur.gebruiker_id)
    c.refresh_from_db()
    return c


def _aantallen() -> tuple:
    return (
        Controle.objects.count(),
        Bevinding.objects.count(),
        Overtreding.objects.count(),
        Bijlage.objects.count(),
        Auditgebeurtenis.objects.count(),
    )


def test_ad_hoc_zonder_toelichting_geweigerd(object_in_regio, planner):
    voor = _aantallen()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.controle_plannen(actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.MELDING)
    assert "toelichting" in fout.value.velden
    with pytest.raises(OngeldigeInvoer) as fout:
        services.controle_plannen(actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.PROGRAMMA)
    assert "programmataak" in fout.value.velden
    with pytest.raises(OngeldigeInvoer):
        services.controle_plannen(
            actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.HERCONTROLE
        )
    assert _aantallen() == voor


def test_andere_organisatie_plant_niet(object_in_regio, medewerker):
    with pytest.raises(GeenToestemming):
        services.controle_plannen(
            actor=medewerker("GM0363", "planner"),
            vth_object=object_in_regio,
            gepland_op=VANDAAG,
            reden=Reden.INCIDENT,
            toelichting="x",
        )


def test_functiescheiding_weigert_de_vergunningverlener(object_in_regio, planner, medewerker):
    """Whoever prepared the permit for the site may not inspect it: refused with the reason, nothing changed."""
    dubbel = medewerker("odzob", "toezichthouder", "vergunningverlener", naam="dubbelrol")
    services.vergunningbehandelaar_vastleggen(
        actor=dubbel, vth_object=object_in_regio, gebruiker_id=dubbel.gebruiker_id, kenmerk="OLO-123", datum=VANDAAG
    )
    c = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.INCIDENT, toelichting="klacht"
    )
    voor = _aantallen()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=dubbel.gebruiker_id)
    assert "Functiescheiding" in fout.value.velden["toezichthouder"] and "OLO-123" in str(fout.value)
    c.refresh_from_db()
    assert c.toezichthouder_id is None and _aantallen() == voor
    kandidaat = next(
        k
        for k in selectors.toezichthouder_kandidaten(actor=planner, controle=c)
        if k.gebruiker_id == dubbel.gebruiker_id
    )
    assert not kandidaat.toegestaan and "OLO-123" in kandidaat.reden


def test_alleen_toezichthouders_van_de_dienst(controle, planner, medewerker):
    buiten = medewerker("GM0363", "toezichthouder")
    with pytest.raises(OngeldigeInvoer):
        services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=buiten.gebruiker_id)


def _uitgevoerd(planner, inspecteur, obj, dag):
    c = services.controle_plannen(
        actor=planner, vth_object=obj, gepland_op=dag, reden=Reden.INCIDENT, toelichting="klacht"
    )
    services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=inspecteur.gebruiker_id)
    return services.controle_uitvoeren(actor=inspecteur, controle=c, uitgevoerd_op=dag, uren_besteed=2)


@pytest.mark.parametrize("n", [3, 2])
def test_rotatie_waarschuwt_na_n_bezoeken(object_in_regio, planner, inspecteur, medewerker, settings, n):
    settings.OPENVTH_ROTATIE_N = n
    for i in range(n):
        _uitgevoerd(planner, inspecteur, object_in_regio, VANDAAG - timedelta(days=30 * (i + 1)))
    nieuw = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.INCIDENT, toelichting="klacht"
    )
    toewijzing = services.toezichthouder_toewijzen(
        actor=planner, controle=nieuw, toezichthouder_id=inspecteur.gebruiker_id
    )
    assert f"laatste {n} controles" in toewijzing.waarschuwing and toewijzing.controle.toezichthouder_id
    assert (
        Auditgebeurtenis.objects.filter(actie="controle.toezichthouder_toegewezen").first().na["rotatiewaarschuwing"]
        == toewijzing.waarschuwing
    )
    collega = medewerker("odzob", "toezichthouder", naam="collega")
    assert (
        services.toezichthouder_toewijzen(
            actor=planner, controle=nieuw, toezichthouder_id=collega.gebruiker_id
        ).waarschuwing
        == ""
    )


def test_geen_rotatiewaarschuwing_bij_wisseling(object_in_regio, planner, inspecteur, medewerker, settings):
    settings.OPENVTH_ROTATIE_N = 3
    collega = medewerker("odzob", "toezichthouder", naam="collega")
    _uitgevoerd(planner, inspecteur, object_in_regio, VANDAAG - timedelta(days=90))
    _uitgevoerd(planner, collega, object_in_regio, VANDAAG - timedelta(days=60))
    _uitgevoerd(planner, inspecteur, object_in_regio, VANDAAG - timedelta(days=30))
    nieuw = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.INCIDENT, toelichting="klacht"
    )
    assert (
        services.toezichthouder_toewijzen(
            actor=planner, controle=nieuw, toezichthouder_id=inspecteur.gebruiker_id
        ).waarschuwing
        == ""
    )


def test_bevinding_zonder_resultaat_geweigerd(controle, inspecteur):
    voor = _aantallen()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="", omschrijving="iets")
    assert fout.value.velden == {"resultaat": "verplicht"}
    with pytest.raises(OngeldigeInvoer):
        services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="prima")
    assert _aantallen() == voor


@pytest.mark.parametrize(
    ("gedrag", "gevolg", "velden", "tekst"),
    [
        ("3", "B", {"gedrag", "gevolg"}, "verwisseld"),
        ("E", "2", {"gedrag"}, "ongeldig"),
        ("A", "5", {"gevolg"}, "ongeldig"),
        ("A", "", {"gevolg"}, "ongeldig"),
    ],
)
def test_bevindingoordeel_gevalideerd(controle, inspecteur, gedrag, gevolg, velden, tekst):
    voor = _aantallen()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.bevinding_vastleggen(
            actor=inspecteur,
            controle=controle,
            resultaat="niet_akkoord",
            omschrijving="lek",
            voorschrift="art. 4.1",
            gedrag=gedrag,
            gevolg=gevolg,
        )
    assert set(fout.value.velden) == velden and tekst in str(fout.value)
    assert _aantallen() == voor


def test_oordeel_alleen_bij_overtreding_en_overtreding_vraagt_voorschrift(controle, inspecteur):
    with pytest.raises(OngeldigeInvoer):
        services.bevinding_vastleggen(
            actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd", gedrag="A", gevolg="1"
        )
    with pytest.raises(OngeldigeInvoer) as fout:
        services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="niet_akkoord")
    assert set(fout.value.velden) == {"voorschrift", "omschrijving"}
    assert not Overtreding.objects.exists()


def test_niet_akkoord_maakt_overtreding_en_volgende_voegt_samen(controle, inspecteur, planner):
    eerste = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving="lekbak vol",
        voorschrift="art. 4.1 Bal",
        gedrag="B",
        gevolg="3",
    )
    overtreding = eerste.overtreding
    assert overtreding is not None and overtreding.herkomst == "bevinding"
    assert overtreding.herkomst_referentie == str(eerste.uuid) and overtreding.voorschrift == "art. 4.1 Bal"
    assert overtreding.posities.get().cel == "B3"
    nageleefd = services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd")
    assert nageleefd.overtreding is None and nageleefd.volgnummer == 2
    # a later controle finds the same rule broken: it joins the open violation instead of a second one
    tweede_controle = services.controle_plannen(
        actor=planner,
        vth_object=controle.vth_object,
        gepland_op=VANDAAG,
        reden=Reden.INFORMATIE,
        toelichting="foto's van buren",
    )
    services.toezichthouder_toewijzen(
        actor=planner, controle=tweede_controle, toezichthouder_id=inspecteur.gebruiker_id
    )
    weer = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=tweede_controle,
        resultaat="niet_akkoord",
        omschrijving="nog steeds vol",
        voorschrift="ART. 4.1 Bal",
    )
    assert weer.overtreding == overtreding and Overtreding.objects.count() == 1
    assert Auditgebeurtenis.objects.filter(actie="bevinding.vastgelegd").first().na["samengevoegd"] is True
    # another rule: a new violation
    ander = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=tweede_controle,
        resultaat="niet_akkoord",
        omschrijving="geen logboek",
        voorschrift="art. 2.11 Bal",
    )
    assert ander.overtreding != overtreding and Overtreding.objects.count() == 2


def test_gesloten_overtreding_wordt_niet_samengevoegd(controle, inspecteur):
    eerste = services.bevinding_vastleggen(
        actor=inspecteur, controle=controle, resultaat="niet_akkoord", omschrijving="lek", voorschrift="art. 4.1 Bal"
    )
    Overtreding.objects.filter(pk=eerste.overtreding_id).update(status="opgeheven")
    tweede = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving="weer lek",
        voorschrift="art. 4.1 Bal",
    )
    assert tweede.overtreding_id != eerste.overtreding_id


def test_hercontrole_na_begunstigingstermijn_gekoppeld(controle, inspecteur, planner):
    bevinding = services.bevinding_vastleggen(
        actor=inspecteur, controle=controle, resultaat="niet_akkoord", omschrijving="lek", voorschrift="art. 4.1 Bal"
    )
    overtreding = bevinding.overtreding
    with pytest.raises(OngeldigeInvoer) as fout:
        services.hercontrole_plannen(actor=planner, overtreding=overtreding)
    assert "gepland_op" in fout.value.velden
    einde = VANDAAG + timedelta(days=42)
    Handhavingsmaatregel.objects.create(
        overtreding=overtreding, instrument="last_onder_dwangsom", fase="besluit", begunstigingstermijn_tot=einde
    )
    her = services.hercontrole_plannen(actor=planner, overtreding=overtreding)
    assert her.reden == Reden.HERCONTROLE and her.overtreding == overtreding and her.controletype == "hercontrole"
    assert her.gepland_op == einde + timedelta(days=1) and "begunstigingstermijn" in her.toelichting
    assert overtreding.hercontroles.get() == her
    # a finding at the re-inspection that the rule is still broken joins the same violation
    services.toezichthouder_toewijzen(actor=planner, controle=her, toezichthouder_id=inspecteur.gebruiker_id)
    nog = services.bevinding_vastleggen(
        actor=inspecteur, controle=her, resultaat="niet_akkoord", omschrijving="nog lek", voorschrift="art. 4.1 Bal"
    )
    assert nog.overtreding == overtreding


def test_hercontrole_van_waarschuwing_met_eigen_datum(controle, inspecteur, planner):
    overtreding = services.bevinding_vastleggen(
        actor=inspecteur, controle=controle, resultaat="niet_akkoord", omschrijving="lek", voorschrift="art. 4.1 Bal"
    ).overtreding
    Handhavingsmaatregel.objects.create(
        overtreding=overtreding,
        instrument="waarschuwen",
        fase="waarschuwing",
        hercontrole_op=VANDAAG + timedelta(days=14),
    )
    assert services.hercontrole_plannen(actor=planner, overtreding=overtreding).gepland_op == VANDAAG + timedelta(14)


def test_uitvoeren_en_ied_termijnen(controle, inspecteur, planner):
    controle.ied = True
    controle.save(update_fields=["ied"])
    bezoek = date(2025, 12, 31)
    services.controle_uitvoeren(actor=inspecteur, controle=controle, uitgevoerd_op=bezoek, uren_besteed="3.5")
    controle.refresh_from_db()
    assert controle.status == ControleStatus.UITGEVOERD and str(controle.uren_besteed) == "3.5"
    # IED art. 23 lid 6: two months (end of February) and four months (end of April), not moved by the Atw
    assert controle.rapport_uiterlijk_op == date(2026, 2, 28)
    assert controle.openbaar_uiterlijk_op == date(2026, 4, 30)
    termijnen = selectors.ied_termijnen(controle, peildatum=date(2026, 3, 1))
    assert termijnen.rapport_te_laat and not termijnen.openbaar_te_laat
    services.rapportverzending_vastleggen(actor=inspecteur, controle=controle, op=date(2026, 2, 20))
    controle.refresh_from_db()
    assert not selectors.ied_termijnen(controle, peildatum=date(2026, 3, 1)).rapport_te_laat
    assert selectors.controle_list(actor=planner, filters=selectors.ControleFilter(ied_termijn_verlopen=True)).filter(
        pk=controle.pk
    ).exists() == (VANDAAG > date(2026, 4, 30))
    with pytest.raises(OngeldigeInvoer):
        services.openbaarmaking_vastleggen(actor=inspecteur, controle=controle, op=date(2025, 12, 1))


def test_niet_ied_geen_termijnen(controle, inspecteur):
    services.controle_uitvoeren(actor=inspecteur, controle=controle, uitgevoerd_op=VANDAAG, uren_besteed=1)
    controle.refresh_from_db()
    assert controle.rapport_uiterlijk_op is None and not selectors.ied_termijnen(controle).van_toepassing


def test_uitvoeren_vraagt_toezichthouder_en_geldige_gegevens(object_in_regio, planner, inspecteur):
    c = services.controle_plannen(
        actor=planner, vth_object=object_in_regio, gepland_op=VANDAAG, reden=Reden.INCIDENT, toelichting="x"
    )
    with pytest.raises(OngeldigeInvoer):
        services.controle_uitvoeren(actor=inspecteur, controle=c, uitgevoerd_op=VANDAAG, uren_besteed=1)
    services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=inspecteur.gebruiker_id)
    with pytest.raises(OngeldigeInvoer):
        services.controle_uitvoeren(actor=inspecteur, controle=c, uitgevoerd_op=VANDAAG + timedelta(1), uren_besteed=1)
    with pytest.raises(OngeldigeInvoer):
        services.controle_uitvoeren(actor=inspecteur, controle=c, uitgevoerd_op=VANDAAG, uren_besteed=-2)
    with pytest.raises(OngeldigeInvoer):
        services.controle_afronden(actor=inspecteur, controle=c)
    c.refresh_from_db()
    assert c.status == ControleStatus.GEPLAND


def test_afronden_na_bevinding(controle, inspecteur):
    services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd")
    services.controle_uitvoeren(actor=inspecteur, controle=controle, uitgevoerd_op=VANDAAG, uren_besteed=1)
    services.controle_afronden(actor=inspecteur, controle=controle)
    with pytest.raises(OngeldigeInvoer):
        services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_foto_die_geen_afbeelding_is_geweigerd(controle, inspecteur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    voor = _aantallen()
    for inhoud in (b"MZ\x90\x00 not an image", _png()[:40], b"%PDF-1.7\n"):
        with pytest.raises(OngeldigeInvoer) as fout:
            services.bijlage_maken(actor=inspecteur, controle=controle, naam="foto.jpg", inhoud=inhoud)
        assert "geen afbeelding" in fout.value.velden["bestand"]
    with pytest.raises(OngeldigeInvoer):
        services.bijlage_maken(actor=inspecteur, controle=controle, naam="rapport.pdf", inhoud=_png(), soort="document")
    assert _aantallen() == voor and not any(tmp_path.rglob("*.*")) and not list(tmp_path.rglob("*-*"))


def test_foto_en_pdf_bewaard_met_hash(controle, inspecteur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    foto = services.bijlage_maken(actor=inspecteur, controle=controle, naam="../../lek.jpg", inhoud=_png())
    assert foto.mediatype == "image/png" and foto.naam == ".._.._lek.jpg" and len(foto.sha256) == 64
    assert foto.bestand.path.startswith(str(tmp_path))
    pdf = services.bijlage_maken(
        actor=inspecteur,
        controle=controle,
        naam="meting.pdf",
        inhoud=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        soort="document",
    )
    assert pdf.mediatype == "application/pdf"
    assert list(selectors.bijlage_list(actor=inspecteur, controle=controle)) == [foto, pdf]
    settings.OPENVTH_BIJLAGE_MAX_MB = 0
    with pytest.raises(OngeldigeInvoer):
        services.bijlage_maken(actor=inspecteur, controle=controle, naam="x.png", inhoud=_png())


def test_controle_van_ander_onzichtbaar(controle, medewerker):
    amsterdam = medewerker("GM0363", "toezichthouder")
    with pytest.raises(NietGevonden):
        selectors.controle_get(actor=amsterdam, uuid=controle.uuid)
    with pytest.raises(NietGevonden):
        services.bevinding_vastleggen(actor=amsterdam, controle=controle, resultaat="voorschriften_nageleefd")


def test_checklist_volgt_de_activiteiten(controle, medewerker):
    beheerder = medewerker("odzob", "functioneel_beheerder")
    code = controle.vth_object.uitvoeringen.first().activiteit.code
    onderwerp = services.controleonderwerp_maken(actor=beheerder, activiteitcode=code, naam="Opslag")
    services.aandachtspunt_maken(
        actor=beheerder, onderwerp=onderwerp, tekst="Lekbakken aanwezig", voorschrift="art. 4.1 Bal"
    )
    services.controleonderwerp_maken(actor=beheerder, activiteitcode="bal-3.8", naam="Transport")
    lijst = selectors.checklist(actor=beheerder, controle=controle)
    assert onderwerp in lijst and all(o.activiteitcode != "bal-3.8" or code.startswith("bal-3.8") for o in lijst)
    with pytest.raises(OngeldigeInvoer):
        services.controleonderwerp_maken(actor=beheerder, activiteitcode="bal-9.9", naam="Onbekend")
    with pytest.raises(GeenToestemming):
        services.controleonderwerp_maken(actor=medewerker("odzob", "toezichthouder"), activiteitcode=code, naam="x")
    services.controleonderwerp_wijzigen(actor=beheerder, onderwerp=onderwerp, geldig_tot=VANDAAG + timedelta(1))
    acties = set(Auditgebeurtenis.objects.values_list("actie", flat=True))
    assert {"controleonderwerp.aangemaakt", "controleaandachtspunt.aangemaakt", "controleonderwerp.gewijzigd"} <= acties
