"""Synthetic permit history (vergunningen/generator.py) at small scale: drawn from the generated register,
consistent with the procedure's own period computation, deterministic, and refused rather than doubled."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from openvth.organisaties.models import Lidmaatschap, Rol
from openvth.regels import termijnen
from openvth.register.generator import genereer
from openvth.register.models import Activiteituitvoering
from openvth.vergunningen import procedure
from openvth.vergunningen.generator import VerzoekgeneratorFout, genereer_verzoeken
from openvth.vergunningen.models import (
    OPEN_STATUSSEN,
    Aanvullingsverzoek,
    Besluit,
    Verzoek,
    Verzoeksoort,
    Verzoekstatus,
)
from openvth.vergunningen.stappen import kalender, zaak_van

pytestmark = pytest.mark.django_db
PEILDATUM = date(2026, 6, 1)


@pytest.fixture
def register():
    genereer(aantal=400, seed=7, peildatum=PEILDATUM)


def _verzoeken(**aantallen):
    return genereer_verzoeken(seed=11, peildatum=PEILDATUM, **aantallen)


def test_historie_volgt_register_en_procedure(register):
    verslag = _verzoeken(open_aantal=400, besloten_aantal=150, meldingen_aantal=60)
    assert (verslag.open, verslag.besloten, verslag.meldingen) == (400, 150, 60)
    verzoeken = list(Verzoek.objects.prefetch_related("activiteiten__activiteit"))
    assert len(verzoeken) == 610
    assert {(v.verzoekvolgnummer, v.doel) for v in verzoeken} == {("001", "indienen")}
    assert set(OPEN_STATUSSEN) | {"besloten", "onherroepelijk", "afgehandeld"} == {v.status for v in verzoeken}
    uitvoeringen = {
        (u.vth_object_id, u.activiteit_id): u
        for u in Activiteituitvoering.objects.filter(geldig_tot__isnull=True).select_related("vth_object")
    }
    leden = {
        (lid.gebruiker_id, lid.organisatie_id)
        for lid in Lidmaatschap.objects.all()
        if Rol.VERGUNNINGVERLENER in lid.rollen
    }
    for v in verzoeken:
        (activiteit,) = [va.activiteit for va in v.activiteiten.all()]
        u = uitvoeringen[(v.vth_object_id, activiteit.pk)]
        assert (v.bevoegd_gezag_id, v.uitvoerder_id, v.locatie_id) == (
            u.bevoegd_gezag_id,
            u.toezichtinstantie_id,
            u.vth_object.locatie_id,
        )
        plicht = "vergunningplicht" if v.soort == Verzoeksoort.TOESTEMMINGSAANVRAAG else "meldingsplicht"
        assert plicht in activiteit.kwalificaties
        if activiteit.ippc_seveso and v.procedure:
            assert v.procedure == "uitgebreid"  # Ow art. 16.65 lid 1 onder a
        if v.behandelaar_id is not None:
            assert (v.behandelaar_id, v.uitvoerder_id) in leden
        if v.soort != Verzoeksoort.TOESTEMMINGSAANVRAAG:
            assert v.beslistermijn_tot is None and v.tijdig is None
            uiterlijk = termijnen.meldingstermijn(v.aanvang_activiteit, kalender=kalender()).einddatum
            assert v.te_laat_gemeld == (v.ontvangen_op > uiterlijk)
            continue
        # The stored period is the one the procedure computes from the request's own rows.
        termijn = procedure.beslistermijn(zaak_van(v), PEILDATUM)
        assert v.beslistermijn_tot == (termijn.einddatum if termijn else None), v.verzoeknummer
        assert (v.status == Verzoekstatus.ONTVANGEN) == (v.beslistermijn_tot is None)
        if v.status in OPEN_STATUSSEN:
            assert v.ontvangen_op <= PEILDATUM and v.afgehandeld_op is None and v.tijdig is None
        else:
            besluit = Besluit.objects.get(verzoek=v, ontwerp=False)
            assert besluit.bekendgemaakt_op == v.afgehandeld_op
            assert v.tijdig == (v.afgehandeld_op <= v.beslistermijn_tot)
    opgeschort = Verzoek.objects.filter(status=Verzoekstatus.OPGESCHORT)
    assert Aanvullingsverzoek.objects.filter(aangevuld_op__isnull=True).count() == opgeschort.count() > 0
    assert (
        Besluit.objects.filter(ontwerp=True, status="ter_inzage").count()
        == Verzoek.objects.filter(status=Verzoekstatus.TER_INZAGE).count()
    )
    besloten = Verzoek.objects.filter(tijdig__isnull=False)
    assert 0 < besloten.filter(tijdig=False).count() < besloten.filter(tijdig=True).count()
    assert Verzoek.objects.filter(te_laat_gemeld=True).exists()


def _momentopname():
    return list(
        Verzoek.objects.order_by("verzoeknummer").values_list(
            "uuid", "verzoeknummer", "status", "ontvangen_op", "beslistermijn_tot", "vth_object_id", "tijdig"
        )
    )


def test_zelfde_seed_zelfde_rijen_en_geen_dubbelen(register):
    with transaction.atomic():
        _verzoeken(open_aantal=120, besloten_aantal=40, meldingen_aantal=10)
        eerste = _momentopname()
        transaction.set_rollback(True)
    assert not Verzoek.objects.exists()
    _verzoeken(open_aantal=120, besloten_aantal=40, meldingen_aantal=10)
    assert _momentopname() == eerste
    with pytest.raises(VerzoekgeneratorFout, match="al synthetische verzoeken"):
        _verzoeken(open_aantal=5, besloten_aantal=0, meldingen_aantal=0)
    assert Verzoek.objects.count() == 170


def test_zonder_register_geweigerd():
    with pytest.raises(VerzoekgeneratorFout, match="genereer eerst het register"):
        _verzoeken(open_aantal=10, besloten_aantal=0, meldingen_aantal=0)
    with pytest.raises(VerzoekgeneratorFout, match="geheel getal"):
        _verzoeken(open_aantal=-1, besloten_aantal=0, meldingen_aantal=0)
    assert not Verzoek.objects.exists()
