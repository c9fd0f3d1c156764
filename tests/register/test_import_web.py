"""The upload page: functional administrators only, second factor required, the import as a background task,
a progress page that refreshes until the summary and the quality report are there."""

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openvth.organisaties.models import Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.register.models import Activiteituitvoering, Importrun, Importstatus

from ..fabrieken import totp_apparaat, totp_code

DATA = Path(__file__).parent / "data"
WACHTWOORD = "een-lang-test-wachtwoord-1"
DIRECT = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WACHTRIJ = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def omgeving(settings, tmp_path, catalogus):
    settings.DATA_DIR = tmp_path
    settings.TASKS = DIRECT  # the task runs inside the request, so the test sees its outcome
    return tmp_path


def ingelogd(naam, leden):
    gebruiker = gebruiker_maken(
        actor=systeem_actor(), gebruikersnaam=naam, wachtwoord=WACHTWOORD, lidmaatschappen=leden
    )
    client = Client()
    client.post("/inloggen", {"username": naam, "password": WACHTWOORD})
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))}).status_code == 302
    return client


def _upload(client, bestand, profiel="squit-export", **extra):
    inhoud = (DATA / bestand).read_bytes() if (DATA / bestand).exists() else bestand.encode()
    return client.post(
        "/import/", {"profiel": profiel, "bestand": SimpleUploadedFile(Path(bestand).name, inhoud), **extra}
    )


def test_uploaden_voortgang_samenvatting_en_rapport(omgeving):
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    r = client.get("/import/")
    assert r.status_code == 200 and 'enctype="multipart/form-data"' in r.content.decode()
    assert {"openvth", "squit-export"} <= {waarde for waarde, _ in r.context["form"].fields["profiel"].choices}
    (omgeving / "import" / "profielen").mkdir(parents=True)
    (omgeving / "import" / "profielen" / "stuk.json").write_text("[]")
    assert "stuk.json: een profiel is een JSON-object" in client.get("/import/").content.decode()
    r = _upload(client, "squit_rd.csv")
    run = Importrun.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/import/{run.uuid}/"
    assert (run.status, run.aangemaakt, run.geweigerd, run.gebruikersnaam) == (Importstatus.VOLTOOID, 4, 3, "beheerder")
    assert (
        Path(run.pad).parent == omgeving / "import" / "uploads"
        and Path(run.pad).read_bytes() == (DATA / "squit_rd.csv").read_bytes()
    )
    r = client.get(r["Location"])
    tekst = r.content.decode()
    assert r.status_code == 200 and 'http-equiv="refresh"' not in tekst  # finished: no more refreshing
    assert 'data-testid="aangemaakt">4<' in tekst and 'data-testid="geweigerd">3<' in tekst
    assert "Onbekende activiteit" in tekst and "squit-export 1.0" in tekst and "rijen per seconde" in tekst
    r = client.get(f"/import/{run.uuid}/kwaliteit.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert f'filename="import-{run.uuid}-kwaliteit.csv"' in r["Content-Disposition"]
    rijen = list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert [(x["bron_id"], x["resultaat"]) for x in rijen[:2]] == [
        ("Z-2024-0001", "aangemaakt"),
        ("Z-2024-0002", "aangemaakt"),
    ]
    assert "onbekende status 'Vergund'" in rijen[5]["redenen"]
    # the same file again: nothing changes, and the list shows both runs
    _upload(client, "squit_rd.csv")
    tweede = Importrun.objects.order_by("-aangemaakt_op").first()
    assert (tweede.aangemaakt, tweede.ongewijzigd) == (0, 4) and Activiteituitvoering.objects.count() == 4
    assert client.get("/import/").content.decode().count("squit_rd.csv") == 2


def test_wachtrij_toont_voortgang_die_ververst(omgeving, settings):
    settings.TASKS = WACHTRIJ  # queued in the database, not yet run by a worker
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    r = client.get(_upload(client, "openvth_rd.csv", profiel="openvth")["Location"])
    tekst = r.content.decode()
    assert 'http-equiv="refresh" content="2"' in tekst and "in de wachtrij" in tekst and "<progress" in tekst
    from django_tasks_db.models import DBTaskResult

    taak = DBTaskResult.objects.get()
    assert taak.args_kwargs["args"] == [str(Importrun.objects.get().uuid)]


def test_geweigerd_bestand_op_de_voortgangspagina(omgeving):
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    r = client.get(
        client.post("/import/", {"profiel": "openvth", "bestand": SimpleUploadedFile("lijst.csv", b"id;x\n1;2\n")})[
            "Location"
        ]
    )
    run = Importrun.objects.get()
    assert run.status == Importstatus.GEWEIGERD and "Verplichte kolommen ontbreken" in run.melding
    tekst = r.content.decode()
    assert "Het bestand is geweigerd; er is niets opgeslagen." in tekst and "Verplichte kolommen" in tekst
    assert not Activiteituitvoering.objects.exists()


def test_alleen_functioneel_beheerders(omgeving):
    assert Client().get("/import/")["Location"].startswith("/inloggen")
    toezichthouder = ingelogd("toezicht", {"odzob": [Rol.TOEZICHTHOUDER]})
    r = toezichthouder.get("/import/")
    assert r.status_code == 403 and "Geen toegang" in r.content.decode()
    assert _upload(toezichthouder, "squit_rd.csv").status_code == 403 and not Importrun.objects.exists()
    beheerder = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    _upload(beheerder, "squit_rd.csv")
    run = Importrun.objects.get()
    anderen = ingelogd("rijnmond", {"dcmr": [Rol.FUNCTIONEEL_BEHEERDER]})
    assert anderen.get(f"/import/{run.uuid}/").status_code == 404  # another organisation's run does not exist
    assert anderen.get(f"/import/{run.uuid}/kwaliteit.csv").status_code == 404
    assert toezichthouder.get(f"/import/{run.uuid}/").status_code == 403


def test_zonder_tweede_factor_geen_uploadpagina(omgeving):
    gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="half",
        wachtwoord=WACHTWOORD,
        lidmaatschappen={"odzob": [Rol.FUNCTIONEEL_BEHEERDER]},
    )
    client = Client()
    client.post("/inloggen", {"username": "half", "password": WACHTWOORD})
    assert client.get("/import/")["Location"].startswith("/tweede-factor")


def test_nieuwe_upload_zet_afgebroken_import_voort(omgeving, monkeypatch):
    from django.contrib.auth import get_user_model

    from openvth.organisaties.selectors import actor_voor
    from openvth.register.importeren import verwerken
    from openvth.register.importeren.profiel import profiel_laden

    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    echte = verwerken.Schrijver.schrijf
    teller = {"n": 0}

    def valt_uit(self, rijen):
        teller["n"] += 1
        if teller["n"] == 3:
            raise RuntimeError("server herstart")
        return echte(self, rijen)

    monkeypatch.setattr(verwerken.Schrijver, "schrijf", valt_uit)
    with pytest.raises(RuntimeError):
        verwerken.importeer(
            actor=actor_voor(get_user_model().objects.get(username="beheerder")),
            pad=DATA / "openvth_rd.csv",
            profiel=profiel_laden("openvth"),
            batchgrootte=5,
        )
    monkeypatch.setattr(verwerken.Schrijver, "schrijf", echte)
    afgebroken = Importrun.objects.get()
    assert (afgebroken.status, afgebroken.verwerkt) == (Importstatus.MISLUKT, 10)
    _upload(client, "openvth_rd.csv", profiel="openvth")
    afgebroken.refresh_from_db()
    nieuw = Importrun.objects.exclude(pk=afgebroken.pk).get()
    assert afgebroken.status == Importstatus.VOORTGEZET and str(nieuw.uuid) in afgebroken.melding
    assert (nieuw.status, nieuw.verwerkt, nieuw.aangemaakt, nieuw.geweigerd) == (Importstatus.VOLTOOID, 21, 5, 16)
    assert nieuw.batches.count() == 3 and not afgebroken.batches.exists()  # 2 moved over, the rest in one batch
    rapport = b"".join(client.get(f"/import/{nieuw.uuid}/kwaliteit.csv").streaming_content).decode("utf-8-sig")
    assert len(rapport.strip().splitlines()) == 22  # header + every row once
    _upload(client, "openvth_rd.csv", profiel="openvth")  # a taken-over run is never resumed again
    derde = Importrun.objects.order_by("-aangemaakt_op").first()
    assert (derde.verwerkt, derde.ongewijzigd, derde.aangemaakt) == (21, 5, 0)


# --- no run hangs: every failure ends the run, stalled runs are seen and resumed, uploads are bounded ----------


def test_diep_geneste_geojson_beeindigt_de_run_met_een_reden(omgeving):
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    diep = b'{"type": "FeatureCollection", "features": [' + b"[" * 50_000 + b"]" * 50_000 + b"]}"
    r = client.post("/import/", {"profiel": "openvth", "bestand": SimpleUploadedFile("diep.geojson", diep)})
    run = Importrun.objects.get()
    assert run.status == Importstatus.GEWEIGERD and "50002 niveaus diep genest" in run.melding  # was: queued for ever
    tekst = client.get(r["Location"]).content.decode()
    assert "niveaus diep genest" in tekst and 'http-equiv="refresh"' not in tekst


@pytest.mark.parametrize(
    "fout, reden",
    [
        (MemoryError(), "Afgebroken: het geheugen van de server was te klein voor dit bestand."),
        (RecursionError("maximum recursion depth exceeded"), "Afgebroken: het bestand is te diep genest"),
        (KeyError("x"), "Afgebroken: onverwachte fout KeyError: 'x'."),
    ],
)
def test_onverwachte_fout_beeindigt_de_run_met_een_leesbare_reden(omgeving, monkeypatch, fout, reden):
    from openvth.register.importeren import lezen

    def kapot(*args, **kwargs):
        raise fout

    monkeypatch.setattr(lezen, "lees", kapot)
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    r = _upload(client, "openvth_rd.csv", profiel="openvth")
    run = Importrun.objects.get()
    assert run.status == Importstatus.MISLUKT and run.melding.startswith(reden) and run.voltooid_op
    tekst = client.get(r["Location"]).content.decode()
    assert "Afgebroken:" in tekst and 'http-equiv="refresh"' not in tekst and 'data-testid="hervatten"' in tekst


def test_upload_boven_de_grens_wordt_afgebroken_en_niet_bewaard(omgeving, settings):
    settings.OPENVTH_IMPORT_MAX_MB = 1
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    groot = SimpleUploadedFile("groot.csv", b"bron_id\n" + b"A-1\n" * 400_000)  # 1.5 MB
    r = client.post("/import/", {"profiel": "openvth", "bestand": groot})
    assert r.status_code == 413
    assert "is groter dan de grens van 1 MB (OPENVTH_IMPORT_MAX_MB)" in r.content.decode()
    assert not Importrun.objects.exists() and not list((omgeving / "import").glob("uploads/*"))


def test_uploadgrens_leest_niet_verder_dan_nodig(settings):
    from django.core.files.uploadhandler import StopUpload

    from openvth.register.importviews import Uploadgrens

    settings.OPENVTH_IMPORT_MAX_MB = 1
    grens = Uploadgrens()
    grens.handle_raw_input(None, {}, 10 * 1024 * 1024, b"grens")
    with pytest.raises(StopUpload):  # the request says 10 MB: stopped before the first byte of the file
        grens.new_file("bestand", "groot.csv", "text/csv", None)
    assert grens.te_groot and grens.gezien == 10 * 1024 * 1024
    grens = Uploadgrens()
    grens.handle_raw_input(None, {}, 0, b"grens")  # no length given: counted as it arrives
    grens.new_file("bestand", "groot.csv", "text/csv", None)
    assert grens.receive_data_chunk(b"x" * 65536, 0) == b"x" * 65536
    with pytest.raises(StopUpload):
        grens.receive_data_chunk(b"x" * 65536, 1024 * 1024 - 1000)
    assert grens.te_groot


def test_formules_in_het_kwaliteitsrapport_blijven_tekst(omgeving):
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    kop = "bron_id,activiteit,naam,straat,huisnummer,postcode,gemeente,x,y,status\n"
    regels = [
        '"=HYPERLINK(""http://x.example/"",""klik"")",bal-3.2.1,A,Markt,2,5611EB,GM0772,161500,383200,uitvoering',
        "@SUM(1+1),bal-3.2.1,B,Markt,2,5611EB,GM0772,161500,383200,uitvoering",
        "+31,bal-3.2.1,C,Markt,2,5611EB,GM0772,161500,383200,uitvoering",
        "-1,onbekend,D,Markt,2,5611EB,GM0772,161500,383200,uitvoering",
    ]
    r = client.post(
        "/import/",
        {"profiel": "openvth", "bestand": SimpleUploadedFile("formules.csv", (kop + "\n".join(regels)).encode())},
    )
    run = Importrun.objects.get()
    tekst = b"".join(client.get(f"/import/{run.uuid}/kwaliteit.csv").streaming_content).decode("utf-8-sig")
    assert r.status_code == 302
    bron_ids = [rij["bron_id"] for rij in csv.DictReader(io.StringIO(tekst), delimiter=";")]
    assert bron_ids == ['\'=HYPERLINK("http://x.example/","klik")', "'@SUM(1+1)", "'+31", "'-1"]


def _afgebroken_upload(client, monkeypatch, settings):
    """A web run whose worker stopped after two batches (SystemExit: the worker's own shutdown), left 'bezig'."""
    from openvth.register.importeren import verwerken

    settings.TASKS = WACHTRIJ
    _upload(client, "openvth_rd.csv", profiel="openvth")
    run = Importrun.objects.get()
    Importrun.objects.filter(pk=run.pk).update(batchgrootte=5)
    echte, teller = verwerken.Schrijver.schrijf, {"n": 0}

    def stopt(self, rijen):
        teller["n"] += 1
        if teller["n"] == 3:
            raise SystemExit(1)
        return echte(self, rijen)

    monkeypatch.setattr(verwerken.Schrijver, "schrijf", stopt)
    with pytest.raises(SystemExit):
        verwerken.importrun_uitvoeren(str(run.uuid))
    monkeypatch.setattr(verwerken.Schrijver, "schrijf", echte)
    run.refresh_from_db()
    assert (run.status, run.verwerkt) == (Importstatus.BEZIG, 10)
    return run


def test_stilgevallen_run_gezien_en_hervat(omgeving, monkeypatch, settings):
    from openvth.audit.models import Auditgebeurtenis

    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    run = _afgebroken_upload(client, monkeypatch, settings)
    # its owner is this very process, which no longer works on it: as good as a dead worker
    tekst = client.get(f"/import/{run.uuid}/").content.decode()
    assert 'data-testid="stilgevallen"' in tekst and 'data-testid="hervatten"' in tekst
    assert 'http-equiv="refresh"' not in tekst and "bezig — stilgevallen" in tekst
    assert "bezig — stilgevallen" in client.get("/import/").content.decode()
    settings.TASKS = DIRECT
    r = client.post(f"/import/{run.uuid}/hervatten")
    assert r.status_code == 302 and r["Location"] == f"/import/{run.uuid}/"
    run.refresh_from_db()
    assert (run.status, run.verwerkt, run.aangemaakt, run.geweigerd) == (Importstatus.VOLTOOID, 21, 5, 16)
    assert run.batches.count() == 5 and Activiteituitvoering.objects.count() == 5  # 2 kept + 3, nothing twice
    assert Auditgebeurtenis.objects.filter(actie="import.hervat", object_id=str(run.uuid)).count() == 1
    tekst = client.get(r["Location"]).content.decode()
    assert "De import is hervat" in tekst and 'data-testid="hervatten"' not in tekst
    r = client.post(f"/import/{run.uuid}/hervatten")  # finished: nothing to resume
    assert "er is niets te hervatten" in client.get(r["Location"]).content.decode()
    assert Auditgebeurtenis.objects.filter(actie="import.hervat").count() == 1


def test_levende_run_wordt_niet_hervat(omgeving, settings):
    import socket

    from django.utils import timezone

    settings.TASKS = WACHTRIJ
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    _upload(client, "openvth_rd.csv", profiel="openvth")
    run = Importrun.objects.get()
    levend = f"{socket.gethostname()}:{os.getppid()}"  # a process that exists, on this host
    Importrun.objects.filter(pk=run.pk).update(status=Importstatus.BEZIG, eigenaar=levend, bijgewerkt_op=timezone.now())
    tekst = client.get(f"/import/{run.uuid}/").content.decode()
    assert 'http-equiv="refresh"' in tekst and "stilgevallen" not in tekst and 'data-testid="hervatten"' not in tekst
    r = client.post(f"/import/{run.uuid}/hervatten")
    assert "Deze import loopt nog" in client.get(r["Location"]).content.decode()
    run.refresh_from_db()
    assert run.status == Importstatus.BEZIG and run.eigenaar == levend


def test_wachtende_run_met_verloren_taak_staat_stil(omgeving, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from openvth.register.importeren.wachtrij import stilgevallen

    settings.TASKS = WACHTRIJ
    client = ingelogd("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    _upload(client, "openvth_rd.csv", profiel="openvth")
    run = Importrun.objects.get()
    taak = DBTaskResult.objects.get()
    assert run.taak_id == str(taak.id) and not stilgevallen(run)  # ready: waits for a worker
    DBTaskResult.objects.filter(pk=taak.pk).update(status="RUNNING", started_at=timezone.now())
    assert not stilgevallen(run)  # just taken by a worker
    DBTaskResult.objects.filter(pk=taak.pk).update(started_at=timezone.now() - timedelta(minutes=11))
    assert stilgevallen(run)  # taken ten minutes ago and the run never claimed: that worker is gone
    DBTaskResult.objects.filter(pk=taak.pk).update(status="FAILED")
    assert stilgevallen(run)
    DBTaskResult.objects.all().delete()
    assert stilgevallen(run)
    assert 'data-testid="hervatten"' in client.get(f"/import/{run.uuid}/").content.decode()
