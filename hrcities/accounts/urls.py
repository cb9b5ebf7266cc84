from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views, views_networksettings
from .forms import PasswordResetForm, SetPasswordForm
from .twofactor import urls as twofactor_urls
from .twofactor.views import SignInView

app_name = "accounts"
urlpatterns = [
    # A user with an authenticator app gives a code after the password (twofactor).
    path("sign-in/", SignInView.as_view(), name="login"),
    *twofactor_urls.urlpatterns,
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/details/", views.account_details, name="account-details"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password-change"),
    # Forgotten passwords: every address gets the same answer, known or not.
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("people/", views.people_list, name="people"),
    path("roles/grant/", views.role_grant, name="role-grant"),
    path("people/<str:username>/", views.person_detail, name="person-detail"),
    path("people/<str:username>/grant/", views.role_grant, name="person-role-grant"),
    path(
        "people/<str:username>/deactivate/",
        views.person_activation,
        {"activate": False},
        name="person-deactivate",
    ),
    path(
        "people/<str:username>/reactivate/",
        views.person_activation,
        {"activate": True},
        name="person-reactivate",
    ),
    path(
        "people/<str:username>/two-factor/remove/",
        views.person_two_factor_remove,
        name="person-two-factor-remove",
    ),
    path("invitations/", views.invitation_list, name="invitation-list"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path(
        "invitations/<int:invitation_id>/resend/", views.invitation_resend, name="invitation-resend"
    ),
    path(
        "invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation-revoke"
    ),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation-accept"),
    # The roles page became the People page; its address still leads there.
    path("roles/", views.role_list, name="role-list"),
    path("roles/<int:role_id>/change/", views.role_change, name="role-change"),
    path("roles/<int:role_id>/revoke/", views.role_revoke, name="role-revoke"),
    path("network-settings/", views_networksettings.network_settings, name="network-settings"),
]
