"""The identity of a text, shared by the store and the importer without loading SQLite."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    """The same hash the engine reports as `Report.input_sha256`: SHA-256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
