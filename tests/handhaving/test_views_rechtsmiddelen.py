"""The case page records objections and appeals against a measure, and shows urgent coercion (Awb 5:31)."""

from __future__ import annotations

from datetime import date

import pytest

from openvth.handhaving import services
from openvth.handhaving.models import Fase, Rechtsmiddel
from openvth.organisaties.models import Rol

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


def _spoed(jurist):
    handhaver = zaak.actor_van(jurist, "odzob")
    o = services.overtreding_maken(
        actor=handhaver,
        vth_object=zaak.vth_object(),
        herkomst="eigen_waarneming",
        omschrijving="Lekkende tank.",
        voorschrift="Bal art. 4.1",
        geconstateerd_op=date(2026, 3, 1),
    )
    return services.maatregel_maken(
        actor=handhaver,
        overtreding=o,
        instrument="LOB",
        naar=Fase.BESTUURSDWANG,
        datum=date(2026, 3, 3),
        gegevens={"toegepast_op": "2026-03-01", "spoed_grond": "acuut gevaar", "omschrijving": "Tank geleegd."},
    )


def test_bezwaar_vastleggen_en_beslissen_op_de_zaakpagina(jurist):
    client = zaak.browser(jurist)
    m = _spoed(jurist)
    pagina = client.get(f"/handhaving/overtredingen/{m.overtreding.uuid}").content.decode()
    assert "Awb 5:31 lid 2" in pagina and "Bezwaar en beroep" in pagina
    r = client.post(
        f"/handhaving/maatregelen/{m.uuid}/rechtsmiddel",
        {f"r{m.pk}-soort": "bezwaar", f"r{m.pk}-ingediend_op": "2026-03-20", f"r{m.pk}-kenmerk": "BZ-7"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    bezwaar = Rechtsmiddel.objects.get(maatregel=m)
    assert (bezwaar.soort, bezwaar.kenmerk, bezwaar.beslist_op) == ("bezwaar", "BZ-7", None)
    r = client.post(
        f"/handhaving/maatregelen/{m.uuid}/rechtsmiddel",
        {
            "rechtsmiddel": bezwaar.pk,
            f"rb{bezwaar.pk}-beslist_op": "2026-02-01",
            f"rb{bezwaar.pk}-uitkomst": "ongegrond",
        },
    )
    assert r.status_code == 400  # decided before it was filed: refused, nothing stored
    # the service names the field `beslist_op` (snake_case, as the form): its reason stands at that field
    veldfout = f'<div id="id_rb{bezwaar.pk}-beslist_op_error"><p class="utrecht-form-field-error-message">tussen'
    assert veldfout in r.content.decode()
    bezwaar.refresh_from_db()
    assert bezwaar.beslist_op is None
    r = client.post(
        f"/handhaving/maatregelen/{m.uuid}/rechtsmiddel",
        {
            "rechtsmiddel": bezwaar.pk,
            f"rb{bezwaar.pk}-beslist_op": "2026-05-04",
            f"rb{bezwaar.pk}-uitkomst": "ongegrond",
        },
    )
    assert r.status_code == 302
    bezwaar.refresh_from_db()
    assert (bezwaar.beslist_op, bezwaar.uitkomst) == (date(2026, 5, 4), "ongegrond")


def test_rechtsmiddel_bij_een_onzichtbare_maatregel_is_404(jurist):
    m = _spoed(jurist)
    buiten = zaak.browser(zaak.gebruiker("buiten", {"GM0363": [Rol.HANDHAVER]}))
    r = buiten.post(
        f"/handhaving/maatregelen/{m.uuid}/rechtsmiddel",
        {f"r{m.pk}-soort": "bezwaar", f"r{m.pk}-ingediend_op": "2026-03-20"},
    )
    assert r.status_code == 404 and not Rechtsmiddel.objects.exists()
