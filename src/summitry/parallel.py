"""Extraction on several cores, or machines: an ordered map over workers with a bounded queue.

Results come back in input order, so output, storage and events do not depend on the number of
workers; at most `ahead` inputs are in flight at once, so memory stays bounded whatever the input
size. Local workers are processes; where the platform can fork, they are forked after the caller
has loaded the language data (`pipeline.warm_up`), so they share it instead of each paying the
start-up again. Beyond one machine the same map runs on a Dask distributed cluster (the address of
its scheduler): Dask, not Ray, because it is a pure-Python install from PyPI, runs a cluster from a
shell command per machine (`dask scheduler`, `dask worker ADDRESS`), and its futures are all this
map needs. Each worker needs summitry installed; the store stays with the caller.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from summitry.errors import SummitryError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 8  # enough to keep every worker busy while the caller stores results
BATCH = 4  # inputs sent to a worker at once: a task's round trip costs the caller more than a document's pickle
CONNECT_TIMEOUT_SECONDS = 10


def available_cores() -> int:
    """The cores this process may run on (what `--workers` defaults to)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int, *,
                ahead: int | None = None, cluster: str | None = None) -> Iterator[R]:
    """fn over items in `workers` processes (in this one when workers ≤ 1), or on the Dask cluster
    whose scheduler is at `cluster`; results in input order.

    `fn` must be a module-level function that returns its errors rather than raising them: an
    exception that cannot be pickled would otherwise end the whole map.
    """
    if cluster:
        yield from _on_cluster(fn, items, cluster, ahead)
        return
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    ahead = ahead or IN_FLIGHT_PER_WORKER * workers
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _in_batches(lambda batch: pool.submit(_apply, fn, batch), items, ahead, workers)


def _apply(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    """fn over a batch of inputs, in a worker."""
    return [fn(item) for item in batch]


def _in_batches(submit: Callable[[list[T]], Any], items: Iterable[T], ahead: int, workers: int) -> Iterator[Any]:
    """`_in_order` over batches of inputs: as many inputs in flight, fewer round trips.

    A batch is small enough that every worker has at least two in flight.
    """
    size = max(1, min(BATCH, ahead // (2 * workers)))
    for results in _in_order(submit, _batched(items, size), max(1, ahead // size)):
        yield from results


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _on_cluster(fn: Callable[[T], R], items: Iterable[T], address: str, ahead: int | None) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError:
        raise SummitryError("--cluster needs Dask distributed: pip install 'summitry[distributed]'") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise SummitryError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        cores = sum(client.nthreads().values()) or 1
        # pure=False: the same input twice is two tasks (Dask would otherwise share their result)
        yield from _in_batches(lambda batch: client.submit(_apply, fn, batch, pure=False), items,
                               ahead or IN_FLIGHT_PER_WORKER * cores, cores)


def _in_order(submit: Callable[[T], Any], items: Iterable[T], ahead: int) -> Iterator[Any]:
    """Each item's future's result in input order, with at most `ahead` submitted and not yet taken."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
