"""`openvth serve`: the production server (gunicorn), bound to 127.0.0.1 unless told otherwise.

On the embedded database (no DATABASE_URL) it also runs the background-task worker beside it, so imports started
in the web proceed with one command (ARCHITECTURE.md §8); in production the worker runs as its own process
(`openvth db_worker`).
"""

import argparse
import os
import subprocess
import sys

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, opties: dict):
        self.opties = opties
        super().__init__()

    def load_config(self):
        for naam, waarde in self.opties.items():
            self.cfg.set(naam, waarde)

    def load(self):
        from openvth.conf.wsgi import application

        return application


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
        if met_worker:
            werker = subprocess.Popen([sys.executable, "-m", "openvth.cli", "db_worker", "--no-reload"])
            self.stdout.write("Takenwerker gestart (imports op de achtergrond).")
        self.stdout.write(f"OpenVTH luistert op http://{bind} ({workers} workers × {threads} threads)")
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
                }
            ).run()
        finally:
            if werker is not None:
                werker.terminate()
                werker.wait(timeout=10)
