"""Static files in production: only the npm files the pages use, and a deploy check that they were collected.

Production serves static files from the manifest that `collectstatic` writes (whitenoise's
CompressedManifestStaticFilesStorage). Without that manifest every `{% static %}` raises and every HTML page is a
500, so `openvth check --deploy` refuses a deployment that has none, or one older than the code.

The npm packages are not collected whole: a package ships more than the pages use, and some of it cannot be
collected at all (`@utrecht/design-tokens` has a `background-image-icon.css` whose url()s name SVG files the
package does not contain; the manifest storage aborts on such a reference). `OPENVTH_NPM_BESTANDEN` in the
settings lists, per package, the files we serve; this finder shows only those.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Tags, register


def _toegestaan(prefix: str, pad: str) -> bool:
    return any(fnmatchcase(pad, patroon) for patroon in settings.OPENVTH_NPM_BESTANDEN.get(prefix, ()))


class NpmFinder(finders.FileSystemFinder):
    """STATICFILES_DIRS (one npm package's dist folder per prefix), limited to the files OPENVTH_NPM_BESTANDEN
    names: a package that is not listed serves nothing."""

    def find_location(self, root, path, prefix=None):
        if not prefix or not path.startswith(prefix + os.sep) or not _toegestaan(prefix, path[len(prefix) + 1 :]):
            return None
        return super().find_location(root, path, prefix)

    def list(self, ignore_patterns):
        for pad, opslag in super().list(ignore_patterns):
            if _toegestaan(opslag.prefix, pad):
                yield pad, opslag


@register(Tags.staticfiles, deploy=True)
def manifest_compleet(app_configs=None, **kwargs):
    """Deploy check: the manifest exists and names every file the finders (the code) provide."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    hint = "Voer `openvth collectstatic --noinput` uit na `npm ci` (docs/beheer.md)."
    geladen, _hash = staticfiles_storage.load_manifest()
    if not geladen:
        return [
            Error(
                f"Er is geen manifest van de statische bestanden in {settings.STATIC_ROOT}: elke HTML-pagina geeft "
                "een serverfout.",
                hint=hint,
                id="openvth.E001",
            )
        ]
    fouten = []
    for prefix, patronen in settings.OPENVTH_NPM_BESTANDEN.items():
        for patroon in patronen:
            if not any(fnmatchcase(pad, f"{prefix}/{patroon}") for pad in geladen):
                fouten.append(
                    Error(
                        f"Het npm-bestand {prefix}/{patroon} ontbreekt in de verzamelde statische bestanden.",
                        hint=hint,
                        id="openvth.E002",
                    )
                )
    negeren = apps.get_app_config("staticfiles").ignore_patterns
    gevonden = {
        os.path.join(getattr(opslag, "prefix", None) or "", pad)
        for finder in finders.get_finders()
        for pad, opslag in finder.list(negeren)
    }
    ontbrekend = sorted(gevonden - set(geladen))
    if ontbrekend:
        fouten.append(
            Error(
                f"De verzamelde statische bestanden zijn ouder dan de code: {len(ontbrekend)} ontbreken, o.a. "
                + ", ".join(ontbrekend[:5])
                + ".",
                hint=hint,
                id="openvth.E003",
            )
        )
    return fouten
