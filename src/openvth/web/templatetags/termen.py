"""`{{ tekst|term }}`: a text of the enforcement vocabulary kept as data, in the user's language (web/termen.py)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from openvth.web.termen import term as _term

register = template.Library()


@register.filter
def term(tekst) -> str:
    """The shipped Dutch text translated (with the Dutch term of art beside it); unknown text as entered."""
    return _term(tekst)


@register.filter(needs_autoescape=True)
def breekbaar(tekst, autoescape=True) -> str:
    """`tekst` with a line-break opportunity after each slash: "notorious/criminal (notoir/crimineel)" is one
    unbreakable word to the browser and pushed the LHSO matrix out of its box."""
    veilig = conditional_escape(tekst) if autoescape else str(tekst)
    return mark_safe(str(veilig).replace("/", "/<wbr>"))  # noqa: S308 (escaped above; <wbr> is ours)
