"""The Awb guards of issue 12 item 5, each against the text in force (BWBR0005537, 1-1-2026): hearing before a
decision and before collection (4:8, 4:11, 4:12; ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956), the minimum view
period (a setting), a last to prevent repetition only after the violation ended (5:32a lid 2), the choice of a
dwangsom over bestuursdwang (5:32 lid 2), the refusal of a bestuurlijke boete (titel 5.4) and the dwangbevel
after the aanmaning (4:117 lid 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openvth.handhaving import services
from openvth.handhaving.models import Fase, Handhavingsmaatregel, Maatregelstap, Verbeurte
from openvth.handhaving.workflow import VerbeurteFase
from openvth.organisaties.fouten import OngeldigeInvoer

from . import opbouw

pytestmark = pytest.mark.django_db
D = date
VOORNEMEN_OP = D(2025, 5, 12)
LOD = {
    "strekking": "ongedaan maken van een overtreding",
    "begunstigingstermijn": "P4W",
    "vorm": "per overtreding",
    "bedrag": "250.00",
    "maximum": "2500.00",
    "belangenafweging": "het belang van de opslagregels verzet zich niet tegen een financiële prikkel",
}


def _voornemen(lokaal_id: str = "odzob-hh-1", **gegevens) -> Handhavingsmaatregel:
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, opbouw.vth_object(lokaal_id=lokaal_id), geconstateerd_op=D(2025, 5, 1))
    return services.maatregel_maken(
        actor=wie, overtreding=zaak, instrument="LOD", datum=VOORNEMEN_OP, gegevens=gegevens
    )


def _besluit(m: Handhavingsmaatregel, datum: date, **gegevens):
    return services.maatregel_stap_zetten(
        actor=opbouw.handhaver(), maatregel=m, naar=Fase.BESLUIT_LOD, datum=datum, gegevens={**LOD, **gegevens}
    )


def _weigering(functie, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(OngeldigeInvoer) as fout:
        functie(*args, **kwargs)
    return fout.value.velden


# --- Awb 4:8: a decision after the voornemen, a view received after it -----------------------------------------


def test_besluit_op_de_dag_van_het_voornemen_geweigerd():
    """On main a 'view received' date let the decision fall on the voornemen's own day."""
    m = _voornemen()
    velden = _weigering(_besluit, m, VOORNEMEN_OP, zienswijze_ontvangen_op=VOORNEMEN_OP)
    assert "niet op dezelfde dag" in velden["datum"]
    assert Maatregelstap.objects.filter(maatregel=m).count() == 1


def test_zienswijze_ontvangen_voor_het_voornemen_geweigerd():
    m = _voornemen()
    velden = _weigering(_besluit, m, D(2025, 5, 15), zienswijze_ontvangen_op=D(2025, 5, 9))
    assert "vóór dat voornemen" in velden["datum"]


def test_besluit_na_ontvangen_zienswijze_slaagt():
    m = _voornemen()
    _besluit(m, D(2025, 5, 15), zienswijze_ontvangen_op=D(2025, 5, 13))
    m.refresh_from_db()
    assert m.fase == Fase.BESLUIT_LOD


# --- Awb 4:8 lid 2, 4:11, 4:12: the grounds to decide without hearing, a choice with its facts ------------------


def _zonder_voornemen(**gegevens):
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 5, 1))
    return services.maatregel_maken(
        actor=wie,
        overtreding=zaak,
        instrument="LOD",
        naar=Fase.BESLUIT_LOD,
        datum=VOORNEMEN_OP,
        gegevens={**LOD, **gegevens},
    )


def test_vrije_tekst_als_grond_om_niet_te_horen_geweigerd():
    velden = _weigering(
        _zonder_voornemen, afzien_zienswijze="het college vindt horen niet nodig", afzien_toelichting="—"
    )
    assert "kies uit" in velden["afzien_zienswijze"]
    assert not Handhavingsmaatregel.objects.exists()


def test_grond_zonder_toelichting_geweigerd():
    velden = _weigering(_zonder_voornemen, afzien_zienswijze="spoed")
    assert "afzien_toelichting" in velden["afzien_zienswijze"]
    assert "Awb 4:11 onder a" in velden["afzien_zienswijze"]


def test_awb_4_12_geldt_niet_voor_een_last():
    velden = _weigering(_zonder_voornemen, afzien_zienswijze="financiële verplichting", afzien_toelichting="x")
    assert "Awb 4:12 lid 1" in velden["afzien_zienswijze"]


@pytest.mark.parametrize(
    "grond", ["spoed", "eerder gehoord", "doel vereist geen voorafgaande kennisgeving", "gegevensplicht niet nagekomen"]
)
def test_wettelijke_grond_met_toelichting_slaagt(grond):
    m = _zonder_voornemen(afzien_zienswijze=grond, afzien_toelichting="lekkende opslag naast de sloot")
    assert m.fase == Fase.BESLUIT_LOD
    assert m.stappen.get().gegevens["afzien_zienswijze"] == grond


# --- the minimum view period (OPENVTH_MIN_ZIENSWIJZETERMIJN) ---------------------------------------------------


def test_zienswijzetermijn_van_een_dag_geweigerd():
    velden = _weigering(_voornemen, zienswijzetermijn="P1D")
    assert "ten minste 2 weken" in velden["zienswijzetermijn"]


def test_minimum_zienswijzetermijn_is_een_instelling(settings):
    settings.OPENVTH_MIN_ZIENSWIJZETERMIJN = "P1W"
    velden = _weigering(_voornemen, zienswijzetermijn="P5D")
    assert "ten minste 1 week" in velden["zienswijzetermijn"]
    m = _voornemen("odzob-hh-2", zienswijzetermijn="P1W")
    assert m.zienswijze_tot == D(2025, 5, 19)


# --- Awb 5:32a lid 2: no grace period only for a last to prevent repetition, after the violation ended ---------


def test_herhaling_terwijl_de_overtreding_voortduurt_geweigerd():
    """On main 'voorkomen van herhaling' removed the grace period of a last against an ongoing violation."""
    m = _voornemen()
    velden = _weigering(_besluit, m, D(2025, 6, 2), strekking="voorkomen van herhaling", begunstigingstermijn=None)
    assert "Awb 5:32a lid 2" in velden["overtreding_beeindigd_op"]
    assert "is een begunstigingstermijn verplicht" in velden["overtreding_beeindigd_op"]


def test_herhaling_na_beeindiging_slaagt_zonder_begunstigingstermijn():
    m = _voornemen()
    _besluit(
        m,
        D(2025, 6, 2),
        strekking="voorkomen van herhaling",
        begunstigingstermijn=None,
        overtreding_beeindigd_op=D(2025, 5, 20),
    )
    m.refresh_from_db()
    assert (m.fase, m.begunstigingstermijn_tot, m.dwangsom_strekking) == (
        Fase.BESLUIT_LOD,
        None,
        "voorkomen van herhaling",
    )


def test_beeindiging_na_het_besluit_geweigerd():
    m = _voornemen()
    velden = _weigering(
        _besluit,
        m,
        D(2025, 6, 2),
        strekking="voorkomen van herhaling",
        begunstigingstermijn=None,
        overtreding_beeindigd_op=D(2025, 6, 3),
    )
    assert "na het besluit" in velden["overtreding_beeindigd_op"]


# --- Awb 5:32 lid 2: a dwangsom only when the protected interest does not oppose it -----------------------------


def test_last_onder_dwangsom_zonder_belangenafweging_geweigerd():
    m = _voornemen()
    velden = _weigering(_besluit, m, D(2025, 6, 2), belangenafweging=None)
    assert "Awb 5:32 lid 2" in velden["belangenafweging"]


# --- Awb titel 5.4: the bestuurlijke boete is refused, clearly -----------------------------------------------


def test_bestuurlijke_boete_geweigerd():
    """On main a boete went to `genomen` without any of the checks of Awb 5:43-5:53."""
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 5, 1))
    velden = _weigering(
        services.maatregel_maken,
        actor=wie,
        overtreding=zaak,
        instrument="BESTUURLIJKE_BOETE",
        datum=VOORNEMEN_OP,
        gegevens={"omschrijving": "boete van € 1.500"},
    )
    assert "ondersteunt de bestuurlijke boete (Awb titel 5.4) nog niet" in velden["instrument"]
    assert not Handhavingsmaatregel.objects.exists()


# --- Awb 4:8 lid 1 before an invorderingsbeschikking (ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956) -----------------


def _verbeurte() -> tuple[Handhavingsmaatregel, Verbeurte]:
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 1, 6))
    m = Handhavingsmaatregel.objects.create(
        overtreding=zaak,
        instrument="LOD",
        fase=Fase.VERBEURD,
        status="in uitvoering",
        opgelegd_op=D(2025, 2, 3),
        begunstigingstermijn_tot=D(2025, 3, 1),
        dwangsom_strekking=LOD["strekking"],
        dwangsom_vorm="per overtreding",
        dwangsom_bedrag=Decimal("250.00"),
        dwangsom_maximum=Decimal("2500.00"),
    )
    v = Verbeurte.objects.create(
        maatregel=m,
        datum=D(2025, 3, 10),
        bedrag=Decimal("250.00"),
        betalen_voor=D(2025, 4, 21),
        verjaart_op=D(2026, 3, 10),
        door_id=wie.gebruiker_id,
    )
    return m, v


def _invordering(datum: date, **gegevens):
    m, v = _verbeurte()
    services.verbeurte_stap_zetten(
        actor=opbouw.handhaver(),
        maatregel=m,
        naar=VerbeurteFase.INVORDERINGSBESCHIKKING,
        datum=datum,
        verbeurten=[v.pk],
        gegevens=gegevens,
    )
    v.refresh_from_db()
    return v


def test_invorderingsbeschikking_zonder_horen_geweigerd():
    """On main the recovery decision needed no hearing at all."""
    velden = _weigering(_invordering, D(2025, 4, 1))
    assert "ECLI:NL:RVS:2018:2956" in velden["verbeurte 10-03-2025"]
    assert not Verbeurte.objects.filter(invorderingsbeschikking_op__isnull=False).exists()


def test_invorderingsbeschikking_voor_het_einde_van_de_zienswijzetermijn_geweigerd():
    velden = _weigering(_invordering, D(2025, 3, 25), zienswijze_gevraagd_op=D(2025, 3, 12))
    assert "loopt tot en met 26-03-2025" in velden["verbeurte 10-03-2025"]


def test_invorderingsbeschikking_op_de_dag_van_de_uitnodiging_geweigerd():
    velden = _weigering(
        _invordering, D(2025, 3, 12), zienswijze_gevraagd_op=D(2025, 3, 12), zienswijze_ontvangen_op=D(2025, 3, 12)
    )
    assert "niet op dezelfde dag" in velden["verbeurte 10-03-2025"]


def test_awb_4_12_maakt_horen_voor_invordering_niet_overbodig():
    velden = _weigering(
        _invordering,
        D(2025, 4, 1),
        afzien_zienswijze="financiële verplichting",
        afzien_toelichting="bezwaar staat open",
    )
    assert "de lijn verlaten dat Awb 4:12" in velden["verbeurte 10-03-2025"]


def test_invorderingsbeschikking_na_horen_slaagt_en_noemt_het_horen():
    v = _invordering(D(2025, 3, 20), zienswijze_gevraagd_op=D(2025, 3, 12), zienswijze_ontvangen_op=D(2025, 3, 18))
    assert v.invorderingsbeschikking_op == D(2025, 3, 20)
    assert "uitgenodigd op 12-03-2025, zienswijze ontvangen op 18-03-2025" in v.motivering
    v = _invordering(D(2025, 3, 27), zienswijze_gevraagd_op=D(2025, 3, 12))
    assert v.invorderingsbeschikking_op == D(2025, 3, 27)


def test_aanmaning_vraagt_geen_zienswijze():
    """Awb 4:118: 4:8 does not apply to the aanmaning and the dwangbevel; they take no hearing input."""
    m, v = _verbeurte()
    Verbeurte.objects.filter(pk=v.pk).update(invorderingsbeschikking_op=D(2025, 3, 20))
    velden = _weigering(
        services.verbeurte_stap_zetten,
        actor=opbouw.handhaver(),
        maatregel=m,
        naar=VerbeurteFase.AANMANING,
        datum=D(2025, 4, 22),
        verbeurten=[v.pk],
        gegevens={"zienswijze_gevraagd_op": D(2025, 4, 1)},
    )
    assert "onbekend gegeven" in str(velden)


def test_dwangbevel_noemt_awb_4_117():
    m, v = _verbeurte()
    Verbeurte.objects.filter(pk=v.pk).update(
        invorderingsbeschikking_op=D(2025, 3, 20), aanmaning_op=D(2025, 4, 22), aanmaning_betalen_voor=D(2025, 5, 6)
    )
    velden = _weigering(
        services.dwangbevel_uitvaardigen, actor=opbouw.handhaver(), maatregel=m, datum=D(2025, 5, 6), verbeurten=[v.pk]
    )
    assert "Awb 4:117 lid 1" in velden["verbeurte 10-03-2025"]
    assert "4:114" not in velden["verbeurte 10-03-2025"]


# --- Awb 5:38 lid 1: a retroactive withdrawal of the last makes an invorderingsbeschikking lapse ----------------


def _ingetrokken(werking: str | None):
    m, v = _verbeurte()
    Verbeurte.objects.filter(pk=v.pk).update(invorderingsbeschikking_op=D(2025, 3, 20))
    Maatregelstap.objects.create(
        maatregel=m, van="hercontrole", naar="verbeurd", datum=D(2025, 3, 10), door_id=opbouw.handhaver().gebruiker_id
    )
    gegevens = {"reden": "de last is in bezwaar herroepen"} | ({"werking": werking} if werking else {})
    services.maatregel_stap_zetten(
        actor=opbouw.handhaver(), maatregel=m, naar=Fase.INGETROKKEN, datum=D(2025, 4, 1), gegevens=gegevens
    )
    return m, v


def test_intrekking_na_verbeurte_vraagt_de_werking():
    velden = _weigering(_ingetrokken, None)
    assert "Awb 5:38 lid 1" in velden["werking"]


def test_terugwerkende_intrekking_laat_de_invorderingsbeschikking_vervallen():
    """On main collection went on after the last was withdrawn with retroactive effect."""
    m, v = _ingetrokken("met terugwerkende kracht")
    velden = _weigering(
        services.aanmaning_sturen, actor=opbouw.handhaver(), maatregel=m, datum=D(2025, 4, 22), verbeurten=[v.pk]
    )
    assert "Awb 5:38 lid 1" in velden["verbeurte 10-03-2025"]
    v.refresh_from_db()
    assert v.aanmaning_op is None


def test_intrekking_voor_de_toekomst_laat_verbeurde_dwangsommen_invorderbaar():
    m, v = _ingetrokken("voor de toekomst")
    services.aanmaning_sturen(actor=opbouw.handhaver(), maatregel=m, datum=D(2025, 4, 22), verbeurten=[v.pk])
    v.refresh_from_db()
    assert v.aanmaning_op == D(2025, 4, 22)
