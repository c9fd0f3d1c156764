"""Every write on enforcement records: violations, their LHSO position, measures and their route, the dwangsom
ledger, and the criminal-law route (samenwerkingsmodel).

Each service is keyword-only after the actor, runs in one transaction, checks access first, calls the rules in
`regels/` (never re-implements them), refuses bad input with `OngeldigeInvoer` (field → reason, nothing stored)
and appends an audit event. Who may do what (docs/handhaving.md):

* create and classify a violation: toezichthouder or handhaver of its bevoegd gezag or uitvoerder (or a service
  mandated by the authority) — an inspector turns a finding into a violation;
* measures, transitions, forfeitures and collection, sharing a case: handhaver of those organisations;
* record a proces-verbaal: toezichthouder (BOA) or handhaver of those organisations, never a mandated service
  alone (criminal-law data) and never the OM or police it is shared with;
* record a consultation (afstemmingsoverleg): a handhaver of those organisations, or a ketenpartner (OM, police)
  of an organisation the case is shared with — never a chain partner the case was not shared with.
"""

from .basis import CONSTATEERDERS, HANDHAVERS, OVERTREDING_VELDEN, OvergangGeweigerd, etag
from .grootboek import (
    aanmaning,
    betaald,
    dwangbevel,
    invorderingsbeschikking,
    post_toestand,
    rechtsmiddel_beslissen,
    rechtsmiddel_registreer,
    verbeurte_stap,
)
from .maatregelen import maatregel_create, maatregel_overgang, verbeurte_registreer
from .overtredingen import (
    eerdere_overtredingen,
    interventietabel_voor,
    overtreding_create,
    overtreding_positioneer,
)
from .strafrecht import (
    afstemmingsoverleg_vastleggen,
    deling_intrekken,
    markeer_voor_afstemming,
    procesverbaal_vastleggen,
    zaak_delen,
)

__all__ = [
    "CONSTATEERDERS",
    "HANDHAVERS",
    "OVERTREDING_VELDEN",
    "OvergangGeweigerd",
    "eerdere_overtredingen",
    "post_toestand",
    "aanmaning",
    "afstemmingsoverleg_vastleggen",
    "betaald",
    "deling_intrekken",
    "dwangbevel",
    "etag",
    "interventietabel_voor",
    "invorderingsbeschikking",
    "maatregel_create",
    "maatregel_overgang",
    "markeer_voor_afstemming",
    "overtreding_create",
    "overtreding_positioneer",
    "procesverbaal_vastleggen",
    "rechtsmiddel_beslissen",
    "rechtsmiddel_registreer",
    "verbeurte_registreer",
    "verbeurte_stap",
    "zaak_delen",
]
