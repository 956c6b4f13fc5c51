"""Domain errors. The CLI turns each into one line naming the input and the problem."""

from __future__ import annotations


class SummitryError(Exception):
    """Base class for errors the user can act on."""


def problem_of(exc: BaseException) -> str:
    """One line for what went wrong with one input: our own errors say it, an OS error has its
    reason, anything else is an internal error named with its type."""
    if isinstance(exc, SummitryError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"internal error ({type(exc).__name__}: {exc})"


class InputError(SummitryError):
    """One input (file, line, URL) cannot be read; the batch goes on without it."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self):  # rebuilt from its two fields when it comes back from a worker process
        return InputError, (self.source, self.problem)


class NoSuchDocument(SummitryError):
    def __init__(self, ref: str):
        super().__init__(f"no document '{ref}' in the store (see `summitry documents`)")
        self.ref = ref


class StoreError(SummitryError):
    """The store cannot be opened or is of an unknown schema version."""


class DataFileError(SummitryError):
    """A packaged language data file is missing or malformed."""


class NoSuchEvent(SummitryError):
    def __init__(self, ref: str, matches: list[str] | None = None):
        if matches:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            msg = f"'{ref}' matches {len(matches)} events ({shown}): give more of the id"
        else:
            msg = f"no event '{ref}' in the store (see `summitry events`)"
        super().__init__(msg)
        self.ref = ref
        self.matches = list(matches or [])


class BadQuery(SummitryError, ValueError):
    """A search query or its paging that cannot be run (no words, limit out of range)."""


class NoSuchActor(SummitryError):
    def __init__(self, ref: str):
        super().__init__(f"no actor '{ref}' in the store or the gazetteer (a Wikidata id, or 'name:<name>')")
        self.ref = ref
