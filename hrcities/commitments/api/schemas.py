"""What the commitments API reads and answers."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from hrcities.core.apiutils import InputSchema

from ..models import Action, Addressee, TranslationKind


class DeclarationSummary(Schema):
    id: int
    slug: str
    title: str
    subtitle: str
    forum_edition: int | None
    start_date: date | None
    end_date: date | None
    place: str
    language: str
    version: int
    is_demo: bool
    progress: float = Field(description="Weighted progress of all its commitments, 0 to 100.")
    commitments: int


class DeclarationIn(InputSchema):
    text: str = Field(
        ...,
        max_length=1_000_000,
        description="The declaration as plain text or Markdown; it is split into preamble "
        "clauses and promises, and each promise becomes a commitment.",
    )
    dry_run: bool = Field(False, description="Only parse and return the structure; save nothing.")
    title: str | None = Field(None, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    forum_edition: int | None = Field(None, ge=1, le=1000)
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)
    is_demo: bool = False


class ParsedOut(Schema):
    title: str
    preamble: list[str]
    promises: list[str]
    unplaced: list[str]
    discarded: list[str] = []


class DeclarationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    title: str | None = Field(None, min_length=1, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    forum_edition: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)


class ClausePatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    text: str = Field(..., min_length=1, max_length=20000)


TranslationKindIn = Literal["official", "network", "city"]


class TranslationIn(InputSchema):
    text: str = Field(
        ...,
        max_length=1_000_000,
        description="The declaration in another language, as plain text or Markdown. It is "
        "split as the original was and must match it clause by clause: the same number of "
        "preamble clauses and the same promises. Otherwise nothing is saved (422, naming "
        "what differs). A translation already in that language is replaced.",
    )
    language: str = Field(..., max_length=20, description="BCP 47, e.g. ko.")
    kind: TranslationKindIn = Field(
        TranslationKind.NETWORK,
        description="official, or unofficial: network (the platform's own) or city (a city's own).",
    )
    translator: str = Field("", max_length=300, description="Who made it, or where it is from.")
    url: str = Field("", max_length=1000, description="Where it is published.")
    title: str = Field("", max_length=300, description="Empty: read from the top of the text.")


class TranslationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    title: str | None = Field(None, min_length=1, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    kind: TranslationKindIn | None = None
    translator: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=1000)


class ActionOut(Schema):
    id: int
    version: int
    commitment: str = Field(description="declaration-slug/number")
    parent_id: int | None
    city: str | None
    organisation: str | None
    title: str
    description: str
    start_date: date | None
    due_date: date | None
    status: str
    progress: int | None = Field(description="As entered; null means the status's default.")
    own_progress: int = Field(description="The progress this action counts by itself.")
    weight: Decimal
    is_overdue: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_commitment(obj: Action) -> str:
        return obj.commitment.key

    @staticmethod
    def resolve_city(obj: Action) -> str | None:
        return obj.city.slug if obj.city else None

    @staticmethod
    def resolve_organisation(obj: Action) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_status(obj: Action) -> str:
        return obj.status.slug

    @staticmethod
    def resolve_is_overdue(obj: Action) -> bool:
        return obj.is_overdue()


class ActionIn(InputSchema):
    commitment: str = Field(..., description="declaration-slug/number, e.g. 2020-whrcf/5")
    parent_id: int | None = None
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    start_date: date | None = None
    due_date: date | None = None
    status: str = Field("planned", description="Slug of a status (see /statuses).")
    progress: int | None = Field(None, ge=0, le=100)
    weight: Decimal = Field(Decimal("1"), ge=0, le=9999, decimal_places=2)
    tags: list[str] = Field(
        default_factory=list, description="sdg:N, sdg-target:N.N, theme:SLUG, group:SLUG"
    )


class ActionPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    parent_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = None
    start_date: date | None = None
    due_date: date | None = None
    status: str | None = None
    progress: int | None = Field(None, ge=0, le=100)
    weight: Decimal | None = Field(None, ge=0, le=9999, decimal_places=2)
    tags: list[str] | None = None


class CommitmentOut(Schema):
    declaration: str
    number: int
    title: str
    text: str
    addressees: list[str]
    weight: Decimal
    version: int
    progress: float
    endorsed_by: list[str]
    cities_acting: list[str]
    overdue_actions: list[int]


class CommitmentPatch(InputSchema):
    version: int
    title: str | None = Field(None, min_length=1, max_length=200)
    addressees: list[Addressee] | None = None
    weight: Decimal | None = Field(None, ge=0, le=9999, decimal_places=2)


class EndorsementIn(InputSchema):
    city: str | None = None
    organisation: str | None = None
    note: str = Field("", max_length=2000)


class EndorsementOut(Schema):
    id: int
    endorser: str
    endorsed_on: date
    note: str
    version: int

    @staticmethod
    def resolve_endorser(obj: Any) -> str:
        return str(obj.endorser)


class MilestoneIn(InputSchema):
    date: date
    text: str = Field(..., min_length=1, max_length=500)


class MilestoneOut(Schema):
    id: int
    date: date
    text: str
    done_on: date | None = Field(None, description="When it was done; null while still to do.")
    version: int


Day = date  # a field below is called `date`


class MilestonePatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    date: Day | None = None
    text: str | None = Field(None, min_length=1, max_length=500)
    done_on: Day | None = Field(
        None, description="The day it was done (not in the future); null: not done yet."
    )


class EvidencePatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    title: str | None = Field(None, min_length=1, max_length=300)
    url: str | None = Field(None, max_length=1000)


class EndorsementPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    endorsed_on: date | None = None
    note: str | None = Field(None, max_length=2000)


class EvidenceOut(Schema):
    id: int
    title: str
    url: str
    file: str | None
    content_type: str
    size: int
    version: int

    @staticmethod
    def resolve_file(obj: Any) -> str | None:
        return obj.file.url if obj.file else None


class StatusOut(Schema):
    slug: str
    name: str
    default_progress: int
    is_closed: bool
    counts_in_progress: bool
    names: dict[str, str]
    position: int


class StatusIn(InputSchema):
    slug: str = Field(..., min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")
    names: dict[str, str] = Field(description="Name per language code; English is required.")
    default_progress: int = Field(0, ge=0, le=100)
    is_closed: bool = False
    counts_in_progress: bool = True


class StatusPatch(InputSchema):
    slug: str | None = Field(None, min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")
    names: dict[str, str] | None = None
    default_progress: int | None = Field(None, ge=0, le=100)
    is_closed: bool | None = None
    counts_in_progress: bool | None = None
    position: int | None = Field(
        None, ge=1, description="Its place in the list, from 1; the others move to make room."
    )


class ImportReportOut(Schema):
    created: int
    updated: int
    unchanged: int


class TranslatedClauseOut(Schema):
    number: int
    text: str
    version: int


class TranslatedPromiseOut(TranslatedClauseOut):
    title: str


class TranslationOut(Schema):
    """A translation of a declaration, its clauses numbered as the original's."""

    language: str
    kind: str
    is_official: bool
    translator: str
    url: str
    title: str
    subtitle: str
    intro: str
    promises_intro: str
    version: int
    preamble: list[TranslatedClauseOut]
    promises: list[TranslatedPromiseOut]
