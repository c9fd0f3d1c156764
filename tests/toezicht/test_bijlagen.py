"""Attachments are the user's content in our origin: served in a CSP sandbox, never sniffed, a download unless a
plain raster image, and with a file name that survives any characters (RFC 6266 / RFC 8187), on web and API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from openvth.organisaties.models import Organisatie
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.toezicht import services
from openvth.web.bestanden import BIJLAGE_CSP

from .test_views import klant, png

pytestmark = pytest.mark.django_db

# A "PDF" is recognised by its signature only, so this passes the upload check and is HTML after the first line.
HTML_ALS_PDF = b"%PDF-1.4\n<html><body><script>fetch('/api/v1/tokens')</script></body></html>\n"


@pytest.fixture
def bijlagen(controle, toezichthouder, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    foto = services.bijlage_maken(
        actor=toezichthouder, controle=controle, naam="Lek bij tank 3 – café.png", inhoud=png()
    )
    pdf = services.bijlage_maken(
        actor=toezichthouder, controle=controle, naam='meting "ruw".pdf', inhoud=HTML_ALS_PDF, soort="document"
    )
    return foto, pdf


def _api(actor) -> Client:
    gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
    _, sleutel = token_maken(
        actor=systeem_actor(),
        gebruiker=gebruiker,
        organisatie=Organisatie.objects.get(code="odzob"),
        naam="test",
        scopes=["lezen", "schrijven"],
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


def _geserveerd(client: Client, pad: str) -> tuple[dict, bytes]:
    antwoord = client.get(pad)
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.headers, b"".join(antwoord.streaming_content)


def test_foto_inline_in_sandbox_met_naam_buiten_ascii(bijlagen, toezichthouder):
    foto, _ = bijlagen
    for client, pad in (
        (klant(toezichthouder), f"/toezicht/bijlagen/{foto.uuid}"),
        (_api(toezichthouder), f"/api/v1/bijlagen/{foto.uuid}/inhoud"),
    ):
        koppen, inhoud = _geserveerd(client, pad)
        assert inhoud == png() and koppen["Content-Type"] == "image/png", pad
        assert koppen["Content-Security-Policy"] == BIJLAGE_CSP and "sandbox" in BIJLAGE_CSP, pad
        assert koppen["X-Content-Type-Options"] == "nosniff", pad
        assert koppen["Content-Disposition"] == (
            'inline; filename="Lek bij tank 3 _ cafe.png"; '
            "filename*=UTF-8''Lek%20bij%20tank%203%20%E2%80%93%20caf%C3%A9.png"
        ), pad


def test_document_is_een_download_in_sandbox(bijlagen, toezichthouder):
    _, pdf = bijlagen
    for client, pad in (
        (klant(toezichthouder), f"/toezicht/bijlagen/{pdf.uuid}"),
        (_api(toezichthouder), f"/api/v1/bijlagen/{pdf.uuid}/inhoud"),
    ):
        koppen, inhoud = _geserveerd(client, pad)
        assert inhoud == HTML_ALS_PDF, pad
        assert koppen["Content-Security-Policy"] == BIJLAGE_CSP and koppen["X-Content-Type-Options"] == "nosniff"
        assert koppen["Content-Disposition"] == (
            "attachment; filename=\"meting _ruw_.pdf\"; filename*=UTF-8''meting%20%22ruw%22.pdf"
        ), pad
