"""Test settings: the application's own settings plus a probe record kind for the access matrix."""

from openvth.conf.settings import *  # noqa: F403
from openvth.conf.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.toegangsproef"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
# Background tasks (imports from the web) run at once in tests, in the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
