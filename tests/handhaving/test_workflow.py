"""The workflow tables, edge by edge: every allowed transition succeeds when its guards hold, every other pair of
phases is refused with a reason and stores nothing. The same for the collection of one forfeiture."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import services, workflow
from openvth.handhaving.models import Fase, Handhavingsmaatregel, Maatregelstap, Verbeurte
from openvth.handhaving.workflow import START, VerbeurteFase
from openvth.organisaties.fouten import OngeldigeInvoer

from . import opbouw

pytestmark = pytest.mark.django_db
D = date
DATUM = D(2025, 6, 2)  # the day every tested step is taken
VAN = (START, *Fase.values)
NAAR = tuple(Fase.values)
TABEL = {(van, naar) for van, uit in workflow.OVERGANGEN.items() for naar in uit}

# The instrument a measure in `van` holds, when an edge needs a specific one; else the default per phase.
STANDAARD_INSTRUMENT = {
    START: "LOD",
    Fase.WAARSCHUWING: "WAARSCHUWEN",
    Fase.VOORNEMEN: "LOD",
    Fase.BESLUIT_LOD: "LOD",
    Fase.BESLUIT_LOB: "LOB",
    Fase.HERCONTROLE: "LOD",
    Fase.VERBEURD: "LOD",
    Fase.BESTUURSDWANG: "LOB",
    Fase.GENOMEN: "INFORMEREN",
    Fase.GEDOOGD: "GEDOGEN",
    Fase.UITGEVOERD: "LOD",
    Fase.UITGEWERKT: "LOD",
    Fase.INGETROKKEN: "LOD",
}
INSTRUMENT = {
    (START, Fase.WAARSCHUWING): "WAARSCHUWEN",
    (START, Fase.BESLUIT_LOB): "LOB",
    (START, Fase.GEDOOGD): "GEDOGEN",
    (START, Fase.GENOMEN): "BESTUURLIJK_GESPREK",
    (Fase.VOORNEMEN, Fase.BESLUIT_LOB): "LOB",
    (Fase.HERCONTROLE, Fase.VOORNEMEN): "WAARSCHUWEN",
    (Fase.HERCONTROLE, Fase.BESTUURSDWANG): "LOB",
    (START, Fase.BESTUURSDWANG): "LOB",
}
LOD = {
    "strekking": "ongedaan maken van een overtreding",
    "begunstigingstermijn": "P4W",
    "vorm": "per overtreding",
    "bedrag": "250.00",
    "maximum": "2500.00",
    "belangenafweging": "het belang van de opslagregels verzet zich niet tegen een financiële prikkel",
}
LOB = {"strekking": "ongedaan maken van een overtreding", "begunstigingstermijn": "P2W"}
# Input for each target phase (from START, the besluit edges also need a ground to skip the zienswijze).
PARAMS = {
    Fase.WAARSCHUWING: {"hersteltermijn": "P2W"},
    Fase.VOORNEMEN: {},
    Fase.BESLUIT_LOD: LOD,
    Fase.BESLUIT_LOB: LOB,
    Fase.HERCONTROLE: {"kenmerk": "HC-9"},
    Fase.VERBEURD: {"verbeurd_op": DATUM, "aantal": 1},
    Fase.BESTUURSDWANG: {"omschrijving": "opslag ontruimd door de aannemer"},
    Fase.GENOMEN: {"omschrijving": "gesprek met de directie"},
    Fase.GEDOOGD: {"gedoogd_tot": D(2025, 12, 31), "reden": "legalisatie in behandeling"},
    Fase.UITGEVOERD: {"hersteld_op": D(2025, 5, 30)},
    Fase.UITGEWERKT: {},
    Fase.INGETROKKEN: {"reden": "overtreder is failliet"},
}
EXTRA = {
    (Fase.HERCONTROLE, Fase.VOORNEMEN): {"instrument": "LOD"},
    (START, Fase.BESTUURSDWANG): {"toegepast_op": D(2025, 6, 1), "spoed_grond": "acuut gevaar"},  # Awb 5:31 lid 2
    (START, Fase.BESLUIT_LOD): {"afzien_zienswijze": "spoed", "afzien_toelichting": "acuut gevaar"},
    (START, Fase.BESLUIT_LOB): {"afzien_zienswijze": "spoed", "afzien_toelichting": "acuut gevaar"},
    (Fase.VERBEURD, Fase.INGETROKKEN): {"werking": "voor de toekomst"},
}


def _maatregel(van: str, naar: str) -> Handhavingsmaatregel:
    """A measure in phase `van` whose dates satisfy every guard on DATUM (built directly, as history)."""
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 1, 6))
    m = Handhavingsmaatregel.objects.create(
        overtreding=zaak,
        instrument=INSTRUMENT.get((van, naar), STANDAARD_INSTRUMENT[van]),
        fase=van,
        status=workflow.CIM_STATUS[van],
        herstellend=True,
        opgelegd_op=D(2025, 2, 3),
        zienswijze_tot=D(2025, 2, 1),
        begunstigingstermijn_tot=D(2025, 3, 1),
        hercontrole_op=D(2025, 3, 2),
        dwangsom_strekking=LOD["strekking"],
        dwangsom_vorm="per overtreding",
        dwangsom_bedrag=Decimal("250.00"),
        dwangsom_maximum=Decimal("2500.00"),
        spoedeisend="Awb 5:31 lid 1" if (van, naar) == (Fase.BESLUIT_LOB, Fase.BESTUURSDWANG) else "",
    )
    Maatregelstap.objects.create(maatregel=m, van="", naar=van, datum=D(2025, 3, 5), door_id=wie.gebruiker_id)
    if van == Fase.VERBEURD:
        bedrag = Decimal("2500.00") if naar == Fase.UITGEWERKT else Decimal("250.00")
        Verbeurte.objects.create(
            maatregel=m,
            datum=D(2025, 3, 10),
            bedrag=bedrag,
            betalen_voor=D(2025, 4, 21),
            verjaart_op=D(2026, 3, 10),
            door_id=wie.gebruiker_id,
        )
    return m


def _zet(van: str, naar: str):
    wie = opbouw.handhaver()
    params = {**PARAMS[naar], **EXTRA.get((van, naar), {})}
    if van == START:
        zaak = opbouw.overtreding(wie, geconstateerd_op=D(2025, 1, 6))
        instrument = INSTRUMENT.get((van, naar), STANDAARD_INSTRUMENT[van])
        return services.maatregel_maken(
            actor=wie, overtreding=zaak, instrument=instrument, naar=naar, datum=DATUM, gegevens=params
        )
    m = _maatregel(van, naar)
    services.maatregel_stap_zetten(actor=wie, maatregel=m, naar=naar, datum=DATUM, gegevens=params)
    m.refresh_from_db()
    return m


def _stand():
    return (
        list(Handhavingsmaatregel.objects.order_by("id").values_list("id", "fase", "status", "instrument")),
        Maatregelstap.objects.count(),
        Verbeurte.objects.count(),
        Auditgebeurtenis.objects.count(),
    )


@pytest.mark.parametrize(("van", "naar"), sorted(TABEL))
def test_toegestane_overgang_slaagt(van, naar):
    m = _zet(van, naar)
    stap = m.stappen.order_by("-id").first()
    if (van, naar) == (Fase.VERBEURD, Fase.VERBEURD) or naar == Fase.UITGEWERKT:
        assert m.fase == naar
    else:
        assert (m.fase, stap.van, stap.naar, stap.datum) == (naar, van, naar, DATUM)
    assert m.status == workflow.CIM_STATUS[naar]
    assert stap.artikel and stap.motivering
    assert Auditgebeurtenis.objects.filter(object_id=str(m.uuid), actie=f"handhavingsmaatregel.{naar}").exists()


@pytest.mark.parametrize(("van", "naar"), sorted({(v, n) for v in VAN for n in NAAR} - TABEL))
def test_verboden_overgang_geweigerd_zonder_opslag(van, naar):
    if van == START:
        zaak = opbouw.overtreding(geconstateerd_op=D(2025, 1, 6))
        voor = _stand()
        with pytest.raises(OngeldigeInvoer) as fout:
            services.maatregel_maken(
                actor=opbouw.handhaver(),
                overtreding=zaak,
                instrument="LOD",
                naar=naar,
                datum=DATUM,
                gegevens=PARAMS[naar],
            )
    else:
        m = _maatregel(van, naar)
        voor = _stand()
        with pytest.raises(OngeldigeInvoer) as fout:
            services.maatregel_stap_zetten(
                actor=opbouw.handhaver(), maatregel=m, naar=naar, datum=DATUM, gegevens=PARAMS[naar]
            )
    assert "staat niet in de tabel" in fout.value.velden["naar"]
    assert _stand() == voor


def test_elke_fase_heeft_een_rij_en_een_cim_status():
    assert set(workflow.OVERGANGEN) == {START, *Fase.values}
    assert set(workflow.CIM_STATUS) == set(Fase.values)
    for uit in workflow.OVERGANGEN.values():
        for overgang in uit.values():
            assert overgang.artikel and overgang.naam
            assert all(b.voorwaarde for b in overgang.bewakers)


# Guards: each refused with its reason while the edge itself is in the table (and nothing is stored).
BEWAKERS = [
    (Fase.WAARSCHUWING, Fase.HERCONTROLE, {"hercontrole_op": D(2025, 6, 3)}, {}, "datum", "hersteltermijn"),
    (Fase.VOORNEMEN, Fase.BESLUIT_LOD, {"zienswijze_tot": DATUM}, LOD, "datum", "zienswijzetermijn"),
    (Fase.VOORNEMEN, Fase.BESLUIT_LOD, {}, {**LOD, "maximum": "100.00"}, "maximum", "Awb 5:32b lid 2"),
    (Fase.VOORNEMEN, Fase.BESLUIT_LOD, {"instrument": "LOB"}, LOD, "instrument", "last onder dwangsom"),
    (
        Fase.VOORNEMEN,
        Fase.BESLUIT_LOB,
        {"instrument": "LOB"},
        {"strekking": LOB["strekking"]},
        "begunstigingstermijn",
        "Awb 5:24 lid 2",
    ),
    (Fase.BESLUIT_LOD, Fase.HERCONTROLE, {"begunstigingstermijn_tot": DATUM}, {}, "datum", "begunstigingstermijn"),
    (Fase.HERCONTROLE, Fase.VERBEURD, {"instrument": "WAARSCHUWEN"}, PARAMS[Fase.VERBEURD], "instrument", "route"),
    (Fase.HERCONTROLE, Fase.VOORNEMEN, {"instrument": "LOD"}, {"instrument": "LOD"}, "instrument", "waarschuwing"),
    (Fase.HERCONTROLE, Fase.VERBEURD, {}, {"verbeurd_op": D(2025, 3, 1)}, "verbeurd_op", "5:32a"),
    (Fase.HERCONTROLE, Fase.VERBEURD, {}, {"verbeurd_op": D(2025, 6, 3)}, "verbeurd_op", "na de vaststelling"),
    (Fase.VERBEURD, Fase.UITGEWERKT, {"dwangsom_maximum": Decimal("5000.00")}, {}, "datum", "nog niet bereikt"),
    (Fase.WAARSCHUWING, Fase.UITGEVOERD, {}, {"hersteld_op": D(2025, 6, 5)}, "hersteld_op", "na deze stap"),
    (Fase.VOORNEMEN, Fase.INGETROKKEN, {}, {}, "reden", "verplicht"),
]


@pytest.mark.parametrize(("van", "naar", "velden", "params", "veld", "tekst"), BEWAKERS)
def test_bewaker_weigert_met_reden(van, naar, velden, params, veld, tekst):
    m = _maatregel(van, naar)
    Handhavingsmaatregel.objects.filter(pk=m.pk).update(**velden)
    m.refresh_from_db()
    voor = _stand()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.maatregel_stap_zetten(actor=opbouw.handhaver(), maatregel=m, naar=naar, datum=DATUM, gegevens=params)
    assert veld in fout.value.velden, fout.value.velden
    assert tekst in fout.value.velden[veld], fout.value.velden
    assert _stand() == voor


def test_stap_in_de_toekomst_geweigerd():
    m = _maatregel(Fase.BESLUIT_LOD, Fase.HERCONTROLE)
    with pytest.raises(OngeldigeInvoer, match="toekomst"):
        services.maatregel_stap_zetten(
            actor=opbouw.handhaver(), maatregel=m, naar=Fase.HERCONTROLE, datum=D(2999, 1, 1)
        )


def test_stap_voor_de_vorige_stap_geweigerd():
    m = _maatregel(Fase.BESLUIT_LOD, Fase.HERCONTROLE)
    with pytest.raises(OngeldigeInvoer, match="vorige stap is van 05-03-2025"):
        services.maatregel_stap_zetten(
            actor=opbouw.handhaver(), maatregel=m, naar=Fase.HERCONTROLE, datum=D(2025, 3, 4)
        )


# --- the collection of one forfeiture -----------------------------------------------------------------------

POSTTABEL = {(van, naar) for van, uit in workflow.VERBEURTE_OVERGANGEN.items() for naar in uit}
# A forfeiture of 10 March 2025, payable by 21 April, lapsing 10 March 2026, brought to each phase.
POSTFASE = {
    VerbeurteFase.VERBEURD: {},
    VerbeurteFase.INVORDERINGSBESCHIKKING: {"invorderingsbeschikking_op": D(2025, 3, 20)},
    VerbeurteFase.AANMANING: {
        "invorderingsbeschikking_op": D(2025, 3, 20),
        "aanmaning_op": D(2025, 4, 22),
        "aanmaning_betalen_voor": D(2025, 5, 6),
    },
    VerbeurteFase.DWANGBEVEL: {
        "invorderingsbeschikking_op": D(2025, 3, 20),
        "aanmaning_op": D(2025, 4, 22),
        "aanmaning_betalen_voor": D(2025, 5, 6),
        "dwangbevel_op": D(2025, 5, 7),
    },
    VerbeurteFase.BETAALD: {"betaald_op": D(2025, 3, 30)},
}


def _post(fase: VerbeurteFase) -> tuple[Handhavingsmaatregel, Verbeurte]:
    m = _maatregel(Fase.UITGEWERKT, Fase.UITGEWERKT)
    v = Verbeurte.objects.create(
        maatregel=m,
        datum=D(2025, 3, 10),
        bedrag=Decimal("250.00"),
        betalen_voor=D(2025, 4, 21),
        verjaart_op=D(2026, 3, 10),
        door_id=opbouw.handhaver().gebruiker_id,
        **POSTFASE[fase],
    )
    return m, v


# The input a collection step needs: the offender heard before the invorderingsbeschikking (Awb 4:8 lid 1).
POSTPARAMS = {VerbeurteFase.INVORDERINGSBESCHIKKING: {"zienswijze_gevraagd_op": D(2025, 3, 12)}}


@pytest.mark.parametrize(("van", "naar"), sorted(POSTTABEL))
def test_invorderingsstap_slaagt(van, naar):
    m, v = _post(van)
    services.verbeurte_stap_zetten(
        actor=opbouw.handhaver(),
        maatregel=m,
        naar=naar,
        datum=DATUM,
        verbeurten=[v.pk],
        gegevens=POSTPARAMS.get(naar, {}),
    )
    v.refresh_from_db()
    assert services.post_toestand(v).fase == naar
    assert Auditgebeurtenis.objects.filter(object_id=str(v.pk), actie=f"verbeurte.{naar}").exists()


@pytest.mark.parametrize(("van", "naar"), sorted({(v, n) for v in VerbeurteFase for n in VerbeurteFase} - POSTTABEL))
def test_verboden_invorderingsstap_geweigerd(van, naar):
    m, v = _post(van)
    voor = (Verbeurte.objects.values().get(pk=v.pk), Auditgebeurtenis.objects.count())
    with pytest.raises(OngeldigeInvoer, match="niet in de tabel"):
        services.verbeurte_stap_zetten(actor=opbouw.handhaver(), maatregel=m, naar=naar, datum=DATUM, verbeurten=[v.pk])
    assert (Verbeurte.objects.values().get(pk=v.pk), Auditgebeurtenis.objects.count()) == voor


@pytest.mark.parametrize(
    ("van", "naar", "datum", "tekst"),
    [
        (VerbeurteFase.INVORDERINGSBESCHIKKING, VerbeurteFase.AANMANING, D(2025, 4, 21), "Awb 4:112"),
        (VerbeurteFase.AANMANING, VerbeurteFase.DWANGBEVEL, D(2025, 5, 6), "Awb 4:117 lid 1"),
        (VerbeurteFase.VERBEURD, VerbeurteFase.INVORDERINGSBESCHIKKING, D(2026, 3, 11), "verjaard"),
        (VerbeurteFase.VERBEURD, VerbeurteFase.BETAALD, D(2025, 3, 9), "vóór de verbeurte"),
    ],
)
def test_invorderingsbewaker(van, naar, datum, tekst):
    m, v = _post(van)
    with pytest.raises(OngeldigeInvoer, match=tekst):
        services.verbeurte_stap_zetten(
            actor=opbouw.handhaver(),
            maatregel=m,
            naar=naar,
            datum=datum,
            verbeurten=[v.pk],
            gegevens=POSTPARAMS.get(naar, {}),
        )


def test_documentatie_noemt_elke_overgang():
    """docs/handhaving.md shows both tables; a new edge without documentation fails here."""
    from pathlib import Path

    tekst = (Path(__file__).resolve().parents[2] / "docs" / "handhaving.md").read_text(encoding="utf-8")
    for van, naar in TABEL:
        assert f"| {van or 'start'} | {naar} |" in tekst, (van, naar)
    for van, naar in POSTTABEL:
        assert f"| {van} | {naar} |" in tekst, (van, naar)
