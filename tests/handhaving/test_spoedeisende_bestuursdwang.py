"""Urgent administrative coercion (Awb 5:31): no grace period (lid 1), and the decision after the act (lid 2)."""

from __future__ import annotations

from datetime import date

import pytest

from openvth.handhaving import services, workflow
from openvth.handhaving.models import Fase
from openvth.organisaties.fouten import OngeldigeInvoer

from . import opbouw

pytestmark = pytest.mark.django_db
D = date
SPOED = "Lekkende tank met zoutzuur naast de sloot: elk uur uitstel vergroot de schade."


def _zonder_voornemen() -> dict[str, str]:
    """The Awb 4:11 ground for deciding without hearing first (spoed), as the edge asks for it."""
    namen = {p.naam for p in workflow.OVERGANGEN[workflow.START][Fase.BESLUIT_LOB].params}
    return {"afzien_zienswijze": "spoed"} | ({"afzien_toelichting": SPOED} if "afzien_toelichting" in namen else {})


def test_lid_1_besluit_zonder_begunstigingstermijn_en_direct_toepassen():
    wie = opbouw.handhaver()
    m = services.maatregel_maken(
        actor=wie,
        overtreding=opbouw.overtreding(wie),
        instrument="LOB",
        naar=Fase.BESLUIT_LOB,
        datum=D(2025, 1, 6),
        gegevens={**_zonder_voornemen(), "strekking": "ongedaan maken van een overtreding", "spoed_grond": SPOED},
    )
    assert (m.spoedeisend, m.begunstigingstermijn, m.begunstigingstermijn_tot) == ("Awb 5:31 lid 1", "", None)
    # No grace period: the coercion may follow on the day of the decision.
    stap = services.maatregel_stap_zetten(
        actor=wie, maatregel=m, naar=Fase.BESTUURSDWANG, datum=D(2025, 1, 6), omschrijving="tank geleegd"
    )
    assert "Awb 5:31 lid 1" in stap.artikel
    m.refresh_from_db()
    assert m.fase == Fase.BESTUURSDWANG


def test_zonder_spoedgrond_blijft_de_termijn_verplicht():
    wie = opbouw.handhaver()
    with pytest.raises(OngeldigeInvoer, match="Awb 5:24 lid 2"):
        services.maatregel_maken(
            actor=wie,
            overtreding=opbouw.overtreding(wie),
            instrument="LOB",
            naar=Fase.BESLUIT_LOB,
            datum=D(2025, 1, 6),
            gegevens={**_zonder_voornemen(), "strekking": "ongedaan maken van een overtreding"},
        )


def test_een_gewone_last_onder_bestuursdwang_geeft_geen_directe_toepassing():
    wie = opbouw.handhaver()
    m = services.maatregel_maken(
        actor=wie,
        overtreding=opbouw.overtreding(wie),
        instrument="LOB",
        naar=Fase.BESLUIT_LOB,
        datum=D(2025, 1, 6),
        gegevens={
            **_zonder_voornemen(),
            "strekking": "ongedaan maken van een overtreding",
            "begunstigingstermijn": "P1W",
        },
    )
    assert m.spoedeisend == ""
    with pytest.raises(OngeldigeInvoer, match="Awb 5:31 lid 1"):
        services.maatregel_stap_zetten(actor=wie, maatregel=m, naar=Fase.BESTUURSDWANG, datum=D(2025, 1, 6))


def test_lid_2_toegepast_en_het_besluit_achteraf():
    wie = opbouw.handhaver()
    m = services.maatregel_maken(
        actor=wie,
        overtreding=opbouw.overtreding(wie),
        instrument="LOB",
        naar=Fase.BESTUURSDWANG,
        datum=D(2025, 1, 8),
        gegevens={"toegepast_op": "2025-01-06", "spoed_grond": SPOED, "omschrijving": "Tank leeggepompt."},
    )
    assert (m.fase, m.spoedeisend, m.bestuursdwang_toegepast_op, m.opgelegd_op) == (
        Fase.BESTUURSDWANG,
        "Awb 5:31 lid 2",
        D(2025, 1, 6),
        D(2025, 1, 8),
    )
    stap = m.stappen.get()
    assert "Awb 5:31 lid 2" in stap.artikel and stap.gegevens["spoed_grond"] == SPOED


@pytest.mark.parametrize(
    "gegevens, veld",
    [
        (
            {"toegepast_op": "2025-01-09", "spoed_grond": SPOED, "omschrijving": "x"},
            "toegepast_op",
        ),  # after the decision
        (
            {"toegepast_op": "2025-01-05", "spoed_grond": SPOED, "omschrijving": "x"},
            "toegepast_op",
        ),  # before the finding
        ({"toegepast_op": "2025-01-06", "omschrijving": "x"}, "spoed_grond"),
        ({"toegepast_op": "2025-01-06", "spoed_grond": SPOED}, "omschrijving"),
    ],
)
def test_lid_2_geweigerd(gegevens, veld):
    wie = opbouw.handhaver()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.maatregel_maken(
            actor=wie,
            overtreding=opbouw.overtreding(wie),
            instrument="LOB",
            naar=Fase.BESTUURSDWANG,
            datum=D(2025, 1, 8),
            gegevens=gegevens,
        )
    assert veld in fout.value.velden
