"""Pages of a long list whose count stops at a bound (ADR 0018): counting every one of 1.5 million matches costs
seconds, and nobody pages past the first thousand; above the bound the page says "more than" and offers to refine
or download."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.utils.functional import cached_property

from openvth.audit import services as audit
from openvth.gedeeld.telling import tel_tot
from openvth.organisaties.toegang import Actor

TELGRENS = 1000


class BegrensdePaginator(Paginator):
    """`count` is exact up to `grens`; above it `count` is `grens` and `exact` is False (pages up to the bound)."""

    def __init__(self, object_list, per_page, *, grens: int = TELGRENS):
        super().__init__(object_list, per_page)
        self.grens = grens

    @cached_property
    def count(self) -> int:
        return min(self._geteld, self.grens)

    @cached_property
    def exact(self) -> bool:
        return self._geteld <= self.grens

    @cached_property
    def _geteld(self) -> int:
        return tel_tot(self.object_list, self.grens + 1)


def gelogde_pagina(
    request,
    queryset,
    per_pagina: int,
    *,
    actor: Actor,
    doel: str,
    paginator: type[Paginator] = Paginator,
    verwant: bool = True,
    getoond: Callable[[list], Iterable[Model]] | None = None,
) -> Page:
    """One page (`?pagina=`) of a list, access-logged here as the API's `pagineer` logs its pages (ADR 0023), so
    that a new page cannot forget it: its rows, and (`verwant`) what they show along. A page that names exactly
    what it shows passes `verwant=False` and `getoond(rows)`, the records it shows beside its rows. The page's
    `object_list` comes back as a list (read once)."""
    pagina = paginator(queryset, per_pagina).get_page(request.GET.get("pagina"))
    pagina.object_list = rijen = list(pagina.object_list)
    audit.log_inzage(actor=actor, objecten=[*rijen, *(getoond(rijen) if getoond else ())], doel=doel, verwant=verwant)
    return pagina
