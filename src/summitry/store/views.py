"""Read-only views over the stored extractions, for listings across documents (quotes, actors)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


class ExtractionViews:
    """Mixed into Store: the extraction records of the current documents, with their metadata."""

    def current_extractions(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """Read-only: (document metadata, extraction record) of every current, extracted document, by id.

        One query rather than a `lookup` per document: listings read every record but need
        neither the texts nor the offset maps.
        """
        rows = self._rows(
            "SELECT d.id, d.language, d.published, d.title, e.record FROM documents d"
            " JOIN extractions e ON e.document_row = d.row_id WHERE d.current = 1 ORDER BY d.id")
        for r in rows:
            yield ({"id": r["id"], "language": r["language"], "published": r["published"], "title": r["title"]},
                   json.loads(r["record"]))
