"""The web pages' edge of the domain errors (web.fouten): every kind maps to a page, and a field the domain names
in snake_case lands on the form field of that name."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.http import Http404
from django.test import RequestFactory

from openvth.organisaties import fouten
from openvth.web.fouten import PAGINAS, op_formulier, pagina, tekst


class _Formulier(forms.Form):
    ingediend_op = forms.DateField()
    kenmerk = forms.CharField(required=False)


def _gebonden() -> _Formulier:
    form = _Formulier({"ingediend_op": "2025-01-02", "kenmerk": "BZ-1"})
    assert form.is_valid()
    return form


def test_elke_domeinfout_heeft_een_pagina(rf: RequestFactory, db):
    assert set(PAGINAS) == set(fouten.Domeinfout.__subclasses__())
    verzoek = rf.get("/ergens")
    verzoek.user = AnonymousUser()
    for soort in fouten.soorten():
        fout = soort(velden={"x": "y"}) if issubclass(soort, fouten.OngeldigeInvoer) else soort("reden")
        try:
            antwoord = pagina(verzoek, fout)
        except (Http404, BadRequest):
            continue
        assert antwoord.status_code == 403, soort


def test_niet_gevonden_is_404_en_geen_toestemming_403(rf, db):
    verzoek = rf.get("/ergens")
    verzoek.user = AnonymousUser()
    with pytest.raises(Http404):
        pagina(verzoek, fouten.NietGevonden())
    antwoord = pagina(verzoek, fouten.GeenToestemming("Alleen de privacyfunctionaris."))
    assert antwoord.status_code == 403 and "Alleen de privacyfunctionaris." in antwoord.content.decode()


def test_veldfout_op_het_veld_van_dezelfde_naam():
    form = _gebonden()
    op_formulier(form, fouten.OngeldigeInvoer(velden={"ingediend_op": "tussen het besluit en vandaag"}), boven=False)
    assert form.errors == {"ingediend_op": ["tussen het besluit en vandaag"]}


def test_onbekend_veld_leesbaar_boven_het_formulier():
    form = _gebonden()
    fout = fouten.OngeldigeInvoer("Geweigerd.", {"ingediend_op": "te vroeg", "reden_geen_handhaving": "verplicht"})
    op_formulier(form, fout)
    assert form.errors["ingediend_op"] == ["te vroeg"]
    assert form.non_field_errors() == ["Geweigerd. reden geen handhaving: verplicht"]
    form = _gebonden()
    op_formulier(form, fout, boven=False)
    assert form.non_field_errors() == ["reden geen handhaving: verplicht"]
    form = _gebonden()
    op_formulier(form, fout, velden=False)
    assert form.errors == {"__all__": ["Geweigerd."]}


def test_tekst_met_leesbare_veldnamen():
    assert tekst(fouten.OngeldigeInvoer(velden={"afstemming_gewenst": "al op de agenda"})) == (
        "afstemming gewenst: al op de agenda."
    )
    assert tekst(fouten.GeenToestemming("Alleen handhavers.")) == "Alleen handhavers."
