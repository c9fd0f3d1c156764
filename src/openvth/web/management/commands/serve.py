"""`openvth serve`: the production server (gunicorn), bound to 127.0.0.1 unless told otherwise."""

import os

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

    def handle(self, *args, bind, workers, threads, **opties):
        self.stdout.write(f"OpenVTH luistert op http://{bind} ({workers} workers × {threads} threads)")
        _Gunicorn({
            "bind": bind, "workers": workers, "threads": threads, "worker_class": "gthread",
            "accesslog": "-", "timeout": 60, "graceful_timeout": 10,
        }).run()
