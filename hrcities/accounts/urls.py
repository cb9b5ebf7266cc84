from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_networksettings
from .twofactor import urls as twofactor_urls
from .twofactor.views import SignInView

app_name = "accounts"
urlpatterns = [
    # A user with an authenticator app gives a code after the password (twofactor).
    path("sign-in/", SignInView.as_view(), name="login"),
    *twofactor_urls.urlpatterns,
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/<int:role_id>/revoke/", views.role_revoke, name="role-revoke"),
    path("network-settings/", views_networksettings.network_settings, name="network-settings"),
]
