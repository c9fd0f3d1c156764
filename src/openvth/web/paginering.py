"""Pages of a long list whose count stops at a bound (ADR 0018): counting every one of 1.5 million matches costs
seconds, and nobody pages past the first thousand; above the bound the page says "more than" and offers to refine
or download."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from openvth.gedeeld.telling import tel_tot

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
