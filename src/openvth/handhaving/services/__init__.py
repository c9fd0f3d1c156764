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
    aanmaning_sturen,
    betaling_vastleggen,
    dwangbevel_uitvaardigen,
    invorderingsbeschikking_nemen,
    post_toestand,
    rechtsmiddel_beslissen,
    rechtsmiddel_vastleggen,
    verbeurte_stap_zetten,
)
from .maatregelen import maatregel_maken, maatregel_stap_zetten, verbeurte_vastleggen
from .overtredingen import (
    eerdere_overtredingen,
    interventietabel_voor,
    overtreding_maken,
    overtreding_positioneren,
)
from .strafrecht import (
    afstemmingsoverleg_vastleggen,
    overtreding_markeren_voor_afstemming,
    procesverbaal_vastleggen,
    zaak_delen,
    zaakdeling_intrekken,
)

__all__ = [
    "CONSTATEERDERS",
    "HANDHAVERS",
    "OVERTREDING_VELDEN",
    "OvergangGeweigerd",
    "eerdere_overtredingen",
    "post_toestand",
    "aanmaning_sturen",
    "afstemmingsoverleg_vastleggen",
    "betaling_vastleggen",
    "zaakdeling_intrekken",
    "dwangbevel_uitvaardigen",
    "etag",
    "interventietabel_voor",
    "invorderingsbeschikking_nemen",
    "maatregel_maken",
    "maatregel_stap_zetten",
    "overtreding_markeren_voor_afstemming",
    "overtreding_maken",
    "overtreding_positioneren",
    "procesverbaal_vastleggen",
    "rechtsmiddel_beslissen",
    "rechtsmiddel_vastleggen",
    "verbeurte_vastleggen",
    "verbeurte_stap_zetten",
    "zaak_delen",
]
