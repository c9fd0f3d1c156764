"""Files handed to a browser: one Content-Disposition builder and one way to serve an uploaded attachment.

Both the API and the web serve downloads, so the header is built here once. A name outside printable ASCII gets
RFC 6266 §4.3's pair: an ASCII `filename="…"` for old clients and `filename*=UTF-8''…` (RFC 8187, formerly
5987) that current clients prefer; Django's own `content_disposition_header` gives only the second.

An uploaded attachment is the user's content in our origin. Whatever it turns out to be (a PDF with script, a
polyglot image), it must never run as a page of ours: every attachment is served with `Content-Security-Policy:
sandbox` (a unique origin, no script, no forms) and `X-Content-Type-Options: nosniff`, and as a download unless it
is one of the image types a browser only ever draws.
"""

from __future__ import annotations

import io
import unicodedata
from urllib.parse import quote

from django.http import FileResponse
from django.utils.http import content_disposition_header

# Shown inline: raster images that browsers render as an image document only. Not SVG (a document that runs
# script), not TIFF (rarely shown), not PDF (a viewer with script that refuses to run in a sandbox anyway).
INLINE_AFBEELDINGEN = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
BIJLAGE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def _leesbaar(naam: str) -> str:
    """The name without control and format characters (CR/LF would break the header; U+202E reverses what the
    user reads, so 'gpj.exe' looks like 'exe.jpg')."""
    return "".join(t for t in naam if not unicodedata.category(t).startswith("C")).strip()


def _ascii_naam(naam: str) -> str:
    """An ASCII stand-in: accents dropped (é → e), anything else non-printable, quotes and backslashes → '_'."""
    uit = []
    for teken in unicodedata.normalize("NFKD", naam):
        if unicodedata.combining(teken):
            continue
        uit.append(teken if " " <= teken <= "~" and teken not in '"\\' else "_")
    return "".join(uit)


def content_disposition(naam: str, *, inline: bool = False) -> str:
    """The Content-Disposition value for a download called `naam` (`attachment` unless `inline`)."""
    naam = _leesbaar(naam) or "download"
    vervanger = _ascii_naam(naam)
    if vervanger == naam:
        return content_disposition_header(not inline, naam)
    soort = "inline" if inline else "attachment"
    return f"{soort}; filename=\"{vervanger}\"; filename*=UTF-8''{quote(naam, safe='')}"


def bijlage_antwoord(bestand, *, naam: str, mediatype: str) -> FileResponse:
    """Serve an uploaded file (an open binary file object) under the rules in the module docstring."""
    inline = mediatype in INLINE_AFBEELDINGEN
    antwoord = FileResponse(bestand, content_type=mediatype or "application/octet-stream")
    antwoord["Content-Disposition"] = content_disposition(naam, inline=inline)
    antwoord["Content-Security-Policy"] = BIJLAGE_CSP
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


MINIATUUR_PIXELS = 320  # the longest side of a photo's thumbnail on the inspection page


def miniatuur(bestand, *, grootte: int = MINIATUUR_PIXELS) -> io.BytesIO | None:
    """A JPEG thumbnail of an uploaded photo (its camera orientation applied), or None when the photo is already
    small or cannot be read: the inspection page shows thumbnails, and a phone should not fetch 5 MB per photo."""
    from PIL import Image, ImageOps  # lazy: Pillow (~0.15 s) only for a photo, not for every page importing this

    try:
        with Image.open(bestand) as beeld:
            if max(beeld.size) <= grootte:
                return None
            beeld = ImageOps.exif_transpose(beeld)
            beeld.thumbnail((grootte, grootte))
            if beeld.mode not in ("RGB", "L"):
                achter = Image.new("RGB", beeld.size, (255, 255, 255))
                achter.paste(beeld.convert("RGBA"), mask=beeld.convert("RGBA").getchannel("A"))
                beeld = achter
            uit = io.BytesIO()
            beeld.save(uit, "JPEG", quality=80)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    uit.seek(0)
    return uit
