"""Enforcement services: the "done when" path end to end, positions, measures, refusals that store nothing.

Every date below is computed by hand; the comment beside it says which rule gives it. Calendar facts used:
2025-04-20 is Easter Sunday, so 2025-04-21 is Easter Monday and 2025-06-09 Whit Monday (Atw art. 3).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import selectors, services
from openvth.handhaving.models import (
    Fase,
    Handhavingsmaatregel,
    Interventiepositionering,
    MaatregelStatus,
    Overtreding,
    OvertredingStatus,
    Verbeurte,
)
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Rol

from . import opbouw

pytestmark = pytest.mark.django_db
D = date


def _stap(maatregel, naar, datum, **params):
    services.maatregel_stap_zetten(actor=opbouw.handhaver(), maatregel=maatregel, naar=naar, datum=datum, **params)
    maatregel.refresh_from_db()
    return maatregel.stappen.order_by("-id").first()


def test_van_classificatie_tot_geinde_dwangsom():
    """The issue's "done when": classification → warning → voornemen → LOD → hercontrole → forfeitures →
    invorderingsbeschikking → aanmaning → dwangbevel → paid, every term asserted, `uitgewerkt` at the maximum."""
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 3, 3), gedrag="B", gevolg="2")
    positie = zaak.posities.get()
    assert (positie.cel, positie.spoor, positie.tabelversie) == ("B2", "bestuursrechtelijk", "LHSO-2022-standaard-1")
    assert "cel B2" in positie.motivering and not zaak.afstemming_gewenst

    # Warning on Tue 4 March, 2 weeks to comply: set by the authority, no Atw → Tue 18 March; hercontrole from 19.
    lod = services.maatregel_maken(
        actor=wie, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2025, 3, 4), hersteltermijn="P2W"
    )
    assert (lod.fase, lod.status, lod.hercontrole_op) == (Fase.WAARSCHUWING, MaatregelStatus.OPGELEGD, D(2025, 3, 19))
    assert lod.stappen.get().termijn_tot == D(2025, 3, 18)
    zaak.refresh_from_db()
    assert zaak.status == OvertredingStatus.IN_BEHANDELING

    _stap(lod, Fase.HERCONTROLE, D(2025, 3, 19), kenmerk="HC-1")
    # Voornemen on Mon 24 March, zienswijze 2 weeks (Awb 4:8, default of OPENVTH_ZIENSWIJZETERMIJN) → Mon 7 April.
    stap = _stap(lod, Fase.VOORNEMEN, D(2025, 3, 24), instrument="LOD")
    assert (lod.instrument, lod.zienswijze_tot, stap.termijn_tot) == ("LOD", D(2025, 4, 7), D(2025, 4, 7))
    assert "Awb 4:8" in stap.motivering and lod.herstellend

    # Deciding inside the zienswijze term is refused with the reason, and nothing changes.
    with pytest.raises(OngeldigeInvoer, match="zienswijzetermijn loopt tot en met 07-04-2025"):
        _stap(
            lod,
            Fase.BESLUIT_LOD,
            D(2025, 4, 7),
            strekking="ongedaan maken van een overtreding",
            begunstigingstermijn="P4W",
            vorm="per tijdseenheid",
            eenheid="week",
            bedrag="500.00",
            maximum="2000.00",
            belangenafweging="een dwangsom volstaat: geen acuut gevaar",
        )
    # Besluit on Mon 14 April: 4 weeks grace (Awb 5:32a lid 2), set in the decision → Mon 12 May.
    stap = _stap(
        lod,
        Fase.BESLUIT_LOD,
        D(2025, 4, 14),
        strekking="ongedaan maken van een overtreding",
        begunstigingstermijn="P4W",
        vorm="per tijdseenheid",
        eenheid="week",
        bedrag="500.00",
        maximum="2000.00",
        belangenafweging="een dwangsom volstaat: geen acuut gevaar",
    )
    assert (lod.opgelegd_op, lod.begunstigingstermijn_tot, lod.hercontrole_op) == (
        D(2025, 4, 14),
        D(2025, 5, 12),
        D(2025, 5, 13),
    )
    assert (lod.dwangsom_bedrag, lod.dwangsom_maximum, lod.status) == (
        Decimal("500.00"),
        Decimal("2000.00"),
        MaatregelStatus.OPGELEGD,
    )
    assert "5:32a lid 2" in stap.artikel and "maandag 12 mei 2025" in stap.motivering

    with pytest.raises(OngeldigeInvoer, match="begunstigingstermijn loopt tot en met 12-05-2025"):
        _stap(lod, Fase.HERCONTROLE, D(2025, 5, 12))
    _stap(lod, Fase.HERCONTROLE, D(2025, 5, 13), kenmerk="HC-2")
    assert lod.status == MaatregelStatus.IN_UITVOERING

    # Two weeks forfeited (13-26 May): € 1,000. Payable 6 weeks after the last day (Awb 5:33): Mon 7 July; the
    # limitation counts from the first day (Awb 5:35): one year, never shifted (Atw art. 4) → 13 May 2026.
    eerste = services.verbeurte_vastleggen(
        actor=wie,
        maatregel=lod,
        datum=D(2025, 5, 27),
        verbeurd_vanaf=D(2025, 5, 13),
        verbeurd_op=D(2025, 5, 26),
        aantal=2,
        kenmerk="HC-3",
    )
    assert (eerste.bedrag, eerste.betalen_voor, eerste.verjaart_op) == (
        Decimal("1000.00"),
        D(2025, 7, 7),
        D(2026, 5, 13),
    )
    lod.refresh_from_db()
    assert lod.fase == Fase.VERBEURD
    # Two more weeks (27 May - 9 June, Whit Monday): the total reaches the € 2,000 maximum → uitgewerkt.
    tweede = services.verbeurte_vastleggen(
        actor=wie,
        maatregel=lod,
        datum=D(2025, 6, 10),
        verbeurd_vanaf=D(2025, 5, 27),
        verbeurd_op=D(2025, 6, 9),
        aantal=2,
    )
    assert (tweede.bedrag, tweede.betalen_voor, tweede.verjaart_op) == (
        Decimal("1000.00"),
        D(2025, 7, 21),
        D(2026, 5, 27),
    )
    lod.refresh_from_db()
    assert (lod.fase, lod.status) == (Fase.UITGEWERKT, MaatregelStatus.UITGEWERKT)
    assert list(lod.stappen.values_list("naar", flat=True)) == [
        "waarschuwing",
        "hercontrole",
        "voornemen",
        "besluit_lod",
        "hercontrole",
        "verbeurd",
        "verbeurd",
        "uitgewerkt",
    ]
    with pytest.raises(OngeldigeInvoer, match="niet in de tabel"):
        services.verbeurte_vastleggen(
            actor=wie,
            maatregel=lod,
            datum=D(2025, 6, 24),
            verbeurd_vanaf=D(2025, 6, 10),
            verbeurd_op=D(2025, 6, 23),
            aantal=2,
        )

    # The aanmaning before the invorderingsbeschikking: refused (Awb 5:37).
    with pytest.raises(OngeldigeInvoer, match="5:37"):
        services.aanmaning_sturen(actor=wie, maatregel=lod, datum=D(2025, 7, 8), verbeurten=[eerste.pk])
    # Invorderingsbeschikking Mon 16 June for both: stops the limitation, a new year → 16 June 2026 (Awb 5:37a).
    # First heard (Awb 4:8 lid 1; ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956): invited 10 June, view in on 13 June.
    services.invorderingsbeschikking_nemen(
        actor=wie,
        maatregel=lod,
        datum=D(2025, 6, 16),
        gegevens={"zienswijze_gevraagd_op": D(2025, 6, 10), "zienswijze_ontvangen_op": D(2025, 6, 13)},
    )
    eerste.refresh_from_db(), tweede.refresh_from_db()
    assert (eerste.verjaart_op, tweede.verjaart_op) == (D(2026, 6, 16), D(2026, 6, 16))
    # Not paid in time is needed for an aanmaning (Awb 4:112): on 7 July the first is still within its term.
    with pytest.raises(OngeldigeInvoer, match="betaaltermijn"):
        services.aanmaning_sturen(actor=wie, maatregel=lod, datum=D(2025, 7, 7))
    # Tue 8 July: only the first is overdue. Pay within 2 weeks from the day after sending → Tue 22 July.
    assert [v.pk for v in services.aanmaning_sturen(actor=wie, maatregel=lod, datum=D(2025, 7, 8))] == [eerste.pk]
    eerste.refresh_from_db()
    assert (eerste.aanmaning_betalen_voor, eerste.verjaart_op) == (D(2025, 7, 22), D(2026, 7, 8))
    services.betaling_vastleggen(actor=wie, maatregel=lod, datum=D(2025, 7, 15), verbeurten=[tweede.pk])
    with pytest.raises(OngeldigeInvoer, match="4:117 lid 1"):
        services.dwangbevel_uitvaardigen(actor=wie, maatregel=lod, datum=D(2025, 7, 22))
    services.dwangbevel_uitvaardigen(actor=wie, maatregel=lod, datum=D(2025, 7, 23))
    services.betaling_vastleggen(actor=wie, maatregel=lod, datum=D(2025, 8, 5))

    boek = selectors.grootboek_voor(lod, peildatum=D(2025, 8, 6))
    assert (boek.totaal_verbeurd, boek.totaal_betaald, boek.totaal_open, boek.maximum_bereikt) == (
        Decimal("2000.00"),
        Decimal("2000.00"),
        Decimal("0.00"),
        True,
    )
    assert [p.fase for p in boek.posten] == ["betaald", "betaald"]
    eerste.refresh_from_db()
    assert (eerste.dwangbevel_op, eerste.betaald_op, eerste.verjaart_op) == (
        D(2025, 7, 23),
        D(2025, 8, 5),
        D(2026, 7, 23),
    )
    assert "ECLI:NL:RVS:2017:1068" in eerste.motivering and "Awb 5:33" in eerste.motivering


def test_overtreding_uit_bevinding_met_directe_positionering_en_audit():
    wie = opbouw.actor("inspecteur", "odzob", Rol.TOEZICHTHOUDER)
    obj = opbouw.vth_object()
    zaak = services.overtreding_maken(
        actor=wie,
        vth_object=obj,
        herkomst="bevinding",
        herkomst_referentie="0b7c5e4e-bevinding",
        omschrijving="Lekbak ontbreekt.",
        voorschrift="Bal art. 4.105",
        geconstateerd_op=D(2025, 2, 3),
        gedrag="C",
        gevolg="3",
    )
    assert (zaak.bevoegd_gezag.code, zaak.uitvoerder.code, zaak.gemeente.code) == ("GM0772", "odzob", "GM0772")
    assert zaak.behandelaar_id == wie.gebruiker_id and zaak.vertrouwelijkheid == "intern"
    positie = zaak.posities.get()
    assert positie.spoor == "bestuursrechtelijk herstel en strafrechtelijk" and zaak.afstemming_gewenst
    acties = list(
        Auditgebeurtenis.objects.filter(object_id=str(zaak.uuid)).order_by("id").values_list("actie", flat=True)
    )
    assert acties == ["overtreding.aangemaakt", "overtreding.gepositioneerd"]


def test_herpositionering_is_geschiedenis_met_recidive():
    wie = opbouw.handhaver()
    obj = opbouw.vth_object()
    eerder = opbouw.overtreding(wie, obj, geconstateerd_op=D(2024, 6, 3))
    services.maatregel_maken(
        actor=wie,
        overtreding=eerder,
        instrument="LOD",
        naar=Fase.BESLUIT_LOD,
        datum=D(2024, 6, 4),
        afzien_zienswijze="spoed",
        afzien_toelichting="lekkage",
        strekking="ongedaan maken van een overtreding",
        begunstigingstermijn="P1W",
        vorm="ineens",
        bedrag="1000.00",
        maximum="1000.00",
        belangenafweging="een dwangsom volstaat: geen acuut gevaar",
    )
    zaak = opbouw.overtreding(wie, obj, geconstateerd_op=D(2025, 2, 3))
    services.overtreding_positioneren(actor=wie, overtreding=zaak, gedrag="A", gevolg="2")
    tweede = services.overtreding_positioneren(
        actor=wie, overtreding=zaak, gedrag="B", gevolg="2", toelichting="na gesprek"
    )
    # The local recidive rule (one earlier violation within 2 years) raises the behaviour one letter: B2 → C2.
    assert (tweede.oorspronkelijke_cel, tweede.cel) == ("B2", "C2")
    assert "Recidive: 1 relevante overtreding" in tweede.motivering and "Toelichting: na gesprek" in tweede.motivering
    assert zaak.posities.count() == 2 and zaak.posities.first() == tweede


@pytest.mark.parametrize(
    ("gedrag", "gevolg", "veld", "tekst"),
    [("3", "3", "gedrag", "Assen verwisseld"), ("B", "B", "gevolg", "Assen verwisseld"), ("E", "2", "gedrag", "A, B")],
)
def test_assen_verwisseld_geweigerd_zonder_opslag(gedrag, gevolg, veld, tekst):
    zaak = opbouw.overtreding()
    voor = Auditgebeurtenis.objects.count()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.overtreding_positioneren(actor=opbouw.handhaver(), overtreding=zaak, gedrag=gedrag, gevolg=gevolg)
    assert tekst in fout.value.velden[veld]
    assert not Interventiepositionering.objects.exists() and Auditgebeurtenis.objects.count() == voor


def test_overtreding_create_met_verwisselde_assen_slaat_niets_op():
    aantal = Overtreding.objects.count()
    with pytest.raises(OngeldigeInvoer, match="Assen verwisseld"):
        opbouw.overtreding(gedrag="2", gevolg="B")
    assert Overtreding.objects.count() == aantal


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"voorschrift": " "}, "voorschrift"),
        ({"omschrijving": ""}, "omschrijving"),
        ({"herkomst": "roddel"}, "herkomst"),
        ({"geconstateerd_op": D(2999, 1, 1)}, "geconstateerd_op"),
        ({"vertrouwelijkheid": "openbaar"}, "vertrouwelijkheid"),
        ({"gedrag": "B"}, "gevolg"),
    ],
)
def test_ongeldige_overtreding_geweigerd(velden, veld):
    obj = opbouw.vth_object()
    with pytest.raises(OngeldigeInvoer) as fout:
        opbouw.overtreding(obj=obj, **velden)
    assert veld in fout.value.velden
    assert not Overtreding.objects.exists()


def test_rechten_op_overtredingen():
    obj = opbouw.vth_object()
    # Another municipality's handhaver: the object is public, but the case is not theirs to create.
    amsterdam = opbouw.actor("amsterdammer", "GM0363", Rol.HANDHAVER)
    with pytest.raises(GeenToestemming):
        opbouw.overtreding(amsterdam, obj)
    planner = opbouw.actor("planner", "odzob", Rol.PLANNER)
    with pytest.raises(GeenToestemming):
        opbouw.overtreding(planner, obj)
    zaak = opbouw.overtreding(obj=obj)
    with pytest.raises(NietGevonden):
        services.overtreding_positioneren(actor=amsterdam, overtreding=zaak, gedrag="A", gevolg="1")
    toezichthouder = opbouw.actor("toezichthouder", "odzob", Rol.TOEZICHTHOUDER)
    with pytest.raises(GeenToestemming):
        services.maatregel_maken(
            actor=toezichthouder, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2025, 1, 7), hersteltermijn="P1W"
        )


def test_tweede_herstelsanctie_geweigerd_awb_5_6():
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie)
    services.maatregel_maken(
        actor=wie,
        overtreding=zaak,
        instrument="LOB",
        naar=Fase.BESLUIT_LOB,
        datum=D(2025, 1, 7),
        afzien_zienswijze="spoed",
        afzien_toelichting="lekkage",
        strekking="ongedaan maken van een overtreding",
        begunstigingstermijn="P3D",
    )
    voor = (Handhavingsmaatregel.objects.count(), Auditgebeurtenis.objects.count())
    with pytest.raises(OngeldigeInvoer) as fout:
        services.maatregel_maken(actor=wie, overtreding=zaak, instrument="LOD", datum=D(2025, 1, 8))
    assert "Awb 5:6" in fout.value.velden["instrument"]
    assert (Handhavingsmaatregel.objects.count(), Auditgebeurtenis.objects.count()) == voor
    # A warning is no herstelsanctie: allowed alongside.
    services.maatregel_maken(
        actor=wie, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2025, 1, 8), hersteltermijn="P1W"
    )


@pytest.mark.parametrize(
    ("params", "veld", "tekst"),
    [
        ({"maximum": "400.00"}, "maximum", "lager dan het bedrag"),
        ({"begunstigingstermijn": None}, "begunstigingstermijn", "5:32a lid 2"),
        ({"bedrag": "0.00"}, "bedrag", "positief"),
        ({"vorm": "per tijdseenheid"}, "eenheid", "tijdseenheid"),
        ({"bedrag": 12.5}, "bedrag", "tekst"),
        ({"strekking": "ophogen"}, "strekking", "kies uit"),
        ({"afzien_zienswijze": None}, "afzien_zienswijze", "Awb 4:8"),
        ({"onbekend": "x"}, "onbekend", "onbekend gegeven"),
    ],
)
def test_besluit_lod_geweigerd_met_reden_zonder_opslag(params, veld, tekst):
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie)
    gegevens = {
        "afzien_zienswijze": "spoed",
        "afzien_toelichting": "lekkage",
        "strekking": "ongedaan maken van een overtreding",
        "belangenafweging": "geen acuut gevaar",
        "begunstigingstermijn": "P2W",
        "vorm": "per overtreding",
        "bedrag": "500.00",
        "maximum": "5000.00",
    }
    gegevens.update(params)
    gegevens = {k: v for k, v in gegevens.items() if v is not None}
    voor = Auditgebeurtenis.objects.count()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.maatregel_maken(
            actor=wie, overtreding=zaak, instrument="LOD", naar=Fase.BESLUIT_LOD, datum=D(2025, 1, 7), gegevens=gegevens
        )
    assert tekst in fout.value.velden[veld], fout.value.velden
    assert not Handhavingsmaatregel.objects.exists() and Auditgebeurtenis.objects.count() == voor
    zaak.refresh_from_db()
    assert zaak.status == OvertredingStatus.GECONSTATEERD


def test_onbekend_of_vervallen_instrument_geweigerd():
    from openvth.handhaving.models import Codelijstwaarde

    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie)
    with pytest.raises(OngeldigeInvoer, match="staat niet op de codelijst"):
        services.maatregel_maken(actor=wie, overtreding=zaak, instrument="SCHANDPAAL", datum=D(2025, 1, 7))
    # The bestuurlijke boete is on the list from 1 January 2024 only (Omgevingswet).
    with pytest.raises(OngeldigeInvoer, match="pas geldig vanaf 01-01-2024"):
        services.maatregel_maken(
            actor=wie,
            overtreding=opbouw.overtreding(wie, geconstateerd_op=D(2023, 5, 1)),
            instrument="BESTUURLIJKE_BOETE",
            datum=D(2023, 5, 2),
        )
    Codelijstwaarde.objects.filter(code="AANSPREKEN").update(geldig_tot=D(2025, 1, 1))
    with pytest.raises(OngeldigeInvoer, match="vervallen per 01-01-2025"):
        services.maatregel_maken(actor=wie, overtreding=zaak, instrument="AANSPREKEN", datum=D(2025, 1, 7))


def test_uitgevoerd_heft_overtreding_op_en_gedogen_kent_een_einde():
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie)
    waarschuwing = services.maatregel_maken(
        actor=wie, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2025, 1, 7), hersteltermijn="P1W"
    )
    with pytest.raises(OngeldigeInvoer, match="vóór de constatering"):
        _stap(waarschuwing, Fase.UITGEVOERD, D(2025, 1, 10), hersteld_op=D(2025, 1, 1))
    _stap(waarschuwing, Fase.UITGEVOERD, D(2025, 1, 10), hersteld_op=D(2025, 1, 9))
    zaak.refresh_from_db()
    assert (zaak.status, zaak.hersteld_op, waarschuwing.beeindigd_op) == (
        OvertredingStatus.OPGEHEVEN,
        D(2025, 1, 9),
        D(2025, 1, 10),
    )
    tweede = opbouw.overtreding(wie)
    lod = services.maatregel_maken(actor=wie, overtreding=tweede, instrument="LOD", datum=D(2025, 1, 7))
    with pytest.raises(OngeldigeInvoer, match="beperkt in tijd"):
        _stap(lod, Fase.GEDOOGD, D(2025, 1, 20), gedoogd_tot=D(2025, 1, 20), reden="legalisatie in gang")
    _stap(lod, Fase.GEDOOGD, D(2025, 1, 20), gedoogd_tot=D(2025, 6, 30), reden="legalisatie in gang")
    tweede.refresh_from_db()
    assert (lod.instrument, lod.gedoogd_tot, lod.herstellend, tweede.status) == (
        "GEDOGEN",
        D(2025, 6, 30),
        False,
        OvertredingStatus.GEDOOGD,
    )


def test_zienswijzetermijn_volgt_de_instelling(settings):
    """2 weeks after Mon 7 April 2025 is Easter Monday 21 April: shifted to 22 April only by policy."""
    wie = opbouw.handhaver()
    lod = services.maatregel_maken(
        actor=wie, overtreding=opbouw.overtreding(wie), instrument="LOD", datum=D(2025, 4, 7)
    )
    assert lod.zienswijze_tot == D(2025, 4, 21)
    settings.OPENVTH_VERSCHUIF_BESLUITTERMIJNEN = True
    lob = services.maatregel_maken(
        actor=wie, overtreding=opbouw.overtreding(wie), instrument="LOB", datum=D(2025, 4, 7)
    )
    assert lob.zienswijze_tot == D(2025, 4, 22)
    assert "Tweede Paasdag" in lob.stappen.get().motivering
    settings.OPENVTH_ZIENSWIJZETERMIJN = "P3W"
    lang = services.maatregel_maken(
        actor=wie, overtreding=opbouw.overtreding(wie), instrument="LOD", datum=D(2025, 4, 7)
    )
    assert lang.zienswijze_tot == D(2025, 4, 28)


def test_verbeurte_binnen_begunstigingstermijn_geweigerd():
    wie = opbouw.handhaver()
    lod = services.maatregel_maken(
        actor=wie,
        overtreding=opbouw.overtreding(wie),
        instrument="LOD",
        naar=Fase.BESLUIT_LOD,
        datum=D(2025, 1, 7),
        afzien_zienswijze="spoed",
        afzien_toelichting="lekkage",
        strekking="voorkomen van verdere overtreding",
        begunstigingstermijn="P7D",
        vorm="per tijdseenheid",
        eenheid="dag",
        bedrag="100.00",
        maximum="1000.00",
        belangenafweging="een dwangsom volstaat: geen acuut gevaar",
    )
    _stap(lod, Fase.HERCONTROLE, D(2025, 1, 15))
    with pytest.raises(OngeldigeInvoer, match="binnen de begunstigingstermijn"):
        services.verbeurte_vastleggen(actor=wie, maatregel=lod, datum=D(2025, 1, 15), verbeurd_op=D(2025, 1, 14))
    with pytest.raises(OngeldigeInvoer, match="zijn 2 dagen"):
        services.verbeurte_vastleggen(
            actor=wie,
            maatregel=lod,
            datum=D(2025, 1, 17),
            verbeurd_vanaf=D(2025, 1, 15),
            verbeurd_op=D(2025, 1, 16),
            aantal=3,
        )
    assert not Verbeurte.objects.exists()
    post = services.verbeurte_vastleggen(
        actor=wie,
        maatregel=lod,
        datum=D(2025, 1, 17),
        verbeurd_vanaf=D(2025, 1, 15),
        verbeurd_op=D(2025, 1, 16),
        aantal=2,
    )
    assert post.bedrag == Decimal("200.00")
