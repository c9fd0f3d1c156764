"""Requests (CIM VERZOEK) and the activities they concern; the procedure that follows comes later (issue 15).

A Verzoek is identified by Verzoeknummer + Verzoekvolgnummer (CIM): a supplement or a withdrawal is a new
volgnummer of the same number, never a change of an earlier one. Its kind (`soort`) is one of the four CIM request
kinds, chosen by the STAM Plichttype (CIM §5.3 rule 12); a toestemmingsaanvraag names what permission it asks for
(`subsoort`). The competent authority and the executing service are derived from the location and the activities
as the register derives them (`register.bevoegdheid`), and `afleiding` keeps why.

Access: a Verzoek carries the policy fields itself (bevoegd gezag, uitvoerder, vertrouwelijkheid; its municipality
through its location); a Verzoekactiviteit reads them through `verzoek__…` (see apps.py).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Organisatie, Vertrouwelijkheid


class Verzoeksoort(models.TextChoices):
    """The four CIM request kinds (VERZOEK is ingediend d.m.v.)."""

    TOESTEMMINGSAANVRAAG = "toestemmingsaanvraag", _("toestemmingsaanvraag")
    ACTIVITEITMELDING = "activiteitmelding", _("activiteitmelding")
    ACTIVITEITINFORMATIE = "activiteitinformatie", _("activiteitinformatie")
    INFORMATIE_ONGEWOON_VOORVAL = "informatie_ongewoon_voorval", _("informatie ongewoon voorval")


class Aanvraagsoort(models.TextChoices):
    """What a toestemmingsaanvraag asks for (STAM Plichttype: aanvraag vergunning, maatwerkvoorschrift,
    toestemming gelijkwaardige maatregel)."""

    OMGEVINGSVERGUNNING = "omgevingsvergunning", _("omgevingsvergunning")
    MAATWERKVOORSCHRIFT = "maatwerkvoorschrift", _("maatwerkvoorschrift")
    GELIJKWAARDIGE_MAATREGEL = "gelijkwaardige_maatregel", _("gelijkwaardige maatregel")


class Verzoekdoel(models.TextChoices):
    """STAM `Doel` of a VERZOEK: the first volgnummer submits, later ones supplement or withdraw."""

    INDIENEN = "indienen", _("indienen")
    AANVULLEN = "aanvullen", _("aanvullen")
    INTREKKEN = "intrekken", _("intrekken")


class Verzoekbron(models.TextChoices):
    """How the request reached us."""

    FORMULIER = "formulier", _("formulier")
    API = "api", "API"
    OMGEVINGSLOKET = "omgevingsloket", _("Omgevingsloket")


class Verzoekstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("ontvangen")


class Verzoek(models.Model):
    """One volgnummer of a request as received: its kind, place, applicant, activities and who handles it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoeknummer = models.CharField(
        max_length=13, help_text=_("Omgevingsloket: jjjjmmdd99999; anders RSIN en volgnummer")
    )
    verzoekvolgnummer = models.CharField(max_length=3, help_text=_("001 voor het verzoek, hoger voor aanvullingen"))
    soort = models.CharField(max_length=30, choices=Verzoeksoort.choices)
    subsoort = models.CharField(max_length=30, choices=Aanvraagsoort.choices, blank=True)
    doel = models.CharField(max_length=10, choices=Verzoekdoel.choices, default=Verzoekdoel.INDIENEN)
    ontvangen_op = models.DateField(help_text=_("de dag van ontvangst: daarna loopt de beslistermijn"))
    omschrijving = models.TextField(blank=True)
    aanvrager = models.ForeignKey(
        "register.Betrokkene", on_delete=models.PROTECT, related_name="verzoeken", help_text=_("CIM: initiatiefnemer")
    )
    locatie = models.ForeignKey("register.Locatie", on_delete=models.PROTECT, related_name="verzoeken")
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    afleiding = models.TextField(help_text=_("waarom dit bevoegd gezag en deze uitvoerder"))
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.INTERN, db_index=True
    )
    bijlagen = models.JSONField(default=list, blank=True, help_text=_("naam, mediatype en SHA-256 per bijlage"))
    bron = models.CharField(max_length=20, choices=Verzoekbron.choices)
    bericht = models.JSONField(null=True, blank=True, help_text=_("het ontvangen bericht, zoals het binnenkwam"))
    bericht_sha256 = models.CharField(max_length=64, blank=True, help_text=_("SHA-256 van het bericht"))
    status = models.CharField(max_length=20, choices=Verzoekstatus.choices, default=Verzoekstatus.ONTVANGEN)
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(fields=["bevoegd_gezag", "id"], name="verzoek_bevoegd_gezag_id"),
            models.Index(fields=["uitvoerder", "id"], name="verzoek_uitvoerder_id"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["verzoeknummer", "verzoekvolgnummer"], name="verzoek_nummer_volgnummer"),
            models.CheckConstraint(
                condition=Q(soort="toestemmingsaanvraag", subsoort__gt="")
                | (~Q(soort="toestemmingsaanvraag") & Q(subsoort="")),
                name="verzoek_subsoort_alleen_bij_toestemmingsaanvraag",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verzoeknummer}-{self.verzoekvolgnummer} {self.get_soort_display()}"


class Verzoekactiviteit(models.Model):
    """An activity of the catalogue that a request concerns (CIM: betreft uitvoering van type van ACTIVITEIT)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="activiteiten")
    activiteit = models.ForeignKey("register.Activiteit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("verzoekactiviteit")
        verbose_name_plural = _("verzoekactiviteiten")
        ordering = ["verzoek_id", "activiteit__code"]
        constraints = [models.UniqueConstraint(fields=["verzoek", "activiteit"], name="verzoekactiviteit_uniek")]

    def __str__(self) -> str:
        return f"{self.verzoek} — {self.activiteit.code}"
