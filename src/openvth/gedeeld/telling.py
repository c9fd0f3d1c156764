"""Counting a long list only as far as anyone reads it (ADR 0018), for the API's pages and the web's alike."""

from __future__ import annotations

from django.db import connections, transaction
from django.db.models import QuerySet


def tel_tot(queryset: QuerySet, grens: int) -> int:
    """The number of rows, counting no further than `grens`: only the ids, without joins for display.

    On PostgreSQL without parallel workers: the planner costs the filtered count as a scan of the whole match and
    starts workers, whose start-up (10–30 ms on a busy 2-core machine) exceeds reading a thousand rows; SET LOCAL
    ends with the transaction around it."""
    teller = queryset.select_related(None).prefetch_related(None).order_by().values("pk")[:grens]
    verbinding = connections[queryset.db]
    if verbinding.vendor != "postgresql":
        return teller.count()
    with transaction.atomic(using=queryset.db):
        with verbinding.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        return teller.count()
