from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path(
        "sign-in/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/<int:role_id>/revoke/", views.role_revoke, name="role-revoke"),
]
