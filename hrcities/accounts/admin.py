from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, RoleAssignment, User


@admin.register(User)
class HrcitiesUserAdmin(UserAdmin):
    pass


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "city", "organisation", "created_at")
    list_filter = ("role",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "key_hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "key_hint")
