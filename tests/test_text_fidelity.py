"""No source text is lost or changed: every sentence of each source is in the database, and
every item's text is a passage of its source."""

from __future__ import annotations

import re

import pytest

from desktop_app import paths
from desktop_app.core.sources.fujian_work_plan import read_strings
from desktop_app.core.store import PolicyStore

# Layout, not content: the table's header cells and the page footer.
ARTIFACTS = {"序号", "我市责任单位", "—3—"}
_SENTENCE_END = re.compile(r"(?<=[。；！？：])")


def _squash(text: str) -> str:
    return "".join(text.split())


def _source_sentences(document_id: str, text: str) -> list[str]:
    lines = read_strings(text) if document_id == "fj2019" else text.splitlines()
    sentences = []
    for line in lines:
        for piece in _SENTENCE_END.split(_squash(line)):
            if piece and piece not in ARTIFACTS:
                sentences.append(piece)
    return sentences


def _corpus(store: PolicyStore, document_id: str) -> str:
    doc = store.document(document_id)
    assert doc is not None
    parts = [doc.title, *doc.evidence.values()]
    for item in store.items(document_id):
        parts += [item.text, *item.path, item.departments_text or ""]
        if item.article:
            parts.append(item.article)
    return "\n".join(_squash(p) for p in parts)


@pytest.mark.parametrize("document_id", ["fj2019", "xm", "sm", "hb2019", "yj2020"])
def test_every_source_sentence_is_in_the_database(store: PolicyStore, document_id: str) -> None:
    doc = store.document(document_id)
    assert doc is not None
    source = (paths.documents_dir() / doc.source_file).read_text("utf-8")
    corpus = _corpus(store, document_id)
    missing = [s for s in _source_sentences(document_id, source) if s not in corpus]
    assert missing == []


@pytest.mark.parametrize("document_id", ["xm", "sm", "hb2019", "yj2020"])
def test_every_item_text_is_a_passage_of_its_source(store: PolicyStore, document_id: str) -> None:
    doc = store.document(document_id)
    assert doc is not None
    source = _squash((paths.documents_dir() / doc.source_file).read_text("utf-8"))
    for item in store.items(document_id):
        assert _squash(item.text) in source, item.id


def test_fujian_item_texts_are_source_strings_joined(store: PolicyStore) -> None:
    strings = read_strings(
        (paths.documents_dir() / "fujian-2019-sme-work-plan.txt").read_text("utf-8")
    )
    joined = "".join(strings)
    for item in store.items("fj2019"):
        if item.kind == "preamble":
            assert all(line in strings for line in item.text.split("\n"))
            continue
        # the only addition the database makes is 《》 around a re-joined title, and it says so
        plain = item.text
        if "补回书名号" in " ".join(item.source_notes):
            plain = plain.replace("《", "").replace("》", "")
        assert plain in joined, item.id
