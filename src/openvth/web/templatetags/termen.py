"""`{{ tekst|term }}`: a text of the enforcement vocabulary kept as data, in the user's language (web/termen.py)."""

from django import template

from openvth.web.termen import term as _term

register = template.Library()


@register.filter
def term(tekst) -> str:
    """The shipped Dutch text translated (with the Dutch term of art beside it); unknown text as entered."""
    return _term(tekst)
