"""What the API takes to add, change and delete collections, places and people."""

import datetime as dt

from ninja import Field

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.core.apiutils import DateText, InputSchema, LanguageCode, Text


class CollectionIn(InputSchema):
    slug: str = Field(..., min_length=1, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")
    titles: dict[LanguageCode, Text]
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    date: DateText = Field("", max_length=60)
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    access: Access = Access.PUBLIC
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo = AfterEmbargo.PUBLIC
    allowed_users: list[str] = Field([], description="Usernames (restricted access).")
    allowed_organisations: list[str] = Field([], description="Organisation slugs.")


class CollectionPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    slug: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")
    titles: dict[LanguageCode, Text] | None = None
    descriptions: dict[LanguageCode, Text] | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    date: DateText | None = Field(None, max_length=60)
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = None
    allowed_organisations: list[str] | None = None


class PlaceIn(InputSchema):
    titles: dict[LanguageCode, Text]
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    latitude: float | None = Field(None, description="Decimal degrees, -90 to 90.")
    longitude: float | None = Field(None, description="Decimal degrees, -180 to 180.")
    address: Text = Field("", max_length=300)
    geonames_id: int | None = Field(
        None, description="A GeoNames place; its coordinates are used when none are given."
    )


class PlacePatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    titles: dict[LanguageCode, Text] | None = None
    descriptions: dict[LanguageCode, Text] | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    latitude: float | None = None
    longitude: float | None = None
    address: Text | None = Field(None, max_length=300)
    geonames_id: int | None = None


class PersonIn(InputSchema):
    pseudonym: Text = Field(..., min_length=1, max_length=200, description="The name readers see.")
    real_name: Text = Field("", max_length=200)
    real_name_may_be_shown: bool = Field(False, description="The person agreed to it.")
    contact: Text = ""
    descriptions: dict[LanguageCode, Text] = {}
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")


class PersonPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    pseudonym: Text | None = Field(None, min_length=1, max_length=200)
    real_name: Text | None = Field(None, max_length=200)
    real_name_may_be_shown: bool | None = None
    contact: Text | None = None
    descriptions: dict[LanguageCode, Text] | None = None
