"""Draft letters (waarschuwing, voornemen, besluit last onder dwangsom) from editable per-organisation templates.

A Documentsjabloon holds the letter body in Django template syntax. The body is rendered with a context of plain
values only (texts, dates, lists — never model instances, so a template cannot reach a password hash through
`overtreding.behandelaar`), wrapped in a fixed print shell, and turned into a PDF by WeasyPrint that may not
fetch anything over the network. Document stores the HTML and PDF exactly as produced, with the template version.

Which template: the bevoegd gezag's own (letters go out in its name), else the uitvoerder's (the omgevingsdienst
that drafts them), else the national default loaded from `sjablonen/` by `openvth load-sjablonen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.template import Context, Engine, TemplateSyntaxError
from django.template.defaulttags import DebugNode, LoadNode
from django.template.loader import render_to_string
from django.template.loader_tags import ExtendsNode, IncludeNode
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.models import Rol, Soort
from openvth.organisaties.services import OngeldigeInvoer
from openvth.organisaties.toegang import Actor, NietGevonden
from openvth.regels import lhso
from openvth.register import selectors as register_selectors

from . import selectors, workflow
from .models import (
    Codelijst,
    Codelijstwaarde,
    Document,
    Documentsjabloon,
    Documentsoort,
    Handhavingsmaatregel,
    Overtreding,
)

SJABLOONMAP = Path(__file__).resolve().parent / "sjablonen"
BESTANDEN = {soort: SJABLOONMAP / f"{soort.value}.html" for soort in Documentsoort}
BRIEFSTIJL = SJABLOONMAP / "brief.css"
STANDAARDTITELS = {
    Documentsoort.WAARSCHUWING: "Waarschuwing",
    Documentsoort.VOORNEMEN: "Voornemen last onder dwangsom",
    Documentsoort.BESLUIT_LOD: "Besluit last onder dwangsom",
}
MAKERS = (Rol.HANDHAVER,)  # who drafts letters in a case
BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)  # who edits an organisation's templates
MAAKSELS_MET_MAATREGEL = (Documentsoort.VOORNEMEN, Documentsoort.BESLUIT_LOD)
VERBODEN_TAGS = {DebugNode: "debug", IncludeNode: "include", ExtendsNode: "extends", LoadNode: "load"}
MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# The organic-law basis of the power to impose bestuursdwang (and so a dwangsom, Awb 5:32 lid 1) per kind of
# authority. A minister's power rests on the specific statute: no general line is printed for `rijk`.
BESTUURSDWANGGRONDSLAG = {
    Soort.GEMEENTE: "art. 125 Gemeentewet: het gemeentebestuur is bevoegd tot oplegging van een last onder "
    "bestuursdwang",
    Soort.PROVINCIE: "art. 122 Provinciewet: het provinciebestuur is bevoegd tot oplegging van een last onder "
    "bestuursdwang",
    Soort.WATERSCHAP: "art. 61 Waterschapswet: het waterschapsbestuur is bevoegd tot oplegging van een last onder "
    "bestuursdwang",
}
ARTIKELEN = {
    Documentsoort.WAARSCHUWING: (
        ("Omgevingswet art. 18.2", "de bestuursrechtelijke handhavingstaak berust bij het bevoegd gezag"),
        ("Awb art. 5:1 lid 1", "een overtreding is een gedraging in strijd met een wettelijk voorschrift"),
        ("LHSO 2022", "interventiestrategie: positionering in de interventiematrix (gedrag × gevolg)"),
    ),
    Documentsoort.VOORNEMEN: (
        ("Awb art. 4:8", "gelegenheid tot het naar voren brengen van een zienswijze vóór het besluit"),
        ("Awb art. 5:31d", "de last onder dwangsom: herstel van de overtreding en een geldsom bij niet-naleving"),
        ("Awb art. 5:32 lid 1", "wie bevoegd is tot bestuursdwang, kan in plaats daarvan een dwangsom opleggen"),
        ("Awb art. 5:32a", "de last omschrijft de te nemen maatregelen en de begunstigingstermijn"),
        ("Awb art. 5:32b", "vorm, bedrag en verplicht maximum van de dwangsom, in redelijke verhouding"),
        ("Awb art. 5:9", "het besluit noemt de overtreding en het overtreden voorschrift"),
    ),
    Documentsoort.BESLUIT_LOD: (
        ("Awb art. 5:31d", "de last onder dwangsom: herstel van de overtreding en een geldsom bij niet-naleving"),
        ("Awb art. 5:32 lid 1", "wie bevoegd is tot bestuursdwang, kan in plaats daarvan een dwangsom opleggen"),
        ("Awb art. 5:32a", "de last omschrijft de te nemen maatregelen en de begunstigingstermijn"),
        ("Awb art. 5:32b", "vorm, bedrag en verplicht maximum van de dwangsom, in redelijke verhouding"),
        ("Awb art. 5:9", "het besluit noemt de overtreding en het overtreden voorschrift"),
        ("Awb art. 5:33", "een verbeurde dwangsom moet binnen zes weken na verbeurte worden betaald"),
        ("Awb art. 5:35", "de bevoegdheid tot invordering verjaart één jaar na de dag van verbeurte"),
        ("Awb art. 6:7 en 6:8", "bezwaar binnen zes weken, te rekenen vanaf de dag na bekendmaking"),
    ),
}


# --- formatting (letters are always Dutch) -----------------------------------------------------------------


def datum_nl(dag: date | None) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}" if dag else ""


def euro(bedrag: Decimal | None) -> str:
    if bedrag is None:
        return ""
    return "€ " + f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _regels(tekst: str) -> list[str]:
    return [r.strip() for r in (tekst or "").splitlines() if r.strip()]


def dwangsomtekst(maatregel: Handhavingsmaatregel) -> str:
    """Awb 5:32b lid 1: the amount in its form — lump sum, per unit of time, or per violation."""
    if maatregel.dwangsom_bedrag is None:
        return ""
    vorm = maatregel.dwangsom_vorm
    if vorm == "ineens":
        per = "ineens"
    elif vorm == "per overtreding":
        per = "per overtreding van de last"
    else:
        per = f"per {maatregel.dwangsom_eenheid or 'tijdseenheid'} dat de last niet is uitgevoerd"
    return f"{euro(maatregel.dwangsom_bedrag)} {per}"


def instrumentnaam(code: str, peildatum: date) -> str:
    """Name from the CIM code list (valid on the date), else from the LHSO table, else the code itself."""
    waarde = (
        Codelijstwaarde.objects.filter(lijst=Codelijst.HANDHAVINGSINSTRUMENT, code=code, geldig_vanaf__lte=peildatum)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=peildatum))
        .order_by("-geldig_vanaf")
        .first()
    )
    if waarde:
        return waarde.naam
    instrument = lhso.standaardtabel().instrumenten.get(code)
    return instrument.naam if instrument else code


# --- the context -------------------------------------------------------------------------------------------


def _partij(actor: Actor, overtreding: Overtreding) -> dict | None:
    """The addressee: the establishment of the VTH-object, else the executor of the activity — if visible."""
    kandidaten = [overtreding.vth_object.vestiging_id]
    if overtreding.activiteituitvoering_id:
        kandidaten.append(overtreding.activiteituitvoering.uitvoerder_betrokkene_id)
    for pk in (k for k in kandidaten if k):
        betrokkene = register_selectors.betrokkene_list(actor=actor).filter(pk=pk).first()
        if betrokkene is not None:
            audit.log_inzage(actor=actor, objecten=[betrokkene], doel="opstellen handhavingsbrief")
            return {
                "naam": betrokkene.naam,
                "kvk_nummer": betrokkene.kvk_nummer,
                "vestigingsnummer": betrokkene.vestigingsnummer,
            }
    return None


def _instrumentnaam_uit(instrument) -> str:
    """A position stores its advised instruments as {code, naam, zwaarte, categorie} (or, older, as codes)."""
    if isinstance(instrument, dict):
        return str(instrument.get("naam") or instrument.get("code", ""))
    return instrumentnaam(str(instrument), timezone.localdate())


def _positie(overtreding: Overtreding) -> dict | None:
    positie = overtreding.posities.order_by("-vastgesteld_op", "-id").first()
    if positie is None:
        return None
    gedrag, gevolg = lhso.parse_gedrag(positie.gedrag), lhso.parse_gevolg(positie.gevolg)
    return {
        "cel": positie.cel,
        "gedrag": gedrag.value,
        "gedrag_naam": gedrag.naam,
        "gedrag_definitie": gedrag.definitie,
        "gevolg": gevolg.value,
        "gevolg_naam": gevolg.naam,
        "gevolg_definitie": gevolg.definitie,
        "spoor": positie.spoor,
        "strategie": positie.strategie,
        "instrumenten": [_instrumentnaam_uit(i) for i in positie.instrumenten],
        "motivering": _regels(positie.motivering),
        "tabelversie": positie.tabelversie,
        "vastgesteld_op": datum_nl(timezone.localdate(positie.vastgesteld_op)),
    }


def _termijnen(maatregel: Handhavingsmaatregel) -> tuple[list[dict], dict | None, dict | None]:
    """Every term a step of the measure started, with its motivation; and the zienswijze and grace periods."""
    termijnen = [
        {
            "soort": stap.termijn_soort or stap.naar,
            "einddatum": datum_nl(stap.termijn_tot),
            "einddatum_iso": stap.termijn_tot.isoformat(),
            "motivering": _regels(stap.motivering),
        }
        for stap in maatregel.stappen.order_by("geregistreerd_op", "id")
        if stap.termijn_tot
    ]

    def bij(soort: str, einde: date | None) -> dict | None:
        if einde is None:
            return None
        gevonden = [t for t in termijnen if t["soort"] == soort and t["einddatum_iso"] == einde.isoformat()]
        return gevonden[-1] if gevonden else {
            "soort": soort, "einddatum": datum_nl(einde), "einddatum_iso": einde.isoformat(), "motivering": []
        }

    return (
        termijnen,
        bij("zienswijzetermijn", maatregel.zienswijze_tot),
        bij("begunstigingstermijn", maatregel.begunstigingstermijn_tot),
    )


def _maatregel(maatregel: Handhavingsmaatregel, peildatum: date) -> dict:
    termijnen, zienswijze, begunstiging = _termijnen(maatregel)
    return {
        "instrument": maatregel.instrument,
        "instrument_naam": instrumentnaam(maatregel.instrument, peildatum),
        "omschrijving": maatregel.omschrijving,
        "opgelegd_op": datum_nl(maatregel.opgelegd_op),
        "hercontrole_op": datum_nl(maatregel.hercontrole_op),
        "motivering": _regels(maatregel.motivering),
        "dwangsom": {
            "vorm": maatregel.dwangsom_vorm,
            "eenheid": maatregel.dwangsom_eenheid,
            "bedrag": euro(maatregel.dwangsom_bedrag),
            "maximum": euro(maatregel.dwangsom_maximum),
            "tekst": dwangsomtekst(maatregel),
        }
        if maatregel.dwangsom_bedrag is not None
        else None,
        "termijnen": termijnen,
        "zienswijzetermijn": zienswijze,
        "begunstigingstermijn": begunstiging,
    }


def documentcontext(
    *, actor: Actor, overtreding: Overtreding, soort: Documentsoort, maatregel: Handhavingsmaatregel | None,
    datum: date,
) -> dict:
    """Everything a letter may say, as plain values: parties, place, rule (Awb 5:9), LHSO cell, measure, terms."""
    obj = overtreding.vth_object
    bg = overtreding.bevoegd_gezag
    artikelen = [{"artikel": a, "tekst": t} for a, t in ARTIKELEN[soort]]
    if soort in MAAKSELS_MET_MAATREGEL and bg.soort in BESTUURSDWANGGRONDSLAG:
        artikel, tekst = BESTUURSDWANGGRONDSLAG[bg.soort].split(": ", 1)
        artikelen.insert(0, {"artikel": artikel, "tekst": tekst})
    behandelaar = overtreding.behandelaar
    return {
        "soort": soort.value,
        "titel": STANDAARDTITELS[soort],
        "datum": datum_nl(datum),
        "kenmerk": f"HH-{str(overtreding.uuid)[:8].upper()}",
        "bevoegd_gezag": {"naam": bg.naam, "soort": bg.get_soort_display()},
        "uitvoerder": {"naam": overtreding.uitvoerder.naam},
        "behandelaar": (behandelaar.get_full_name() or behandelaar.get_username()) if behandelaar else "",
        "overtreder": _partij(actor, overtreding),
        "vth_object": {
            "naam": obj.naam,
            "identificatie": f"{obj.namespace}.{obj.lokaal_id}",
            "adres": obj.locatie.adres,
            "gemeente": obj.locatie.gemeente.naam,
        },
        "overtreding": {
            "omschrijving": overtreding.omschrijving,
            "voorschrift": overtreding.voorschrift,
            "geconstateerd_op": datum_nl(overtreding.geconstateerd_op),
            "plaats": overtreding.plaats or obj.locatie.adres,
        },
        "positie": _positie(overtreding),
        "maatregel": _maatregel(maatregel, datum) if maatregel else None,
        "artikelen": artikelen,
    }


# --- templates -------------------------------------------------------------------------------------------


def _engine() -> Engine:
    """A separate engine for stored templates: autoescaping, no loaders, no template libraries to load."""
    return Engine(debug=True, autoescape=True, loaders=[("django.template.loaders.locmem.Loader", {})],
                  libraries={}, string_if_invalid="")


def _compileer(inhoud: str):
    """Compile a stored template or refuse it, naming the line and the reason."""
    try:
        sjabloon = _engine().from_string(inhoud)
    except TemplateSyntaxError as fout:
        info = getattr(fout, "template_debug", None) or {}
        regel = f" (regel {info['line']})" if info.get("line") else ""
        raise OngeldigeInvoer(
            f"Het sjabloon is niet te vertalen{regel}: {fout}", {"inhoud": f"ongeldige sjabloontaal{regel}: {fout}"}
        ) from None
    for node, naam in VERBODEN_TAGS.items():
        if sjabloon.nodelist.get_nodes_by_type(node):
            raise OngeldigeInvoer(
                f"Het sjabloon gebruikt {{% {naam} %}}; dat is in briefsjablonen niet toegestaan.",
                {"inhoud": f"{{% {naam} %}} niet toegestaan"},
            )
    return sjabloon


def sjabloon_voor(overtreding: Overtreding, soort: Documentsoort) -> Documentsjabloon:
    """The bevoegd gezag's template, else the uitvoerder's, else the default; none at all is an operator error."""
    kandidaten = {
        s.organisatie_id: s
        for s in Documentsjabloon.objects.filter(soort=soort).filter(
            Q(organisatie_id__in=[overtreding.bevoegd_gezag_id, overtreding.uitvoerder_id])
            | Q(organisatie__isnull=True)
        )
    }
    for sleutel in (overtreding.bevoegd_gezag_id, overtreding.uitvoerder_id, None):
        if sleutel in kandidaten:
            return kandidaten[sleutel]
    raise OngeldigeInvoer(
        f"Er is geen sjabloon voor '{soort.label}'; laad de standaardsjablonen met `openvth load-sjablonen`.",
        {"soort": "geen sjabloon"},
    )


class GeenNetwerk(URLFetcher):
    """WeasyPrint may read inline data: URLs only; a letter never reaches out to the network or the file system."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"Externe bronnen zijn in brieven niet toegestaan: {url[:80]}")


def html_van(sjabloon: Documentsjabloon, context: dict) -> str:
    """The complete HTML document: the rendered body inside the fixed print shell, styles included."""
    with translation.override("nl"):
        inhoud = _compileer(sjabloon.inhoud).render(Context(context, autoescape=True))
        return render_to_string(
            "handhaving/brief.html",
            {"titel": context["titel"], "inhoud": inhoud, "stijl": BRIEFSTIJL.read_text("utf-8")},
        )


def pdf_van(html: str) -> bytes:
    """PDF of a letter; relative URLs resolve against a reserved name (RFC 2606) that the fetcher refuses anyway."""
    return HTML(string=html, base_url="https://openvth.invalid/", url_fetcher=GeenNetwerk()).write_pdf()


@transaction.atomic
def document_maak(
    *, actor: Actor, overtreding: Overtreding, soort: Documentsoort | str,
    maatregel: Handhavingsmaatregel | None = None, datum: date | None = None,
) -> Document:
    """Draft one letter for a case and store HTML, PDF and the template version with it; audited.

    A write on the case (`toegang.vereis_schrijven`): a handhaver of its own organisations or a mandated service;
    an organisation that reads the case through a sharing agreement drafts nothing in it (403).
    """
    toegang.vereis_schrijven(actor, overtreding, MAKERS)
    fouten: dict[str, str] = {}
    try:
        soort = Documentsoort(soort)
    except ValueError:
        raise OngeldigeInvoer(f"Onbekende documentsoort '{soort}'.", {"soort": "onbekend"}) from None
    if maatregel is not None and maatregel.overtreding_id != overtreding.pk:
        fouten["maatregel"] = "hoort niet bij deze overtreding"
    elif soort in MAAKSELS_MET_MAATREGEL and (
        maatregel is None or workflow.route_van(maatregel.instrument) is not workflow.Route.LAST_ONDER_DWANGSOM
    ):
        fouten["maatregel"] = f"een {soort.label} hoort bij een maatregel: kies de last onder dwangsom"
    elif soort is Documentsoort.BESLUIT_LOD and maatregel.dwangsom_bedrag is None:
        fouten["maatregel"] = "de last heeft nog geen dwangsombedrag en maximum (Awb 5:32b): neem eerst het besluit"
    if fouten:
        raise OngeldigeInvoer("Het document is niet gemaakt: " + "; ".join(fouten.values()) + ".", fouten)
    datum = datum or timezone.localdate()
    sjabloon = sjabloon_voor(overtreding, soort)
    html = html_van(sjabloon, documentcontext(actor=actor, overtreding=overtreding, soort=soort,
                                              maatregel=maatregel, datum=datum))
    document = Document.objects.create(
        overtreding=overtreding,
        maatregel=maatregel,
        soort=soort,
        sjabloon=sjabloon,
        sjabloonversie=sjabloon.versie,
        html=html,
        pdf=pdf_van(html),
        gemaakt_door_id=actor.gebruiker_id,
    )
    audit.schrijf(
        actor=actor, actie="document.gemaakt", object=document,
        na=audit.momentopname(document, ["overtreding", "maatregel", "soort", "sjabloon", "sjabloonversie"]),
    )
    return document


def document_get(*, actor: Actor, uuid: UUID) -> Document:
    """A stored letter of a case the actor may see; reading it is logged as reading the case."""
    document = (
        Document.objects.select_related("overtreding")
        .filter(uuid=uuid, overtreding__in=selectors.overtreding_list(actor=actor))
        .first()
    )
    if document is None:
        raise NietGevonden()
    # The stored letter names its addressee as its maker could see it, whoever reads it now: both candidates count.
    overtreding = document.overtreding
    uitvoering = overtreding.activiteituitvoering
    kandidaten = [overtreding.vth_object.vestiging, uitvoering.uitvoerder_betrokkene if uitvoering else None]
    audit.log_inzage(
        actor=actor, objecten=[overtreding, *filter(None, kandidaten)], doel="raadplegen handhavingsbrief"
    )
    return document


# --- editing and loading templates ----------------------------------------------------------------------


def voorbeeldcontext() -> dict:
    """A complete example context: a template is test-rendered against it before it is saved."""
    zienswijze = {"soort": "zienswijzetermijn", "einddatum": "16 februari 2026", "einddatum_iso": "2026-02-16",
                  "motivering": ["Zienswijzetermijn (Awb 4:8): 2 weken, gesteld door het bestuursorgaan."]}
    begunstiging = {"soort": "begunstigingstermijn", "einddatum": "30 maart 2026", "einddatum_iso": "2026-03-30",
                    "motivering": ["Begunstigingstermijn, gesteld in het besluit (Awb 5:32a lid 2)."]}
    gedrag, gevolg = lhso.Gedrag.ONVERSCHILLIG, lhso.Gevolg.VAN_BELANG
    return {
        "soort": "besluit_lod", "titel": "Voorbeeld", "datum": "2 maart 2026", "kenmerk": "HH-VOORBEELD",
        "bevoegd_gezag": {"naam": "Gemeente Voorbeeld", "soort": "gemeente"},
        "uitvoerder": {"naam": "Omgevingsdienst Voorbeeld"}, "behandelaar": "A. Jurist",
        "overtreder": {"naam": "Voorbeeld B.V.", "kvk_nummer": "12345678", "vestigingsnummer": "000012345678"},
        "vth_object": {"naam": "Voorbeeldbedrijf", "identificatie": "nl-vthflo.1", "adres": "Markt 1, 1234AB Stad",
                       "gemeente": "Voorbeeld"},
        "overtreding": {"omschrijving": "Afvalopslag buiten de vergunde zone.", "voorschrift": "Bal art. 3.48",
                        "geconstateerd_op": "12 januari 2026", "plaats": "Markt 1"},
        "positie": {"cel": "B3", "gedrag": gedrag.value, "gedrag_naam": gedrag.naam,
                    "gedrag_definitie": gedrag.definitie, "gevolg": gevolg.value, "gevolg_naam": gevolg.naam,
                    "gevolg_definitie": gevolg.definitie, "spoor": "bestuursrechtelijk", "strategie": "LHSO",
                    "instrumenten": ["Schriftelijke waarschuwing met hercontrole", "Last onder dwangsom"],
                    "motivering": ["Positionering: gedrag B (onverschillig), gevolg 3 (van belang) → cel B3."],
                    "tabelversie": "LHSO-2022-standaard-1", "vastgesteld_op": "13 januari 2026"},
        "maatregel": {"instrument": "LOD", "instrument_naam": "Last onder dwangsom",
                      "omschrijving": "Verwijder het afval buiten de vergunde zone.", "opgelegd_op": "2 maart 2026",
                      "hercontrole_op": "31 maart 2026", "motivering": [],
                      "dwangsom": {"vorm": "per tijdseenheid", "eenheid": "week", "bedrag": "€ 1.000,00",
                                   "maximum": "€ 10.000,00",
                                   "tekst": "€ 1.000,00 per week dat de last niet is uitgevoerd"},
                      "termijnen": [zienswijze, begunstiging], "zienswijzetermijn": zienswijze,
                      "begunstigingstermijn": begunstiging},
        "artikelen": [{"artikel": "Awb art. 5:32b", "tekst": "vorm, bedrag en verplicht maximum van de dwangsom"}],
    }


def beschikbare_gegevens() -> list[tuple[str, str]]:
    """Every variable a template may use, with an example value, for the template editor's help."""
    uit: list[tuple[str, str]] = []

    def loop(pad: str, waarde) -> None:
        if isinstance(waarde, dict):
            for sleutel, sub in waarde.items():
                loop(f"{pad}.{sleutel}" if pad else sleutel, sub)
        elif isinstance(waarde, list):
            if waarde and isinstance(waarde[0], dict):
                for sleutel, sub in waarde[0].items():
                    loop(f"{pad}[].{sleutel}", sub)
            else:
                uit.append((f"{pad}[]", ", ".join(map(str, waarde))))
        else:
            uit.append((pad, "" if waarde is None else str(waarde)))

    loop("", voorbeeldcontext())
    return uit


def _proefdraai(inhoud: str) -> None:
    try:
        with translation.override("nl"):
            _compileer(inhoud).render(Context(voorbeeldcontext(), autoescape=True))
    except OngeldigeInvoer:
        raise
    except Exception as fout:  # a filter that fails at render time, e.g. a bad argument
        raise OngeldigeInvoer(
            f"Het sjabloon faalt bij het invullen: {fout}", {"inhoud": f"fout bij invullen: {fout}"}
        ) from None


def sjabloon_list(*, actor: Actor) -> dict[Documentsoort, Documentsjabloon | None]:
    """Per kind of letter the template the acting organisation edits: its own, or None (the default applies)."""
    eigen = {}
    if actor.organisatie is not None:
        eigen = {s.soort: s for s in Documentsjabloon.objects.filter(organisatie=actor.organisatie)}
    return {soort: eigen.get(soort.value) for soort in Documentsoort}


def standaardsjabloon(soort: Documentsoort) -> Documentsjabloon | None:
    return Documentsjabloon.objects.filter(organisatie__isnull=True, soort=soort).first()


@transaction.atomic
def sjabloon_opslaan(*, actor: Actor, soort: Documentsoort | str, titel: str, inhoud: str) -> Documentsjabloon:
    """Save the acting organisation's own template for `soort`: refused unless it compiles and renders; each
    save raises the version, so every Document says which text it came from."""
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    if actor.organisatie is None:
        raise OngeldigeInvoer("U treedt voor geen enkele organisatie op.", {"organisatie": "ontbreekt"})
    try:
        soort = Documentsoort(soort)
    except ValueError:
        raise OngeldigeInvoer(f"Onbekende documentsoort '{soort}'.", {"soort": "onbekend"}) from None
    fouten = {}
    if not titel.strip():
        fouten["titel"] = "verplicht"
    if not inhoud.strip():
        fouten["inhoud"] = "verplicht"
    if fouten:
        raise OngeldigeInvoer("Titel en inhoud zijn verplicht.", fouten)
    _proefdraai(inhoud)
    sjabloon = (
        Documentsjabloon.objects.select_for_update().filter(organisatie=actor.organisatie, soort=soort).first()
    )
    voor = audit.momentopname(sjabloon, ["titel", "inhoud", "versie"]) if sjabloon else None
    if sjabloon is None:
        sjabloon = Documentsjabloon(organisatie=actor.organisatie, soort=soort, versie=0)
    elif (sjabloon.titel, sjabloon.inhoud) == (titel.strip(), inhoud):
        return sjabloon  # nothing changed: no new version
    sjabloon.titel, sjabloon.inhoud = titel.strip(), inhoud
    sjabloon.versie += 1
    sjabloon.gewijzigd_door_id = actor.gebruiker_id
    sjabloon.save()
    audit.schrijf(actor=actor, actie="documentsjabloon.opgeslagen", object=sjabloon, voor=voor,
                  na=audit.momentopname(sjabloon, ["organisatie", "soort", "titel", "inhoud", "versie"]))
    return sjabloon


@dataclass
class Sjabloonverslag:
    aangemaakt: list[str] = field(default_factory=list)
    bijgewerkt: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)


@transaction.atomic
def sjablonen_laden(*, actor: Actor, map: Path = SJABLOONMAP) -> Sjabloonverslag:
    """Load the default templates (no organisation) from the shipped files; idempotent.

    The defaults belong to the release: a changed file updates its default with a version bump. Organisations
    adapt letters in their own copy (`sjabloon_opslaan`), which loading never touches.
    """
    verslag = Sjabloonverslag()
    for soort in Documentsoort:
        inhoud = (map / f"{soort.value}.html").read_text("utf-8")
        _compileer(inhoud)
        bestaand = Documentsjabloon.objects.select_for_update().filter(organisatie__isnull=True, soort=soort).first()
        if bestaand is None:
            nieuw = Documentsjabloon.objects.create(soort=soort, titel=STANDAARDTITELS[soort], inhoud=inhoud)
            audit.schrijf(actor=actor, actie="documentsjabloon.geladen", object=nieuw,
                          na=audit.momentopname(nieuw, ["soort", "titel", "versie"]))
            verslag.aangemaakt.append(soort.value)
        elif bestaand.inhoud == inhoud:
            verslag.ongewijzigd.append(soort.value)
        else:
            voor = audit.momentopname(bestaand, ["inhoud", "versie"])
            bestaand.inhoud, bestaand.versie = inhoud, bestaand.versie + 1
            bestaand.save(update_fields=["inhoud", "versie", "gewijzigd_op"])
            audit.schrijf(actor=actor, actie="documentsjabloon.bijgewerkt", object=bestaand, voor=voor,
                          na=audit.momentopname(bestaand, ["inhoud", "versie"]))
            verslag.bijgewerkt.append(soort.value)
    return verslag

