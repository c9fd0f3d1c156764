"""Draft letters: templates per organisation with a default, rendering to HTML and PDF, versions, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import documenten
from openvth.handhaving.models import Document, Documentsjabloon, Documentsoort
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Rol
from openvth.organisaties.services import systeem_actor

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def standaard():
    return documenten.sjablonen_laden(actor=systeem_actor("test"))


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def handhaver(jurist):
    return zaak.actor_van(jurist, "odzob", Rol.HANDHAVER)


@pytest.fixture
def lod(jurist):
    overtreding = zaak.overtreding(jurist)
    zaak.positie(jurist, overtreding)
    return zaak.dwangsom(jurist, overtreding)


def _waarden(waarde):
    """Every leaf of a context: the template may reach nothing but plain values."""
    if isinstance(waarde, dict):
        for v in waarde.values():
            yield from _waarden(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _waarden(v)
    else:
        yield waarde


def test_standaardsjablonen_laden_is_idempotent(standaard, tmp_path):
    assert sorted(standaard.aangemaakt) == sorted(s.value for s in Documentsoort)
    assert Documentsjabloon.objects.filter(organisatie__isnull=True).count() == len(Documentsoort) == 4
    tweede = documenten.sjablonen_laden(actor=systeem_actor("test"))
    assert not tweede.aangemaakt and not tweede.bijgewerkt and len(tweede.ongewijzigd) == 4
    # A release that changes a file updates that default, with a new version.
    for soort in Documentsoort:
        (tmp_path / f"{soort.value}.html").write_text(documenten.BESTANDEN[soort].read_text("utf-8"), "utf-8")
    (tmp_path / "waarschuwing.html").write_text("<p>Nieuwe tekst voor {{ vth_object.naam }}.</p>", "utf-8")
    derde = documenten.sjablonen_laden(actor=systeem_actor("test"), map=tmp_path)
    assert derde.bijgewerkt == ["waarschuwing"]
    sjabloon = Documentsjabloon.objects.get(organisatie__isnull=True, soort="waarschuwing")
    assert sjabloon.versie == 2 and "Nieuwe tekst" in sjabloon.inhoud
    assert Auditgebeurtenis.objects.filter(actie="documentsjabloon.bijgewerkt", object_id=str(sjabloon.pk)).exists()


def test_besluit_lod_noemt_overtreding_bedragen_termijnen_en_artikelen(standaard, handhaver, lod):
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod, datum=date(2026, 3, 2)
    )
    html = document.html
    assert "Bal art. 3.48 lid 2" in html and "Afval buiten de opslag." in html  # Awb 5:9
    assert "Bakkerij De Korst B.V." in html and "Markt 1, 5611 EB Eindhoven" in html
    assert "€ 500,00 per week dat de last niet is uitgevoerd" in html and "€ 5.000,00" in html
    assert "uiterlijk op 30 maart 2026" in html
    assert "art. 125 Gemeentewet" in html and "Awb art. 5:32b" in html and "Awb art. 6:7 en 6:8" in html
    assert "bezwaar maken bij het college van burgemeester en wethouders van Eindhoven" in html
    assert "Concept — niet verzonden" in html and "<style>" in html
    assert bytes(document.pdf).startswith(b"%PDF-") and len(bytes(document.pdf)) > 2_000
    sjabloon = Documentsjabloon.objects.get(organisatie__isnull=True, soort="besluit_lod")
    assert (document.sjabloon_id, document.sjabloonversie, document.gemaakt_door_id) == (
        sjabloon.pk,
        sjabloon.versie,
        handhaver.gebruiker_id,
    )
    assert (document.status, document.versie, document.versies.count()) == ("concept", 1, 1)
    gebeurtenis = Auditgebeurtenis.objects.get(actie="document.gemaakt", object_id=str(document.uuid))
    assert gebeurtenis.na["sjabloonversie"] == sjabloon.versie and gebeurtenis.na["soort"] == "besluit_lod"


def test_context_bevat_alleen_gewone_waarden_en_geen_afweging(handhaver, lod):
    context = documenten.documentcontext(
        actor=handhaver,
        overtreding=lod.overtreding,
        soort=Documentsoort.BESLUIT_LOD,
        maatregel=lod,
        datum=date(2026, 2, 2),
    )
    assert all(isinstance(w, str | int | bool | type(None)) for w in _waarden(context))
    assert context["maatregel"]["zienswijze_tot"] == "16 februari 2026"
    assert "positie" not in context  # the LHSO position is the authority's own reasoning, not the letter's


def test_voornemen_alleen_bij_een_last_onder_dwangsom(standaard, handhaver, jurist, lod):
    waarschuwing = zaak.dwangsom(jurist, lod.overtreding, fase="waarschuwing")
    waarschuwing.instrument = "WAARSCHUWEN"
    waarschuwing.save()
    with pytest.raises(OngeldigeInvoer, match="last onder dwangsom"):
        documenten.document_maken(
            actor=handhaver, overtreding=lod.overtreding, soort="voornemen", maatregel=waarschuwing
        )
    assert Document.objects.count() == 0


def test_tekst_uit_de_zaak_wordt_ontsnapt(standaard, handhaver, jurist):
    overtreding = zaak.overtreding(jurist, omschrijving="<script>alert(1)</script> lekkage")
    document = documenten.document_maken(actor=handhaver, overtreding=overtreding, soort="waarschuwing")
    assert "<script>" not in document.html and "&lt;script&gt;alert(1)&lt;/script&gt; lekkage" in document.html


def test_sjabloon_van_het_bevoegd_gezag_gaat_voor(standaard, handhaver, lod):
    beheerder = zaak.gebruiker("beheer-eindhoven", {"GM0772": [Rol.FUNCTIONEEL_BEHEERDER]})
    eigen = documenten.sjabloon_opslaan(
        actor=zaak.actor_van(beheerder, "GM0772", Rol.FUNCTIONEEL_BEHEERDER),
        soort="besluit_lod",
        titel="Besluit Eindhoven",
        inhoud="<p>Eindhoven besluit: {{ maatregel.dwangsom.tekst }}</p>",
    )
    document = documenten.document_maken(
        actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod
    )
    assert document.sjabloon == eigen and document.sjabloonversie == 1
    assert "Eindhoven besluit: € 500,00 per week" in document.html


def test_elke_opslag_verhoogt_de_versie(jurist):
    beheerder = zaak.gebruiker("beheer", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    actor = zaak.actor_van(beheerder, "odzob", Rol.FUNCTIONEEL_BEHEERDER)
    eerste = documenten.sjabloon_opslaan(actor=actor, soort="waarschuwing", titel="W", inhoud="<p>een</p>")
    tweede = documenten.sjabloon_opslaan(actor=actor, soort="waarschuwing", titel="W", inhoud="<p>twee</p>")
    zelfde = documenten.sjabloon_opslaan(actor=actor, soort="waarschuwing", titel="W", inhoud="<p>twee</p>")
    assert (eerste.versie, tweede.versie, zelfde.versie) == (1, 2, 2) and eerste.pk == tweede.pk
    assert Auditgebeurtenis.objects.filter(actie="documentsjabloon.opgeslagen", object_id=str(eerste.pk)).count() == 2


@pytest.mark.parametrize(
    ("inhoud", "reden"),
    [
        ("<p>{% if %}</p>", "regel 1"),
        ("<p>{% for x in %}{% endfor %}</p>", "ongeldige sjabloontaal"),
        ("<p>{{ naam|bestaatniet }}</p>", "ongeldige sjabloontaal"),
        ("<p>{% load i18n %}</p>", "ongeldige sjabloontaal"),
        ('{% include "web/basis.html" %}', "niet toegestaan"),
        ("{% debug %}", "niet toegestaan"),
        ("<p>{{ datum|date:'Y' }}</p>\n{% endif %}", "regel 2"),
    ],
)
def test_sjabloon_dat_niet_compileert_wordt_geweigerd(inhoud, reden):
    beheerder = zaak.gebruiker("beheer", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    actor = zaak.actor_van(beheerder, "odzob", Rol.FUNCTIONEEL_BEHEERDER)
    voor = Auditgebeurtenis.objects.count()
    with pytest.raises(OngeldigeInvoer) as fout:
        documenten.sjabloon_opslaan(actor=actor, soort="voornemen", titel="V", inhoud=inhoud)
    assert reden in fout.value.velden["inhoud"]
    assert not Documentsjabloon.objects.exists() and Auditgebeurtenis.objects.count() == voor


def test_alleen_de_functioneel_beheerder_bewerkt_sjablonen(handhaver):
    with pytest.raises(GeenToestemming):
        documenten.sjabloon_opslaan(actor=handhaver, soort="voornemen", titel="V", inhoud="<p>x</p>")
    assert not Documentsjabloon.objects.exists()


def test_document_weigeringen_slaan_niets_op(standaard, handhaver, jurist, lod):
    andere = zaak.overtreding(jurist, zaak.vth_object("Garage", "odzob-hh-2"))
    gevallen = [
        ({"overtreding": lod.overtreding, "soort": "voornemen"}, "maatregel"),
        ({"overtreding": andere, "soort": "besluit_lod", "maatregel": lod}, "maatregel"),
        ({"overtreding": lod.overtreding, "soort": "brief"}, "soort"),
    ]
    for argumenten, veld in gevallen:
        with pytest.raises(OngeldigeInvoer) as fout:
            documenten.document_maken(actor=handhaver, **argumenten)
        assert veld in fout.value.velden
    lod.dwangsom_bedrag = lod.dwangsom_maximum = None
    lod.save()
    with pytest.raises(OngeldigeInvoer, match="Awb 5:32b"):
        documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="besluit_lod", maatregel=lod)
    assert not Document.objects.exists()
    assert not Auditgebeurtenis.objects.filter(actie="document.gemaakt").exists()


def test_alleen_wie_de_zaak_ziet_en_handhaver_is(standaard, jurist, lod):
    buiten = zaak.gebruiker("amsterdam", {"GM0363": [Rol.HANDHAVER]})
    with pytest.raises(NietGevonden):
        documenten.document_maken(
            actor=zaak.actor_van(buiten, "GM0363"), overtreding=lod.overtreding, soort="waarschuwing"
        )
    toezicht = zaak.actor_van(jurist, "odzob", Rol.TOEZICHTHOUDER)
    with pytest.raises(GeenToestemming):
        documenten.document_maken(actor=toezicht, overtreding=lod.overtreding, soort="waarschuwing")
    assert not Document.objects.exists()


def test_zonder_sjabloon_een_duidelijke_melding(handhaver, lod):
    with pytest.raises(OngeldigeInvoer, match="openvth load-sjablonen"):
        documenten.document_maken(actor=handhaver, overtreding=lod.overtreding, soort="waarschuwing")


def test_pdf_haalt_niets_van_het_netwerk(monkeypatch):
    opgevraagd = []
    origineel = documenten.GeenNetwerk.fetch

    def bijhouden(self, url, headers=None):
        opgevraagd.append(url)
        return origineel(self, url, headers)

    monkeypatch.setattr(documenten.GeenNetwerk, "fetch", bijhouden)
    html = (
        '<html><body><img src="http://192.0.2.1/logo.png" alt=""><img src="/etc/passwd" alt="">'
        '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<link rel="stylesheet" href="file:///etc/hosts"><p>Brief</p></body></html>'
    )
    assert documenten.pdf_van(html).startswith(b"%PDF-")
    assert "http://192.0.2.1/logo.png" in opgevraagd and "https://openvth.invalid/etc/passwd" in opgevraagd
    for url in ("http://192.0.2.1/logo.png", "file:///etc/hosts", "https://openvth.invalid/etc/passwd"):
        with pytest.raises(ValueError, match="niet toegestaan"):
            documenten.GeenNetwerk().fetch(url)
    assert documenten.GeenNetwerk().fetch("data:text/plain;base64,SGFsbG8=").read() == b"Hallo"
