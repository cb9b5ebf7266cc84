from django.contrib import admin

from hrcities.core.admin import VersionedAdmin

from .models import (
    Action,
    ActionStatus,
    Clause,
    ClauseTranslation,
    Commitment,
    Declaration,
    DeclarationTranslation,
    Endorsement,
    Evidence,
    Milestone,
)


@admin.register(ActionStatus)
class ActionStatusAdmin(admin.ModelAdmin):
    """Network admins configure the status list and each status's usual progress here."""

    list_display = (
        "slug",
        "name",
        "default_progress",
        "position",
        "is_closed",
        "counts_in_progress",
    )
    list_editable = ("default_progress", "position", "is_closed", "counts_in_progress")


class ClauseInline(admin.TabularInline):
    model = Clause
    extra = 0
    fields = ("kind", "number", "text")


@admin.register(Declaration)
class DeclarationAdmin(VersionedAdmin):
    list_display = ("title", "forum_edition", "start_date", "place", "is_demo")
    inlines = [ClauseInline]
    readonly_fields = (*VersionedAdmin.readonly_fields, "source_text")


class ClauseTranslationInline(admin.TabularInline):
    model = ClauseTranslation
    extra = 0
    fields = ("clause", "text")
    readonly_fields = ("clause",)


@admin.register(DeclarationTranslation)
class DeclarationTranslationAdmin(VersionedAdmin):
    list_display = ("title", "declaration", "language", "kind", "translator")
    list_filter = ("language", "kind")
    inlines = [ClauseTranslationInline]
    readonly_fields = (*VersionedAdmin.readonly_fields, "source_text")


@admin.register(Commitment)
class CommitmentAdmin(VersionedAdmin):
    list_display = ("declaration", "number", "title", "weight")
    list_filter = ("declaration",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    formfield_overrides = VersionedAdmin.formfield_overrides
    extra = 0
    readonly_fields = ("content_type", "size")


@admin.register(Action)
class ActionAdmin(VersionedAdmin):
    list_display = ("title", "commitment", "city", "organisation", "status", "progress", "due_date")
    list_filter = ("status", "commitment__declaration")
    search_fields = ("title", "description")
    inlines = [MilestoneInline, EvidenceInline]


admin.site.register(Endorsement)
