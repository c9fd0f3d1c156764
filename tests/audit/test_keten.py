"""The tamper-evident audit trail (ADR 0022): triggers on both engines, no ORM way around them, the database's
time, and a hash chain whose `openvth audit verify` finds a change, a deletion and an insertion in the past."""

import hashlib
import importlib
import io
import threading
import types
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.models.deletion import Collector

from openvth.audit import keten
from openvth.audit.models import AlleenToevoegen, Auditgebeurtenis, Inzage

pytestmark = pytest.mark.django_db

migratie = importlib.import_module("openvth.audit.migrations.0003_hashketen_en_tijd_van_database")
TABELLEN = migratie.TABELLEN
PG = connection.vendor == "postgresql"


def _gebeurtenis(actie="proef", **velden):
    return Auditgebeurtenis.objects.create(actie=actie, object_soort="proef.object", object_id="1", **velden)


def _db_nu() -> datetime:
    with connection.cursor() as c:
        c.execute("SELECT clock_timestamp()" if PG else "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
        (nu,) = c.fetchone()
    return nu.astimezone(UTC) if PG else datetime.fromisoformat(nu).replace(tzinfo=UTC)


@contextmanager
def zonder_triggers():
    """As a database superuser would: the triggers off for a moment (the test's transaction undoes it as well)."""
    with connection.cursor() as c:
        for tabel in TABELLEN.values():
            if PG:
                c.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER USER")
            else:
                for soort in ("alleen_toevoegen_update", "alleen_toevoegen_delete", "tijdstip_van_database"):
                    c.execute(f"DROP TRIGGER {tabel}_{soort}")
    try:
        yield
    finally:
        with connection.cursor() as c:
            for tabel in TABELLEN.values():
                if PG:
                    c.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER USER")
                else:
                    for sql in migratie.sqlite_triggers(tabel):
                        c.execute(sql)


def _sql(sql, params=None):
    with connection.cursor() as c:
        c.execute(sql, params)


def _verify(*args) -> tuple[int, str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=uit, stderr=fout)
    except CommandError as e:
        return e.returncode, uit.getvalue(), fout.getvalue() + str(e)
    return 0, uit.getvalue(), fout.getvalue()


# The triggers.


def test_triggers_staan_er_op_beide_tabellen():
    """A later migration that rebuilds a table on SQLite drops its triggers: this test then fails."""
    with connection.cursor() as c:
        if PG:
            c.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(%s)",
                [list(TABELLEN.values())],
            )
            verwacht = {f"{t}_{s}" for t in TABELLEN.values() for s in ("alleen_toevoegen", "tijdstip_van_database")}
        else:
            c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit_%'")
            verwacht = {
                f"{t}_{s}"
                for t in TABELLEN.values()
                for s in ("alleen_toevoegen_update", "alleen_toevoegen_delete", "tijdstip_van_database")
            }
        assert {naam for (naam,) in c.fetchall()} == verwacht


@pytest.mark.parametrize(
    "poging",
    [
        lambda g: Auditgebeurtenis._base_manager.filter(pk=g.pk).update(actie="verzonnen"),
        lambda g: Auditgebeurtenis._base_manager.filter(pk=g.pk).delete(),
        lambda g: Auditgebeurtenis._default_manager.filter(pk=g.pk).update(actie="verzonnen"),
        lambda g: Auditgebeurtenis(pk=g.pk, actie="verzonnen", object_soort="x", object_id="1").save(force_update=True),
        lambda g: Auditgebeurtenis(pk=g.pk, actie="verzonnen", object_soort="x", object_id="1").save(),
        lambda g: Auditgebeurtenis.objects.create(id=g.pk - 1, actie="verzonnen", object_soort="x", object_id="1"),
        lambda g: g.save(force_update=True),
        lambda g: g.save(update_fields=["actie"]),
        lambda g: Auditgebeurtenis.objects.bulk_update([g], ["actie"]),
        lambda g: Auditgebeurtenis.objects.update_or_create(pk=g.pk, defaults={"actie": "verzonnen"}),
        lambda g: Auditgebeurtenis.objects.bulk_create(
            [Auditgebeurtenis(actie="verzonnen", object_soort="x", object_id="1")],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["actie"],
        ),
        lambda g: Inzage._base_manager.all().update(doel="verzonnen"),
    ],
    ids=[
        "base_manager.update",
        "base_manager.delete",
        "default_manager.update",
        "save_force_update_nieuw_exemplaar",
        "save_nieuw_exemplaar_met_bestaand_id",
        "create_met_id_in_het_verleden",
        "save_force_update",
        "save_update_fields",
        "bulk_update",
        "update_or_create",
        "bulk_create_update_conflicts",
        "inzage_base_manager.update",
    ],
)
def test_geen_orm_omweg(poging):
    g = _gebeurtenis()
    Inzage.objects.create(object_soort="x", object_id="1", doel="proef")
    g.actie = "verzonnen"
    with pytest.raises(AlleenToevoegen), transaction.atomic():
        poging(g)
    assert Auditgebeurtenis.objects.filter(pk=g.pk, actie="proef").exists()
    assert not Auditgebeurtenis.objects.filter(actie="verzonnen").exists()
    assert Inzage.objects.filter(doel="proef").exists()


def test_de_trigger_vangt_wat_onder_de_orm_langs_gaat():
    """Django's own deletion machinery writes plain SQL: the database refuses it on either engine."""
    g = _gebeurtenis()
    verzamelaar = Collector(using="default", origin=g)
    verzamelaar.collect([g])
    with pytest.raises(DatabaseError, match="alleen toevoegen"), transaction.atomic():
        verzamelaar.delete()
    assert Auditgebeurtenis.objects.filter(pk=g.pk).exists()


def test_flush_mag_legen_en_verder_niemand():
    """The test suite's flush between browser tests empties the tables; a DELETE outside it is refused."""
    _gebeurtenis()
    with pytest.raises(DatabaseError, match="alleen toevoegen"), transaction.atomic():
        _sql("DELETE FROM audit_auditgebeurtenis")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert not Auditgebeurtenis.objects.exists()
    _gebeurtenis()
    with pytest.raises(DatabaseError, match="alleen toevoegen"), transaction.atomic():
        _sql("DELETE FROM audit_auditgebeurtenis")
    assert _verify()[0] == 0


# The time.


def test_tijdstip_zet_de_database():
    voor = _db_nu()
    g = _gebeurtenis(tijdstip=datetime(2020, 1, 1, tzinfo=UTC))
    na = _db_nu()
    g.refresh_from_db()
    assert voor <= g.tijdstip <= na


VERPLICHT = {
    "audit_auditgebeurtenis": {"actie": "oud", "object_soort": "x", "object_id": "1"},
    "audit_inzage": {"doel": "oud", "object_soort": "x", "object_id": "1", "vertrouwelijkheid": ""},
}


@pytest.mark.parametrize("tabel", TABELLEN.values())
@pytest.mark.parametrize("verschuiving", [timedelta(hours=-1), timedelta(seconds=-30), timedelta(minutes=5)])
def test_tijdstip_van_de_client_geweigerd(tabel, verschuiving):
    """The application role cannot back-date (or post-date) a row with plain SQL."""
    velden = {"vorige_hash": keten.NUL_HASH, "hash": keten.NUL_HASH, "actor_naam": "", "organisatie_naam": ""}
    velden |= {"object_omschrijving": "", "request_id": ""} | VERPLICHT[tabel]

    def invoegen(**extra):
        rij = velden | extra
        plekken = ", ".join(["%s"] * len(rij))
        _sql(f"INSERT INTO {tabel} ({', '.join(rij)}) VALUES ({plekken})", list(rij.values()))

    with pytest.raises(DatabaseError, match="tijdstip"), transaction.atomic():
        invoegen(tijdstip=_db_nu() + verschuiving)
    # Without a time of its own the row gets the database's (db_default) and is let in.
    with transaction.atomic():
        invoegen()


# The chain.


def test_canonieke_vorm_ligt_vast():
    """Changing this format breaks every stored chain: it is fixed here, byte for byte."""
    tekst = keten.inhoud(
        {
            "id": 7,
            "hash": "x",
            "vorige_hash": "y",
            "tijdstip": datetime(2026, 12, 7, 3, 13, 2, 123000, tzinfo=UTC).astimezone(),
            "actie": "één",
            "actor_id": None,
            "voor": None,
            "na": {"b": 1e20, "a": [1.0, 0.5, "ü", (1, 2)], 3: True},
        },
        json_velden={"voor", "na"},
    )
    assert tekst == (
        '{"actie":"\\u00e9\\u00e9n","na":{"3":true,"a":[1,0.5,"\\u00fc",[1,2]],"b":100000000000000000000},'
        '"tijdstip":"2026-12-07T03:13:02.123000Z"}'
    )
    assert keten.bereken(keten.NUL_HASH, tekst) == hashlib.sha256(f"{'0' * 64}\n{tekst}".encode()).hexdigest()


def test_keten_intact_ook_met_lastige_json():
    """What the engine gives back (jsonb reorders keys and rewrites numbers) hashes as what was written."""
    _gebeurtenis(voor=(1, 2.0), na={"z": 1e20, "a": {"y": [1.0, 2.5, None, True]}, "ü": "ë", "n": 2**70})
    Inzage.objects.bulk_create([Inzage(object_soort="x", object_id=str(i), doel="proef", actor_id=i) for i in range(3)])
    rijen = list(Inzage.objects.order_by("-id")[:3])[::-1]
    assert rijen[1].vorige_hash == rijen[0].hash and rijen[2].vorige_hash == rijen[1].hash
    code, uit, _ = _verify()
    assert code == 0 and "keten intact" in uit


def _drie():
    return _gebeurtenis("een"), _gebeurtenis("twee"), _gebeurtenis("drie")


def test_verify_vindt_een_wijziging():
    een, twee, drie = _drie()
    with zonder_triggers():
        _sql("UPDATE audit_auditgebeurtenis SET na = %s WHERE id = %s", ['{"bedrag": 1}', twee.pk])
    code, _, fout = _verify()
    assert code == 1
    assert f"KETEN GEBROKEN bij regel {twee.pk}" in fout and "is gewijzigd" in fout


def test_verify_vindt_een_wijziging_met_nieuwe_hash():
    """Whoever changes a row and recomputes its hash breaks the link of the next one."""
    een, twee, drie = _drie()
    waarden = {f.name: getattr(twee, f.attname) for f in keten.ketenvelden(Auditgebeurtenis)} | {"actie": "anders"}
    with zonder_triggers():
        _sql(
            "UPDATE audit_auditgebeurtenis SET actie = 'anders', hash = %s WHERE id = %s",
            [keten.rij_hash(Auditgebeurtenis, waarden, twee.vorige_hash), twee.pk],
        )
    code, _, fout = _verify()
    assert code == 1 and f"bij regel {drie.pk}" in fout and "verwijderd (of de hash van regel" in fout


def test_verify_vindt_een_verwijdering():
    een, twee, drie = _drie()
    with zonder_triggers():
        _sql("DELETE FROM audit_auditgebeurtenis WHERE id = %s", [twee.pk])
    code, _, fout = _verify()
    assert code == 1
    assert f"bij regel {drie.pk}" in fout and f"volgt in de keten niet op regel {een.pk}" in fout


def test_verify_vindt_een_invoeging_in_het_verleden():
    """A row slipped in between two others, correctly linked to its predecessor and dated between them."""
    een = _gebeurtenis("een")
    if PG:
        _sql("SELECT setval(pg_get_serial_sequence('audit_auditgebeurtenis', 'id'), %s)", [een.pk + 10])
    else:
        _sql("UPDATE sqlite_sequence SET seq = %s WHERE name = 'audit_auditgebeurtenis'", [een.pk + 10])
    twee = _gebeurtenis("twee")
    assert twee.pk == een.pk + 11
    tijd = een.tijdstip + (twee.tijdstip - een.tijdstip) / 2
    waarden = {f.name: getattr(een, f.attname) for f in keten.ketenvelden(Auditgebeurtenis)}
    waarden |= {"actie": "ingevoegd", "tijdstip": tijd}
    with zonder_triggers():
        _sql(
            "INSERT INTO audit_auditgebeurtenis (id, tijdstip, vorige_hash, hash, actor_naam, organisatie_naam, "
            "actie, object_soort, object_id, object_omschrijving, request_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                een.pk + 5,
                tijd,
                een.hash,
                keten.rij_hash(Auditgebeurtenis, waarden, een.hash),
                *(waarden[v] for v in ("actor_naam", "organisatie_naam", "actie", "object_soort", "object_id")),
                *(waarden[v] for v in ("object_omschrijving", "request_id")),
            ],
        )
    code, _, fout = _verify()
    assert code == 1
    assert f"bij regel {twee.pk}" in fout and f"regel {een.pk + 5} is er later tussen gezet" in fout


def test_verify_met_anker_vindt_een_ingekorte_keten():
    """The chain alone cannot show its last rows gone; a link noted elsewhere can."""
    een, twee, drie = _drie()
    code, uit, _ = _verify()
    assert code == 0 and f"auditgebeurtenis:{drie.pk}:{drie.hash}" in uit
    with zonder_triggers():
        _sql("DELETE FROM audit_auditgebeurtenis WHERE id = %s", [drie.pk])
    assert _verify()[0] == 0
    code, _, fout = _verify("--anker", f"auditgebeurtenis:{drie.pk}:{drie.hash}")
    assert code == 1 and "de keten is ingekort" in fout
    assert _verify("--anker", f"auditgebeurtenis:{twee.pk}:{twee.hash}")[0] == 0
    with pytest.raises(CommandError, match="ongeldig anker"):
        call_command("audit", "verify", "--anker", "audit:1:kort", stdout=io.StringIO())


def test_migratie_ketent_bestaande_regels_op_volgorde():
    """Rows written before migration 0003 get their links there, in id order."""
    een, twee, drie = _drie()
    Inzage.objects.create(object_soort="x", object_id="1", doel="proef")
    with zonder_triggers():
        _sql("UPDATE audit_auditgebeurtenis SET vorige_hash = '', hash = ''")
        _sql("UPDATE audit_inzage SET vorige_hash = '', hash = ''")
        assert _verify()[0] == 1
        if PG:  # the migration switches off migration 0002's trigger itself
            _sql("ALTER TABLE audit_auditgebeurtenis ENABLE TRIGGER audit_auditgebeurtenis_alleen_toevoegen")
            _sql("ALTER TABLE audit_inzage ENABLE TRIGGER audit_inzage_alleen_toevoegen")
        schema = types.SimpleNamespace(connection=connection, execute=lambda sql, params=None: _sql(sql))
        from django.apps import apps

        migratie._ketenen(apps, schema)
    assert _verify()[0] == 0
    drie.refresh_from_db()
    assert drie.vorige_hash == Auditgebeurtenis.objects.get(pk=twee.pk).hash


# Concurrency.


@pytest.mark.django_db(transaction=True)
def test_twee_schrijvers_tegelijk_vertakken_de_keten_niet():
    """The second writer waits for the first one's commit and then links to its row, not to the one before."""
    if not PG:
        # SQLite: every transaction takes the write lock at BEGIN, so the chaining step of one writer cannot
        # interleave with another's (a deferred transaction would get SQLITE_BUSY instead of a fork).
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    begin = _gebeurtenis("begin")
    eerste_geschreven, klaar = threading.Event(), threading.Event()
    fouten = []

    def eerste():
        try:
            with transaction.atomic():
                _gebeurtenis("eerste")
                eerste_geschreven.set()
                klaar.wait(10)
        except Exception as e:  # reported below
            fouten.append(e)
        finally:
            connections.close_all()

    def tweede():
        try:
            eerste_geschreven.wait(10)
            with transaction.atomic():
                _gebeurtenis("tweede")
        except Exception as e:
            fouten.append(e)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=eerste), threading.Thread(target=tweede)]
    for d in draden:
        d.start()
    eerste_geschreven.wait(10)
    draden[1].join(1)
    assert draden[1].is_alive(), "de tweede schrijver moet wachten op de eerste"
    klaar.set()
    for d in draden:
        d.join(20)
    assert not fouten
    rijen = list(Auditgebeurtenis.objects.filter(pk__gt=begin.pk).order_by("id"))
    assert [r.actie for r in rijen] == ["eerste", "tweede"]
    assert rijen[0].vorige_hash == begin.hash and rijen[1].vorige_hash == rijen[0].hash
    assert _verify()[0] == 0
