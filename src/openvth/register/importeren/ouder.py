"""A child process that dies with its parent: the validating process of an import (pijplijn.py) and the task
worker beside `openvth serve`. Without it, a parent killed with SIGKILL leaves its child running for ever (the
validator blocked on a full pipe, the worker polling its queue).

Free of Django and of the rest of the package, so that a process can ask for it before Django is set up.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()  # looked up once, in the parent: a forked child only calls it


def sterf_met_ouder(ouder: int, signaal: int = signal.SIGKILL) -> None:
    """Have this process receive `signaal` when its parent ends, even by SIGKILL (Linux, prctl PR_SET_PDEATHSIG;
    elsewhere only the check below). A parent that already ended before the request was made is acted on at once.

    Linux ties the signal to the parent *thread* that forked: fork from a thread that lives as long as the child
    should (the importing thread; the thread of `openvth serve` that supervises the worker)."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, int(signaal), 0, 0, 0)
    if os.getppid() != ouder:
        os.kill(os.getpid(), signaal)
