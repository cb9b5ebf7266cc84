from django.urls import path

from . import views

# Included by hrcities.accounts.urls (the "accounts" namespace).
urlpatterns = [
    path("sign-in/code/", views.sign_in_code, name="two-factor-sign-in"),
    path("me/two-factor/", views.setup, name="two-factor-setup"),
    path("me/two-factor/remove/", views.remove, name="two-factor-remove"),
    path("me/two-factor/recovery-codes/", views.recovery_codes, name="two-factor-recovery-codes"),
]
