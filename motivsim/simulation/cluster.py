"""Dask clusters for :func:`~motivsim.simulation.simulate` (and ``check``, ``compare``,
``collect``, ``distribution_data``, which take its ``executor=`` too): one started here, or a
scheduler's.

``pip install 'motivsim[dask]'`` installs Dask distributed; it is imported only when a cluster
is asked for. :func:`dask_cluster` starts a ``distributed.LocalCluster`` of worker processes
(``"local"``) or connects to a running scheduler (``"tcp://host:8786"``), and yields the
cluster's ``concurrent.futures`` executor with its number of worker threads; leaving the
``with`` block closes the client (and the local cluster). What goes to the workers pickles: a
:class:`~motivsim.scheme.model.Scheme` without its cached evaluators, a prepared job as its
:class:`~motivsim.simulation.job.Job` (compiled again, once, on each worker).

Examples
--------
>>> import motivsim
>>> from motivsim.simulation.cluster import dask_cluster
>>> scheme = motivsim.load("schemes/team_dealership.toml")
>>> with dask_cluster("local", workers=2) as cluster:  # doctest: +SKIP
...     result = motivsim.simulate(scheme, runs=1_000_000, periods=12, seed=7,
...                                executor=cluster.executor, workers=cluster.workers)
...     report = motivsim.check(scheme, samples=1_000_000, seed=7, executor=cluster.executor)
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Final

from motivsim.errors import ArgumentError, MotivsimError
from motivsim.limits import DASK_TIMEOUT
from motivsim.simulation.job import MAX_WORKERS
from motivsim.validation import check_int

__all__ = ["CONNECT_TIMEOUT", "LOCAL", "Cluster", "ClusterError", "dask_cluster", "local_workers"]

#: The address that asks for a cluster started on this machine.
LOCAL: Final = "local"
#: Seconds to wait for a scheduler (and for a started cluster's workers) by default.
CONNECT_TIMEOUT: Final = DASK_TIMEOUT
#: Most worker processes of a local cluster.
MAX_LOCAL_WORKERS: Final = 256
#: A scheduler's address: ``[PROTOCOL://]HOST:PORT`` (an IPv6 host in brackets).
_ADDRESS: Final = re.compile(
    r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):\d{1,5}"
)
#: What to do when Dask distributed is missing.
INSTALL_HINT: Final = "install it with pip install 'motivsim[dask]'"


class ClusterError(MotivsimError):
    """Dask is not installed, or a cluster cannot be started or its scheduler reached."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """A joined Dask cluster: where to submit tasks, and how many can run at once."""

    #: ``client.get_executor()``: pass it as ``simulate(..., executor=)``.
    executor: Executor
    #: Worker threads of the cluster when it was joined: pass it as ``simulate(..., workers=)``
    #: (at most 256), which keeps about twice as many tasks in flight.
    threads: int
    #: ``"a local Dask cluster of 2 worker processes"`` or ``"the Dask scheduler at ..."``.
    description: str
    #: The ``distributed.Client`` (for its dashboard link, task stream, ...).
    client: Any

    @property
    def workers(self) -> int:
        """:attr:`threads`, from 1 to :data:`~motivsim.simulation.MAX_WORKERS`: what to pass as
        ``simulate(..., workers=)`` (and ``collect``, ``distribution_data``) with
        :attr:`executor`."""
        return max(1, min(self.threads, MAX_WORKERS))


def local_workers() -> int:
    """Worker processes a local cluster starts by default: one per CPU this process may use."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_LOCAL_WORKERS))


@contextmanager
def dask_cluster(
    address: str, *, workers: int | None = None, timeout: float = CONNECT_TIMEOUT
) -> Iterator[Cluster]:
    """Join a Dask cluster for the time of a ``with`` block.

    Parameters
    ----------
    address : str
        ``"local"`` starts a ``distributed.LocalCluster`` of worker processes (one thread
        each) on this machine; any other value is a scheduler's address, such as
        ``"tcp://scheduler:8786"``.
    workers : int, optional
        Worker processes of a local cluster (default: :func:`local_workers`); only with
        ``"local"`` (a running cluster has the workers it has).
    timeout : float
        Seconds to wait for the scheduler, or for a local cluster's workers to start.

    Raises
    ------
    ClusterError
        Dask distributed is not installed, the scheduler cannot be reached in ``timeout``
        seconds, it has no workers, or a local cluster cannot start.
    ArgumentError
        ``workers`` or ``timeout`` is out of range, or ``workers`` is given with an address.
    """
    if not isinstance(address, str) or not address.strip():
        raise ArgumentError(
            f"a Dask cluster is 'local' or a scheduler's address, got {address!r}",
            hint="e.g. --dask local, or --dask tcp://scheduler:8786",
        )
    address = address.strip()
    local = address == LOCAL
    if not local and not _ADDRESS.fullmatch(address):
        raise ArgumentError(
            f"a Dask cluster is 'local' or a scheduler's address "
            f"[PROTOCOL://]HOST:PORT, got {address!r}",
            hint="e.g. --dask local, or --dask tcp://scheduler:8786",
        )
    if workers is not None and not local:
        raise ArgumentError(
            "the number of workers is chosen only for a local cluster (--dask local); "
            f"the cluster at {address} has the workers it was started with"
        )
    count = local_workers() if workers is None else check_int("workers", workers, least=1)
    if count > MAX_LOCAL_WORKERS:
        raise ArgumentError(f"a local cluster has at most {MAX_LOCAL_WORKERS} workers, got {count}")
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise ArgumentError(f"the timeout must be a number of seconds > 0, got {timeout!r}")
    distributed = _import_distributed()
    with ExitStack() as stack:
        if local:
            client = _start_local(distributed, stack, count, float(timeout))
            description = f"a local Dask cluster of {count} worker process{'es' * (count > 1)}"
        else:
            client = _connect(distributed, stack, address, float(timeout))
            description = f"the Dask scheduler at {address}"
        threads = sum(client.nthreads().values())
        executor = client.get_executor()
        try:
            yield Cluster(executor, threads, description, client)
        except BaseException:
            executor.shutdown(wait=False)  # cancel what is still queued or running
            raise
        executor.shutdown(wait=True)


def _import_distributed() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError as exc:
        raise ClusterError(
            f"a Dask cluster needs Dask distributed, which is not installed ({exc})",
            hint=INSTALL_HINT,
        ) from None
    return distributed


def _start_local(distributed: Any, stack: ExitStack, workers: int, timeout: float) -> Any:
    """A client of a new local cluster (bound to this machine only, no dashboard).

    Its workers keep glibc's default memory allocation: Dask starts worker processes with
    ``MALLOC_TRIM_THRESHOLD_=65536``, which returns freed memory to the system at once and
    so maps and faults every large numpy temporary anew; a simulation then runs 2.4 times
    slower per manager-period (measured: benchmarks/README.md).
    """
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,  # no dashboard; its HTTP server on any free port:
                scheduler_kwargs={"dashboard_address": ":0"},  # not on 8787, maybe in use
                silence_logs=logging.ERROR,
            )
    except Exception as exc:
        raise ClusterError(f"could not start a local Dask cluster: {_reason(exc)}") from None
    stack.callback(cluster.close)
    client = distributed.Client(cluster, set_as_default=False)
    stack.callback(client.close)
    _wait_for_workers(client, workers, timeout, "the local Dask cluster")
    return client


def _connect(distributed: Any, stack: ExitStack, address: str, timeout: float) -> Any:
    """A client of the scheduler at ``address``, which has at least one worker."""
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # OSError (refused, timed out), ValueError (address), ...
        raise ClusterError(
            f"could not connect to the Dask scheduler at {address}: {_reason(exc)}",
            hint="is the scheduler running and reachable from here? "
            "(start one with: dask scheduler, then dask worker tcp://HOST:8786 on each node)",
        ) from None
    stack.callback(client.close)
    _wait_for_workers(client, 1, timeout, f"the Dask scheduler at {address}")
    return client


def _wait_for_workers(client: Any, count: int, timeout: float, what: str) -> None:
    try:
        client.wait_for_workers(count, timeout=timeout)
    except Exception as exc:
        have = len(client.nthreads())
        raise ClusterError(
            f"{what} has {have} worker{'s' * (have != 1)} after {timeout:g} s, "
            f"needs {count}: {_reason(exc)}",
            hint="start workers (dask worker ADDRESS), or wait longer (--dask-timeout SECONDS)",
        ) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
