"""Validated batches of an import, read and validated in a second process while this one writes the previous batch.

Why: reading and validating a row (CSV parsing, identifiers, authority rules, coordinates) is pure Python and
takes about a quarter of an import's time; writing is the database's and this process's. On two or more cores the
two halves overlap. The child is forked after the run's reference data is loaded, so it validates with exactly the
same `Validator` and never touches the database connection; it sends each batch's `Rij` objects back with their
organisations and activity replaced by primary keys (pickling model instances would cost more than validating),
and the parent puts its own instances back. The pipe's buffer is the backpressure: the child runs at most about a
batch ahead, so memory stays flat. Without `fork` (another OS), on one core, or in a process with other threads
(forking those is unsafe), the same batches come from this process.

The child never outlives the importer: Linux sends it SIGKILL when the importing thread ends, however it ends
(`ouder.sterf_met_ouder`, prctl PR_SET_PDEATHSIG), and it closes its inherited copy of the pipe's reading end, so that
elsewhere a send to a dead parent fails (EPIPE) instead of blocking forever on a full pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from itertools import islice

from .lezen import Bronrij
from .ouder import sterf_met_ouder
from .validatie import Rij, Validator

ORGANISATIEVELDEN = ("gemeente", "bevoegd_gezag", "toezichtinstantie")


def kan_parallel() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


def batches(validator: Validator, rijen: Iterable[Bronrij], grootte: int, *, parallel: bool) -> Iterator[list[Rij]]:
    """The validated rows of `rijen`, `grootte` at a time, in order (one `Rij` per source row)."""
    if parallel:
        yield from _uit_werker(validator, rijen, grootte)
        return
    rijen = iter(rijen)
    while blok := list(islice(rijen, grootte)):
        yield validator.valideer_batch(blok)


class _Einde:
    pass


def _werker(validator: Validator, rijen: Iterable[Bronrij], grootte: int, zender, ontvanger, ouder: int) -> None:
    sterf_met_ouder(ouder)
    ontvanger.close()  # the parent's end: held here too, a dead parent's pipe would never report EPIPE
    try:
        rijen = iter(rijen)
        while blok := list(islice(rijen, grootte)):
            gevalideerd = validator.valideer_batch(blok)
            for rij in gevalideerd:
                for veld in ORGANISATIEVELDEN:
                    if (org := getattr(rij, veld)) is not None:
                        setattr(rij, veld, org.pk)
                if rij.activiteit is not None:
                    rij.activiteit = rij.activiteit.pk
            zender.send(gevalideerd)
        zender.send(_Einde())
    except BrokenPipeError:
        pass  # the parent is gone (or stopped reading): nobody to tell
    except BaseException as fout:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            zender.send(fout)
        except OSError:
            pass
    finally:
        zender.close()


def _uit_werker(validator: Validator, rijen: Iterable[Bronrij], grootte: int) -> Iterator[list[Rij]]:
    organisaties = validator.ref.per_id
    activiteiten = {a.pk: a for a in validator.ref.activiteiten.values()}
    context = multiprocessing.get_context("fork")
    ontvanger, zender = context.Pipe(duplex=False)
    werker = context.Process(
        target=_werker, args=(validator, rijen, grootte, zender, ontvanger, os.getpid()), daemon=True
    )
    werker.start()
    zender.close()
    try:
        while True:
            try:
                bericht = ontvanger.recv()
            except EOFError:
                melding = f"Het leesproces van de import stopte onverwacht (code {werker.exitcode})."
                raise RuntimeError(melding) from None
            if isinstance(bericht, _Einde):
                return
            if isinstance(bericht, BaseException):
                raise bericht
            for rij in bericht:
                for veld in ORGANISATIEVELDEN:
                    if (pk := getattr(rij, veld)) is not None:
                        setattr(rij, veld, organisaties[pk])
                if rij.activiteit is not None:
                    rij.activiteit = activiteiten[rij.activiteit]
            yield bericht
    finally:
        ontvanger.close()
        if werker.is_alive():
            werker.kill()
        werker.join()
