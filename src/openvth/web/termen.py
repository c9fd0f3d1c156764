"""The enforcement vocabulary that lives as data, shown in the user's language: `term(tekst)`.

The LHSO classes and their definitions, the tracks, the instrument names, the workflow steps and the shipped demo
checklists are Dutch texts in data: `regels/` (no Django, ADR 0012), the LHSO table an organisation may replace,
the workflow table whose step names the services also write into a case's motivation, and checklist rows in the
database. They stay Dutch where they are stored and are translated only where a page shows them. So the texts of
what the project ships are listed here with `gettext_noop` (makemessages reads them; nothing changes at import),
and `term` looks a text up in the catalogue at render time. A text the catalogue does not know (an organisation's
own instrument, a checklist a user typed) is shown as entered.

Where a text is a legal term of art, its English entry keeps the Dutch beside it ("Order subject to a penalty
(last onder dwangsom)"), so a jurist recognises the term. Letters to citizens are legal documents and never pass
through here. `tests/web/test_termen.py` checks that every such text of the shipped data has its entry.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

# LHSO 2022 stap 1: the behaviour and consequence classes (regels.lhso.Gedrag/Gevolg: naam and definitie).
LHSO_KLASSEN = (
    gettext_noop("goedwillend"),
    gettext_noop(
        "Wil de regels naleven; de overtreding komt voort uit onwetendheid, een vergissing of een onvoorziene "
        "omstandigheid en de overtreder werkt mee aan herstel."
    ),
    gettext_noop("onverschillig"),
    gettext_noop(
        "Neemt de regels niet serieus en betracht niet de zorg die van hem verwacht mag worden; doet weinig om "
        "overtreding te voorkomen of te beëindigen."
    ),
    gettext_noop("calculerend"),
    gettext_noop(
        "Overtreedt bewust na afweging van voor- en nadelen (pakkans, kosten van naleving, financieel voordeel)."
    ),
    gettext_noop("notoir/crimineel"),
    gettext_noop(
        "Overtreedt structureel en stelselmatig of met criminele opzet (fraude, valsheid in geschrift, "
        "ondermijning); vrijwillige naleving is niet te verwachten."
    ),
    gettext_noop("vrijwel nihil"),
    gettext_noop(
        "Geen of verwaarloosbare (dreigende) schade of hinder voor de fysieke leefomgeving, gezondheid of "
        "veiligheid; veelal administratieve overtredingen."
    ),
    gettext_noop("beperkt"),
    gettext_noop("Beperkte, plaatselijke en herstelbare (dreigende) schade of hinder."),
    gettext_noop("van belang"),
    gettext_noop(
        "Aanmerkelijke (dreigende) schade of hinder voor leefomgeving, gezondheid of veiligheid, of aantasting van "
        "het stelsel; herstel vergt inspanning."
    ),
    gettext_noop("aanzienlijk en/of onomkeerbaar"),
    gettext_noop("Grote of onomkeerbare (dreigende) schade aan mens, dier, milieu of erfgoed, of ernstig gevaar."),
)

# LHSO 2022 stap 2 (regels.lhso.Omstandigheid) and stap 3 (regels.lhso.Spoor, InstrumentCategorie).
LHSO_OMSTANDIGHEDEN = (
    gettext_noop("financieel gewin beoogd"),
    gettext_noop("wederrechtelijk voordeel boven de BSB-grens"),
    gettext_noop("gevaar voor personen of weerloze slachtoffers"),
    gettext_noop("belemmering van toezicht of agressie tegen toezichthouder"),
    gettext_noop("valsheid in geschrift, fraude of omkoping"),
    gettext_noop("legalisatie in gang"),
    gettext_noop("overmachtachtige situatie"),
    gettext_noop("zelf gemeld en direct hersteld"),
)
LHSO_SPOREN = (
    gettext_noop("bestuursrechtelijk"),
    gettext_noop("bestuursrechtelijk, strafrechtelijk na afstemming"),
    gettext_noop("bestuursrechtelijk herstel en strafrechtelijk"),
    gettext_noop("bestuursrechtelijk herstellend"),
    gettext_noop("bestuursrechtelijk verstrekkend"),
    gettext_noop("bestuursrechtelijk bestraffend"),
    gettext_noop("strafrechtelijk"),
    gettext_noop("overig (gedogen)"),
)

# The instruments of the national standard table (regels/data/lhso_standaard.json, CIM Handhavingsinstrument).
INSTRUMENTEN = (
    gettext_noop("Informeren / voorlichting geven"),
    gettext_noop("Aanspreken (mondeling, vastgelegd)"),
    gettext_noop("Schriftelijke waarschuwing met hercontrole"),
    gettext_noop("Bestuurlijk gesprek"),
    gettext_noop("Verscherpt toezicht"),
    gettext_noop("Last onder dwangsom"),
    gettext_noop("Last onder bestuursdwang"),
    gettext_noop("Tijdelijk stilleggen (spoedeisende bestuursdwang)"),
    gettext_noop("Sluiting / exploitatieverbod"),
    gettext_noop("Schorsen of (gedeeltelijk) intrekken van vergunning of erkenning"),
    gettext_noop("Bestuurlijke boete"),
    gettext_noop("Bestuurlijke strafbeschikking"),
    gettext_noop("Proces-verbaal naar het OM"),
    gettext_noop("Gedoogbeschikking"),
)

# The steps of handhaving/workflow.OVERGANGEN (the buttons of a case) and the terms they start.
STAPPEN = (
    gettext_noop("Waarschuwing met hersteltermijn"),
    gettext_noop("Voornemen tot een last (zienswijze)"),
    gettext_noop("Voornemen tot een last na een vergeefse waarschuwing"),
    gettext_noop("Besluit last onder dwangsom"),
    gettext_noop("Besluit last onder dwangsom zonder voornemen"),
    gettext_noop("Besluit last onder bestuursdwang"),
    gettext_noop("Besluit last onder bestuursdwang zonder voornemen"),
    gettext_noop("Spoedeisende bestuursdwang, besluit achteraf"),
    gettext_noop("Spoedeisende bestuursdwang toegepast"),
    gettext_noop("Bestuursdwang toegepast"),
    gettext_noop("Hercontrole: overtreding voortgezet"),
    gettext_noop("Dwangsom verbeurd"),
    gettext_noop("Last uitgewerkt"),
    gettext_noop("Maatregel genomen"),
    gettext_noop("Overtreding beëindigd"),
    gettext_noop("Maatregel intrekken"),
    gettext_noop("hersteltermijn"),
    gettext_noop("zienswijzetermijn"),
    gettext_noop("begunstigingstermijn"),
    gettext_noop("gedoogtermijn"),
)

# The demo checklists the project ships (toezicht/management/demo.py CHECKLISTS): topics and points.
CHECKLISTS = (
    gettext_noop("Algemene milieuregels"),
    gettext_noop("Zorgplicht: geen ongewone voorvallen"),
    gettext_noop("Registratie energieverbruik"),
    gettext_noop("Afvalbeheer"),
    gettext_noop("Acceptatie- en verwerkingsbeleid aanwezig"),
    gettext_noop("Afvalstoffenregister bijgehouden"),
    gettext_noop("Agrarische activiteiten"),
    gettext_noop("Mestopslag afgedekt"),
    gettext_noop("Emissiearme stalsystemen in gebruik"),
    gettext_noop("Complexe bedrijven"),
    gettext_noop("Veiligheidsrapport actueel"),
    gettext_noop("Beheersysteem preventie zware ongevallen"),
)


def term(tekst) -> str:
    """`tekst` in the active language when the catalogue knows it, else as it is (data a user entered)."""
    if tekst is None:
        return ""
    tekst = str(tekst)
    return gettext(tekst) if tekst.strip() else tekst  # gettext("") would answer the catalogue's header
