from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden

from .models import Proefrecord


def proefrecord_list(*, actor):
    return toegang.zichtbaar(actor, Proefrecord.objects.all())


def proefrecord_get(*, actor, uuid):
    record = proefrecord_list(actor=actor).filter(uuid=uuid).first()
    if record is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[record], doel="proef")
    return record
