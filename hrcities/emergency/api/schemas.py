"""What the emergency measures API takes and answers."""

import datetime as dt

from ninja import Field, Schema

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.core.apiutils import InputSchema, LanguageCode, Text

from ..models import Answer, ChangeKind, Level, MeasureKind, Outcome

Texts = dict[LanguageCode, Text]


class LatestReview(Schema):
    outcome: str | None = Field(
        description="Outcome of the latest published review you may see (none if none)."
    )
    reviewed_on: dt.date | None
    next_review_on: dt.date | None


class MeasureSummary(Schema):
    id: int
    title: str
    titles: dict[str, str]
    city: str | None = Field(description="Slug of the city that keeps it.")
    organisation: str | None = Field(description="Slug of the organisation that keeps it.")
    applies_in: str = Field(description="Slug of the city where it applies.")
    level: str
    kind: str
    emergency: str
    issues: list[str]
    introduced_on: dt.date
    in_force_from: dt.date
    sunset_on: dt.date | None
    lifted_on: dt.date | None
    is_in_force: bool = Field(description="In force today: started, not lifted.")
    latest_review: LatestReview
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class ChangeOut(Schema):
    id: int
    kind: str
    on: dt.date
    new_sunset: dt.date | None
    note: dict[str, str]


class SourceOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    url: str = Field(description="The link, or the file (served to the measure's readers).")
    is_file: bool
    content_type: str
    size: int | None


class MeasureDetail(MeasureSummary):
    original_language: str
    authority: dict[str, str]
    summaries: dict[str, str]
    legal_basis: dict[str, str]
    policy_code: str | None = Field(description="OxCGRT policy code, e.g. C4.")
    policy_level: int | None
    is_targeted: bool
    target_groups: list[str]
    actions: list[int]
    indicators: list[int] = Field(description="Indicators that show its effect, you may see.")
    items: list[int] = Field(description="Archive records about it, you may see.")
    embargo_until: dt.date | None
    after_embargo: str
    changes: list[ChangeOut]
    sources: list[SourceOut]
    reviews: list[int] = Field(description="Its reviews you may see, latest first.")


class MeasureFields(InputSchema):
    applies_in: str | None = Field(None, description="Slug of the city where it applies.")
    level: Level | None = None
    authority: Texts | None = Field(None, description="Who issued it, per language.")
    titles: Texts | None = Field(None, description="Title per language (BCP 47), e.g. ko, en.")
    summaries: Texts | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    kind: MeasureKind | None = None
    emergency: str | None = Field(
        None, description="Emergency slug: a shared one or the owner city's own."
    )
    issues: list[str] | None = Field(None, description="Issue slugs (assembly, privacy, ...).")
    policy_code: str | None = Field(None, max_length=4, description="OxCGRT code, e.g. C4.")
    policy_level: int | None = Field(None, ge=0, le=9)
    is_targeted: bool | None = None
    target_groups: list[str] | None = Field(None, description="Affected group slugs.")
    legal_basis: Texts | None = None
    introduced_on: dt.date | None = None
    in_force_from: dt.date | None = None
    sunset_on: dt.date | None = None
    lifted_on: dt.date | None = None
    actions: list[int] | None = Field(None, description="Commitment action ids.")
    indicators: list[int] | None = Field(None, description="Indicator ids you may see.")
    items: list[int] | None = Field(None, description="Archive record ids you may see.")
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = Field(None, description="Usernames (restricted access).")
    allowed_organisations: list[str] | None = Field(None, description="Organisation slugs.")


class MeasureIn(MeasureFields):
    city: str | None = Field(None, description="Slug of the city that keeps it.")
    organisation: str | None = Field(None, description="Slug of the organisation instead.")
    applies_in: str | None = Field(
        None, description="Slug of the city where it applies (the keeping city if not given)."
    )
    titles: Texts = Field(..., description="Title per language (BCP 47), e.g. ko, en.")
    kind: MeasureKind
    emergency: str = Field(..., description="Emergency slug: a shared one or the city's own.")
    introduced_on: dt.date
    in_force_from: dt.date


class MeasurePatch(MeasureFields):
    version: int = Field(description="The version you read before changing it.")


class ChangeIn(InputSchema):
    kind: ChangeKind = Field(description="extended, amended or lifted.")
    on: dt.date
    new_sunset: dt.date | None = Field(None, description="An extension's new sunset.")
    note: Texts | None = None
    version: int | None = Field(None, description="The measure's version you read.")


class AnswerIO(Schema):
    answer: Answer
    evidence: dict[str, str] = Field(default_factory=dict)
    note: dict[str, str] = Field(default_factory=dict)


class AnswerIn(InputSchema):
    answer: Answer
    evidence: Texts = Field(default_factory=dict, description="Evidence per language.")
    note: Texts = Field(default_factory=dict)


class ReviewSummary(Schema):
    id: int
    measure: int
    city: str | None
    organisation: str | None
    reviewer_name: str
    reviewed_on: dt.date
    next_review_on: dt.date | None
    outcome: str
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class ReviewDetail(ReviewSummary):
    summaries: dict[str, str]
    recommendations: dict[str, str]
    answers: dict[str, AnswerIO] = Field(
        description="Answers by checklist question slug (see /emergency/checklist)."
    )
    unanswered: list[str] = Field(description="Checklist questions not answered yet.")
    embargo_until: dt.date | None
    after_embargo: str


class ReviewFields(InputSchema):
    reviewer_name: Text | None = Field(None, max_length=200)
    reviewed_on: dt.date | None = None
    next_review_on: dt.date | None = None
    outcome: Outcome | None = None
    summaries: Texts | None = None
    recommendations: Texts | None = None
    answers: dict[str, AnswerIn] | None = Field(
        None,
        description="Answers by checklist question slug; when given, they replace all the "
        "review's answers.",
    )
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = Field(None, description="Usernames (restricted access).")
    allowed_organisations: list[str] | None = Field(None, description="Organisation slugs.")


class ReviewIn(ReviewFields):
    city: str | None = Field(None, description="Slug of the reviewing city.")
    organisation: str | None = Field(None, description="Slug of the reviewing organisation.")
    reviewed_on: dt.date
    outcome: Outcome


class ReviewPatch(ReviewFields):
    version: int = Field(description="The version you read before changing it.")


class CriterionOut(Schema):
    slug: str
    question: str = Field(description="In the language asked for (Accept-Language).")
    sources: str = Field(description="The standards the question is drawn from.")


class ChecklistOut(Schema):
    answers: list[str] = Field(description="The answers each question takes.")
    outcomes: list[str]
    criteria: list[CriterionOut]


class MeasureRef(Schema):
    id: int
    title: str
    applies_in: str
    sunset_on: dt.date | None
    latest_outcome: str | None
    next_review_on: dt.date | None
    unpublished_reviews: int = Field(
        0,
        description="Reviews of it not published yet (drafts, submitted) that you may see: "
        "their keepers see that a review is under way; others always read 0.",
    )
    url: str


class CountOut(Schema):
    slug: str
    name: str
    measures: int
    in_force: int


class WatchOut(Schema):
    city: str | None = Field(description="The city asked for; none for the whole network.")
    today: dt.date
    total: int = Field(description="Measures you may see.")
    in_force: int
    past_sunset: list[MeasureRef] = Field(description="In force after their sunset.")
    never_reviewed: list[MeasureRef] = Field(
        description="Not lifted, without a published review you may see."
    )
    review_overdue: list[MeasureRef] = Field(
        description="In force, their latest review's next review date passed."
    )
    worrying: list[MeasureRef] = Field(
        description="In force, latest review found them incompatible or raising concerns."
    )
    by_issue: list[CountOut]
    by_group: list[CountOut]
