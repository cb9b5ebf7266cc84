"""What the education API takes and answers."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.core.apiutils import InputSchema, LanguageCode, Text

from ..models import AdaptationKind, Format, Licence

Texts = dict[LanguageCode, Text]


class ProgrammeSummary(Schema):
    id: int
    slug: str
    title: str
    titles: dict[str, str]
    original_language: str
    city: str | None
    organisation: str | None
    audiences: list[str] = Field(description="Sector or audience slugs (UN World Programme).")
    format: str
    languages: list[str]
    adapted_from: int | None = Field(
        description="The programme this one was adapted from, if you may see it."
    )
    access: str
    publication: str
    status: str = Field(description="draft, submitted, published or archived.")
    version: int
    url: str
    is_demo: bool


class SessionOut(Schema):
    id: int
    programme: int
    starts_on: dt.date
    ends_on: dt.date | None
    city: str | None
    place: str
    is_online: bool
    facilitator: str
    participants: int
    counts: dict[str, dict[str, int]] = Field(
        description="Participants by breakdown and group: {sex: {female: 12, male: 8}}."
    )
    evaluation_method: str
    evaluation_instrument: str
    findings: dict[str, str]
    feedback: dict[str, str]
    version: int
    url: str


class MaterialOut(Schema):
    id: int
    programme: int
    session: int | None
    title: str
    titles: dict[str, str]
    url: str = Field(description="The link, or the file (served only to the programme's readers).")
    is_file: bool
    content_type: str
    size: int | None
    language: str
    licence: str
    licence_note: str


class MaterialPatch(InputSchema):
    titles: Texts | None = None
    language: LanguageCode | None = Field(None, max_length=20)
    licence: Licence | None = None
    licence_note: Text | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=500, description="Links only.")


class Totals(Schema):
    sessions: int
    participants: int


class ProgrammeDetail(ProgrammeSummary):
    summaries: dict[str, str]
    outcomes: dict[str, str]
    duration_hours: Decimal | None
    duration_text: dict[str, str]
    contact: str
    target_groups: list[str]
    methods: list[str]
    provider_cities: list[str]
    provider_organisations: list[str]
    items: list[int] = Field(description="Archive records it uses that you may see.")
    actions: list[int]
    indicators: list[int] = Field(description="Indicators it moves that you may see.")
    adaptation_kinds: list[str]
    adaptation_note: dict[str, str]
    adaptations: list[int] = Field(description="Programmes adapted from this one, you may see.")
    tags: list[str]
    archived_on: dt.date | None
    embargo_until: dt.date | None
    after_embargo: str
    totals: Totals
    materials: list[MaterialOut]


class ProgrammeFields(InputSchema):
    titles: Texts | None = Field(None, description="Title per language (BCP 47), e.g. ko, en.")
    summaries: Texts | None = None
    outcomes: Texts | None = Field(None, description="Learning outcomes per language.")
    original_language: LanguageCode | None = Field(None, max_length=20)
    languages: list[LanguageCode] | None = Field(None, description="Languages taught in.")
    format: Format | None = None
    duration_hours: Decimal | None = Field(None, ge=0, le=10000, decimal_places=1)
    duration_text: Texts | None = None
    contact: Text | None = Field(None, max_length=300)
    audiences: list[str] | None = Field(None, description="Sector or audience slugs.")
    target_groups: list[str] | None = Field(None, description="Affected group slugs.")
    methods: list[str] | None = Field(
        None, description="Method slugs: the shared ones and the owner city's own."
    )
    provider_cities: list[str] | None = Field(None, description="City slugs.")
    provider_organisations: list[str] | None = Field(None, description="Organisation slugs.")
    items: list[int] | None = Field(None, description="Archive record ids you may see.")
    actions: list[int] | None = Field(None, description="Commitment action ids.")
    indicators: list[int] | None = Field(None, description="Indicator ids you may see.")
    adapted_from: int | None = Field(None, description="Id of a programme you may see.")
    adaptation_kinds: list[AdaptationKind] | None = None
    adaptation_note: Texts | None = None
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = Field(None, description="Usernames (restricted access).")
    allowed_organisations: list[str] | None = Field(None, description="Organisation slugs.")


class ProgrammeIn(ProgrammeFields):
    titles: Texts = Field(..., description="Title per language (BCP 47), e.g. ko, en.")
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    slug: str | None = Field(
        None,
        max_length=120,
        pattern=r"^[-a-z0-9_]+$",
        description="Address; from the title if not given.",
    )


class ProgrammePatch(ProgrammeFields):
    version: int = Field(description="The version you read before changing it.")


class AdaptIn(ProgrammeFields):
    city: str | None = Field(None, description="Slug of the city the adaptation belongs to.")
    organisation: str | None = Field(None, description="Slug of the organisation instead.")


class LineageOut(Schema):
    adapted_from: list[ProgrammeSummary] = Field(
        description="The chain it was adapted from, nearest first (those you may see)."
    )
    adaptations: list[ProgrammeSummary] = Field(
        description="Programmes adapted from it, and from those, you may see."
    )


class SessionFields(InputSchema):
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    city: str | None = Field(None, description="Slug of the city it ran in (none online).")
    place: Text | None = Field(None, max_length=300)
    is_online: bool | None = None
    facilitator: Text | None = Field(None, max_length=300)
    participants: int | None = Field(None, ge=0, le=10_000_000)
    counts: dict[str, dict[str, int]] | None = Field(
        None, description="Participants by breakdown slug and group: {sex: {female: 12}}."
    )
    evaluation_method: Text | None = Field(None, max_length=200)
    evaluation_instrument: Text | None = Field(None, max_length=200)
    findings: Texts | None = None
    feedback: Texts | None = None


class SessionIn(SessionFields):
    starts_on: dt.date
    participants: int = Field(..., ge=0, le=10_000_000)


class SessionPatch(SessionFields):
    version: int = Field(description="The version you read before changing it.")


class ProgrammeReasonOut(Schema):
    kind: str = Field(description="theme, group, sdg-target, sdg, language, audience, worsened.")
    points: int
    text: str


class ProgrammeForCityOut(Schema):
    programme: ProgrammeSummary
    score: int
    reasons: list[ProgrammeReasonOut]


class EducationImportReportOut(Schema):
    created: int
    updated: int
    unchanged: int


LICENCES = ", ".join(Licence.values)
