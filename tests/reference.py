"""Reference implementations the tests compare fast code against."""

from __future__ import annotations


def runs_by_walking(starts, ends):
    """The offset map's runs, character by character (the reference for OffsetMap.from_arrays)."""
    runs, i, n = [], 0, len(starts)
    while i < n:
        j = i + 1
        if ends[i] - starts[i] == 1:
            while j < n and starts[j] == starts[j - 1] + 1 and ends[j] - starts[j] == 1:
                j += 1
            runs.append((i, j, starts[i], ends[j - 1], 1))
        else:
            while j < n and starts[j] == starts[i] and ends[j] == ends[i]:
                j += 1
            runs.append((i, j, starts[i], ends[i], 0))
        i = j
    return tuple(runs)
