"""Notifications (received late is flagged, not refused; handled, the register records the activity as notified),
withdrawal by a new volgnummer, and the penalty for deciding late once the applicant gave notice of default."""

from __future__ import annotations

from datetime import timedelta

import pytest

from openvth.register.models import Activiteituitvoering
from openvth.vergunningen import selectors
from openvth.vergunningen.bericht import Bijlage
from openvth.vergunningen.models import Verzoek
from openvth.vergunningen.stappen import stap_zetten

from .opbouw import CREMATORIUM
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden

pytestmark = pytest.mark.django_db
BIJLAGE = (Bijlage("melding.pdf", "application/pdf", "ab" * 32),)


@pytest.fixture
def mensen():
    return Mensen()


def test_late_melding_ontvangen_en_gemarkeerd_en_afgehandeld_in_het_register(mensen):
    begin = dagen_geleden(-10)  # starts in ten days: four weeks' notice would have been due 18 days ago
    melding = aanvraag(
        mensen.a,
        ontvangen_op=dagen_geleden(0),
        soort="activiteitmelding",
        subsoort="",
        activiteiten=(CREMATORIUM,),
        aanvang_activiteit=begin,
        bijlagen=BIJLAGE,
    )
    assert melding.te_laat_gemeld is True and melding.beslistermijn_tot is None
    stap_zetten(actor=mensen.a, verzoek=melding, handeling="afhandelen")
    melding.refresh_from_db()
    assert melding.status == "afgehandeld"
    uitvoering = Activiteituitvoering.objects.get(geldig_tot__isnull=True, afgevoerd_op__isnull=True)
    assert uitvoering.activiteit.code == CREMATORIUM and "meldingsplicht" in uitvoering.kwalificaties
    assert uitvoering.legitimatie == f"melding {melding.verzoeknummer}" and uitvoering.geldig_vanaf == begin
    assert uitvoering.status == "voorgenomen"
    brief = melding.brieven.get()
    assert "minder dan vier weken" in brief.html and "Ow art. 4.4" in brief.html


def test_tijdige_melding_niet_gemarkeerd(mensen):
    melding = aanvraag(
        mensen.a,
        ontvangen_op=dagen_geleden(0),
        soort="activiteitmelding",
        subsoort="",
        activiteiten=(CREMATORIUM,),
        aanvang_activiteit=dagen_geleden(-28),
    )
    assert melding.te_laat_gemeld is False


def test_intrekking_met_een_nieuw_volgnummer_beeindigt_de_procedure(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(30))
    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="in_behandeling_nemen", gegevens={"procedure": "regulier"})
    aanvraag(
        mensen.a,
        ontvangen_op=dagen_geleden(0),
        verzoekvolgnummer="002",
        doel="intrekken",
        locatie=None,
        aanvrager=None,
        activiteiten=(),
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "ingetrokken" and verzoek.afgehandeld_op == dagen_geleden(0)
    assert verzoek.stappen.last().handeling == "intrekken"


def test_dwangsom_na_ingebrekestelling(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(100))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(99),
        gegevens={"procedure": "regulier"},
    )
    verzoek.refresh_from_db()
    assert selectors.dwangsom_niet_tijdig(verzoek) is None
    ontvangen = verzoek.beslistermijn_tot + timedelta(days=1)
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="ingebrekestelling_ontvangen",
        datum=ontvangen,
        gegevens={"ontvangen_op": ontvangen.isoformat()},
    )
    verzoek = Verzoek.objects.get(pk=verzoek.pk)
    uitkomst = selectors.dwangsom_niet_tijdig(verzoek)
    assert uitkomst is not None
    # Owed from two weeks after the notice (Awb 4:17 lid 3), per day EUR 23, then 35, then 45 (lid 2).
    dagen = uitkomst.dagen
    assert 20 <= dagen <= 30 and uitkomst.eerste_dag is not None
    verwacht = min(dagen, 14) * 2300 + max(0, min(dagen - 14, 14)) * 3500 + max(0, dagen - 28) * 4500
    assert uitkomst.bedrag_cent == verwacht and any("4:17" in r for r in uitkomst.motivering)


def test_aanvulling_als_nieuw_volgnummer_beeindigt_de_opschorting(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(30))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(29),
        gegevens={"procedure": "regulier"},
    )
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="aanvulling_vragen",
        datum=dagen_geleden(20),
        gegevens={"aanvullen_voor": dagen_geleden(-5).isoformat(), "omschrijving": "Tekening."},
    )
    aanvulling = aanvraag(
        mensen.a,
        ontvangen_op=dagen_geleden(10),
        verzoekvolgnummer="002",
        doel="aanvullen",
        locatie=None,
        aanvrager=None,
        activiteiten=(),
        bijlagen=BIJLAGE,
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"
    rij = verzoek.aanvullingsverzoeken.get()
    assert rij.aangevuld_op == dagen_geleden(10) and rij.aanvulling == aanvulling


def test_dwangsom_op_de_zaakpagina(mensen):
    from ..handhaving import zaak

    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(100))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(99),
        gegevens={"procedure": "regulier"},
    )
    verzoek.refresh_from_db()
    ontvangen = verzoek.beslistermijn_tot + timedelta(days=1)
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="ingebrekestelling_ontvangen",
        datum=ontvangen,
        gegevens={"ontvangen_op": ontvangen.isoformat()},
    )
    uitkomst = selectors.dwangsom_niet_tijdig(Verzoek.objects.get(pk=verzoek.pk))
    html = zaak.browser(mensen.anna).get(f"/vergunningen/{verzoek.uuid}").content.decode()
    assert "Dwangsom bij niet tijdig beslissen (Awb 4:17)" in html
    euro = f"{uitkomst.bedrag_cent // 100:,}".replace(",", ".") + f",{uitkomst.bedrag_cent % 100:02d}"
    assert f"€ {euro}" in html and f"over {uitkomst.dagen} dagen" in html
