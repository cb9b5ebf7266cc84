from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from hrcities.core.services import create_record, delete_record, update_record

from .models import (
    City,
    Country,
    FocalPoint,
    GeoNamesPlace,
    Membership,
    Network,
    Organisation,
    Partnership,
)


class VersionedAdmin(admin.ModelAdmin):
    """Save through core's services, so admin edits keep revisions and are audited too."""

    readonly_fields = ("version", "created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            values = {
                field.name: getattr(obj, field.name)
                for field in obj._meta.concrete_fields
                if not field.primary_key and field.editable
            }
            saved = create_record(type(obj), by=request.user, **values)
            obj.pk = saved.pk
            obj.__dict__.update(saved.__dict__)
            return
        stored = type(obj).objects.get(pk=obj.pk)
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and not obj._meta.get_field(name).many_to_many
        }
        update_record(stored, changes, by=request.user, based_on_version=None)
        obj.__dict__.update(stored.__dict__)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        delete_record(obj, by=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            delete_record(obj, by=request.user)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("iso2", "iso3", "name_en", "name_ko", "continent")
    list_filter = ("continent",)
    search_fields = ("iso2", "iso3", "name_en", "name_ko")


@admin.register(GeoNamesPlace)
class GeoNamesPlaceAdmin(admin.ModelAdmin):
    list_display = ("geonames_id", "name", "name_ko", "country_code", "population")
    list_filter = ("country_code",)
    search_fields = ("name", "ascii_name", "name_ko", "=geonames_id")
    show_full_result_count = False


@admin.register(Network)
class NetworkAdmin(VersionedAdmin):
    list_display = ("slug", "name", "is_demo", "version")
    list_filter = ("is_demo",)
    search_fields = ("slug", "names")


@admin.register(City)
class CityAdmin(VersionedAdmin):
    list_display = ("slug", "name", "country", "year_declared", "is_demo", "version")
    list_filter = ("is_demo", "country__continent")
    search_fields = ("slug", "names", "=geonames_id")
    autocomplete_fields = ("country",)


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdmin):
    list_display = ("slug", "name", "acronym", "kind", "city", "is_demo", "version")
    list_filter = ("kind", "is_demo")
    search_fields = ("slug", "names", "acronym")
    autocomplete_fields = ("city", "country")


@admin.register(Membership)
class MembershipAdmin(VersionedAdmin):
    list_display = ("__str__", "network", "joined_year", "is_demo", "version")
    list_filter = ("network", "is_demo")
    autocomplete_fields = ("city", "organisation")


@admin.register(FocalPoint)
class FocalPointAdmin(VersionedAdmin):
    list_display = ("name", "position", "membership", "is_demo", "version")
    list_filter = ("is_demo",)
    search_fields = ("name", "email")


@admin.register(Partnership)
class PartnershipAdmin(VersionedAdmin):
    list_display = ("__str__", "kind", "since_year", "is_demo", "version")
    list_filter = ("kind", "is_demo")
    autocomplete_fields = ("city_a", "city_b")
