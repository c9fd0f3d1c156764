"""Logs without secrets: the gunicorn access log of `openvth serve`, and Django's own log records.

Calendar apps cannot log in, so the iCalendar feed URL carries its secret (`/handhaving/agenda/<token>.ics`,
handhaving/ical.py). A request line in the access log, or Django's "Internal Server Error: <path>", would hand
that secret to whoever reads the logs (and to every log shipper behind them). Both go through `zonder_geheimen`.

The check runs on the percent-decoded text too, so `/handhaving/agend%61/…` cannot slip past. What matches is
logged decoded, with the secret replaced by `[verborgen]`; anything else is logged exactly as it came.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger as GunicornLogger

VERBORGEN = "[verborgen]"
_GEHEIMEN = (
    (re.compile(r"(/agenda/)[^/?#\s\"]*(\.ics)"), rf"\1{VERBORGEN}\2"),  # the feed path (handhaving/urls.py)
    (re.compile(r"ovcal_[A-Za-z0-9_\-]*"), VERBORGEN),  # a feed token wherever else it turns up (ical.PREFIX)
)
# Headers that carry credentials: never logged, whatever access-log format an operator configures.
_GEHEIME_KOPPEN = ("authorization", "cookie", "proxy-authorization", "x-api-key")


def zonder_geheimen(tekst: str) -> str:
    """`tekst` with every feed secret replaced; unchanged when it holds none."""
    for kandidaat in (tekst, unquote(tekst)):
        schoon = kandidaat
        for patroon, vervanging in _GEHEIMEN:
            schoon = patroon.sub(vervanging, schoon)
        if schoon != kandidaat:
            return schoon
    return tekst


class Logger(GunicornLogger):
    """gunicorn's logger with every access-log atom (request line, path, query, headers, environ) cleaned."""

    def atoms(self, resp, req, environ, request_time):
        atomen = super().atoms(resp, req, environ, request_time)
        for sleutel, waarde in atomen.items():
            naam = sleutel.strip("{}").rsplit("}", 1)[0].lower().replace("_", "-").removeprefix("http-")
            if sleutel.startswith("{") and naam in _GEHEIME_KOPPEN:
                atomen[sleutel] = VERBORGEN
            elif isinstance(waarde, str):
                atomen[sleutel] = zonder_geheimen(waarde)
        return atomen


class GeheimFilter(logging.Filter):
    """For Django's logging: a record whose message holds a feed secret is rewritten without it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):
            return True
        schoon = zonder_geheimen(bericht)
        if schoon != bericht:
            record.msg, record.args = schoon, None
        return True
