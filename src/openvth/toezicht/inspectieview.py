"""The Inspectieview delivery set for supervision: inspectie.csv, bevinding.csv, overtreding.csv and
toestemming.csv (the permissions granted, from vergunningen), plus the register files (activiteituitvoering.csv,
inspectieobject.csv, vestiging.csv) from `register.export`, in one ZIP.

Scope: either the dossier of given VTH-objects, or everything the actor's organisation is competent authority or
executing body for. Every row comes through the access-scoped selectors and every non-public record exported is
written to the access log (purpose "export Inspectieview"); the register files do the same in `register.export`.

Columns. Geonovum's draft repository `Geonovum/vth-lith` (`0A-`/`0B-InspectieviewMapping.md`, commit
c5d105bae9eefaf7ecf06c644e3378edd9c663a5) names inspectie.csv, bevinding.csv and overtreding.csv in the
BaselineCSV set but gives no columns for them (only natuurlijkpersoon.csv is mapped). The columns below are
therefore DERIVED [check against the ILT's BaselineCSV specification before a real delivery]: the CIM VTH FLo
attribute names of CONTROLE, BEVINDING and OVERTREDING in lower snake_case, keyed like the register files
(`inspectieobject_id` is the NEN3610 id `namespace.lokaal_id`; organisations by OIN, code and name).
toestemming.csv is derived the same way from CIM TOESTEMMING (CIM-VTH-FLO.md): Kenmerk, Toestemmingsoort and
Toestemmingtype in the CIM reference values, the day the granting decision was made known (datum_verlening),
Inwerkingtredingsdatum and Vervaldatum (exclusive end, as stored), the activities it permits (catalogue codes,
';'-separated) and the number of its conditions. Toestemmingtype is 'intrekking' for a revoked permission and
'verlening' otherwise [check: a changed permission keeps its Kenmerk and is a new version in CIM; OpenVTH keeps the
change on the decision, not as a version of the permission].
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.selectors import overtreding_list
from openvth.organisaties.toegang import Actor
from openvth.register import export as register_export
from openvth.register import selectors as register_selectors
from openvth.register.models import VthObject
from openvth.vergunningen import selectors as vergunningen_selectors
from openvth.vergunningen.models import Aanvraagsoort, Toestemmingstatus

from . import selectors

DOEL = "export Inspectieview"
BATCH = 2_000

ORGANISATIE_KOLOMMEN = (
    "bevoegd_gezag_oin",
    "bevoegd_gezag_code",
    "bevoegd_gezag_naam",
    "uitvoerder_oin",
    "uitvoerder_code",
    "uitvoerder_naam",
)
INSPECTIE_KOLOMMEN = (
    "inspectie_id",
    "inspectieobject_id",
    "activiteituitvoering_id",
    "controledatum",
    "geplande_datum",
    "controletype",
    "aanleiding",
    "aangekondigd",
    "status",
    "hercontrole_van_overtreding_id",
    "ketenactie",
    *ORGANISATIE_KOLOMMEN,
    "rapport_verzonden_op",
    "openbaar_gemaakt_op",
)
BEVINDING_KOLOMMEN = (
    "inspectie_id",
    "bevinding_volgnummer",
    "controle_onderwerp",
    "controle_aandachtspunt",
    "resultaat",
    "bijzonderheden",
    "overtreden_voorschrift",
    "gevolg",
    "gedrag",
    "overtreding_id",
)
OVERTREDING_KOLOMMEN = (
    "overtreding_id",
    "inspectieobject_id",
    "activiteituitvoering_id",
    "omschrijving",
    "overtreden_voorschrift",
    "datum_constatering",
    "status",
    "handhavingsstrategie",
    "gedrag",
    "gevolg",
    "herkomst",
    *ORGANISATIE_KOLOMMEN,
)
TOESTEMMING_KOLOMMEN = (
    "toestemming_id",
    "kenmerk",
    "toestemmingsoort",
    "toestemmingtype",
    "inspectieobject_id",
    "datum_verlening",
    "inwerkingtredingsdatum",
    "vervaldatum",
    "activiteiten",
    "aantal_voorschriften",
    "besluit_kenmerk",
    *ORGANISATIE_KOLOMMEN,
)
# CIM reference list Toestemmingsoort for what a toestemmingsaanvraag asked for (CIM-VTH-FLO.md §5).
TOESTEMMINGSOORT = {
    Aanvraagsoort.OMGEVINGSVERGUNNING: "vergunning",
    Aanvraagsoort.MAATWERKVOORSCHRIFT: "toestemming maatwerkvoorschrift",
    Aanvraagsoort.GELIJKWAARDIGE_MAATREGEL: "toestemming gelijkwaardige maatregel",
}
BESTANDEN = (
    "inspectie.csv",
    "bevinding.csv",
    "overtreding.csv",
    "toestemming.csv",
    *register_export.INSPECTIEVIEW_BESTANDEN,
)


@dataclass(frozen=True)
class Dossierfilter(register_selectors.UitvoeringFilter):
    """The register's filter narrowed to given objects or to one organisation's records (OR of both roles)."""

    vth_objecten: tuple[int, ...] | None = None
    organisatie_id: int | None = None

    def toepassen(self, qs):
        qs = super().toepassen(qs)
        if self.vth_objecten is not None:
            qs = qs.filter(vth_object_id__in=self.vth_objecten)
        if self.organisatie_id is not None:
            qs = qs.filter(Q(bevoegd_gezag_id=self.organisatie_id) | Q(toezichtinstantie_id=self.organisatie_id))
        return qs


@dataclass
class Verslag:
    rijen: dict[str, int] = field(default_factory=dict)
    gelogd: int = 0


def _afbakening(actor: Actor, vth_objecten: list[VthObject] | None) -> tuple[Q, Dossierfilter]:
    if vth_objecten is not None:
        ids = tuple(o.pk for o in vth_objecten)
        return Q(vth_object_id__in=ids), Dossierfilter(vth_objecten=ids)
    org = actor.organisatie.pk
    return Q(bevoegd_gezag_id=org) | Q(uitvoerder_id=org), Dossierfilter(organisatie_id=org)


def _nen3610(obj: VthObject) -> str:
    return f"{obj.namespace}.{obj.lokaal_id}"


def _datum(d) -> str:
    return d.isoformat() if d else ""


def _organisaties(r) -> tuple:
    return (
        r.bevoegd_gezag.oin,
        r.bevoegd_gezag.code,
        r.bevoegd_gezag.naam,
        r.uitvoerder.oin,
        r.uitvoerder.code,
        r.uitvoerder.naam,
    )


def _schrijf(kolommen, qs: QuerySet, rij: Callable, naam: str, actor: Actor, verslag: Verslag) -> Iterator[bytes]:
    uit = register_export.CsvSchrijver(kolommen)
    yield uit.leeg()
    for batch in register_export.in_batches(qs, BATCH):
        verslag.gelogd += audit.log_inzage(actor=actor, objecten=batch, doel=DOEL)
        for r in batch:
            uit.rij(rij(r))
        verslag.rijen[naam] = verslag.rijen.get(naam, 0) + len(batch)
        yield uit.leeg()


def _inspecties(actor: Actor, afbakening: Q, verslag: Verslag) -> Iterator[bytes]:
    qs = selectors.controle_list(actor=actor).filter(afbakening).select_related("activiteituitvoering").order_by("id")

    def rij(c):
        return (
            c.uuid,
            _nen3610(c.vth_object),
            c.activiteituitvoering.uuid if c.activiteituitvoering_id else "",
            _datum(c.uitgevoerd_op),
            _datum(c.gepland_op),
            c.controletype,
            c.reden,
            "J" if c.aangekondigd else "N",
            c.status,
            c.overtreding.uuid if c.overtreding_id else "",
            c.ketenactie.naam if c.ketenactie_id else "",
            *_organisaties(c),
            _datum(c.rapport_verzonden_op),
            _datum(c.openbaar_gemaakt_op),
        )

    return _schrijf(INSPECTIE_KOLOMMEN, qs, rij, "inspectie.csv", actor, verslag)


def _bevindingen(actor: Actor, afbakening: Q, verslag: Verslag) -> Iterator[bytes]:
    filter_ = Q(controle__in=selectors.controle_list(actor=actor).filter(afbakening).values("pk"))
    qs = selectors.bevinding_list(actor=actor).filter(filter_).order_by("controle_id", "volgnummer")

    def rij(b):
        punt = b.aandachtspunt
        return (
            b.controle.uuid,
            b.volgnummer,
            punt.onderwerp.naam if punt else "",
            punt.tekst if punt else "",
            b.get_resultaat_display(),
            b.omschrijving,
            b.voorschrift,
            b.gevolg,
            b.gedrag,
            b.overtreding.uuid if b.overtreding_id else "",
        )

    return _schrijf(BEVINDING_KOLOMMEN, qs, rij, "bevinding.csv", actor, verslag)


def _overtredingen(actor: Actor, afbakening: Q, verslag: Verslag) -> Iterator[bytes]:
    qs = (
        overtreding_list(actor=actor)
        .filter(afbakening)
        .select_related("activiteituitvoering")
        .prefetch_related("posities")
        .order_by("id")
    )

    def rij(o):
        positie = max(o.posities.all(), key=lambda p: (p.vastgesteld_op, p.pk), default=None)
        return (
            o.uuid,
            _nen3610(o.vth_object),
            o.activiteituitvoering.uuid if o.activiteituitvoering_id else "",
            o.omschrijving,
            o.voorschrift,
            _datum(o.geconstateerd_op),
            o.status,
            positie.strategie if positie else "",
            positie.gedrag if positie else "",
            positie.gevolg if positie else "",
            o.herkomst,
            *_organisaties(o),
        )

    return _schrijf(OVERTREDING_KOLOMMEN, qs, rij, "overtreding.csv", actor, verslag)


def _toestemmingen(actor: Actor, afbakening: Q, verslag: Verslag) -> Iterator[bytes]:
    qs = (
        vergunningen_selectors.toestemming_list(actor=actor)
        .filter(afbakening)
        .select_related("bevoegd_gezag", "uitvoerder")
        .prefetch_related("activiteiten")
        .annotate(aantal_voorschriften=Count("voorschriften", distinct=True))
        .order_by("id")
    )

    def rij(t):
        return (
            t.uuid,
            t.kenmerk,
            TOESTEMMINGSOORT.get(t.soort, t.soort),
            "intrekking" if t.status == Toestemmingstatus.INGETROKKEN else "verlening",
            _nen3610(t.vth_object),
            _datum(t.verleend_bij.bekendgemaakt_op),
            _datum(t.geldig_vanaf),
            _datum(t.geldig_tot),
            ";".join(sorted(a.code for a in t.activiteiten.all())),
            t.aantal_voorschriften,
            t.verleend_bij.kenmerk,
            *_organisaties(t),
        )

    return _schrijf(TOESTEMMING_KOLOMMEN, qs, rij, "toestemming.csv", actor, verslag)


def bestanden(
    *, actor: Actor, vth_objecten: list[VthObject] | None = None, verslag: Verslag | None = None
) -> dict[str, Callable[[], Iterator[bytes]]]:
    """All delivery files, each a function that streams it; objects given → their dossier, else the
    actor's organisation."""
    verslag = verslag if verslag is not None else Verslag()
    afbakening, filters = _afbakening(actor, vth_objecten)
    register_verslag = register_export.Exportverslag()
    register = register_export.inspectieview_bestanden(
        actor=actor, filters=filters, doel=DOEL, verslag=register_verslag
    )

    def met_verslag(stroom: Callable[[], Iterator[bytes]], naam: str) -> Callable[[], Iterator[bytes]]:
        def lees() -> Iterator[bytes]:
            yield from stroom()
            verslag.rijen[naam] = register_verslag.rijen.get(naam, 0)
            verslag.gelogd += register_verslag.gelogd
            register_verslag.gelogd = 0

        return lees

    return {
        "inspectie.csv": lambda: _inspecties(actor, afbakening, verslag),
        "bevinding.csv": lambda: _bevindingen(actor, afbakening, verslag),
        "overtreding.csv": lambda: _overtredingen(actor, afbakening, verslag),
        "toestemming.csv": lambda: _toestemmingen(actor, afbakening, verslag),
        **{naam: met_verslag(stroom, naam) for naam, stroom in register.items()},
    }


def zip_stroom(
    *, actor: Actor, vth_objecten: list[VthObject] | None = None, verslag: Verslag | None = None
) -> Iterator[bytes]:
    """The set as one ZIP, written as it streams (the register's streaming ZIP writer)."""
    return register_export.zip_stroom(bestanden(actor=actor, vth_objecten=vth_objecten, verslag=verslag))


def bestandsnaam() -> str:
    return f"inspectieview-toezicht-{timezone.localdate().isoformat()}.zip"
