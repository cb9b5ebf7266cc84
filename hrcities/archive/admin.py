from django.contrib import admin

from hrcities.core.admin import VersionedAdmin

from .models import (
    Collection,
    Consent,
    Event,
    Item,
    MediaFile,
    Person,
    PersonRole,
    Place,
    Redaction,
    Relation,
)


class PersonRoleInline(admin.TabularInline):
    model = PersonRole
    extra = 0
    fk_name = "item"


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0


@admin.register(Item)
class ItemAdmin(VersionedAdmin):
    list_display = ("title", "kind", "city", "access", "publication", "is_withdrawn")
    list_filter = ("kind", "access", "publication", "is_withdrawn")
    inlines = [PersonRoleInline, ConsentInline]


@admin.register(Event)
class EventAdmin(VersionedAdmin):
    list_display = ("title", "date_text", "city", "access", "publication")


@admin.register(Collection)
class CollectionAdmin(VersionedAdmin):
    list_display = ("slug", "city", "organisation", "access")


@admin.register(Place)
class PlaceAdmin(VersionedAdmin):
    list_display = ("title", "city", "latitude", "longitude")


@admin.register(Person)
class PersonAdmin(VersionedAdmin):
    list_display = ("pseudonym", "city", "organisation", "real_name_may_be_shown")


admin.site.register(Relation)
admin.site.register(Redaction)
admin.site.register(MediaFile)
