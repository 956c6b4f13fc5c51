"""Contacts from annotations.

STUB: replaced by the implementation.
"""

from __future__ import annotations

from summitry.records import Contact, Extraction


def extract_contacts(ex: Extraction) -> list[Contact]:
    """Every contact the document reports, the main one flagged."""
    return []
