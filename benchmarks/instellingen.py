"""Production settings plus one URL: the bare Django view the throughput benchmark compares the API with."""

from openvth.conf.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
