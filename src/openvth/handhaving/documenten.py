"""Letters of a case (waarschuwing, voornemen, besluit last onder dwangsom, invorderingsbeschikking): drafted from
editable per-organisation templates, edited by the jurist, sent under mandate.

* The body comes from a Documentsjabloon in Django template syntax, rendered with plain values only (texts, dates,
  lists — never model instances, so a template cannot reach a password hash through `overtreding.behandelaar`),
  and split into sections (`onderdelen`: a heading and plain text) that the jurist edits in the application.
* The context holds what may go to the offender and nothing else: no LHSO cell, track, instruments, recidive,
  table version, term calculations or internal notes. That reasoning is the authority's own (it stays in the
  case); the letter states the facts, the rule broken and the order (Awb 5:9, 5:32a, 5:32b).
* A fixed print shell adds what the register decides, not the template: the competent body the letter comes from
  (the college van burgemeester en wethouders, Gedeputeerde Staten, the dagelijks bestuur, the minister), the
  addressee, the case number and kenmerk, and the signature of the official who holds the mandate for this kind
  of letter in the mandate register, "namens" the body (Awb 10:10).
* Every save is a Documentversie; sending freezes the letter (status `verzonden`) and needs a mandate holder
  (`organisaties.Persoonsmandaat`); each step is audited. WeasyPrint makes the PDF and may not fetch anything.

Which template: the bevoegd gezag's own (letters go out in its name), else the uitvoerder's (the omgevingsdienst
that drafts them), else the national default loaded from `sjablonen/` by `openvth load-sjablonen`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape
from html.parser import HTMLParser
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
from openvth.organisaties import selectors as organisatie_selectors
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol, Soort
from openvth.organisaties.toegang import Actor
from openvth.regels import lhso, sancties, termijnen
from openvth.register import selectors as register_selectors

from . import selectors, workflow
from .models import (
    Codelijst,
    Codelijstwaarde,
    Document,
    Documentsjabloon,
    Documentsoort,
    Documentstatus,
    Documentversie,
    Handhavingsmaatregel,
    Overtreding,
    Verbeurte,
)

SJABLOONMAP = Path(__file__).resolve().parent / "sjablonen"
BESTANDEN = {soort: SJABLOONMAP / f"{soort.value}.html" for soort in Documentsoort}
BRIEFSTIJL = SJABLOONMAP / "brief.css"
STANDAARDTITELS = {
    Documentsoort.WAARSCHUWING: "Waarschuwing",
    Documentsoort.VOORNEMEN: "Voornemen last onder dwangsom",
    Documentsoort.BESLUIT_LOD: "Besluit last onder dwangsom",
    Documentsoort.INVORDERINGSBESCHIKKING: "Invorderingsbeschikking",
}
ONDERWERPEN = {
    Documentsoort.WAARSCHUWING: "Waarschuwing",
    Documentsoort.VOORNEMEN: "Voornemen tot het opleggen van een last onder dwangsom",
    Documentsoort.BESLUIT_LOD: "Besluit last onder dwangsom",
    Documentsoort.INVORDERINGSBESCHIKKING: "Invordering verbeurde dwangsom",
}
MAKERS = (Rol.HANDHAVER,)  # who drafts and edits letters in a case
VERZENDERS = (Rol.HANDHAVER, Rol.MANAGER)  # who may send one — and only while holding the mandate for it
BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)  # who edits an organisation's templates
MAAKSELS_MET_MAATREGEL = (Documentsoort.VOORNEMEN, Documentsoort.BESLUIT_LOD, Documentsoort.INVORDERINGSBESCHIKKING)
VERBODEN_TAGS = {DebugNode: "debug", IncludeNode: "include", ExtendsNode: "extends", LoadNode: "load"}
MAX_ONDERDELEN, MAX_KOP, MAX_TEKST = 40, 200, 20_000
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
# Ministers by the organisation code of the rijksdienst that acts for them (Rijkswaterstaat: Infrastructuur en
# Waterstaat). A `rijk` organisation named "Ministerie van …" needs no entry.
MINISTERS = {"rws": "de Minister van Infrastructuur en Waterstaat"}
ARTIKELEN = {
    Documentsoort.WAARSCHUWING: (
        ("Omgevingswet art. 18.2", "de bestuursrechtelijke handhavingstaak berust bij het bevoegd gezag"),
        ("Awb art. 5:1 lid 1", "een overtreding is een gedraging in strijd met een wettelijk voorschrift"),
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
        ("Awb art. 6:7 en 6:8", "bezwaar binnen zes weken, te rekenen vanaf de dag na bekendmaking"),
    ),
    Documentsoort.INVORDERINGSBESCHIKKING: (
        ("Awb art. 5:37 lid 1", "vóór de aanmaning beslist het bestuursorgaan bij beschikking over de invordering"),
        ("Awb art. 5:33", "een verbeurde dwangsom moet binnen zes weken na verbeurte worden betaald"),
        ("Awb art. 4:112", "wie niet tijdig betaalt, wordt aangemaand om binnen twee weken te betalen"),
        ("Awb art. 6:7 en 6:8", "bezwaar binnen zes weken, te rekenen vanaf de dag na bekendmaking"),
    ),
}


# --- formatting (letters are always Dutch, Awb 2:6 lid 1) ------------------------------------------------------


def datum_nl(dag: date | None) -> str:
    """Dutch long form: 8 december 2026."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}" if dag else ""


def euro(bedrag: Decimal | None) -> str:
    if bedrag is None:
        return ""
    return "€ " + f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def duur_nl(duur: str) -> str:
    """An ISO 8601 period as Dutch words: P4W → 4 weken."""
    d = termijnen.Duur.parse(duur)
    return f"{d.aantal} {d.eenheid.naam(d.aantal)}"


def dwangsomtekst(vorm: str, eenheid: str, bedrag: Decimal | None) -> str:
    """Awb 5:32b lid 1: the amount in its form — lump sum, per unit of time, or per violation."""
    if bedrag is None:
        return ""
    if vorm == sancties.Dwangsomvorm.INEENS:
        per = "ineens"
    elif vorm == sancties.Dwangsomvorm.PER_OVERTREDING:
        per = "per overtreding van de last"
    else:
        per = f"per {eenheid or 'tijdseenheid'} dat de last niet is uitgevoerd"
    return f"{euro(bedrag)} {per}"


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


def bestuursorgaan(organisatie: Organisatie) -> dict:
    """The administrative body that decides and in whose name the letter goes out, from the kind of authority.

    Municipality: the college van burgemeester en wethouders (Gemeentewet art. 125 lid 2, Omgevingswet art. 18.2
    with 5.8); province: Gedeputeerde Staten (Provinciewet art. 122, Omgevingswet 5.10); water authority: the
    dagelijks bestuur (Waterschapswet art. 61, 56); state: the minister. An omgevingsdienst or chain partner is no
    competent body and sends nothing in its own name: refused.
    """
    naam = organisatie.naam
    if organisatie.soort == Soort.GEMEENTE:
        plaats = re.sub(r"^gemeente\s+", "", naam, flags=re.IGNORECASE)
        return {
            "naam": f"het college van burgemeester en wethouders van {plaats}",
            "ondertekening": f"Burgemeester en wethouders van {plaats}",
            "namens": "namens dezen",
            "briefhoofd": f"Gemeente {plaats}",
            "organisatie": naam,
        }
    if organisatie.soort == Soort.PROVINCIE:
        gewest = re.sub(r"^provincie\s+", "", naam, flags=re.IGNORECASE)
        return {
            "naam": f"Gedeputeerde Staten van {gewest}",
            "ondertekening": f"Gedeputeerde Staten van {gewest}",
            "namens": "namens dezen",
            "briefhoofd": f"Provincie {gewest}",
            "organisatie": naam,
        }
    if organisatie.soort == Soort.WATERSCHAP:
        return {
            "naam": f"het dagelijks bestuur van {naam}",
            "ondertekening": f"Het dagelijks bestuur van {naam}",
            "namens": "namens dezen",
            "briefhoofd": naam,
            "organisatie": naam,
        }
    if organisatie.soort == Soort.RIJK:
        minister = MINISTERS.get(organisatie.code)
        if minister is None and naam.lower().startswith("ministerie van "):
            minister = "de Minister van " + naam[len("ministerie van ") :]
        if minister:
            return {
                "naam": minister,
                "ondertekening": minister[0].upper() + minister[1:],
                "namens": "namens deze",
                "briefhoofd": naam,
                "organisatie": naam,
            }
        raise OngeldigeInvoer(
            f"Voor {naam} is niet vastgelegd welke minister het bevoegde bestuursorgaan is.",
            {"bevoegd_gezag": "minister onbekend"},
        )
    raise OngeldigeInvoer(
        f"{naam} is geen bevoegd gezag: een handhavingsbrief gaat uit van het bevoegde bestuursorgaan.",
        {"bevoegd_gezag": "geen bestuursorgaan"},
    )


# --- the context: only what may go to the offender ------------------------------------------------------------


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


def _dwangsom(vorm: str, eenheid: str, bedrag: Decimal | None, maximum: Decimal | None) -> dict | None:
    if bedrag is None:
        return None
    return {
        "vorm": vorm,
        "eenheid": eenheid,
        "bedrag": euro(bedrag),
        "maximum": euro(maximum),
        "tekst": dwangsomtekst(vorm, eenheid, bedrag),
    }


def _verzonden_besluit(maatregel: Handhavingsmaatregel) -> Document | None:
    return (
        maatregel.documenten.filter(soort=Documentsoort.BESLUIT_LOD, status=Documentstatus.VERZONDEN)
        .order_by("-verzonden_op")
        .first()
    )


def _maatregel(maatregel: Handhavingsmaatregel, peildatum: date) -> dict:
    besluit = _verzonden_besluit(maatregel)
    # The order as the voornemen announced it, when the measure itself does not describe it (Awb 5:32a lid 1).
    voornemen = (
        maatregel.documenten.filter(soort=Documentsoort.VOORNEMEN).exclude(gegevens={}).order_by("-gemaakt_op").first()
    )
    return {
        "instrument_naam": instrumentnaam(maatregel.instrument, peildatum),
        "omschrijving": maatregel.omschrijving or (voornemen.gegevens.get("omschrijving", "") if voornemen else ""),
        "opgelegd_op": datum_nl(maatregel.opgelegd_op),
        "besluit_kenmerk": besluit.kenmerk if besluit else "",
        "hercontrole_op": datum_nl(maatregel.hercontrole_op),
        "dwangsom": _dwangsom(
            maatregel.dwangsom_vorm, maatregel.dwangsom_eenheid, maatregel.dwangsom_bedrag, maatregel.dwangsom_maximum
        ),
        "zienswijze_tot": datum_nl(maatregel.zienswijze_tot),
        "begunstigingstermijn_tot": datum_nl(maatregel.begunstigingstermijn_tot),
        "begunstigingstermijn": duur_nl(maatregel.begunstigingstermijn) if maatregel.begunstigingstermijn else "",
    }


def _last(gegevens: dict) -> dict | None:
    """The order a voornemen announces (stored with the letter): what to do, the grace period, sum and maximum."""
    if not gegevens:
        return None
    return {
        "omschrijving": gegevens["omschrijving"],
        "begunstigingstermijn": duur_nl(gegevens["begunstigingstermijn"]),
        "dwangsom": _dwangsom(
            gegevens["vorm"], gegevens.get("eenheid", ""), Decimal(gegevens["bedrag"]), Decimal(gegevens["maximum"])
        ),
    }


def _verbeurte(verbeurte: Verbeurte) -> dict:
    return {
        "datum": datum_nl(verbeurte.datum),
        "vanaf": datum_nl(verbeurte.verbeurd_vanaf),
        "aantal": verbeurte.aantal,
        "bedrag": euro(verbeurte.bedrag),
        "betalen_voor": datum_nl(verbeurte.betalen_voor),
    }


def documentcontext(
    *,
    actor: Actor,
    overtreding: Overtreding,
    soort: Documentsoort,
    maatregel: Handhavingsmaatregel | None,
    datum: date,
    kenmerk: str = "",
    verbeurte: Verbeurte | None = None,
    last: dict | None = None,
) -> dict:
    """Everything a letter may say, as plain values: parties, place, rule (Awb 5:9), order, terms, amounts."""
    obj = overtreding.vth_object
    bg = overtreding.bevoegd_gezag
    artikelen = [{"artikel": a, "tekst": t} for a, t in ARTIKELEN[soort]]
    if soort in (Documentsoort.VOORNEMEN, Documentsoort.BESLUIT_LOD) and bg.soort in BESTUURSDWANGGRONDSLAG:
        artikel, tekst = BESTUURSDWANGGRONDSLAG[bg.soort].split(": ", 1)
        artikelen.insert(0, {"artikel": artikel, "tekst": tekst})
    behandelaar = overtreding.behandelaar
    return {
        "soort": soort.value,
        "titel": STANDAARDTITELS[soort],
        "onderwerp": ONDERWERPEN[soort],
        "datum": datum_nl(datum),
        "kenmerk": kenmerk,
        "zaaknummer": overtreding.zaaknummer or "",
        "bestuursorgaan": bestuursorgaan(bg),
        "bevoegd_gezag": {"naam": bg.naam, "soort": bg.get_soort_display()},
        "uitvoerder": {"naam": overtreding.uitvoerder.naam},
        "contactpersoon": (behandelaar.get_full_name() or behandelaar.get_username()) if behandelaar else "",
        "overtreder": _partij(actor, overtreding),
        "vth_object": {
            "naam": obj.naam,
            "adres": obj.locatie.adres,
            "gemeente": obj.locatie.gemeente.naam,
        },
        "overtreding": {
            "omschrijving": overtreding.omschrijving,
            "voorschrift": overtreding.voorschrift,
            "geconstateerd_op": datum_nl(overtreding.geconstateerd_op),
            "plaats": overtreding.plaats or obj.locatie.adres,
        },
        "maatregel": _maatregel(maatregel, datum) if maatregel else None,
        "last": _last(last or {}),
        "verbeurte": _verbeurte(verbeurte) if verbeurte else None,
        "artikelen": artikelen,
    }


# --- templates -------------------------------------------------------------------------------------------


def _engine() -> Engine:
    """A separate engine for stored templates: autoescaping, no loaders, no template libraries to load."""
    return Engine(
        debug=True,
        autoescape=True,
        loaders=[("django.template.loaders.locmem.Loader", {})],
        libraries={},
        string_if_invalid="",
    )


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


class _Onderdelen(HTMLParser):
    """Rendered template HTML → sections of plain text: a heading (h1–h3) starts a section, a paragraph is a block,
    list items are lines starting with "- ". Letterhead, address, reference table and signature are the shell's:
    a template that still carries them (templates before issue 12) does not print them twice."""

    KOPPEN = {"h1", "h2", "h3"}
    BLOKKEN = {"p", "li", "div", "section", "ul", "ol", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.onderdelen: list[dict] = [{"kop": "", "blokken": []}]
        self.overslaan = 0
        self.stapel: list[bool] = []
        self.tekst: list[str] = []
        self.in_kop = False
        self.in_li = False

    def _overslaan(self, tag: str, attrs) -> bool:
        klassen = (dict(attrs).get("class") or "").split()
        return tag in {"header", "table", "style", "script"} or bool({"adres", "ondertekening"} & set(klassen))

    def _sluit_blok(self):
        tekst = " ".join("".join(self.tekst).split())
        self.tekst = []
        if not tekst:
            return
        if self.in_kop:
            self.onderdelen.append({"kop": tekst, "blokken": []})
        else:
            self.onderdelen[-1]["blokken"].append(("- " if self.in_li else "") + tekst)

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "hr", "meta", "link", "input"}:
            return
        overslaan = self._overslaan(tag, attrs)
        self.stapel.append(overslaan)
        if overslaan:
            self.overslaan += 1
        if self.overslaan:
            return
        if tag in self.KOPPEN or tag in self.BLOKKEN:
            self._sluit_blok()
            self.in_kop, self.in_li = tag in self.KOPPEN, tag == "li"

    def handle_endtag(self, tag):
        if tag in {"br", "img", "hr", "meta", "link", "input"}:
            return
        overslaan = self.stapel.pop() if self.stapel else False
        if not self.overslaan and (tag in self.KOPPEN or tag in self.BLOKKEN):
            self._sluit_blok()
            self.in_kop = self.in_li = False
        if overslaan:
            self.overslaan -= 1

    def handle_data(self, data):
        if not self.overslaan:
            self.tekst.append(data)

    def resultaat(self) -> list[dict]:
        self._sluit_blok()
        uit = []
        for o in self.onderdelen:
            regels, vorige_li = [], False
            for blok in o["blokken"]:
                li = blok.startswith("- ")
                regels.append(("\n" if li and vorige_li else "\n\n") + blok if regels else blok)
                vorige_li = li
            if o["kop"] or regels:
                uit.append({"kop": o["kop"], "tekst": "".join(regels)})
        return uit


def onderdelen_uit(html: str) -> list[dict]:
    parser = _Onderdelen()
    parser.feed(html)
    parser.close()
    return parser.resultaat()


def _tekst_html(tekst: str) -> str:
    """Plain text as the jurist typed it → escaped HTML: blank lines separate paragraphs, "- " lines are a list."""
    uit = []
    for blok in re.split(r"\n\s*\n", tekst.strip()):
        regels = [r.strip() for r in blok.splitlines() if r.strip()]
        if regels and all(r.startswith("- ") for r in regels):
            uit.append("<ul>" + "".join(f"<li>{escape(r[2:])}</li>" for r in regels) + "</ul>")
        elif regels:
            uit.append("<p>" + "<br>".join(escape(r) for r in regels) + "</p>")
    return "\n".join(uit)


def _ondertekening(document: Document | None) -> dict | None:
    if document is None or document.persoonsmandaat_id is None:
        return None
    gebruiker = document.ondertekend_door
    return {"naam": gebruiker.get_full_name() or gebruiker.get_username(), "functie": document.persoonsmandaat.functie}


def html_van(context: dict, onderdelen: list[dict], *, ondertekening: dict | None = None) -> str:
    """The complete HTML document: the fixed shell (body, addressee, references, signature) around the sections."""
    with translation.override("nl"):
        return render_to_string(
            "handhaving/brief.html",
            {
                "c": context,
                "onderdelen": [{"kop": o["kop"], "html": _tekst_html(o["tekst"])} for o in onderdelen],
                "ondertekening": ondertekening,
                "stijl": BRIEFSTIJL.read_text("utf-8"),
            },
        )


class GeenNetwerk(URLFetcher):
    """WeasyPrint may read inline data: URLs only; a letter never reaches out to the network or the file system."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"Externe bronnen zijn in brieven niet toegestaan: {url[:80]}")


def pdf_van(html: str) -> bytes:
    """PDF of a letter; relative URLs resolve against a reserved name (RFC 2606) that the fetcher refuses anyway."""
    return HTML(string=html, base_url="https://openvth.invalid/", url_fetcher=GeenNetwerk()).write_pdf()


# --- drafting, editing, sending --------------------------------------------------------------------------------


def _geld(waarde, veld: str, fouten: dict) -> Decimal | None:
    try:
        bedrag = Decimal(str(waarde).replace("€", "").strip())
    except (InvalidOperation, ValueError):
        fouten[veld] = "een bedrag in euro's, bijvoorbeeld 500.00"
        return None
    return bedrag


def voorgenomen_last(maatregel: Handhavingsmaatregel | None, last: dict | None) -> tuple[dict, dict]:
    """The order a voornemen must state so the offender can address it (Awb 4:8 with 5:32a and 5:32b): what to do,
    the grace period and the dwangsom (form, sum per unit, maximum). Given values win over those on the measure."""
    last = {k: v for k, v in (last or {}).items() if v not in (None, "")}
    m = maatregel
    basis = {
        "omschrijving": m.omschrijving if m else "",
        "begunstigingstermijn": m.begunstigingstermijn if m else "",
        "vorm": m.dwangsom_vorm if m else "",
        "eenheid": m.dwangsom_eenheid if m else "",
        "bedrag": m.dwangsom_bedrag if m else None,
        "maximum": m.dwangsom_maximum if m else None,
    }
    g = {**{k: v for k, v in basis.items() if v not in (None, "")}, **last}
    fouten: dict[str, str] = {}
    if not str(g.get("omschrijving", "")).strip():
        fouten["omschrijving"] = "de last: welke maatregelen de overtreder moet nemen (Awb 5:32a lid 1)"
    try:
        termijnen.Duur.parse(str(g.get("begunstigingstermijn", "")))
    except ValueError:
        fouten["begunstigingstermijn"] = "de voorgenomen begunstigingstermijn als duur, bijvoorbeeld P4W (Awb 5:32a)"
    bedrag = _geld(g.get("bedrag", ""), "bedrag", fouten)
    maximum = _geld(g.get("maximum", ""), "maximum", fouten)
    try:
        vorm = sancties.Dwangsomvorm(g.get("vorm", ""))
        eenheid = sancties.Tijdseenheid(g["eenheid"]) if g.get("eenheid") else None
    except ValueError:
        fouten["vorm"] = "vorm: ineens, per tijdseenheid (met eenheid dag, week of maand) of per overtreding"
    else:
        if "bedrag" not in fouten and "maximum" not in fouten:
            try:
                sancties.toets_bedragen(vorm, bedrag, maximum, eenheid)
            except ValueError as fout:
                fouten["bedrag"] = str(fout)
    if fouten:
        return {}, fouten
    return {
        "omschrijving": str(g["omschrijving"]).strip(),
        "begunstigingstermijn": termijnen.Duur.parse(str(g["begunstigingstermijn"])).iso,
        "vorm": vorm.value,
        "eenheid": eenheid.value if eenheid else "",
        "bedrag": str(bedrag),
        "maximum": str(maximum),
    }, {}


def _volgend_kenmerk(overtreding: Overtreding) -> str:
    """Ons kenmerk: the case number and the letter's number within the case (the case row is locked)."""
    Overtreding.objects.select_for_update().filter(pk=overtreding.pk).first()
    return f"{overtreding.zaaknummer}/{overtreding.documenten.count() + 1:02d}"


def _weergave(actor: Actor, document: Document, onderdelen: list[dict], datum: date) -> tuple[str, bytes]:
    context = documentcontext(
        actor=actor,
        overtreding=document.overtreding,
        soort=Documentsoort(document.soort),
        maatregel=document.maatregel,
        datum=datum,
        kenmerk=document.kenmerk,
        verbeurte=document.verbeurte,
        last=document.gegevens,
    )
    html = html_van(context, onderdelen, ondertekening=_ondertekening(document))
    return html, pdf_van(html)


def _versie(actor: Actor, document: Document) -> Documentversie:
    return Documentversie.objects.create(
        document=document,
        versie=document.versie,
        status=document.status,
        onderdelen=document.onderdelen,
        html=document.html,
        pdf=document.pdf,
        gemaakt_door_id=actor.gebruiker_id,
    )


@transaction.atomic
def document_maken(
    *,
    actor: Actor,
    overtreding: Overtreding,
    soort: Documentsoort | str,
    maatregel: Handhavingsmaatregel | None = None,
    verbeurte: Verbeurte | None = None,
    last: dict | None = None,
    datum: date | None = None,
) -> Document:
    """Draft one letter for a case (version 1, status concept): the template's text as editable sections inside
    the shell; audited.

    A write on the case (`toegang.vereis_schrijven`): a handhaver of its own organisations or a mandated service;
    an organisation that reads the case through a sharing agreement drafts nothing in it (403).
    """
    toegang.vereis_schrijven(actor, overtreding, MAKERS)
    fouten: dict[str, str] = {}
    try:
        soort = Documentsoort(soort)
    except ValueError:
        raise OngeldigeInvoer(f"Onbekende documentsoort '{soort}'.", {"soort": "onbekend"}) from None
    if verbeurte is not None and maatregel is None:
        maatregel = verbeurte.maatregel
    if maatregel is not None and maatregel.overtreding_id != overtreding.pk:
        fouten["maatregel"] = "hoort niet bij deze overtreding"
    elif verbeurte is not None and verbeurte.maatregel_id != maatregel.pk:
        fouten["verbeurte"] = "hoort niet bij deze maatregel"
    elif soort in MAAKSELS_MET_MAATREGEL and (
        maatregel is None or workflow.route_van(maatregel.instrument) is not workflow.Route.LAST_ONDER_DWANGSOM
    ):
        fouten["maatregel"] = f"een {soort.label} hoort bij een maatregel: kies de last onder dwangsom"
    elif soort is Documentsoort.BESLUIT_LOD and maatregel.dwangsom_bedrag is None:
        fouten["maatregel"] = "de last heeft nog geen dwangsombedrag en maximum (Awb 5:32b): neem eerst het besluit"
    elif soort is Documentsoort.INVORDERINGSBESCHIKKING and verbeurte is None:
        fouten["verbeurte"] = "een invorderingsbeschikking gaat over een verbeurde dwangsom: kies de verbeurte"
    gegevens: dict = {}
    if not fouten and soort is Documentsoort.VOORNEMEN:
        gegevens, lastfouten = voorgenomen_last(maatregel, last)
        fouten.update(lastfouten)
    if fouten:
        raise OngeldigeInvoer("Het document is niet gemaakt: " + "; ".join(fouten.values()) + ".", fouten)
    datum = datum or timezone.localdate()
    sjabloon = sjabloon_voor(overtreding, soort)
    kenmerk = _volgend_kenmerk(overtreding)
    context = documentcontext(
        actor=actor,
        overtreding=overtreding,
        soort=soort,
        maatregel=maatregel,
        datum=datum,
        kenmerk=kenmerk,
        verbeurte=verbeurte,
        last=gegevens,
    )
    with translation.override("nl"):
        onderdelen = onderdelen_uit(_compileer(sjabloon.inhoud).render(Context(context, autoescape=True)))
    html = html_van(context, onderdelen)
    document = Document.objects.create(
        overtreding=overtreding,
        maatregel=maatregel,
        verbeurte=verbeurte,
        soort=soort,
        kenmerk=kenmerk,
        datum=datum,
        onderdelen=onderdelen,
        gegevens=gegevens,
        sjabloon=sjabloon,
        sjabloonversie=sjabloon.versie,
        html=html,
        pdf=pdf_van(html),
        gemaakt_door_id=actor.gebruiker_id,
    )
    _versie(actor, document)
    audit.schrijf(
        actor=actor,
        actie="document.gemaakt",
        object=document,
        na=audit.momentopname(
            document,
            ["overtreding", "maatregel", "verbeurte", "soort", "kenmerk", "sjabloon", "sjabloonversie", "versie"],
        ),
    )
    return document


def _bevroren(document: Document) -> None:
    if document.status == Documentstatus.VERZONDEN:
        raise OngeldigeInvoer(
            f"Brief {document.kenmerk} is op {datum_nl(timezone.localdate(document.verzonden_op))} verzonden en "
            "kan niet meer worden gewijzigd; maak zo nodig een nieuwe brief.",
            {"status": "verzonden"},
        )


def _schoon(onderdelen) -> list[dict]:
    if not isinstance(onderdelen, list) or not onderdelen or len(onderdelen) > MAX_ONDERDELEN:
        raise OngeldigeInvoer(f"Een brief heeft 1 tot {MAX_ONDERDELEN} onderdelen.", {"onderdelen": "aantal"})
    uit = []
    for i, o in enumerate(onderdelen):
        kop, tekst = (o.get("kop", ""), o.get("tekst", "")) if isinstance(o, dict) else (None, None)
        if not isinstance(kop, str) or not isinstance(tekst, str) or len(kop) > MAX_KOP or len(tekst) > MAX_TEKST:
            raise OngeldigeInvoer(f"Onderdeel {i + 1} is ongeldig of te lang.", {"onderdelen": f"onderdeel {i + 1}"})
        if kop.strip() or tekst.strip():
            uit.append({"kop": " ".join(kop.split()), "tekst": tekst.replace("\r\n", "\n").strip()})
    if not uit:
        raise OngeldigeInvoer("Een brief zonder tekst wordt niet opgeslagen.", {"onderdelen": "leeg"})
    return uit


@transaction.atomic
def document_wijzigen(
    *, actor: Actor, document: Document, onderdelen: list[dict], verwachte_versie: int | None = None
) -> Document:
    """Save the jurist's edit of a draft as a new version; a sent letter is frozen. Audited with both texts."""
    document = Document.objects.select_for_update().select_related("overtreding").get(pk=document.pk)
    toegang.vereis_schrijven(actor, document.overtreding, MAKERS)
    _bevroren(document)
    if verwachte_versie is not None and verwachte_versie != document.versie:
        raise OngeldigeInvoer(
            f"Intussen is versie {document.versie} opgeslagen; open de brief opnieuw.", {"versie": "verouderd"}
        )
    onderdelen = _schoon(onderdelen)
    if onderdelen == document.onderdelen:
        return document
    voor = audit.momentopname(document, ["versie", "onderdelen"])
    document.onderdelen, document.versie = onderdelen, document.versie + 1
    document.html, document.pdf = _weergave(actor, document, onderdelen, document.datum or timezone.localdate())
    document.save(update_fields=["onderdelen", "versie", "html", "pdf"])
    _versie(actor, document)
    audit.schrijf(
        actor=actor,
        actie="document.bewerkt",
        object=document,
        voor=voor,
        na=audit.momentopname(document, ["versie", "onderdelen"]),
    )
    return document


class GeenMandaat(GeenToestemming):
    """Nobody, or not this person, holds the mandate to sign this kind of letter for the body."""


def mandaathouders(document: Document, peildatum: date) -> list:
    return organisatie_selectors.mandaathouders(
        mandaatgever=document.overtreding.bevoegd_gezag, bevoegdheid=document.soort, peildatum=peildatum
    )


@transaction.atomic
def document_verzenden(*, actor: Actor, document: Document, datum: date | None = None) -> Document:
    """Sign and send a draft in the name of the competent body: only by someone who holds the mandate for this kind
    of letter on the day (Awb 10:1, 10:3, 10:9; for a voornemen or waarschuwing 10:12). The letter gets its date
    and the signature "namens" the body (Awb 10:10); the sent version is frozen and audited."""
    document = Document.objects.select_for_update().select_related("overtreding").get(pk=document.pk)
    toegang.vereis_schrijven(actor, document.overtreding, VERZENDERS)
    _bevroren(document)
    datum = datum or timezone.localdate()
    if datum > timezone.localdate():
        raise OngeldigeInvoer(
            "Een brief wordt verzonden als hij verzonden is: de datum ligt in de toekomst.", {"datum": "in de toekomst"}
        )
    orgaan = bestuursorgaan(document.overtreding.bevoegd_gezag)["naam"]
    houders = mandaathouders(document, datum)
    if not houders:
        raise GeenMandaat(
            f"Niemand heeft in het mandaatregister mandaat om namens {orgaan} een "
            f"{document.get_soort_display()} te ondertekenen. Leg eerst een (onder)mandaat vast (Awb 10:1, 10:9)."
        )
    eigen = next((m for m in houders if m.gebruiker_id == actor.gebruiker_id), None)
    if eigen is None:
        namen = ", ".join(f"{m.gebruiker.get_full_name() or m.gebruiker.get_username()} ({m.functie})" for m in houders)
        raise GeenMandaat(
            f"U heeft geen mandaat om namens {orgaan} een {document.get_soort_display()} te ondertekenen; "
            f"mandaat hebben: {namen}."
        )
    voor = audit.momentopname(document, ["status", "versie", "datum"])
    document.status, document.datum, document.versie = Documentstatus.VERZONDEN, datum, document.versie + 1
    document.ondertekend_door_id, document.persoonsmandaat = actor.gebruiker_id, eigen
    document.verzonden_op = timezone.now()
    document.html, document.pdf = _weergave(actor, document, document.onderdelen, datum)
    document.save()
    _versie(actor, document)
    audit.schrijf(
        actor=actor,
        actie="document.verzonden",
        object=document,
        voor=voor,
        na=audit.momentopname(
            document, ["status", "versie", "datum", "ondertekend_door", "persoonsmandaat", "kenmerk"]
        ),
    )
    return document


def document_get(*, actor: Actor, uuid: UUID) -> Document:
    """A stored letter of a case the actor may see; reading it is logged as reading the case."""
    document = (
        Document.objects.select_related("overtreding", "persoonsmandaat", "ondertekend_door")
        .filter(uuid=uuid, overtreding__in=selectors.overtreding_list(actor=actor))
        .first()
    )
    if document is None:
        raise NietGevonden()
    # The stored letter names its addressee as its maker could see it, whoever reads it now: both candidates count.
    overtreding = document.overtreding
    uitvoering = overtreding.activiteituitvoering
    kandidaten = [overtreding.vth_object.vestiging, uitvoering.uitvoerder_betrokkene if uitvoering else None]
    audit.log_inzage(actor=actor, objecten=[overtreding, *filter(None, kandidaten)], doel="raadplegen handhavingsbrief")
    return document


# --- editing and loading templates ----------------------------------------------------------------------


def voorbeeldcontext() -> dict:
    """A complete example context: a template is test-rendered against it before it is saved."""
    dwangsom = {
        "vorm": "per tijdseenheid",
        "eenheid": "week",
        "bedrag": "€ 1.000,00",
        "maximum": "€ 10.000,00",
        "tekst": "€ 1.000,00 per week dat de last niet is uitgevoerd",
    }
    return {
        "soort": "besluit_lod",
        "titel": "Voorbeeld",
        "onderwerp": "Besluit last onder dwangsom",
        "datum": "2 maart 2026",
        "kenmerk": "HH-2026-000123/02",
        "zaaknummer": "HH-2026-000123",
        "bestuursorgaan": {
            "naam": "het college van burgemeester en wethouders van Voorbeeld",
            "ondertekening": "Burgemeester en wethouders van Voorbeeld",
            "namens": "namens dezen",
            "briefhoofd": "Gemeente Voorbeeld",
            "organisatie": "Voorbeeld",
        },
        "bevoegd_gezag": {"naam": "Voorbeeld", "soort": "gemeente"},
        "uitvoerder": {"naam": "Omgevingsdienst Voorbeeld"},
        "contactpersoon": "A. Jurist",
        "overtreder": {"naam": "Voorbeeld B.V.", "kvk_nummer": "12345678", "vestigingsnummer": "000012345678"},
        "vth_object": {"naam": "Voorbeeldbedrijf", "adres": "Markt 1, 1234AB Stad", "gemeente": "Voorbeeld"},
        "overtreding": {
            "omschrijving": "Afvalopslag buiten de vergunde zone.",
            "voorschrift": "Bal art. 3.48",
            "geconstateerd_op": "12 januari 2026",
            "plaats": "Markt 1",
        },
        "maatregel": {
            "instrument_naam": "Last onder dwangsom",
            "omschrijving": "Verwijder het afval buiten de vergunde zone.",
            "opgelegd_op": "2 maart 2026",
            "besluit_kenmerk": "HH-2026-000123/02",
            "hercontrole_op": "31 maart 2026",
            "dwangsom": dwangsom,
            "zienswijze_tot": "16 februari 2026",
            "begunstigingstermijn_tot": "30 maart 2026",
            "begunstigingstermijn": "4 weken",
        },
        "last": {
            "omschrijving": "Verwijder het afval buiten de vergunde zone.",
            "begunstigingstermijn": "4 weken",
            "dwangsom": dwangsom,
        },
        "verbeurte": {
            "datum": "13 april 2026",
            "vanaf": "31 maart 2026",
            "aantal": 2,
            "bedrag": "€ 2.000,00",
            "betalen_voor": "25 mei 2026",
        },
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
    sjabloon = Documentsjabloon.objects.select_for_update().filter(organisatie=actor.organisatie, soort=soort).first()
    voor = audit.momentopname(sjabloon, ["titel", "inhoud", "versie"]) if sjabloon else None
    if sjabloon is None:
        sjabloon = Documentsjabloon(organisatie=actor.organisatie, soort=soort, versie=0)
    elif (sjabloon.titel, sjabloon.inhoud) == (titel.strip(), inhoud):
        return sjabloon  # nothing changed: no new version
    sjabloon.titel, sjabloon.inhoud = titel.strip(), inhoud
    sjabloon.versie += 1
    sjabloon.gewijzigd_door_id = actor.gebruiker_id
    sjabloon.save()
    audit.schrijf(
        actor=actor,
        actie="documentsjabloon.opgeslagen",
        object=sjabloon,
        voor=voor,
        na=audit.momentopname(sjabloon, ["organisatie", "soort", "titel", "inhoud", "versie"]),
    )
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
            audit.schrijf(
                actor=actor,
                actie="documentsjabloon.geladen",
                object=nieuw,
                na=audit.momentopname(nieuw, ["soort", "titel", "versie"]),
            )
            verslag.aangemaakt.append(soort.value)
        elif bestaand.inhoud == inhoud:
            verslag.ongewijzigd.append(soort.value)
        else:
            voor = audit.momentopname(bestaand, ["inhoud", "versie"])
            bestaand.inhoud, bestaand.versie = inhoud, bestaand.versie + 1
            bestaand.save(update_fields=["inhoud", "versie", "gewijzigd_op"])
            audit.schrijf(
                actor=actor,
                actie="documentsjabloon.bijgewerkt",
                object=bestaand,
                voor=voor,
                na=audit.momentopname(bestaand, ["inhoud", "versie"]),
            )
            verslag.bijgewerkt.append(soort.value)
    return verslag
