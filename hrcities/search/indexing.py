"""Keeping the index in step with the records: one record at a time from signals (in the
record's own transaction), or whole kinds at once for `hrcities reindex`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from hrcities.core.background import Worker
from hrcities.core.gathering import gathered, pending

from . import facetcodes, passages, semantic, vectors
from .analysis import analysed_text, prime_korean
from .models import SearchDocument, SearchLabel, SearchPassage
from .registry import KINDS, SHARED_SOURCES, DocumentData, Kind, Source, kind_for_model

Progress = Callable[[str, int, int], None]


def tag_labels(record: models.Model) -> list[str]:
    """Return the tag labels of a record for the index, with the goal of every SDG target.

    Accepted tags give "sdg:16"; suggestions not yet confirmed give "sdg~:16", which
    search counts and filters on only when the reader asks for suggested tags too. A goal
    already accepted is not also listed as suggested, so the two never count twice.
    """
    from hrcities.taxonomy.models import Tagging, TagStatus

    taggings = getattr(record, "taggings", None)
    if taggings is not None:
        rows = [(t.label, t.status) for t in taggings.all()]
    else:
        rows = list(Tagging.objects.for_record(record).values_list("label", "status"))
    accepted = _with_goals([label for label, status in rows if status == TagStatus.ACCEPTED])
    suggested = _with_goals([label for label, status in rows if status == TagStatus.SUGGESTED])
    return sorted(accepted) + sorted(suggested_label(label) for label in suggested - accepted)


def _with_goals(labels: list[str]) -> set[str]:
    goals = {
        "sdg:" + label.split(":", 1)[1].split(".")[0]
        for label in labels
        if label.startswith("sdg-target:")
    }
    return set(labels) | goals


def suggested_label(label: str) -> str:
    """Return the index label of a suggested tag: "sdg:16" becomes "sdg~:16"."""
    facet, _, value = label.partition(":")
    return f"{facet}{SUGGESTED}:{value}"


SUGGESTED = "~"


def labels_of(kind: str, data: DocumentData) -> set[str]:
    labels = {f"kind:{kind}", *data.labels}
    if data.city is not None:
        labels.add(f"city:{data.city.slug}")
    if data.language:
        labels.add(f"lang:{data.language}")
    if data.date_start:
        labels.add(f"decade:{data.date_start.year // 10 * 10}s")
    return {label[:160] for label in labels if label}


def _fields(kind: str, pk: int, data: DocumentData) -> dict[str, Any]:
    language = data.language or ""
    title_tokens = analysed_text(data.title, language)
    body_tokens = analysed_text(f"{data.text}\n{data.extra}", language)
    return {
        "kind": kind,
        "object_id": pk,
        "title": data.title[:500],
        "titles": {code: text[:500] for code, text in data.titles.items() if text},
        "subtitles": {code: text[:500] for code, text in data.subtitles.items() if text},
        "text": data.text,
        "language": language,
        "url": data.url[:500],
        "date_start": data.date_start,
        "date_end": data.date_end or data.date_start,
        "title_tokens": title_tokens,
        "tokens": f"{title_tokens} {body_tokens}".strip(),
        "city": data.city,
        "organisation": data.organisation,
        "access": data.access,
        "embargo_until": data.embargo_until,
        "after_embargo": data.after_embargo,
        "publication": data.publication,
        "is_withdrawn": data.is_withdrawn,
        "is_research_only": data.is_research_only,
        "consent_due": data.consent_due,
    }


def index_record(kind: Kind, record: models.Model) -> SearchDocument | None:
    """Write (or remove) the document of one record, inside the caller's transaction."""
    data = kind.document(record)
    if data is None:
        remove_record(kind.name, record.pk)
        return None
    return write_document(kind.name, record.pk, data)


def write_document(kind: str, pk: int, data: DocumentData) -> SearchDocument:
    """Write the document of record `pk` of a kind from its data."""
    fields = _fields(kind, pk, data)
    with transaction.atomic():
        doc = SearchDocument.objects.filter(kind=kind, object_id=pk).first()
        text_changed = doc is None or (doc.title, doc.text) != (fields["title"], fields["text"])
        if doc is None:
            doc = SearchDocument(**fields)
        else:
            for name, value in fields.items():
                setattr(doc, name, value)
        embedded = semantic.is_enabled() and (text_changed or doc.vector is None)
        passage_vectors: list = []
        if embedded:
            source = semantic.embedding_text(data.title, data.text)
            if source:
                head, passage_vectors = passages.embed_documents([(data.title, data.text)])[0]
                doc.vector = semantic.to_bytes(head)
            else:
                doc.vector = None
        wanted = labels_of(kind, data)
        doc.facet_codes = facetcodes.encode(wanted)
        doc.save()
        if embedded:  # unchanged vectors are already in place
            vector = None if doc.vector is None else semantic.from_bytes(doc.vector)
            vectors.store([(doc.pk, vector)])
            passages.store([(doc.pk, passage_vectors)])
        doc.allowed_users.set(list(data.allowed_users))
        doc.allowed_organisations.set(list(data.allowed_organisations))
        have = set(doc.labels.values_list("label", flat=True))
        if have - wanted:
            doc.labels.filter(label__in=have - wanted).delete()
        SearchLabel.objects.bulk_create(
            [SearchLabel(document=doc, label=label) for label in sorted(wanted - have)]
        )
    return doc


def remove_record(kind: str, pk: Any) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


# --- signals ---------------------------------------------------------------------------


# Records saved inside deferred_indexing(), per kind name: indexed together at its end.
_deferred = threading.local()


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Index the records saved inside the block together when it ends, in batches.

    For bulk work inside one transaction (an import): one record at a time costs about
    10 ms, the batch writer of `reindex` about 1 ms plus the sentence vectors encoded
    together. If the block raises, nothing is indexed (its transaction is rolled back).
    A nested block leaves the indexing to the outer one.
    """
    with gathered(_deferred, dict) as saved:
        yield
    for name, pks in (saved or {}).items():
        _index_again(KINDS[name], list(pks))


def _index_again(kind: Kind, pks: list[Any], batch_size: int = 500) -> None:
    """Write the documents of these records of one kind again, in batches; their sentence
    vectors follow after the commit, from the background worker."""
    with transaction.atomic():
        for batch in _batches(pks, batch_size):
            stale = SearchDocument.objects.filter(kind=kind.name, object_id__in=batch)
            SearchLabel.objects.filter(document__in=stale).delete()
            SearchPassage.objects.filter(document__in=stale).delete()
            stale.delete()
            records = list(kind.queryset().filter(pk__in=batch))
            docs = _index_batch(kind, records, with_vectors=False)
            if semantic.is_enabled() and docs:
                ids = tuple(doc.pk for doc in docs)
                transaction.on_commit(lambda ids=ids: vector_worker.submit(ids))


def fill_vectors(batches: list[tuple[int, ...]]) -> int:
    """Encode and store the sentence vectors of documents written without them.

    A document changed meanwhile (it then has its vector, or another text) is left as it
    is. Return how many vectors were stored.
    """
    ids = [pk for batch in batches for pk in batch]
    docs = list(
        SearchDocument.objects.filter(pk__in=ids, vector__isnull=True).only("pk", "title", "text")
    )
    docs = [doc for doc in docs if semantic.embedding_text(doc.title, doc.text)]
    if not docs:
        return 0
    embedded = passages.embed_documents([(doc.title, doc.text) for doc in docs])
    stored = []
    with transaction.atomic():
        for doc, (vector, passage_vectors) in zip(docs, embedded, strict=True):
            unchanged = SearchDocument.objects.filter(
                pk=doc.pk, vector__isnull=True, title=doc.title, text=doc.text
            )
            if unchanged.update(vector=semantic.to_bytes(vector)):
                stored.append((doc.pk, vector, passage_vectors))
        vectors.store((pk, vector) for pk, vector, _ in stored)
        passages.store((pk, passage_vectors) for pk, _, passage_vectors in stored)
    return len(stored)


vector_worker = Worker(
    "search-vectors",
    lambda batches: fill_vectors(batches),
    in_background=lambda: getattr(settings, "VECTORS_IN_BACKGROUND", True),
    catch_up="hrcities reindex",
    batch=4,
)


def _index_or_defer(kind: Kind, record: models.Model) -> None:
    saved = pending(_deferred)
    if saved is None:
        index_record(kind, record)
    else:
        saved.setdefault(kind.name, {})[record.pk] = None


def connect_all() -> None:
    """Keep the documents of every registered kind in step with their records' changes."""
    for kind in KINDS.values():
        kind.sources = (*kind.sources, *(make(kind.name) for make in SHARED_SOURCES))
        connect(kind)


def connect(kind: Kind) -> None:
    uid = f"search:{kind.name}"

    def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:  # fixtures load related rows later; `reindex` catches them up
            _index_or_defer(kind, instance)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        remove_record(kind.name, instance.pk)

    def m2m(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
        if not action.startswith("post_"):
            return
        if isinstance(instance, kind.model):
            _index_or_defer(kind, instance)
        elif kwargs.get("pk_set") and kwargs.get("model") is kind.model:
            # Changed from the other side (theme.recommendations.add(...)).
            for record in kind.queryset().filter(pk__in=kwargs["pk_set"]):
                index_record(kind, record)

    post_save.connect(saved, sender=kind.model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=kind.model, weak=False, dispatch_uid=uid)
    for m2m_field in kind.model._meta.many_to_many:
        through = m2m_field.remote_field.through
        m2m_changed.connect(m2m, sender=through, weak=False, dispatch_uid=f"{uid}:{through}")
    for number, source in enumerate(kind.sources):
        _connect_source(kind, source, f"{uid}:source:{number}")
    _connect_tagging()


# Set on a source record between its pre_ and post_ signals: the dependents before the
# change, or _UNCHANGED when none of the fields the documents read has changed.
_UNCHANGED = object()


def _connect_source(kind: Kind, source: Source, uid: str) -> None:
    """Rewrite the documents of `kind` that read a record of `source` when it changes.

    The dependents are asked for before the change and after it, so a document that read
    the record and no longer does (a narrator replaced on an item) is rewritten too.
    """
    attnames = {source.model._meta.get_field(name).attname for name in source.fields}
    watched = set(source.fields) | attnames

    def before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:
            return
        update_fields = kwargs.get("update_fields")
        if watched and update_fields is not None and not watched & set(update_fields):
            _remember(instance, uid, _UNCHANGED)
            return
        old = None
        if instance.pk is not None and not instance._state.adding:
            old = sender._default_manager.filter(pk=instance.pk).first()
        if (
            old is not None
            and attnames
            and all(getattr(old, name) == getattr(instance, name) for name in attnames)
        ):
            _remember(instance, uid, _UNCHANGED)
            return
        _remember(instance, uid, set(source.dependents(old)) if old is not None else set())

    def after_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:
            return
        earlier = _recall(instance, uid)
        if earlier is _UNCHANGED:
            return
        _index_dependents(kind, source, instance, {*(earlier or ()), *source.dependents(instance)})

    def before_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
        _remember(instance, uid, set(source.dependents(instance)))

    def after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
        _index_dependents(kind, source, instance, _recall(instance, uid) or set())

    pre_save.connect(before_save, sender=source.model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=source.model, weak=False, dispatch_uid=uid)
    pre_delete.connect(before_delete, sender=source.model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=source.model, weak=False, dispatch_uid=uid)


def _remember(instance: Any, uid: str, value: Any) -> None:
    instance.__dict__.setdefault("_search_sources", {})[uid] = value


def _recall(instance: Any, uid: str) -> Any:
    return instance.__dict__.get("_search_sources", {}).pop(uid, None)


def _index_dependents(kind: Kind, source: Source, instance: Any, pks: set[Any]) -> None:
    """Write again the documents of these records of a kind (removing those now gone)."""
    if source.model is kind.model:
        pks.discard(instance.pk)  # the record's own document follows from its own signals
    if not pks:
        return
    saved = pending(_deferred)
    if saved is not None:
        saved.setdefault(kind.name, {}).update(dict.fromkeys(pks))
        return
    records = list(kind.queryset().filter(pk__in=pks))
    for record in records:
        index_record(kind, record)
    for pk in pks - {record.pk for record in records}:
        remove_record(kind.name, pk)


_tagging_connected = False


def _connect_tagging() -> None:
    """Accepting, rejecting or removing a tag re-indexes the tagged record."""
    global _tagging_connected
    if _tagging_connected:
        return
    from hrcities.taxonomy.models import Tagging
    from hrcities.taxonomy.tags import suggestions_recorded

    def changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            _reindex(instance.content_type.model_class(), instance.object_id)

    def recorded(sender: Any, record: Any, **kwargs: Any) -> None:
        _reindex(type(record), record.pk)

    post_save.connect(changed, sender=Tagging, weak=False, dispatch_uid="search:tagging")
    post_delete.connect(changed, sender=Tagging, weak=False, dispatch_uid="search:tagging")
    suggestions_recorded.connect(recorded, weak=False, dispatch_uid="search:suggestions")
    _tagging_connected = True


def _reindex(model: type[models.Model] | None, pk: Any) -> None:
    """Re-read a record of a registered kind and write its document again."""
    kind = kind_for_model(model) if model else None
    record = kind.queryset().filter(pk=pk).first() if kind else None
    if kind is not None and record is not None:
        index_record(kind, record)


# --- rebuilding ------------------------------------------------------------------------


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def rebuild(
    kinds: Iterable[str] | None = None,
    *,
    with_vectors: bool | None = None,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Rebuild the documents of some kinds (all by default); return the count per kind."""
    with_vectors = semantic.is_enabled() if with_vectors is None else with_vectors
    counts = {}
    for name in kinds or list(KINDS):
        kind = KINDS[name]
        queryset = kind.queryset()
        total = queryset.count()
        done = 0
        if progress:
            progress(name, done, total)
        with transaction.atomic():
            SearchLabel.objects.filter(document__kind=name).delete()
            SearchPassage.objects.filter(document__kind=name).delete()
            SearchDocument.allowed_users.through.objects.filter(searchdocument__kind=name).delete()
            SearchDocument.allowed_organisations.through.objects.filter(
                searchdocument__kind=name
            ).delete()
            SearchDocument.objects.filter(kind=name).delete()
            for records in _batches(queryset.iterator(chunk_size=batch_size), batch_size):
                done += len(_index_batch(kind, records, with_vectors=with_vectors))
                if progress:
                    progress(name, done, total)
        counts[name] = done
    return counts


def _index_batch(kind: Kind, records: list[Any], *, with_vectors: bool) -> list[SearchDocument]:
    """Write the documents of new records in bulk; return them."""
    pairs = [(record, kind.document(record)) for record in records]
    pairs = [(record, data) for record, data in pairs if data is not None]
    prime_korean([text for _, d in pairs for text in (d.title, d.text, d.extra)])
    docs = [SearchDocument(**_fields(kind.name, record.pk, data)) for record, data in pairs]
    label_sets = [labels_of(kind.name, data) for _, data in pairs]
    for doc, packed in zip(docs, facetcodes.encode_many(label_sets), strict=True):
        doc.facet_codes = packed
    embedded = None
    if with_vectors and docs:
        embedded = passages.embed_documents([(d.title, d.text) for _, d in pairs])
        for doc, (vector, _passages) in zip(docs, embedded, strict=True):
            doc.vector = semantic.to_bytes(vector)
    SearchDocument.objects.bulk_create(docs)
    if embedded is not None:
        vectors.store((doc.pk, vector) for doc, (vector, _) in zip(docs, embedded, strict=True))
        passages.store(
            ((doc.pk, found) for doc, (_, found) in zip(docs, embedded, strict=True)),
            replace=False,
        )
    labels, users, organisations = [], [], []
    users_through = SearchDocument.allowed_users.through
    organisations_through = SearchDocument.allowed_organisations.through
    for doc, (_, data), label_set in zip(docs, pairs, label_sets, strict=True):
        labels += [SearchLabel(document_id=doc.pk, label=label) for label in label_set]
        users += [users_through(searchdocument_id=doc.pk, user_id=u) for u in data.allowed_users]
        organisations += [
            organisations_through(searchdocument_id=doc.pk, organisation_id=o)
            for o in data.allowed_organisations
        ]
    SearchLabel.objects.bulk_create(labels, batch_size=2000)
    users_through.objects.bulk_create(users, batch_size=2000)
    organisations_through.objects.bulk_create(organisations, batch_size=2000)
    return docs


def language_of(text: str, default: str = "en") -> str:
    """Guess "ko" for text that is mostly Hangul, else the default."""
    from .analysis import HANGUL

    letters = [c for c in text if c.isalpha()]
    if letters and len(HANGUL.findall(text)) * 2 > len(letters):
        return "ko"
    return default
