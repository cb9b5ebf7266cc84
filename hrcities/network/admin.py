from django.contrib import admin

from hrcities.core.admin import VersionedAdmin

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
