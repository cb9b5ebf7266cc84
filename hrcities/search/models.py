"""The search index: one row per indexed record, whatever its kind.

A document carries the analysed tokens the engines match (FTS5 on SQLite, a tsvector on
PostgreSQL, both created by migration 0002), the original text people see, and the very
access fields of the archive's records, so `SearchDocument.objects.visible_to(user)` is
the archive's own visibility rule and runs inside every search query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hrcities.access.models import AccessQuerySet, ConsentFields
from hrcities.access.tiers import Access, AfterEmbargo, Publication


class SearchDocument(ConsentFields):
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    # The title in other languages, {"ko": "..."}: shown in the reader's language.
    titles = models.JSONField(default=dict, blank=True)
    # A line shown under the title, per language ({"en": ..., "ko": ...}), or nothing.
    subtitles = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True, help_text="Original text the snippets are cut from.")
    language = models.CharField(max_length=20, blank=True)
    url = models.CharField(max_length=500, blank=True)
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    # What the engines index: analysis.analysed_text of the title, and of title + body.
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    # float32 sentence vector (512 dimensions) for cross-lingual matching, or NULL.
    vector = models.BinaryField(null=True, blank=True)
    # The codes of the document's facet labels (facetcodes.py): the same labels as its
    # SearchLabel rows, read in the one query that also matches, so facet counts need no
    # join over the matches.
    facet_codes = models.BinaryField(blank=True, default=b"")

    # The archive's AccessControlled fields, with the same names and meaning (and its
    # ConsentFields, inherited: research use only, consent due for renewal).
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    access = models.CharField(max_length=12, choices=Access.choices, default=Access.PUBLIC)
    embargo_until = models.DateField(null=True, blank=True)
    after_embargo = models.CharField(
        max_length=10, choices=AfterEmbargo.choices, default=AfterEmbargo.PUBLIC
    )
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    allowed_organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="+"
    )
    publication = models.CharField(
        max_length=10, choices=Publication.choices, default=Publication.PUBLISHED
    )
    is_withdrawn = models.BooleanField(default=False)

    objects = AccessQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")
        ]
        indexes = [
            models.Index(fields=["publication", "is_withdrawn", "access"]),
            models.Index(fields=["date_start"]),
            # Tells at once whether any visible document has a vector to compare.
            models.Index(
                fields=["id"],
                condition=models.Q(vector__isnull=False),
                name="search_doc_has_vector",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchPassage(models.Model):
    """The float32 sentence vector of one passage of a long document (passages.py)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="passages")
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"passage {self.pk} of document {self.document_id}"


class SearchLabel(models.Model):
    """A facet value of a document: "kind:city", "city:gwangju", "sdg:16", "decade:1980s"."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="labels")
    label = models.CharField(max_length=160)

    class Meta:
        constraints = [
            # Also the index a facet filter probes: (label, document) for one document.
            models.UniqueConstraint(fields=["label", "document"], name="one_label_per_document")
        ]

    def __str__(self) -> str:
        return self.label


class FacetLabel(models.Model):
    """A facet label and its code (facetcodes.py); codes are never reused."""

    label = models.CharField(max_length=160, unique=True)

    def __str__(self) -> str:
        return self.label
