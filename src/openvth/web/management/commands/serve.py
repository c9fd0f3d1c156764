"""`openvth serve`: the production server (gunicorn), bound to 127.0.0.1 unless told otherwise.

On the embedded database (no DATABASE_URL) it also runs the background-task worker beside it, so imports started
in the web proceed with one command (ARCHITECTURE.md §8); in production the worker runs as its own process
(`openvth db_worker`, under the service manager that restarts it).

The worker beside it is supervised (`Takenwerker`): restarted when it dies, stopped when serve stops, and never
left behind when serve is killed (nor are gunicorn's workers). An import it was running when it died is not lost:
the run is seen as stalled and is resumed from the progress page or with `openvth import --hervat` (docs/import.md).
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time

from django.core.management.base import BaseCommand
from django.core.servers.basehttp import get_internal_wsgi_application
from gunicorn.app.base import BaseApplication

from openvth.cli import main
from openvth.register.importeren.ouder import sterf_met_ouder


class _Gunicorn(BaseApplication):
    def __init__(self, opties: dict):
        self.opties = opties
        super().__init__()

    def load_config(self):
        for naam, waarde in self.opties.items():
            self.cfg.set(naam, waarde)
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn ≥ 27 listens on one control socket per user ($HOME/.gunicorn/gunicorn.ctl): two servers on a
            # machine would share it, and its thread in the master forks alongside ours. serve does not use it.
            self.cfg.set("control_socket_disable", True)

    def load(self):
        # The project's WSGI application by its dotted name (settings.WSGI_APPLICATION), as runserver loads it:
        # created when gunicorn asks, and without importing conf, which only Django reaches (ADR 0028).
        return get_internal_wsgi_application()


def _gunicornworker_sterft_met_serve(arbiter, worker) -> None:
    """A gunicorn worker of a killed serve would go on answering on the inherited socket until it noticed (seconds,
    longer while it loads the application): the kernel ends it with serve instead (SIGTERM: a graceful stop)."""
    sterf_met_ouder(arbiter.pid, signal.SIGTERM)


# Popen in the watching thread and gunicorn's os.fork() in the main thread must not overlap: a worker forked while
# Popen waits for its child's exec inherits Popen's error pipe (close-on-exec, but a fork is no exec), so Popen never
# sees the pipe close and hangs until that gunicorn worker exits. Python runs these hooks around os.fork() only, not
# around Popen's own fork, so holding the lock across Popen makes gunicorn wait that long and no longer.
_FORKSLOT = threading.Lock()
os.register_at_fork(before=_FORKSLOT.acquire, after_in_parent=_FORKSLOT.release, after_in_child=_FORKSLOT.release)


class Takenwerker:
    """`openvth db_worker` as a child of serve, watched by a thread.

    * Dies: started again after 1 s, then 2, 4, … up to 60 s while it keeps dying within a minute (a worker that
      fails at start-up, say on a locked database, does not spin); back to 1 s after a minute of running.
    * serve stops: SIGTERM (django-tasks finishes the running task), after `wachten` seconds a second SIGTERM (it
      abandons the task: the batch in progress rolls back and the run can be resumed), then SIGKILL.
    * serve is killed: the kernel sends the worker SIGTERM (PR_SET_PDEATHSIG, tied to the watching thread), which
      the worker asks for itself as it starts (`_als_takenwerker`). Not in a preexec_fn: that runs Python between
      fork and exec, and with it the fork handlers of gunicorn's control-socket thread, racing gunicorn's own forks.
    Messages go straight to file descriptor 1: gunicorn forks its workers from the main thread while this thread
    may be writing, and a buffered stream's lock held across a fork would hang the forked worker's first write.
    """

    EERSTE_PAUZE, LANGSTE_PAUZE, GEZOND_NA = 1.0, 60.0, 60.0

    def __init__(self):
        start = "from openvth.web.management.commands.serve import _als_takenwerker; _als_takenwerker()"
        self.opdracht = [sys.executable, "-c", start, str(os.getpid())]
        self.proces: subprocess.Popen | None = None
        self._eigenaar = os.getpid()
        self._stop = threading.Event()
        self._slot = threading.Lock()
        self._draad = threading.Thread(target=self._bewaak, name="takenwerker", daemon=True)

    def start(self) -> None:
        self._draad.start()

    def _meld(self, tekst: str) -> None:
        os.write(1, f"{tekst}\n".encode())

    def _bewaak(self) -> None:
        pauze = self.EERSTE_PAUZE
        while True:
            with self._slot:
                if self._stop.is_set():
                    return
                with _FORKSLOT:
                    self.proces = subprocess.Popen(self.opdracht)
            begin = time.monotonic()
            self._meld(f"Takenwerker gestart (pid {self.proces.pid}).")
            code = self.proces.wait()
            if self._stop.is_set():
                return
            if time.monotonic() - begin >= self.GEZOND_NA:
                pauze = self.EERSTE_PAUZE
            self._meld(f"Takenwerker (pid {self.proces.pid}) is gestopt (code {code}); herstart over {pauze:.0f} s.")
            if self._stop.wait(pauze):
                return
            pauze = min(2 * pauze, self.LANGSTE_PAUZE)

    def stop(self, wachten: float = 10.0) -> None:
        if os.getpid() != self._eigenaar:
            # A gunicorn worker: forked inside `run()`, it leaves through serve's `finally` too. The worker is not
            # its to stop, and the lock may have been held by the watching thread when it was forked.
            return
        with self._slot:
            self._stop.set()
            proces = self.proces
        if proces is not None and proces.poll() is None:
            for signaal, termijn in ((signal.SIGTERM, wachten), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                try:
                    proces.send_signal(signaal)
                    proces.wait(timeout=termijn)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._draad.join(timeout=5.0)


def _als_takenwerker() -> None:
    """The supervised worker's start: die with serve (its pid is the argument), then be `openvth db_worker`."""
    sterf_met_ouder(int(sys.argv[1]), signal.SIGTERM)
    main(["openvth", "db_worker", "--no-reload"])


class Command(BaseCommand):
    help = "Start de productieserver (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("OPENVTH_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OPENVTH_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("OPENVTH_THREADS", "4")))
        parser.add_argument(
            "--met-worker",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="start ook de takenwerker (standaard: alleen op de ingebouwde SQLite-database)",
        )

    def handle(self, *args, bind, workers, threads, met_worker, **opties):
        if met_worker is None:
            met_worker = not os.environ.get("DATABASE_URL")
        werker = None
        self.stdout.write(f"OpenVTH luistert op http://{bind} ({workers} workers × {threads} threads)")
        if met_worker:
            self.stdout.write("Takenwerker (imports op de achtergrond): herstart als hij stopt.")
        self.stdout.flush()
        if met_worker:
            werker = Takenwerker()
            werker.start()
        try:
            _Gunicorn(
                {
                    "bind": bind,
                    "workers": workers,
                    "threads": threads,
                    "worker_class": "gthread",
                    "accesslog": "-",
                    "logger_class": "openvth.web.gunicornlog.Logger",  # no feed secrets in the log
                    "timeout": 60,
                    "graceful_timeout": 10,
                    "post_fork": _gunicornworker_sterft_met_serve,
                }
            ).run()
        finally:
            if werker is not None:
                werker.stop()
