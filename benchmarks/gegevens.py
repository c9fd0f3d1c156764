"""The import file of the benchmark: the generated national register written out as an `openvth`-profile CSV.

Why from the generated data and not a second generator: the rows are then realistic in every respect the importer
checks (CBS codes, KvK and vestigingsnummers, RD coordinates inside the Netherlands, qualifications the catalogue
allows, the authority rules), so the benchmark measures the importer's normal path and not its refusals. Only the
current version of each activity execution is written (a file holds the present, not the history).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import connection

KOLOMMEN = (
    "bron_id",
    "vth_object_id",
    "activiteit",
    "naam",
    "kvk_nummer",
    "vestigingsnummer",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats",
    "gemeente",
    "x",
    "y",
    "bevoegd_gezag",
    "toezichtinstantie",
    "kwalificaties",
    "status",
    "legitimatie",
    "ontstaansdatum",
    "beeindigingsdatum",
    "vertrouwelijkheid",
)

_SQL = """
SELECT u.bron_id, o.lokaal_id, a.code, o.naam, COALESCE(b.kvk_nummer, ''), COALESCE(b.vestigingsnummer, ''),
       l.straat, l.huisnummer, l.huisletter, l.huisnummertoevoeging, l.postcode, l.woonplaats, g.code, l.x, l.y,
       bg.code, ti.code, u.kwalificatiecodes, u.status, u.legitimatie, u.ontstaansdatum, u.beeindigingsdatum,
       u.vertrouwelijkheid
FROM register_activiteituitvoering u
JOIN register_vthobject o ON o.id = u.vth_object_id
JOIN register_locatie l ON l.id = o.locatie_id
JOIN register_activiteit a ON a.id = u.activiteit_id
JOIN organisaties_organisatie g ON g.id = l.gemeente_id
JOIN organisaties_organisatie bg ON bg.id = u.bevoegd_gezag_id
JOIN organisaties_organisatie ti ON ti.id = u.toezichtinstantie_id
LEFT JOIN register_betrokkene b ON b.id = o.vestiging_id
WHERE u.geldig_tot IS NULL AND u.afgevoerd_op IS NULL
ORDER BY u.id
"""


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        return repr(waarde)
    return str(waarde)


def schrijf_importbestand(pad: Path, *, limiet: int | None = None) -> int:
    """Write the current register of the default database to `pad`; returns the number of data rows."""
    sql = _SQL + (f" LIMIT {int(limiet)}" if limiet else "")
    aantal = 0
    with pad.open("w", encoding="utf-8", newline="") as f, connection.cursor() as cursor:
        schrijver = csv.writer(f, lineterminator="\n")
        schrijver.writerow(KOLOMMEN)
        cursor.execute(sql)
        while rijen := cursor.fetchmany(10_000):
            for rij in rijen:
                waarden = [_tekst(v) for v in rij]
                waarden[17] = waarden[17].strip(";")  # ";a;b;" as stored → "a;b" as a file has it
                schrijver.writerow(waarden)
            aantal += len(rijen)
    return aantal


def deelbestand(bron: Path, doel: Path, aantal: int) -> int:
    """The first `aantal` data rows of `bron` (with its header) in `doel`; returns the rows written."""
    geschreven = 0
    with bron.open(encoding="utf-8", newline="") as invoer, doel.open("w", encoding="utf-8", newline="") as uitvoer:
        uitvoer.write(invoer.readline())
        for regel in invoer:
            if geschreven >= aantal:
                break
            uitvoer.write(regel)
            geschreven += 1
    return geschreven
