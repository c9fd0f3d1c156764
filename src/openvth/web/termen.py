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
    # the deadline kinds of the deadline page (handhaving.selectors.Termijnsoort)
    gettext_noop("hercontrole"),
    gettext_noop("betaaltermijn"),
    gettext_noop("aanmaningstermijn"),
    gettext_noop("verjaring"),
    # the states of one forfeiture (workflow.VerbeurteFase), shown in the ledger
    gettext_noop("verbeurd"),
    gettext_noop("invorderingsbeschikking"),
    gettext_noop("aanmaning"),
    gettext_noop("dwangbevel"),
    gettext_noop("betaald"),
)

# The grounds, conditions and inputs of the workflow's steps (handhaving/workflow.py, bewakers.py): what a case
# page shows beside each next step. Article references stay as the Awb writes them.
STAPGRONDEN = (
    gettext_noop("LHSO 2022 stap 3 (interventie); een waarschuwing is geen bestuurlijke sanctie (Awb 5:2 lid 1)"),
    gettext_noop(
        "Awb 4:8 lid 1: de overtreder kan een zienswijze geven vóór het besluit; termijn gesteld door het "
        "bestuursorgaan"
    ),
    gettext_noop(
        "Awb 5:31d (last onder dwangsom), 5:32 lid 2 (geen dwangsom als het beschermde belang zich daartegen "
        "verzet), 5:32a lid 2 (begunstigingstermijn), 5:32b (vorm, bedrag, maximum), 5:6 (samenloop), 5:9 "
        "(overtreding en voorschrift); zonder zienswijze alleen op een grond van Awb 4:8 lid 2 of 4:11"
    ),
    gettext_noop(
        "Awb 5:21 (last onder bestuursdwang), 5:24 lid 1-2 (herstelmaatregelen en termijn), 5:6, 5:9; zonder "
        "zienswijze alleen op een grond van Awb 4:8 lid 2 of 4:11 (spoed, 5:31)"
    ),
    gettext_noop(
        "Awb 5:31 lid 2: is de situatie zo spoedeisend dat een besluit niet kan worden afgewacht, dan wordt "
        "terstond bestuursdwang toegepast en zo spoedig mogelijk nadien alsnog het besluit bekendgemaakt (lid "
        "1, met 5:24 lid 1 en 3; geen begunstigingstermijn); horen vooraf vervalt (Awb 4:11 onder a, spoed)"
    ),
    gettext_noop(
        "Gedoogbeschikking: besluit (Awb 1:3) om tijdelijk niet te handhaven, alleen in "
        "uitzonderingssituaties (beginselplicht tot handhaving, vaste rechtspraak ABRvS; CIM Toestemmingsoort "
        "'gedoogbeschikking')"
    ),
    gettext_noop("LHSO 2022 stap 3: een ander instrument uit de interventiematrix (buiten de lastroute)"),
    gettext_noop("Hercontrole na de hersteltermijn (LHSO)"),
    gettext_noop("CIM Status Hh-maatregel 'uitgevoerd'; Hersteldatum van de Overtreding"),
    gettext_noop(
        "Intrekking door het bestuursorgaan dat de maatregel nam, of opheffing van de last (Awb 5:34); afzien "
        "van handhaving alleen in bijzondere gevallen (beginselplicht tot handhaving, vaste rechtspraak "
        "ABRvS); met terugwerkende kracht vervalt een gegeven invorderingsbeschikking (Awb 5:38 lid 1)"
    ),
    gettext_noop(
        "Awb 5:31d (last onder dwangsom), 5:32 lid 2 (geen dwangsom als het beschermde belang zich daartegen "
        "verzet), 5:32a lid 2 (begunstigingstermijn), 5:32b (vorm, bedrag, maximum), 5:6 (samenloop), 5:9 "
        "(overtreding en voorschrift)"
    ),
    gettext_noop("Awb 5:21 (last onder bestuursdwang), 5:24 lid 1-2 (herstelmaatregelen en termijn), 5:6, 5:9"),
    gettext_noop("Hercontrole na de termijn (CIM: een nieuwe Controle naar aanleiding van de Overtreding)"),
    gettext_noop(
        "Awb 5:31 lid 1 (besloten tot bestuursdwang zonder voorafgaande last, dus zonder "
        "begunstigingstermijn), 5:21 onder b, 5:25"
    ),
    gettext_noop(
        "Awb 5:33 (van rechtswege verbeurd, betalen binnen zes weken), 5:32b lid 2 (niet boven het maximum), "
        "5:35 (verjaring na een jaar)"
    ),
    gettext_noop("Awb 5:21 onder b (feitelijk handelen), 5:25 (op kosten van de overtreder)"),
    gettext_noop("Awb 5:32b lid 2: boven het maximum wordt niet verbeurd; CIM Status Hh-maatregel 'uitgewerkt'"),
    gettext_noop(
        "Awb 5:37 lid 1 (eerst bij beschikking beslissen omtrent de invordering); 4:8 lid 1 (eerst horen, "
        "ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956); 5:37a lid 1 (stuit de verjaring)"
    ),
    gettext_noop("Betaling van de verbeurde dwangsom (Awb 5:33)"),
    gettext_noop(
        "Awb 4:112 lid 1 (aanmaning van de schuldenaar in verzuim, 4:97: betalen binnen twee weken vanaf de "
        "dag na toezending), 4:118 (geen zienswijze), 4:106 (stuit de verjaring)"
    ),
    gettext_noop(
        "Awb 5:10 lid 2 (bevoegdheid tot dwangbevel), 4:117 lid 1 (pas na de aanmaningstermijn), 4:118 (geen "
        "zienswijze), 4:106 (stuit de verjaring)"
    ),
)
VOORWAARDEN = (
    gettext_noop("besloten tot bestuursdwang zonder voorafgaande last (Awb 5:31 lid 1)"),
    gettext_noop(
        "bij een voortdurende overtreding verbeurd op de dag na de begunstigingstermijn; later alleen met een "
        "reden (ECLI:NL:RVS:2018:653)"
    ),
    gettext_noop("bij verbeurde dwangsommen: de werking van de intrekking (Awb 5:38 lid 1)"),
    gettext_noop("de begunstigingstermijn is verstreken"),
    gettext_noop("de hersteltermijn is verstreken"),
    gettext_noop("de overtreding is beëindigd (hersteldatum)"),
    gettext_noop("een begunstigingstermijn als de last een overtreding moet beëindigen (Awb 5:32a lid 2)"),
    gettext_noop("een einddatum na het besluit"),
    gettext_noop("een last ter voorkoming van herhaling alleen als de overtreding is beëindigd (Awb 5:32a lid 2)"),
    gettext_noop("een positief bedrag en een maximum niet lager dan het bedrag (Awb 5:32b lid 1-2)"),
    gettext_noop("een termijn waarbinnen de last moet worden uitgevoerd (Awb 5:24 lid 2)"),
    gettext_noop("een wettelijke grond om niet te horen, met toelichting (Awb 4:8 lid 2, 4:11 onder a-c)"),
    gettext_noop("een zienswijzetermijn niet korter dan het minimum (OPENVTH_MIN_ZIENSWIJZETERMIJN)"),
    gettext_noop("geen andere herstelsanctie wegens dezelfde overtreding van kracht (Awb 5:6)"),
    gettext_noop("geen bestuurlijke boete (Awb titel 5.4 wordt nog niet ondersteund)"),
    gettext_noop("het instrument volgt de route: gedogen"),
    gettext_noop("het instrument volgt de route: last onder bestuursdwang"),
    gettext_noop("het instrument volgt de route: last onder dwangsom"),
    gettext_noop("het instrument volgt de route: last onder dwangsom of last onder bestuursdwang"),
    gettext_noop("het instrument volgt de route: overig"),
    gettext_noop("het instrument volgt de route: waarschuwing"),
    gettext_noop("het maximum is nog niet verbeurd (Awb 5:32b lid 2)"),
    gettext_noop("het verbeurde totaal heeft het maximum bereikt"),
    gettext_noop(
        "na de dag van het voornemen, en de zienswijzetermijn is verstreken of de zienswijze is ontvangen (Awb 4:8)"
    ),
    gettext_noop("terstond toegepast op of vóór de dag van het besluit, niet vóór de constatering (Awb 5:31 lid 2)"),
    gettext_noop("verbeurd na de begunstigingstermijn en na de vorige verbeurte"),
)
STAPINVOER = (
    gettext_noop("termijn om de overtreding te beëindigen, bijv. P2W"),
    gettext_noop("wat de maatregel inhoudt"),
    gettext_noop("kenmerk van de (her)controle of het document"),
    gettext_noop("termijn voor een zienswijze (standaard OPENVTH_ZIENSWIJZETERMIJN)"),
    gettext_noop("waartoe de last strekt (Awb 5:32a lid 2)"),
    gettext_noop(
        "dag waarop is vastgesteld dat de overtreding is beëindigd (verplicht bij een last ter voorkoming van "
        "herhaling)"
    ),
    gettext_noop("termijn om de last uit te voeren, bijv. P4W (P…D, P…W of P…M)"),
    gettext_noop("vorm van de dwangsom (Awb 5:32b lid 1)"),
    gettext_noop("tijdseenheid bij een dwangsom per tijdseenheid"),
    gettext_noop("dwangsombedrag in euro's (Awb 5:32b lid 1)"),
    gettext_noop("bedrag waarboven niet meer wordt verbeurd (Awb 5:32b lid 2)"),
    gettext_noop(
        "waarom het belang dat het voorschrift beschermt zich niet verzet tegen een dwangsom in plaats van "
        "bestuursdwang (Awb 5:32 lid 2)"
    ),
    gettext_noop("wettelijke grond om zonder zienswijze te besluiten (Awb 4:8 lid 2, 4:11 onder a-c, 4:12)"),
    gettext_noop("de feiten die de gekozen grond om niet te horen dragen (verplicht)"),
    gettext_noop(
        "waarom de situatie zo spoedeisend is dat geen begunstigingstermijn kan worden gegund (Awb 5:31 lid 1)"
    ),
    gettext_noop("dag waarop de bestuursdwang terstond is toegepast (Awb 5:31 lid 2)"),
    gettext_noop("waarom de situatie zo spoedeisend was dat een besluit niet kon worden afgewacht (Awb 5:31 lid 2)"),
    gettext_noop("de genomen herstelmaatregelen (Awb 5:24 lid 1 via 5:31 lid 1)"),
    gettext_noop("einddatum van de gedoogbeschikking"),
    gettext_noop("de motivering van deze stap"),
    gettext_noop("dag waarop vastgesteld is dat de overtreding is beëindigd"),
    gettext_noop("werking van de intrekking van een last waaronder dwangsommen zijn verbeurd (Awb 5:38 lid 1)"),
    gettext_noop("dag waarop de zienswijze binnenkwam"),
    gettext_noop("de voorgenomen last"),
    gettext_noop("dag van verbeurte (standaard: de datum van de stap)"),
    gettext_noop("eerste dag van een blok tijdseenheden"),
    gettext_noop("aantal verbeurde tijdseenheden of overtredingen (standaard 1)"),
    gettext_noop("waarom de dwangsom later is verbeurd dan de dag na de begunstigingstermijn (ECLI:NL:RVS:2018:653)"),
    gettext_noop("dag waarop de overtreder is uitgenodigd een zienswijze te geven op de voorgenomen invordering"),
    gettext_noop("ongedaan maken van een overtreding"),
    gettext_noop("voorkomen van verdere overtreding"),
    gettext_noop("voorkomen van herhaling"),
    gettext_noop("ineens"),
    gettext_noop("per tijdseenheid"),
    gettext_noop("per overtreding"),
    gettext_noop("dag"),
    gettext_noop("week"),
    gettext_noop("maand"),
    gettext_noop("gegevensplicht niet nagekomen"),
    gettext_noop("spoed"),
    gettext_noop("eerder gehoord"),
    gettext_noop("doel vereist geen voorafgaande kennisgeving"),
    gettext_noop("financiële verplichting"),
    gettext_noop("voor de toekomst"),
    gettext_noop("met terugwerkende kracht"),
)

# The explanations in the CIM code lists (handhaving/codelijsten.json and the instruments of the LHSO table),
# shown on the data-quality page beside each code.
CODELIJSTUITLEG = (
    gettext_noop("Uitleg over de regel en hoe te herstellen; geen besluit."),
    gettext_noop("Directe correctie ter plaatse; vastleggen in het dossier."),
    gettext_noop("Herstel binnen een termijn; daarna hercontrole. Geen bestuurlijke sanctie (Awb 5:2)."),
    gettext_noop("Gesprek op bestuurlijk niveau over naleving."),
    gettext_noop("Hogere controlefrequentie gedurende een periode."),
    gettext_noop("Herstelsanctie (Awb 5:31d-5:39); voornemen en zienswijze (Awb 4:8) voorafgaand."),
    gettext_noop("Herstelsanctie (Awb 5:21-5:31c); herstel op kosten van de overtreder."),
    gettext_noop("Bestuursdwang in spoedeisende gevallen (Awb 5:31)."),
    gettext_noop("Verstrekkende vorm van bestuursdwang."),
    gettext_noop(
        "Herstellend of bestraffend naar doel (Awb 5:2); per geval beoordelen. Niet als herstelsanctie "
        "gemarkeerd [check]."
    ),
    gettext_noop("Alleen waar de wet een boetebevoegdheid geeft (Omgevingswet art. 18.11-18.13); Awb titel 5.4."),
    gettext_noop(
        "Art. 257ba Sv; alleen feiten van de feitenlijst en zonder contra-indicatie (Richtlijn BSB par. 2.7-2.8)."
    ),
    gettext_noop("Strafrechtelijke afdoening door het OM of de strafrechter."),
    gettext_noop("Besluit om (tijdelijk) niet te handhaven; alleen in uitzonderingssituaties."),
    gettext_noop("Wil de regels naleven; overtreding uit onwetendheid, vergissing of onvoorziene omstandigheid."),
    gettext_noop("Neemt de regels niet serieus; doet weinig om overtreding te voorkomen of te beëindigen."),
    gettext_noop("Overtreedt bewust na afweging van voor- en nadelen."),
    gettext_noop("Overtreedt structureel en stelselmatig of met criminele opzet."),
    gettext_noop("Geen of verwaarloosbare (dreigende) schade of hinder; veelal administratieve overtredingen."),
    gettext_noop("Aanmerkelijke (dreigende) schade of hinder; herstel vergt inspanning."),
    gettext_noop("Grote of onomkeerbare (dreigende) schade, of ernstig gevaar."),
    gettext_noop("Nageleefd na een aanwijzing van de toezichthouder."),
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
