"""Who decides on an activity at a place, and which service does the work: the register's one derivation.

The import derives both when a row leaves them empty (`importeren/validatie.py`, profile defaults `gemeente` and
`omgevingsdienst`), and a request (`vergunningen`) derives them for every activity it names, so both give the same
answer with the same reason. The rules, with their sources (docs/import.md lists them for users):

* bevoegd gezag is the college of the municipality where the activity takes place (Omgevingswet art. 5.8);
* gedeputeerde staten for an IPPC installation or a Seveso establishment (Omgevingsbesluit art. 4.3 [check]),
  flagged `ippc_seveso` in the catalogue: the province the municipality belongs to;
* a water activity (`waterschap` in the catalogue) belongs to the water authority or Rijkswaterstaat (Omgevingswet
  art. 5.10 [check]); the register holds no water authority areas, so it cannot derive one and says so;
* the executing service is the one omgevingsdienst with the municipality in its work area on the day asked
  (Omgevingsbesluit art. 13.12: the basic tasks go to the omgevingsdienst); none or more than one cannot be
  derived.

`reden` is built only when read: the national import derives millions of rows and shows a reason only for a
refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openvth.organisaties.models import Organisatie, Soort, Werkgebiedlid

from .models import Activiteit

GEMEENTE = "gemeente"
PROVINCIE = "provincie"
GEEN_PROVINCIE = "geen_provincie"
WATERACTIVITEIT = "wateractiviteit"
OMGEVINGSDIENST = "omgevingsdienst"
GEEN_DIENST = "geen_dienst"


@dataclass(frozen=True, slots=True)
class Afleiding:
    """A derived organisation, or None, with the ground (`grond`) the reason is built from."""

    organisatie: Organisatie | None
    grond: str
    gemeente: Organisatie
    activiteit: Activiteit | None = None
    peildatum: date | None = None
    aantal: int = 1

    @property
    def reden(self) -> str:
        a, g = self.activiteit, self.gemeente
        if self.grond == WATERACTIVITEIT and a is not None:
            return f"{a.code} is een wateractiviteit: vul het waterschap of Rijkswaterstaat in"
        if self.grond == GEEN_PROVINCIE and a is not None:
            return f"{a.code} is een IPPC/Seveso-activiteit, maar {g.naam} hoort bij geen provincie"
        if self.grond == PROVINCIE and a is not None and self.organisatie is not None:
            return (
                f"{a.code} is een IPPC/Seveso-activiteit: bevoegd gezag is de provincie van {g.naam}, "
                f"{self.organisatie.naam} (Omgevingsbesluit art. 4.3 [check])"
            )
        if self.grond == GEMEENTE and a is not None:
            return f"{a.code}: bevoegd gezag is de gemeente van de locatie, {g.naam} (Omgevingswet art. 5.8)"
        if self.grond == GEEN_DIENST:
            aantal = "geen" if not self.aantal else f"{self.aantal}"
            return (
                f"{aantal} omgevingsdienst(en) met {g.naam} in het werkgebied op {self.peildatum:%d-%m-%Y}: "
                "vul de toezichtinstantie in"
            )
        naam = self.organisatie.naam if self.organisatie else "?"
        return (
            f"uitvoerder is {naam}: de omgevingsdienst met {g.naam} in het werkgebied op {self.peildatum:%d-%m-%Y} "
            "(Omgevingsbesluit art. 13.12)"
        )


def bevoegd_gezag_afleiden(activiteit: Activiteit, gemeente: Organisatie, provincie: Organisatie | None) -> Afleiding:
    """The competent authority for `activiteit` in `gemeente` (whose province is `provincie`), or None."""
    if activiteit.waterschap:
        return Afleiding(None, WATERACTIVITEIT, gemeente, activiteit)
    if activiteit.ippc_seveso:
        if provincie is None:
            return Afleiding(None, GEEN_PROVINCIE, gemeente, activiteit)
        return Afleiding(provincie, PROVINCIE, gemeente, activiteit)
    return Afleiding(gemeente, GEMEENTE, gemeente, activiteit)


def uitvoerder_afleiden(gemeente: Organisatie, diensten: Sequence[Organisatie], peildatum: date) -> Afleiding:
    """The executing service for `gemeente`: the one omgevingsdienst among `diensten` (those with the municipality
    in their work area on `peildatum`), or None when there is none or more than one."""
    if len(diensten) != 1:
        return Afleiding(None, GEEN_DIENST, gemeente, peildatum=peildatum, aantal=len(diensten))
    return Afleiding(diensten[0], OMGEVINGSDIENST, gemeente, peildatum=peildatum)


def werkgebieden_op(peildatum: date):
    """(municipality id, omgevingsdienst id) of every work-area membership valid on `peildatum`."""
    return (
        Werkgebiedlid.objects.geldig_op(peildatum)
        .filter(lid__soort=Soort.GEMEENTE, omgevingsdienst__soort=Soort.OMGEVINGSDIENST)
        .values_list("lid_id", "omgevingsdienst_id")
    )


def omgevingsdiensten_van(gemeente: Organisatie, peildatum: date) -> list[Organisatie]:
    """The omgevingsdiensten, themselves valid on `peildatum`, with `gemeente` in their work area then."""
    ids = [dienst for lid, dienst in werkgebieden_op(peildatum).filter(lid_id=gemeente.pk)]
    return [d for d in Organisatie.objects.filter(pk__in=ids).order_by("code") if d.geldig_op(peildatum)]


def provincie_van(gemeente: Organisatie) -> Organisatie | None:
    return Organisatie.objects.filter(pk=gemeente.provincie_id).first() if gemeente.provincie_id else None
