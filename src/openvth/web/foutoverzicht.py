"""The error summary at the top of a page with several forms (NL Design System, WCAG 3.3.1): a form sent back with
errors may sit far down the page, folded in a <details>, so the page opens on a list of what went wrong, each
with a link to its field."""

from __future__ import annotations

from django import forms


def foutoverzicht(*formulieren: forms.Form | None) -> list[dict[str, str]]:
    """Each error of the bound forms as {label, tekst, anker}; `anker` is the id of the field (empty for an error
    of the form as a whole, which the form shows itself)."""
    regels = []
    for form in formulieren:
        if form is None or not form.is_bound or not form.errors:
            continue
        for naam, fouten in form.errors.items():
            veld = form[naam] if naam in form.fields else None
            anker = (veld.id_for_label or f"{veld.auto_id}_0") if veld is not None else ""
            for fout in fouten:
                regels.append({"label": str(veld.label) if veld is not None else "", "tekst": fout, "anker": anker})
    return regels
