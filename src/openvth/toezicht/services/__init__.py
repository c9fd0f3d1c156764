"""Every write on supervision records. Each one checks access first, refuses bad input with `OngeldigeInvoer`
(field → reason, nothing stored), runs in one transaction and appends an audit event. The access check is the
one write rule, `toegang.vereis_schrijven` (on an existing record) or `toegang.vereis_namens` (a new one): own
organisation or a mandate; a sharing agreement lets another service read a controle, never change it.

One module per sub-domain, all re-exported here so that callers have one entry point: `risico` (risk model,
features, the analysis run), `programma` (the uitvoeringsprogramma), `controles` (planning, assigning, carrying out,
reports; separation of functions), `bevindingen`, `bijlagen`, `checklists`, `ketens`; `basis` holds what they share.
The bulk computations behind the analysis and the programme are `toezicht.risicoanalyse` and `toezicht.programma`.

Rules applied here, with their sources:

* Separation of functions: whoever prepared a permit for a VTH-object does not inspect it (an organisational
  rule of the old Besluit omgevingsrecht, DOMAIN.md §1 [check its successor in the Omgevingsbesluit]):
  assigning such an inspector is refused. Prepared = recorded as Vergunningbehandelaar, or read from the permit
  procedure: handled a request for the object, or drafted or approved a decision on it
  (`selectors.vergunningvoorbereiding`).
* Controle after notification: each handled melding (Ow art. 4.4) at a VTH-object proposes a controle to the
  execution programme of the service that handled it, until a task is accepted for it or a controle with reason
  'melding' is planned there (`selectors.meldingvoorstellen`, `programmataak_uit_melding`).
* Rotation: a warning (not a refusal) when the same inspector carried out the last N visits; N is the setting
  `OPENVTH_ROTATIE_N` (default 3 [check], DOMAIN.md §1).
* IED report deadlines (Richtlijn 2010/75/EU art. 23 lid 6): after a site visit at an IED installation the report
  goes to the operator within two months and is made public within four months. Counted with
  `regels.termijnen.einde_termijn` as a period set by the directive, not by Dutch statute: the Algemene
  termijnenwet does not extend it (`wettelijk=False`), so the deadline never moves past the directive's.
* A finding's Bevindingoordeel is the LHSO position: gedrag A–D, gevolg 1–4 (LHSO 2022 stap 1); a finding
  judged "niet akkoord, voorschriften overtreden" becomes a violation, or joins an open violation of the same
  object and rule (CIM rule 23: attach new findings to the existing OVERTREDING).
* A hercontrole is a new Controle linked to the violation (CIM rule 20), on the day after the warning's or the
  grace period's end date, unless the measure names a hercontrole date itself.
* IED follow-up visit (Richtlijn 2010/75/EU art. 23 lid 4, derde alinea): when an inspection of an IED
  installation found a serious case of non-compliance, an additional site visit takes place within six months of
  that inspection. "Serious" is not defined by the directive: a finding whose LHSO gevolg is in
  `OPENVTH_IED_ERNSTIGE_GEVOLGEN` (default 3 and 4, "van belang" and "aanzienlijk en/of onomkeerbaar"; a policy
  choice). The hercontrole is then planned no later than that date, and a later date is refused.
"""

from .basis import GEDRAG, GEVOLG, OPEN_OVERTREDING
from .bevindingen import bevinding_vastleggen
from .bijlagen import AFBEELDINGSFORMATEN, bijlage_maken, bijlage_max_bytes, herken_bestand
from .checklists import (
    KOPPELAARS,
    aandachtspunt_maken,
    aandachtspunt_wijzigen,
    controleonderwerp_maken,
    controleonderwerp_wijzigen,
    voorschrift_koppelen,
)
from .controles import (
    AD_HOC,
    IED_OPENBAAR,
    IED_RAPPORT,
    IED_VERVOLGBEZOEK,
    Hercontroledatum,
    Toewijzing,
    controle_afronden,
    controle_plannen,
    controle_plannen_uit_taak,
    controle_uitvoeren,
    controle_vervallen,
    controletype_voor,
    hercontrole_plannen,
    hercontroledatum,
    ied_deadlines,
    ied_vervolgbezoek_uiterlijk,
    openbaarmaking_vastleggen,
    rapportverzending_vastleggen,
    reden_van_taak,
    toezichthouder_toewijzen,
    vergunningbehandelaar_vastleggen,
)
from .ketens import keten_maken, ketenactie_maken, ketendeling_afspreken, ketenschakel_maken
from .programma import (
    programma_genereren,
    programma_vaststellen,
    programmataak_maken,
    programmataak_uit_melding,
    programmataak_verschuiven,
    programmataak_vervallen,
)
from .risico import risicoanalyse_uitvoeren, risicokenmerk_vastleggen, risicomodel_vastleggen

__all__ = [
    "AD_HOC",
    "AFBEELDINGSFORMATEN",
    "GEDRAG",
    "GEVOLG",
    "IED_OPENBAAR",
    "IED_RAPPORT",
    "IED_VERVOLGBEZOEK",
    "KOPPELAARS",
    "OPEN_OVERTREDING",
    "aandachtspunt_maken",
    "aandachtspunt_wijzigen",
    "bevinding_vastleggen",
    "bijlage_maken",
    "bijlage_max_bytes",
    "controle_afronden",
    "controle_plannen",
    "controle_plannen_uit_taak",
    "controle_uitvoeren",
    "controle_vervallen",
    "controleonderwerp_maken",
    "controleonderwerp_wijzigen",
    "controletype_voor",
    "hercontrole_plannen",
    "Hercontroledatum",
    "hercontroledatum",
    "herken_bestand",
    "ied_deadlines",
    "ied_vervolgbezoek_uiterlijk",
    "keten_maken",
    "ketenactie_maken",
    "ketendeling_afspreken",
    "ketenschakel_maken",
    "openbaarmaking_vastleggen",
    "programma_genereren",
    "programma_vaststellen",
    "programmataak_maken",
    "programmataak_uit_melding",
    "programmataak_verschuiven",
    "programmataak_vervallen",
    "rapportverzending_vastleggen",
    "reden_van_taak",
    "risicoanalyse_uitvoeren",
    "risicokenmerk_vastleggen",
    "risicomodel_vastleggen",
    "Toewijzing",
    "toezichthouder_toewijzen",
    "vergunningbehandelaar_vastleggen",
    "voorschrift_koppelen",
]
