"""What the archive's API takes and answers."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.core.apiutils import DateText, InputSchema, LanguageCode, Text

from ..models import Consent, ItemKind, PersonRole, Relation


class ItemSummary(Schema):
    id: int
    kind: str
    title: str
    titles: dict[str, str]
    original_language: str
    date: str = Field(description="As written: 1980-05, 1980-05-18/1980-05-27, circa 1980 ...")
    date_start: dt.date | None
    date_end: dt.date | None
    city: str | None
    organisation: str | None
    collection: str | None
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class MediaOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str = Field(description="The file, served only to those who may see the item.")
    thumbnail_url: str | None
    transcript: str


class ItemDetail(ItemSummary):
    descriptions: dict[str, str] = Field(description="Redacted spans are replaced by […].")
    transcript: str
    quote_withheld: bool = Field(
        False,
        description="The narrator did not agree to be quoted: the transcripts (the item's "
        "and its files') are read on the item's page only, and are empty here.",
    )
    narrator: str = Field(description="The real name only where it may be shown.")
    exact_location: str
    contact: str
    place: int | None
    events: list[int]
    rights: str
    embargo_until: dt.date | None
    after_embargo: str
    tags: list[str]
    media: list[MediaOut]
    hidden_fields: list[str] = Field(description="Fields withheld from you.")
    redactions_withheld: int
    is_withdrawn: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class NewNarratorIn(InputSchema):
    pseudonym: Text = Field(..., min_length=1, max_length=200, description="The name readers see.")
    real_name: str = Field("", max_length=200)
    real_name_may_be_shown: bool = Field(False, description="The narrator agreed to it.")


class ItemIn(InputSchema):
    kind: ItemKind
    titles: dict[LanguageCode, Text] = Field(
        ..., description="Title per language (BCP 47), e.g. ko, en."
    )
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    date: DateText = Field("", max_length=60)
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    collection: str | None = Field(None, description="Slug of a collection.")
    place_id: int | None = None
    event_ids: list[int] = []
    narrator_id: int | None = None
    access: Access = Access.PUBLIC
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo = AfterEmbargo.PUBLIC
    allowed_users: list[str] = Field([], description="Usernames (restricted access).")
    allowed_organisations: list[str] = Field([], description="Organisation slugs.")
    transcript: str = ""
    exact_location: str = Field("", max_length=300)
    contact: str = ""
    rights: str = Field("", max_length=300)
    hidden_fields: list[str] | None = Field(
        None,
        description="Of narrator_name, contact, exact_location; all three unless given.",
    )
    new_narrator: NewNarratorIn | None = Field(
        None, description="A narrator named for the first time (instead of narrator_id)."
    )
    submit_for_review: bool = Field(False, description="Send it to the reviewers at once.")


class ItemPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    kind: ItemKind | None = None
    titles: dict[LanguageCode, Text] | None = None
    descriptions: dict[LanguageCode, Text] | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    date: DateText | None = Field(None, max_length=60)
    collection: str | None = None
    place_id: int | None = None
    event_ids: list[int] | None = None
    narrator_id: int | None = None
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = None
    allowed_organisations: list[str] | None = None
    transcript: str | None = None
    exact_location: str | None = Field(None, max_length=300)
    contact: str | None = None
    rights: str | None = Field(None, max_length=300)
    hidden_fields: list[str] | None = None
    new_narrator: NewNarratorIn | None = Field(
        None, description="A narrator named for the first time (instead of narrator_id)."
    )


class ConsentIn(InputSchema):
    scopes: list[Literal["archive", "publish", "quote", "name", "research"]]
    given_on: dt.date
    person_id: int | None = Field(None, description="Who consented; the narrator if not given.")
    reconsent_due: dt.date | None = None
    note: str = Field("", max_length=5000)


class ConsentOut(Schema):
    id: int
    item: int
    person: int | None
    scopes: list[str]
    given_on: dt.date
    reconsent_due: dt.date | None
    withdrawn_on: dt.date | None
    note: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_item(obj: Consent) -> int:
        return obj.item_id

    @staticmethod
    def resolve_person(obj: Consent) -> int | None:
        return obj.person_id


class WithdrawalIn(InputSchema):
    on: dt.date | None = Field(None, description="The day it was withdrawn; today if not given.")
    note: str = Field("", max_length=5000)


class RedactionIn(InputSchema):
    phrase: str = Field(
        ...,
        min_length=1,
        max_length=1000,
        description="The words to withhold: wherever they stand in the item (titles, "
        "descriptions, transcript, other fields, its files), after any edit or restore.",
    )
    field: Literal["description", "transcript"] | None = Field(
        None, description="Where you found the words (checked to hold them); optional."
    )
    language: str = Field("", max_length=20, description="For a description: which language.")
    reason: str = Field("", max_length=300)


class RedactionOut(Schema):
    id: int
    phrase: str
    places: int = Field(description="How many places in the item and its files hold them now.")
    reason: str
    created_at: dt.datetime


class EventOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    original_language: str
    date: str
    date_start: dt.date | None
    date_end: dt.date | None
    city: str | None
    organisation: str | None
    places: list[int]
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class EventIn(InputSchema):
    titles: dict[LanguageCode, Text]
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    date: DateText = Field("", max_length=60)
    city: str | None = None
    organisation: str | None = None
    place_ids: list[int] = []
    access: Access = Access.PUBLIC
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo = AfterEmbargo.PUBLIC


class EventPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    titles: dict[LanguageCode, Text] | None = None
    descriptions: dict[LanguageCode, Text] | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    date: DateText | None = Field(None, max_length=60)
    place_ids: list[int] | None = None
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None


class ArchivePlaceOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    address: str
    url: str
    version: int


class ArchivePersonOut(Schema):
    id: int
    name: str = Field(description="The pseudonym, or the real name where it may be shown.")
    url: str
    version: int


class CollectionOut(Schema):
    slug: str
    title: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    city: str | None
    organisation: str | None
    access: str
    items: int = Field(description="Items in it that you may see.")
    url: str
    version: int
    publication: str


class ArchiveImportReportOut(Schema):
    rows: int
    created: int
    people: int
    files: int
    item_ids: list[int]


class RoleIn(Schema):
    person: int = Field(description="Id of a person of the archive.")
    role: PersonRole.Role
    item: int | None = None
    event: int | None = None


class PersonRoleOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    role: str
    item: int | None = Field(None, alias="item_id")
    event: int | None = Field(None, alias="event_id")
    real_name_shown: bool = Field(
        description="Whether this link lets the real name be shown; while any link of the "
        "person says no, only the person's keepers read the real name."
    )


class RealNameIn(Schema):
    shown: bool = Field(description="Allow (true) or stop (false) the real name on this link.")


class RelationIn(InputSchema):
    source_kind: str = Field(description="item, event or place")
    source_id: int
    kind: Relation.Kind
    target_kind: str = Field(description="item, event or place")
    target_id: int
    note: str = Field("", max_length=2000)


class RelationOut(Schema):
    id: int
    kind: str
    source: str
    target: str
    note: str

    @staticmethod
    def resolve_source(obj: Relation) -> str:
        return f"{obj.source_type.model}/{obj.source_id}"

    @staticmethod
    def resolve_target(obj: Relation) -> str:
        return f"{obj.target_type.model}/{obj.target_id}"


class ReturnToDraftIn(InputSchema):
    note: str = Field(
        "", max_length=2000, description="Shown to the submitter on their page of work."
    )
