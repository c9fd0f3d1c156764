"""Audit trail and access log: append-only in the ORM and in the database, masked, never cascaded away."""

import pytest
from django.db import DatabaseError, connection, transaction

from openvth.audit import services as audit
from openvth.audit.models import AlleenToevoegen, Auditgebeurtenis, Inzage
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor

from ..fabrieken import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebeurtenis():
    org = Organisatie.objects.get(code="GM0014")
    return audit.schrijf(actor=systeem_actor("test"), actie="proef", object=org, na={"naam": org.naam})


def test_orm_weigert_wijzigen_en_verwijderen(gebeurtenis):
    gebeurtenis.actie = "anders"
    with pytest.raises(AlleenToevoegen):
        gebeurtenis.save()
    with pytest.raises(AlleenToevoegen):
        gebeurtenis.delete()
    with pytest.raises(AlleenToevoegen):
        Auditgebeurtenis.objects.filter(pk=gebeurtenis.pk).update(actie="anders")
    with pytest.raises(AlleenToevoegen):
        Inzage.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditgebeurtenis SET actie = 'x'",
        "DELETE FROM audit_auditgebeurtenis",
        "UPDATE audit_inzage SET doel = 'x'",
        "DELETE FROM audit_inzage",
    ],
)
def test_database_weigert_wijzigen_en_verwijderen(gebeurtenis, sql):
    """Both engines refuse even raw SQL (SQLite since migration 0003, ADR 0022)."""
    Inzage.objects.create(actor_naam="a", object_soort="x", object_id="1", doel="proef")
    with pytest.raises(DatabaseError, match="alleen toevoegen"), transaction.atomic(), connection.cursor() as c:
        c.execute(sql)
    assert Auditgebeurtenis.objects.filter(pk=gebeurtenis.pk, actie="proef").exists()
    assert Inzage.objects.filter(doel="proef").exists()


def test_gevoelige_velden_gemaskeerd_en_geen_wachtwoordhash():
    gebruiker = gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="jan",
        wachtwoord="een-lang-wachtwoord-42",
        lidmaatschappen={"odzob": [Rol.HANDHAVER]},
    )
    regel = Auditgebeurtenis.objects.get(actie="gebruiker.aangemaakt", object_id=str(gebruiker.pk))
    assert "password" not in regel.na and "een-lang-wachtwoord-42" not in str(regel.na)
    masker = audit.schrijf(
        actor=systeem_actor(),
        actie="proef",
        object=gebruiker,
        na={"bsn": "123456782", "naam": "Jan", "api_token": "ovth_geheim"},
    )
    assert masker.na == {"bsn": "***", "naam": "Jan", "api_token": "***"}


def test_blijft_bestaan_als_het_object_verdwijnt():
    gebruiker = GebruikerFactory()
    pk = gebruiker.pk
    regel = audit.schrijf(actor=systeem_actor(), actie="proef", object=gebruiker)
    gebruiker.delete()
    assert Auditgebeurtenis.objects.filter(pk=regel.pk, object_id=str(pk), object_soort="auth.user").exists()


def test_audit_in_dezelfde_transactie_als_de_schrijfactie():
    voor = Auditgebeurtenis.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        gebruiker_maken(actor=systeem_actor(), gebruikersnaam="piet", wachtwoord="een-lang-wachtwoord-42")
        raise RuntimeError("afgebroken")
    assert Auditgebeurtenis.objects.count() == voor
