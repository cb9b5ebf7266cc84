from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import AuditEntry, Revision
from .services import create_record, delete_record, update_record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_repr", "action", "target_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_repr", "target_repr")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("object_repr", "version", "action", "author", "created_at")
    list_filter = ("action", "content_type")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


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
