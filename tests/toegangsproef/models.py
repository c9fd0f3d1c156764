import uuid

from django.db import models

from openvth.organisaties.models import Organisatie, Vertrouwelijkheid


class Proefrecord(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    titel = models.CharField(max_length=100)
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", null=True)
    vertrouwelijkheid = models.CharField(max_length=20, choices=Vertrouwelijkheid.choices)

    def __str__(self):
        return self.titel
