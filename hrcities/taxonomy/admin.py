from django.contrib import admin

from .models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    UprRecommendation,
)


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_title", "title"]


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "title"]
    list_filter = ["goal"]
    search_fields = ["code"]


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "target", "canonical", "title"]
    list_filter = ["goal"]
    search_fields = ["code"]
    raw_id_fields = ["target", "goal", "canonical"]


@admin.register(HumanRightsTheme)
class HumanRightsThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "version"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AffectedGroup)
class AffectedGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "version"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UprRecommendation)
class UprRecommendationAdmin(admin.ModelAdmin):
    list_display = ["country", "cycle", "paragraph", "position"]
    list_filter = ["country", "cycle", "position"]
    search_fields = ["text", "paragraph"]
    filter_horizontal = ["themes", "sdg_goals", "groups"]
