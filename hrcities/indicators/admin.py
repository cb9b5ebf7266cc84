from django.contrib import admin

from hrcities.core.admin import VersionedAdmin

from .models import Dimension, Domain, Indicator, IndicatorDefinition, Observation


@admin.register(Domain)
class DomainAdmin(VersionedAdmin):
    list_display = ("name", "city", "slug", "position", "is_demo")
    list_filter = ("city",)


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    """Shared dimensions (no city) serve every city; a city's own serve that city only."""

    list_display = ("column", "slug", "city", "position")
    list_filter = ("city",)


class DefinitionInline(admin.TabularInline):
    model = IndicatorDefinition
    extra = 0
    fields = (
        "number",
        "formula",
        "formula_ko",
        "unit",
        "unit_ko",
        "from_year",
        "reason",
        "reason_ko",
        "created_at",
    )
    readonly_fields = ("created_at",)

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        # Observations point to their definition; deleting one would orphan them.
        return False


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdmin):
    list_display = ("code", "name", "city", "domain", "polarity", "kind", "is_published")
    list_filter = ("city", "kind", "polarity", "is_published", "is_demo")
    search_fields = ("code", "names", "data_owner", "data_owner_ko")
    filter_horizontal = ("sdg_indicators", "commitments", "actions")
    inlines = [DefinitionInline]


@admin.register(Observation)
class ObservationAdmin(VersionedAdmin):
    list_display = ("indicator", "year", "period", "disaggregation_key", "value", "unit")
    list_filter = ("indicator__city", "year")
    search_fields = ("indicator__code", "source", "source_ko", "note", "note_ko")
    raw_id_fields = ("indicator", "definition")
