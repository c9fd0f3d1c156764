"""The regional risk analysis: models refused with reasons, the run stored with breakdowns, re-runs compared."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import services as handhaving
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.regels import risico
from openvth.register.models import VthObject
from openvth.toezicht import selectors, services
from openvth.toezicht.models import Risicoanalyse, Risicomodelversie, Risicoscore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("wijzig", "reden"),
    [
        (lambda d: d["gewichten"]["impact"].update(activiteit=0.4), "tellen op tot"),
        (lambda d: d["klassen"][1].update(van=9), "overlappen"),
        (lambda d: d["klassen"][1].update(van=11), "gat tussen"),
        (lambda d: d["klassen"][0].update(frequentie_maanden_ied=48), "2010/75/EU art. 23 lid 4"),
        (lambda d: d["klassen"][4].update(frequentie_maanden_ied=24), "hoogste risico"),
    ],
)
def test_inconsistent_model_geweigerd_met_reden_en_niets_bewaard(regio, planner, modeldefinitie, wijzig, reden):
    definitie = copy.deepcopy(modeldefinitie)
    wijzig(definitie)
    with pytest.raises(OngeldigeInvoer) as fout:
        services.risicomodel_vastleggen(actor=planner, regio=regio, definitie=definitie)
    assert reden in fout.value.velden["definitie"]
    assert not Risicomodelversie.objects.exists()
    assert not Auditgebeurtenis.objects.filter(actie="risicomodel.vastgelegd").exists()


def test_alleen_de_regio_zelf_legt_haar_model_vast(regio, medewerker, modeldefinitie):
    ander = medewerker("GM0363", "planner")
    with pytest.raises(GeenToestemming):
        services.risicomodel_vastleggen(actor=ander, regio=regio, definitie=modeldefinitie)


def test_run_bewaart_elke_score_met_uitsplitsing_die_optelt(modelversie, planner):
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    model = risico.voorbeeldmodel()
    objecten = set(VthObject.objects.filter(uitvoeringen__toezichtinstantie=analyse.regio).values_list("pk", flat=True))
    scores = list(Risicoscore.objects.filter(analyse=analyse))
    assert analyse.aantal == len(scores) > 100
    assert {s.vth_object_id for s in scores} <= objecten
    assert sum(analyse.verdeling.values()) == analyse.aantal
    for s in scores:
        uitsplitsing = selectors.pak_uit(s.uitsplitsing, model)
        assert sum(o.bijdrage for o in uitsplitsing.onderdelen) == pytest.approx(s.score, abs=0.01)
        klasse = model.klasse(s.klasse)
        assert klasse.van <= s.score < klasse.tot or s.klasse == len(model.klassen)
        assert s.frequentie_maanden == (klasse.frequentie_maanden_ied if s.ied else klasse.frequentie_maanden)
    assert analyse.gegevens["afgeleid"]["woningen_250m"] == analyse.aantal  # nothing measured: all proxied
    assert Auditgebeurtenis.objects.filter(actie="risicoanalyse.uitgevoerd").count() == 1


def test_score_gelijk_aan_regels_score_per_object(modelversie, planner):
    """The stored score equals `regels.risico.score` for the same features (no re-implemented rule)."""
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    model = risico.voorbeeldmodel()
    s = Risicoscore.objects.filter(analyse=analyse, activiteit__isnull=False).order_by("-score").first()
    u = selectors.pak_uit(s.uitsplitsing, model)
    waarden = {o.criterium: o.waarde for o in u.onderdelen}
    verwacht = risico.score(
        model,
        risico.Kenmerken(
            activiteitcode=s.activiteit.code,
            ied=waarden["ied"] == 1,
            seveso=waarden["seveso"] == 1,
            emissieklasse=model.emissie.index(pytest.approx(waarden["emissie"], abs=1e-6)),
            ongevalsrisico=model.ongevalsrisico.index(pytest.approx(waarden["ongevalsrisico"], abs=1e-6)),
            woningen_250m=u.woningen_250m,
        ),
        peildatum=analyse.peildatum,
    )
    assert s.score == pytest.approx(verwacht.score) and s.klasse == verwacht.klasse


def test_andere_organisatie_mag_de_analyse_niet_draaien(modelversie, medewerker):
    with pytest.raises(GeenToestemming):
        services.risicoanalyse_uitvoeren(actor=medewerker("GM0363", "planner"), modelversie=modelversie)
    assert not Risicoanalyse.objects.exists()


def test_herhaling_vergelijkt_en_noemt_waarom(modelversie, planner, medewerker):
    eerste = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    laag = Risicoscore.objects.filter(analyse=eerste, klasse__lte=2).select_related("vth_object").first()
    inspecteur = medewerker("odzob", "toezichthouder")
    for voorschrift in ("art. 3.1 Bal", "art. 3.2 Bal"):
        handhaving.overtreding_maken(
            actor=inspecteur,
            vth_object=laag.vth_object,
            omschrijving="lekkage",
            voorschrift=voorschrift,
            geconstateerd_op=timezone.localdate(),
            gedrag="D",
            gevolg="4",
        )
    tweede = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    v = tweede.vergelijking
    assert tweede.vorige == eerste and v["vorige"] == str(eerste.uuid)
    assert v["omhoog"] >= 1 and v["nieuw"] == 0 and v["verdwenen"] == 0
    assert v["omhoog"] + v["omlaag"] + v["gelijk"] == tweede.aantal
    verschuiving = next(x for x in v["grootste_verschuivingen"] if x["vth_object"] == str(laag.vth_object.uuid))
    assert verschuiving["reden"] == "naleefhistorie" and verschuiving["klasse"] > verschuiving["klasse_was"]
    assert v["hoofdreden"]["omhoog"]["naleefhistorie"] >= 1
    score, uitsplitsing = selectors.risicoscore_get(actor=planner, analyse=tweede, vth_object=laag.vth_object)
    assert uitsplitsing.overtredingen == 2 and tweede.gegevens["overtredingen"] == 2


def test_gemeten_kenmerken_gaan_voor_de_proxy(modelversie, planner, object_in_regio, medewerker):
    services.risicokenmerk_vastleggen(
        actor=medewerker("odzob", "toezichthouder"),
        vth_object=object_in_regio,
        bron="BAG-telling 2026",
        woningen_250m=250,
        certificering="emas",
        geldig_vanaf=timezone.localdate(),
    )
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    _, u = selectors.risicoscore_get(actor=planner, analyse=analyse, vth_object=object_in_regio)
    waarden = {o.criterium: o.waarde for o in u.onderdelen}
    assert u.woningen_250m == 250 and waarden["omgeving"] == 1.0
    assert waarden["certificering"] == pytest.approx(0.2)
    assert analyse.gegevens["gemeten"]["woningen_250m"] == 1


def test_risicokenmerk_buiten_bereik_geweigerd(object_in_regio, medewerker, regio):
    with pytest.raises(OngeldigeInvoer) as fout:
        services.risicokenmerk_vastleggen(
            actor=medewerker("odzob", "toezichthouder"), vth_object=object_in_regio, bron="", emissieklasse=5
        )
    assert set(fout.value.velden) == {"emissieklasse", "bron"}


def test_kaart_top_en_leesrechten(modelversie, planner, medewerker):
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    kaart = selectors.risicokaart(actor=planner, analyse=analyse)
    assert len(kaart["features"]) == analyse.aantal and not kaart["afgekapt"]
    eerste = kaart["features"][0]
    assert eerste["geometry"]["type"] == "Point" and {"klasse", "score", "naam"} <= set(eerste["properties"])
    top = list(selectors.risicoscore_list(actor=planner, analyse=analyse)[:5])
    assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)
    # a member municipality sees the run and only the scores of objects it is the competent authority for
    eindhoven = medewerker("GM0772", "manager")
    assert selectors.risicoanalyse_list(actor=eindhoven).filter(pk=analyse.pk).exists()
    eigen = selectors.risicoscore_list(actor=eindhoven, analyse=analyse)
    assert eigen.exists() and set(eigen.values_list("bevoegd_gezag__code", flat=True)) == {"GM0772"}
    # an unrelated municipality does not see the run at all
    assert not selectors.risicoanalyse_list(actor=medewerker("GM0363", "manager")).filter(pk=analyse.pk).exists()
