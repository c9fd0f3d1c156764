"""The domain's errors on the web pages: on a form, in a message, or as the 404/403 page.

One place for every page (the API has `api/problemen.py`, the commands `organisaties/management/fouten.py`):

* `DomeinfoutMiddleware` answers an error that leaves a view: a record the actor may not see (`NietGevonden`) is
  the 404 page, so its existence does not leak; an action the actor may not take (`GeenToestemming`) is the
  403 page with the reason. A view therefore only catches what it shows on its own form or as a message.
* `op_formulier` puts a refusal on the form that caused it: each reason at its field (the domain names fields as
  the forms do, in snake_case), the rest on top.
* `tekst` is the refusal as one sentence, for a message above the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import render

from openvth.organisaties.fouten import (
    Domeinfout,
    GeenToestemming,
    NietGevonden,
    OngeldigeInvoer,
    VerouderdeVersie,
    per_soort,
)


def leesbaar(veld: str) -> str:
    """A field name as a person reads it (`geldig_vanaf` → `geldig vanaf`)."""
    return veld.replace("_", " ")


def tekst(fout: Domeinfout) -> str:
    """The refusal as one sentence for the page, field names readable."""
    return fout.tekst(leesbaar) if isinstance(fout, OngeldigeInvoer) else str(fout)


def geen_toegang(request, melding: str) -> HttpResponse:
    """The 403 page: the actor may see this, but not do it (or lacks the role for these pages)."""
    return render(request, "web/geen_toegang.html", {"melding": melding}, status=403)


def _niet_gevonden(request, fout: NietGevonden) -> HttpResponse:
    raise Http404 from fout  # Django's 404 page: the same whether the record is absent or hidden


def _geen_toestemming(request, fout: GeenToestemming) -> HttpResponse:
    return geen_toegang(request, str(fout))


def _ongeldig(request, fout: Domeinfout) -> HttpResponse:
    # Views show invalid input and a stale version on their form; one that leaves a view is a plain 400.
    raise BadRequest(tekst(fout)) from fout


PAGINAS: dict[type[Domeinfout], Callable[..., HttpResponse]] = {
    NietGevonden: _niet_gevonden,
    GeenToestemming: _geen_toestemming,
    OngeldigeInvoer: _ongeldig,
    VerouderdeVersie: _ongeldig,
}
"""Each kind of domain error as a page; tests/web checks that none is missing."""


def pagina(request, fout: Domeinfout) -> HttpResponse:
    """The page for a domain error, by its nearest kind in `PAGINAS` (raises Http404 or BadRequest for those)."""
    return per_soort(PAGINAS, fout, "web.fouten.PAGINAS")(request, fout)


class DomeinfoutMiddleware:
    """Turn a domain error that leaves a view into its page (the API and the OGC API answer their own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Domeinfout):
            return pagina(request, exception)
        return None


def op_formulier(
    form, fout: Domeinfout, namen: Mapping[str, str] | None = None, *, boven: bool = True, velden: bool = True
) -> None:
    """Put a refusal on the form that caused it.

    Each field's reason goes to that field (`namen` maps a domain field to the form's where they differ); a field
    the form does not have goes on top with its readable name. The message goes on top as well (`boven`), unless
    the only thing to say already stands at its field. `velden=False`: only the message, on top. A refusal that
    is not about input (no permission, a stale version) is its message, on top.
    """
    if not isinstance(fout, OngeldigeInvoer) or not velden or not fout.velden:
        form.add_error(None, tekst(fout))
        return
    bericht = tekst(fout)
    rest, geplaatst = [], []
    for veld, reden in fout.velden.items():
        naam = (namen or {}).get(veld, veld)
        if naam in form.fields:
            form.add_error(naam, reden)
            geplaatst.append(reden)
        elif not boven:
            form.add_error(None, f"{leesbaar(naam)}: {reden}")
        elif reden != bericht:
            rest.append(f"{leesbaar(veld)}: {reden}")
    if boven and (rest or geplaatst != [bericht]):
        form.add_error(None, " ".join([bericht, *rest]))
