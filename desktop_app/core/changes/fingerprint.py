"""Whether the policy data changed since the saved enterprises were last checked: a digest of
what evaluation reads (the bundled data's version, the imported documents and their versions,
every measure's rules) and the date, since a document can pass its end date overnight."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Protocol

from desktop_app.core.eligibility.rules import MeasureRules
from desktop_app.core.model import Document


class _Data(Protocol):
    @property
    def data_version(self) -> str: ...

    @property
    def documents(self) -> list[Document]: ...

    def rules(self) -> dict[str, MeasureRules]: ...


def data_fingerprint(data: _Data, on: date) -> str:
    digest = hashlib.sha256(f"{data.data_version}|{on.isoformat()}".encode())
    for doc in sorted(data.documents, key=lambda d: d.id):
        digest.update(f"|{doc.id}:{doc.version}:{doc.imported}:{doc.source_sha256}".encode())
    for item_id, rules in sorted(data.rules().items()):
        digest.update(f"|{item_id}:{rules!r}".encode())
    return digest.hexdigest()[:16]
