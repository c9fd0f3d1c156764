"""Template filters of the enforcement pages."""

from django import template

from openvth.handhaving import codelijsten
from openvth.handhaving.documenten import euro as _euro
from openvth.handhaving.models import Fase
from openvth.web.termen import term

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """An amount as Dutch money (€ 1.500,00), the way letters and the ledger write it."""
    return _euro(bedrag)


@register.filter
def fase(code: str) -> str:
    """A workflow phase by its (translated) name; the start of a measure has no phase."""
    return str(Fase(code).label) if code in Fase.values else (code or "—")


@register.filter
def instrument(code: str) -> str:
    """An instrument code (`LOD`) by its name in the code list, in the user's language; an unknown code as is."""
    return term(codelijsten.instrumentnaam(code)) if code else "—"
