"""Photos and documents attached to a controle or a finding; the type is read from the content."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.toegang import Actor

from ..models import (
    Bevinding,
    Bijlage,
    Controle,
    ControleStatus,
)
from ..selectors import TOEZICHTHOUDERS
from .basis import ongeldig

AFBEELDINGSFORMATEN = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
}


def bijlage_max_bytes() -> int:
    return settings.OPENVTH_BIJLAGE_MAX_MB * 1024 * 1024


def herken_bestand(inhoud: bytes) -> tuple[str, str] | None:
    """(kind, media type) from the content itself — never the name: ('foto', image/…) or ('document', PDF)."""
    if inhoud.startswith(b"%PDF-"):
        return "document", "application/pdf"
    # Lazy: Pillow (~0.15 s) only for an attachment that is an image.
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(inhoud)) as beeld:
            formaat = beeld.format
            beeld.verify()  # reads the whole structure: a truncated or forged file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if formaat not in AFBEELDINGSFORMATEN:
        return None
    return "foto", AFBEELDINGSFORMATEN[formaat]


@transaction.atomic
def bijlage_maken(
    *,
    actor: Actor,
    controle: Controle,
    naam: str,
    inhoud: bytes,
    soort: str = "foto",
    bevinding: Bevinding | None = None,
) -> Bijlage:
    """Attach a photo (any image Pillow can verify) or a document (PDF) to a controle or one of its findings.

    The type comes from the content (Pillow / the PDF signature), not from the file name or the client's
    media type; a 'foto' that is not an image is refused. Stored under the data folder's media with its SHA-256.
    """
    toegang.vereis_schrijven(actor, controle, TOEZICHTHOUDERS)
    if soort not in ("foto", "document"):
        raise ongeldig("Kies 'foto' of 'document'.", "soort")
    if bevinding is not None and bevinding.controle_id != controle.pk:
        raise ongeldig("Deze bevinding hoort niet bij deze controle.", "bevinding")
    if controle.status in (ControleStatus.AFGEROND, ControleStatus.VERVALLEN):
        raise ongeldig(f"Bij een {controle.get_status_display()} controle komen geen bijlagen meer.", "status")
    if not inhoud:
        raise ongeldig("Het bestand is leeg.", "bestand")
    if len(inhoud) > bijlage_max_bytes():
        raise ongeldig(f"Het bestand is groter dan {bijlage_max_bytes() // (1024 * 1024)} MB.", "bestand")
    herkend = herken_bestand(inhoud)
    if soort == "foto" and (herkend is None or herkend[0] != "foto"):
        raise ongeldig("Dit bestand is geen afbeelding (JPEG, PNG, WebP, GIF of TIFF).", "bestand")
    if soort == "document" and (herkend is None or herkend[0] != "document"):
        raise ongeldig("Een document is een PDF-bestand.", "bestand")
    schone_naam = (naam or "").replace("/", "_").replace("\\", "_").strip()[:200] or "bijlage"
    bijlage = Bijlage(
        controle=controle,
        bevinding=bevinding,
        naam=schone_naam,
        mediatype=herkend[1],
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        toegevoegd_door_id=actor.gebruiker_id,
    )
    bijlage.bestand.save(f"{bijlage.uuid}", ContentFile(inhoud), save=False)
    try:
        bijlage.save()
        audit.schrijf(actor=actor, actie="bijlage.toegevoegd", object=bijlage, na=audit.momentopname(bijlage))
    except Exception:
        bijlage.bestand.delete(save=False)  # no file without its record
        raise
    return bijlage
