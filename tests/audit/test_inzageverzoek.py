"""The privacy officer's access log with readable labels and the data subject's access request (AVG art. 15;
issue 13 item 5). Uses the small demo of tests/audit/test_inzage_routes.py: a natural person executing a
confidential activity at the object of a case."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openvth.audit import services as audit
from openvth.audit.models import Inzage
from openvth.handhaving.models import Overtreding
from openvth.organisaties.fouten import GeenToestemming, NietGevonden
from openvth.register.models import Activiteituitvoering, Betrokkene, VthObject
from openvth.toezicht.models import Controle
from openvth.web import inzageverzoek

from .test_inzage_routes import PERSOON, _actor, gegevens, ingelogd  # noqa: F401  (gegevens: fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gelezen(gegevens):  # noqa: F811
    """The handhaver (with a full name) reads the case; the toezichthouder reads the controle."""
    get_user_model().objects.filter(username="handhaver").update(first_name="Hanna", last_name="Handhaver")
    audit.log_inzage(actor=_actor("handhaver", gegevens.dienst), objecten=[gegevens.overtreding], doel="zaak bekijken")
    audit.log_inzage(
        actor=_actor("toezichthouder", gegevens.dienst),
        objecten=[gegevens.controle],
        doel="controle uitvoeren",
        verwant=False,
    )
    return gegevens


def test_inzagelog_toont_leesbare_labels(gelezen):
    html = ingelogd("privacy").get("/inzagelog").content.decode()
    zaak = gelezen.overtreding
    assert f"zaak {zaak.zaaknummer}, {zaak.vth_object.naam}" in html
    assert "Hanna Handhaver" in html and gelezen.dienst.naam in html
    assert ">overtreding<" in html  # the record kind in words …
    assert "handhaving.overtreding" not in html and str(zaak.uuid) not in html  # … not the model label and uuid
    c = Controle.objects.select_related("vth_object").get(pk=gelezen.controle.pk)
    assert c.vth_object.naam in html


def test_inzagelog_labels_zonder_n_plus_1(gelezen):
    """The query count does not grow with the rows on the page: one lookup per record kind and one for readers."""
    klant = ingelogd("privacy")
    klant.get("/inzagelog")
    with CaptureQueriesContext(connection) as weinig:
        klant.get("/inzagelog")
    handhaver = _actor("handhaver", gelezen.dienst)
    for model in (Controle, Overtreding, Activiteituitvoering, VthObject, Betrokkene):
        for record in model.objects.exclude(vertrouwelijkheid="openbaar")[:8]:
            audit.log_inzage(actor=handhaver, objecten=[record], doel="nog een", verwant=False)
    audit.log_inzage(actor=_actor("manager", gelezen.dienst), objecten=[gelezen.maatregel], doel="maatregel")
    with CaptureQueriesContext(connection) as veel:
        klant.get("/inzagelog")
    assert Inzage.objects.count() > 20
    assert len(veel) <= len(weinig) + 2, [q["sql"][:120] for q in veel.captured_queries]


def test_inzageverzoek_records_en_inzagen(gelezen):
    officier = _actor("privacy", gelezen.dienst)
    v = inzageverzoek.inzageverzoek(actor=officier, persoon_uuid=gelezen.persoon.uuid)
    assert v.persoon == PERSOON
    soorten = {(r.soort, r.object_id) for r in v.records}
    for record in (gelezen.persoon, gelezen.uitvoering, gelezen.object, gelezen.overtreding):
        assert (record._meta.label_lower, str(record.uuid)) in soorten, record
    assert v.records[0].verband == "de persoon zelf"
    wie = {(t.lezer, t.doel) for t in v.toegangen}
    assert ("Hanna Handhaver", "zaak bekijken") in wie
    assert all(t.record and t.soort_label for t in v.toegangen)
    # the export itself is a logged read of the person's data, and does not list itself
    assert Inzage.objects.filter(object_id=str(gelezen.persoon.uuid), doel=inzageverzoek.DOEL).count() == 1
    assert not any(t.doel == inzageverzoek.DOEL for t in v.toegangen)
    tweede = inzageverzoek.inzageverzoek(actor=officier, persoon_uuid=gelezen.persoon.uuid)
    assert any(t.doel == inzageverzoek.DOEL for t in tweede.toegangen)  # the earlier request is a disclosure too


def test_alleen_de_privacy_officer(gelezen):
    with pytest.raises(GeenToestemming):
        inzageverzoek.inzageverzoek(actor=_actor("handhaver", gelezen.dienst), persoon_uuid=gelezen.persoon.uuid)
    with pytest.raises(GeenToestemming):
        inzageverzoek.personen_zoeken(actor=_actor("manager", gelezen.dienst), q="Pietje")
    assert ingelogd("handhaver").get(f"/inzagelog/inzageverzoek/{gelezen.persoon.uuid}").status_code == 403
    assert ingelogd("handhaver").get("/inzagelog/inzageverzoek", {"q": "Pietje"}).status_code == 403
    with pytest.raises(NietGevonden):  # a party that is no natural person is no data subject here
        inzageverzoek.inzageverzoek(actor=_actor("privacy", gelezen.dienst), persoon_uuid=gelezen.vestiging.uuid)


def test_zoeken_op_naam_niet_op_bsn(gelezen):
    officier = _actor("privacy", gelezen.dienst)
    gelezen.persoon.__class__.objects.filter(pk=gelezen.persoon.pk).update(bsn="999990019")
    assert [p.uuid for p in inzageverzoek.personen_zoeken(actor=officier, q="geheimhouder")] == [gelezen.persoon.uuid]
    assert inzageverzoek.personen_zoeken(actor=officier, q="999990019") == []
    assert Inzage.objects.filter(object_id=str(gelezen.persoon.uuid), doel=f"{inzageverzoek.DOEL}: zoeken").exists()


def test_pagina_csv_en_pdf(gelezen):
    klant = ingelogd("privacy")
    zoek = klant.get("/inzagelog/inzageverzoek", {"q": "Pietje"}).content.decode()
    pad = f"/inzagelog/inzageverzoek/{gelezen.persoon.uuid}"
    assert pad in zoek
    pagina = klant.get(pad).content.decode()
    assert f"{pad}/inzageverzoek.csv" in pagina and f"{pad}/inzageverzoek.pdf" in pagina
    assert "Hanna Handhaver" in pagina
    antwoord = klant.get(f"{pad}/inzageverzoek.csv")
    assert antwoord["Content-Type"].startswith("text/csv") and "inzageverzoek-" in antwoord["Content-Disposition"]
    rijen = list(csv.DictReader(io.StringIO(antwoord.content.decode()), delimiter=";"))
    assert {r["onderdeel"] for r in rijen} == {"record", "inzage"}
    assert any(r["wie"] == "Hanna Handhaver" and r["verband_of_doel"] == "zaak bekijken" for r in rijen)
    pdf = klant.get(f"{pad}/inzageverzoek.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert PERSOON in inzageverzoek.html(
        inzageverzoek.inzageverzoek(actor=_actor("privacy", gelezen.dienst), persoon_uuid=gelezen.persoon.uuid)
    )
