"""The dwangsom ledger and the deadline overview: amounts against the maximum, terms per forfeiture (Atw shifts
included), limitation warnings N days ahead, and deadlines overdue-first within the actor's view."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openvth.handhaving import selectors, services
from openvth.handhaving.models import Fase
from openvth.handhaving.selectors import Termijnsoort
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Rol

from . import opbouw

pytestmark = pytest.mark.django_db
D = date


BESLUIT = D(2025, 1, 7)


def _lod(wie=None, *, vorm="per overtreding", eenheid="", bedrag="300.00", maximum="1000.00", datum=BESLUIT, zaak=None):
    wie = wie or opbouw.handhaver()
    params = {
        "afzien_zienswijze": "spoed",
        "afzien_toelichting": "lekkage",
        "strekking": "voorkomen van verdere overtreding",
        "belangenafweging": "geen acuut gevaar",
        "begunstigingstermijn": "P1W",
        "vorm": vorm,
        "bedrag": bedrag,
        "maximum": maximum,
    }
    if eenheid:
        params["eenheid"] = eenheid
    m = services.maatregel_maken(
        actor=wie,
        overtreding=zaak or opbouw.overtreding(wie),
        instrument="LOD",
        naar=Fase.BESLUIT_LOD,
        datum=datum,
        gegevens=params,
    )
    services.maatregel_stap_zetten(actor=wie, maatregel=m, naar=Fase.HERCONTROLE, datum=D(2025, 1, 15))
    return m


def test_betaaltermijn_schuift_van_zaterdag_naar_maandag():
    """Forfeited Sat 1 March 2025: 6 weeks (Awb 5:33) end Sat 12 April; statutory, so Atw art. 1 → Mon 14 April.
    The limitation (Awb 5:35) is a year: no Atw (art. 4) → Sun 1 March 2026 stays."""
    m = _lod()
    post = services.verbeurte_vastleggen(
        actor=opbouw.handhaver(), maatregel=m, datum=D(2025, 3, 3), verbeurd_op=D(2025, 3, 1)
    )
    assert (post.betalen_voor, post.verjaart_op) == (D(2025, 4, 14), D(2026, 3, 1))
    assert "zaterdag 12 april 2025 overgeslagen" in post.motivering


def test_per_overtreding_en_begrenzing_op_het_maximum():
    wie = opbouw.handhaver()
    m = _lod(wie)
    eerste = services.verbeurte_vastleggen(
        actor=wie, maatregel=m, datum=D(2025, 1, 20), verbeurd_op=D(2025, 1, 16), aantal=2
    )
    assert eerste.bedrag == Decimal("600.00")
    # 2 × € 300 would pass the maximum: only the remaining € 400 is forfeited (Awb 5:32b lid 2).
    tweede = services.verbeurte_vastleggen(
        actor=wie, maatregel=m, datum=D(2025, 1, 24), verbeurd_op=D(2025, 1, 23), aantal=2
    )
    assert tweede.bedrag == Decimal("400.00") and "begrensd" in tweede.motivering
    m.refresh_from_db()
    assert m.fase == Fase.UITGEWERKT
    boek = selectors.grootboek_voor(m, peildatum=D(2025, 2, 1))
    assert (boek.totaal_verbeurd, boek.resterend, boek.maximum_bereikt, boek.totaal_open) == (
        Decimal("1000.00"),
        Decimal("0.00"),
        True,
        Decimal("1000.00"),
    )
    assert [p.volgende_stappen for p in boek.posten] == [("invorderingsbeschikking", "betaald")] * 2


def test_dwangsom_ineens_eenmaal():
    wie = opbouw.handhaver()
    m = _lod(wie, vorm="ineens", bedrag="800.00", maximum="800.00")
    with pytest.raises(OngeldigeInvoer, match="eenmaal verbeurd"):
        services.verbeurte_vastleggen(
            actor=wie, maatregel=m, datum=D(2025, 1, 20), verbeurd_op=D(2025, 1, 15), aantal=2
        )
    post = services.verbeurte_vastleggen(actor=wie, maatregel=m, datum=D(2025, 1, 20), verbeurd_op=D(2025, 1, 15))
    assert post.bedrag == Decimal("800.00")


def test_dwangsom_ineens_verbeurd_de_dag_na_de_begunstigingstermijn():
    """ABRvS 28-02-2018, ECLI:NL:RVS:2018:653: the grace period of the decision of 7 January 2025 (P1W) ends on 14
    January; a lump sum for the continuing violation is forfeited on 15 January, not at the re-inspection of 20
    February, so the limitation (Awb 5:35) ends on 15 January 2026."""
    wie = opbouw.handhaver()
    m = _lod(wie, vorm="ineens", bedrag="800.00", maximum="800.00")
    post = services.verbeurte_vastleggen(actor=wie, maatregel=m, datum=D(2025, 2, 20))
    assert (post.datum, post.verjaart_op, post.betalen_voor) == (D(2025, 1, 15), D(2026, 1, 15), D(2025, 2, 26))
    assert "ECLI:NL:RVS:2018:653" in post.motivering


def test_dwangsom_ineens_later_verbeurd_alleen_met_reden():
    wie = opbouw.handhaver()
    m = _lod(wie, vorm="ineens", bedrag="800.00", maximum="800.00")
    with pytest.raises(OngeldigeInvoer, match="alleen met een reden") as fout:
        services.verbeurte_vastleggen(actor=wie, maatregel=m, datum=D(2025, 2, 20), verbeurd_op=D(2025, 2, 20))
    assert "verbeurd_op" in fout.value.velden
    post = services.maatregel_stap_zetten(
        actor=wie,
        maatregel=m,
        naar=Fase.VERBEURD,
        datum=D(2025, 2, 20),
        gegevens={"verbeurd_op": "2025-02-03", "reden_verbeurdatum": "bij de termijn beëindigd, op 3 februari hervat"},
    )
    boek = m.verbeurten.get()
    assert (boek.datum, boek.verjaart_op) == (D(2025, 2, 3), D(2026, 2, 3))
    assert "op 3 februari hervat" in boek.motivering and post.naar == Fase.VERBEURD


def test_verjaringswaarschuwing_n_dagen_vooraf(settings):
    wie = opbouw.handhaver()
    m = _lod(wie)
    post = services.verbeurte_vastleggen(actor=wie, maatregel=m, datum=D(2025, 1, 20), verbeurd_op=D(2025, 1, 16))
    assert post.verjaart_op == D(2026, 1, 16)
    settings.OPENVTH_VERJARING_WAARSCHUWING_DAGEN = 30
    assert not selectors.grootboek_voor(m, peildatum=D(2025, 12, 16)).posten[0].verjaring_nadert  # 31 days ahead
    boek = selectors.grootboek_voor(m, peildatum=D(2025, 12, 17))  # 30 days ahead
    assert boek.posten[0].verjaring_nadert and "stuit de verjaring" in boek.waarschuwingen[0]
    verjaard = selectors.grootboek_voor(m, peildatum=D(2026, 1, 17))
    assert verjaard.posten[0].verjaard and verjaard.posten[0].volgende_stappen == ()
    assert "verjaard (Awb 5:35)" in verjaard.waarschuwingen[0]
    settings.OPENVTH_VERJARING_WAARSCHUWING_DAGEN = 60
    assert selectors.grootboek_voor(m, peildatum=D(2025, 11, 20)).posten[0].verjaring_nadert
    # Once paid, nothing lapses and nothing warns.
    services.betaling_vastleggen(actor=wie, maatregel=m, datum=D(2025, 2, 1))
    assert not selectors.grootboek_voor(m, peildatum=D(2025, 12, 17)).waarschuwingen


def test_grootboek_via_selector_alleen_voor_wie_hem_mag_zien():
    m = _lod()
    assert selectors.grootboek_get(actor=opbouw.handhaver(), uuid=m.uuid).maatregel == m.uuid
    with pytest.raises(selectors.NietGevonden):
        selectors.grootboek_get(actor=opbouw.actor("a", "GM0363", Rol.HANDHAVER), uuid=m.uuid)


def test_termijnen_voor_te_laat_eerst_per_persoon_en_team():
    wie = opbouw.handhaver("jurist-a")
    collega = opbouw.handhaver("jurist-b")
    # A voornemen of 2 June 2025: zienswijze to 16 June. A warning of 3 June: hercontrole from 18 June.
    voornemen = services.maatregel_maken(
        actor=wie, overtreding=opbouw.overtreding(wie), instrument="LOD", datum=D(2025, 6, 2)
    )
    waarschuwing = services.maatregel_maken(
        actor=collega,
        overtreding=opbouw.overtreding(collega),
        instrument="WAARSCHUWEN",
        datum=D(2025, 6, 3),
        hersteltermijn="P2W",
    )
    lod = _lod(wie)  # begunstigingstermijn ended 14 January; now in hercontrole, one forfeiture open:
    services.verbeurte_vastleggen(actor=wie, maatregel=lod, datum=D(2025, 1, 20), verbeurd_op=D(2025, 1, 16))

    alles = selectors.termijn_list(actor=wie, tot=D(2026, 12, 31), peildatum=D(2025, 6, 10))
    assert [(s.soort, s.datum, s.verlopen) for s in alles] == [
        (Termijnsoort.BETAALTERMIJN, D(2025, 2, 27), True),  # 16 Jan + 6 weeks = Thu 27 Feb (Awb 5:33)
        (Termijnsoort.ZIENSWIJZETERMIJN, D(2025, 6, 16), False),
        (Termijnsoort.HERCONTROLE, D(2025, 6, 18), False),
        (Termijnsoort.VERJARING, D(2026, 1, 16), False),
    ]
    assert alles[1].maatregel == voornemen.uuid and "Awb 4:8" in alles[1].motivering
    assert alles[0].verbeurte_id is not None and alles[0].overtreding == lod.overtreding.uuid
    mijn = selectors.termijn_list(
        actor=wie, behandelaar=wie.gebruiker_id, tot=D(2026, 12, 31), peildatum=D(2025, 6, 10)
    )
    assert waarschuwing.uuid not in {s.maatregel for s in mijn} and len(mijn) == 3
    assert len(selectors.termijn_list(actor=wie, tot=D(2025, 6, 16), peildatum=D(2025, 6, 10))) == 2
    team = selectors.termijn_list(actor=wie, organisatie=wie.organisatie, tot=D(2026, 12, 31), peildatum=D(2025, 6, 10))
    assert len(team) == 4
    ander = opbouw.actor("buitenstaander", "GM0363", Rol.HANDHAVER)
    assert selectors.termijn_list(actor=ander, tot=D(2026, 12, 31)) == []


# --- objections and appeals against the order (Awb 5:35 lid 2, 5:37a, 6:16, 8:81) ---------------------------


def _ineens_verbeurd(wie):
    m = _lod(wie, vorm="ineens", bedrag="800.00", maximum="800.00")
    post = services.verbeurte_vastleggen(actor=wie, maatregel=m, datum=D(2025, 2, 20))  # forfeited 15 January 2025
    return m, post


def test_bezwaar_verlengt_de_verjaring_tot_onherroepelijk_is_beslist():
    wie = opbouw.handhaver()
    m, post = _ineens_verbeurd(wie)
    assert (post.verjaart_op, post.verjaring_verlengd) == (D(2026, 1, 15), False)
    bezwaar = services.rechtsmiddel_vastleggen(actor=wie, maatregel=m, soort="bezwaar", ingediend_op=D(2025, 2, 10))
    post.refresh_from_db()
    assert (post.verjaart_op, post.verjaring_verlengd) == (D(2026, 1, 15), True)
    boek = selectors.grootboek_voor(m, peildatum=D(2026, 3, 1))
    assert not boek.posten[0].verjaard  # the term runs on while the objection is pending (Awb 5:35 lid 2)
    # Decided on Monday 4 May 2026: irrevocable once the six-week appeal period has passed unused (15 June 2026).
    services.rechtsmiddel_beslissen(actor=wie, rechtsmiddel=bezwaar, beslist_op=D(2026, 5, 4), uitkomst="ongegrond")
    post.refresh_from_db()
    assert (post.verjaart_op, post.verjaring_verlengd) == (D(2026, 6, 15), False)
    assert "Awb 5:35 lid 2" in post.motivering


def test_bezwaar_of_beroep_schorst_de_invordering_niet_een_voorlopige_voorziening_wel():
    wie = opbouw.handhaver()
    m, post = _ineens_verbeurd(wie)
    services.rechtsmiddel_vastleggen(actor=wie, maatregel=m, soort="bezwaar", ingediend_op=D(2025, 2, 10))
    vovo = services.rechtsmiddel_vastleggen(
        actor=wie, maatregel=m, soort="voorlopige_voorziening", ingediend_op=D(2025, 2, 11)
    )
    services.rechtsmiddel_beslissen(
        actor=wie, rechtsmiddel=vovo, beslist_op=D(2025, 3, 1), uitkomst="toegewezen", geschorst_tot=D(2025, 4, 30)
    )
    gehoord = {"zienswijze_gevraagd_op": D(2025, 3, 3), "zienswijze_ontvangen_op": D(2025, 3, 10)}  # Awb 4:8 lid 1
    with pytest.raises(OngeldigeInvoer, match="Awb 8:81"):
        services.invorderingsbeschikking_nemen(actor=wie, maatregel=m, datum=D(2025, 4, 1), gegevens=gehoord)
    # After the suspension, the pending objection alone does not stop collection (Awb 6:16).
    services.invorderingsbeschikking_nemen(actor=wie, maatregel=m, datum=D(2025, 5, 1), gegevens=gehoord)
    post.refresh_from_db()
    # The recovery decision starts a new year (Awb 5:37a lid 1, 4:110); the objection is still pending then.
    assert (post.invorderingsbeschikking_op, post.verjaart_op, post.verjaring_verlengd) == (
        D(2025, 5, 1),
        D(2026, 5, 1),
        True,
    )


def test_rechtsmiddel_invoer_gecontroleerd():
    wie = opbouw.handhaver()
    m, _ = _ineens_verbeurd(wie)
    with pytest.raises(OngeldigeInvoer, match="kies uit"):
        services.rechtsmiddel_vastleggen(actor=wie, maatregel=m, soort="klacht", ingediend_op=D(2025, 2, 10))
    with pytest.raises(OngeldigeInvoer):
        services.rechtsmiddel_vastleggen(
            actor=wie, maatregel=m, soort="bezwaar", ingediend_op=D(2024, 12, 1)
        )  # before the order
    r = services.rechtsmiddel_vastleggen(actor=wie, maatregel=m, soort="beroep", ingediend_op=D(2025, 2, 10))
    with pytest.raises(OngeldigeInvoer, match="kies uit"):
        services.rechtsmiddel_beslissen(actor=wie, rechtsmiddel=r, beslist_op=D(2025, 3, 1), uitkomst="toegewezen")
    with pytest.raises(OngeldigeInvoer):
        services.rechtsmiddel_beslissen(actor=wie, rechtsmiddel=r, beslist_op=D(2025, 2, 1), uitkomst="ongegrond")
