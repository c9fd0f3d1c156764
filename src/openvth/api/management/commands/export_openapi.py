"""`openvth export-openapi`: print the OpenAPI 3.1 document of API v1 (`make openapi` writes openapi.json)."""

from django.core.management.base import BaseCommand

from openvth.api.v1 import openapi_tekst


class Command(BaseCommand):
    help = "Schrijf het OpenAPI-document van API v1 naar stdout."

    def handle(self, *args, **opties):
        self.stdout.write(openapi_tekst(), ending="")
