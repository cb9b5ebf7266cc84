from django.contrib import admin

from .models import AuditEntry, Revision


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
