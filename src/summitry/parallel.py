"""Extraction on several cores: an ordered map over worker processes with a bounded queue.

Results come back in input order, so output, storage and events do not depend on the number of
workers; at most `ahead` inputs are in flight at once, so memory stays bounded whatever the input
size. Where the platform can fork, workers are forked after the caller has loaded the language
data (`pipeline.warm_up`), so they share it instead of each paying the start-up again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 8  # enough to keep every worker busy while the caller stores results


def available_cores() -> int:
    """The cores this process may run on (what `--workers` defaults to)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int, *,
                ahead: int | None = None) -> Iterator[R]:
    """fn over items in `workers` processes (in this one when workers ≤ 1), results in input order.

    `fn` must be a module-level function that returns its errors rather than raising them: an
    exception that cannot be pickled would otherwise end the whole map.
    """
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    ahead = ahead or IN_FLIGHT_PER_WORKER * workers
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
