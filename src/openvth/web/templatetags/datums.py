"""One date style on every screen: `8 dec. 2026` short, `8 december 2026` long (English: `8 Dec 2026`,
`8 December 2026`).

Templates used `d-m-Y`, `j M Y` and `j F Y` side by side, so one screen showed `08-12-2026`, `7 Dec 2026` and
`8 december 2026`. The short Dutch month abbreviations follow the Taalunie's list (Woordenlijst: `mrt.`, `mei`
without a full stop); Django's `N` gives the English AP style (`Sept.`), so the table is our own. The filters are
template builtins (settings.TEMPLATES), and `datum_kort`/`datum_lang` are callable from Python for messages.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

register = template.Library()

_KORT_NL = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
_KORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _als_datum(waarde) -> date | None:
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde if isinstance(waarde, date) else None


def _engels() -> bool:
    return (get_language() or "nl").startswith("en")


@register.filter
def datum_kort(waarde) -> str:
    """`8 dec. 2026` (`8 Dec 2026` in English); empty for no date."""
    d = _als_datum(waarde)
    if d is None:
        return ""
    maanden = _KORT_EN if _engels() else _KORT_NL
    return f"{d.day} {maanden[d.month - 1]} {d.year}"


@register.filter
def datum_lang(waarde) -> str:
    """`8 december 2026` (`8 December 2026` in English); empty for no date."""
    d = _als_datum(waarde)
    return dateformat.format(d, "j F Y") if d is not None else ""


@register.filter
def datum_tijd(waarde) -> str:
    """A moment: the short date and the local time, `8 dec. 2026 14:05`; empty for none."""
    if not isinstance(waarde, datetime):
        return datum_kort(waarde)
    moment = timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde
    return f"{datum_kort(moment)} {moment:%H:%M}"
