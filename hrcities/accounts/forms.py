"""Forms of the account pages: tokens, roles, invitations, accepting one, passwords.

The forms read what was typed; the services decide who may do what, and their errors are
shown beside the fields they name.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm

from .mail import absolute_url
from .models import Role, RoleAssignment, User
from .permissions import PEOPLE_ROLES, grantable_roles, is_network_admin
from .services import send_password_reset, set_new_password

logger = logging.getLogger(__name__)

# The cities and organisations a role is scoped to, as the role's own fields name them
# (accounts sits below the network and does not import it).
City = RoleAssignment._meta.get_field("city").related_model
Organisation = RoleAssignment._meta.get_field("organisation").related_model


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “indicator upload script”."),
    )


class RoleScopeForm(CheckedTextForm):
    """A role and the city or organisation it is for, among those the user may give."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, by: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(by)
        if is_network_admin(by):
            cities, organisations = City.objects.all(), Organisation.objects.all()
        else:
            held = by.roles.filter(role__in=PEOPLE_ROLES)
            cities = City.objects.filter(Q(pk__in=held.values("city")))
            organisations = Organisation.objects.filter(Q(pk__in=held.values("organisation")))
        self.fields["city"].queryset = cities
        self.fields["organisation"].queryset = organisations
        # An editor of one city sees that city chosen, and no empty list of organisations.
        for name, choices in (("city", cities), ("organisation", organisations)):
            if not is_network_admin(by) and not choices.exists():
                del self.fields[name]
        if not is_network_admin(by) and cities.count() + organisations.count() == 1:
            only = "city" if "city" in self.fields else "organisation"
            self.fields[only].initial = self.fields[only].queryset.get().pk

    def clean(self) -> dict:
        data = super().clean()
        data.setdefault("city", None)
        data.setdefault("organisation", None)
        role, city, organisation = data.get("role"), data["city"], data["organisation"]
        if role == Role.ADMIN and (city or organisation):
            raise forms.ValidationError(
                _(
                    "A network admin role covers the whole network: "
                    "leave city and organisation empty."
                )
            )
        if role and role != Role.ADMIN and bool(city) == bool(organisation):
            raise forms.ValidationError(_("Choose either a city or an organisation for this role."))
        return data


class GrantRoleForm(RoleScopeForm):
    """A role for someone who already has an account, found by user name or email."""

    account = forms.CharField(
        label=_("User name or email address"),
        max_length=254,
        help_text=_("Exactly as the person signs in, or the address their account has."),
    )
    field_order = ["account", "role", "city", "organisation"]

    def clean_account(self) -> User:
        text = self.cleaned_data["account"].strip()
        found = list(User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text))[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("No account has this user name or email address: invite the person instead.")
                if not found
                else _("Several accounts have this email address: give the user name instead.")
            )
        return found[0]


class InvitationForm(RoleScopeForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )
    field_order = ["email", "role", "city", "organisation", "language"]


def ask_name_and_language(form: forms.ModelForm) -> None:
    """A person's name is filled in as a name; their language is one of the platform's."""
    form.fields["preferred_language"].choices = settings.LANGUAGES
    form.fields["preferred_language"].required = True
    form.fields["display_name"].widget.attrs["autocomplete"] = "name"


class AcceptInvitationForm(auth_forms.UserCreationForm):
    """The invited person chooses their user name, name, language and password."""

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "preferred_language")
        labels = {
            "username": _("User name"),
            "display_name": _("Your name as others see it"),
            "preferred_language": _("Language"),
        }
        help_texts = {
            "username": _(
                "You sign in with it. Letters, digits and @ . + - _ only, up to 150 characters."
            ),
            "preferred_language": _("The language of the pages and of the emails you get."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ask_name_and_language(self)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Email the reset link in the person's own language, through the platform's mail."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        # As Django's own form: a failed delivery is logged, and the answer stays the same
        # as for an unknown address.
        try:
            send_password_reset(context["user"], absolute_url(path))
        except Exception:
            logger.exception("Failed to send a password reset email to user %s", context["user"].pk)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        set_new_password(self.user, self.cleaned_data["new_password1"], reset=True)
        return self.user


class AccountDetailsForm(forms.ModelForm):
    """A person's own name, email address and language."""

    class Meta:
        model = User
        fields = ("display_name", "email", "preferred_language")
        labels = {
            "display_name": _("Your name as others see it"),
            "email": _("Email address"),
            "preferred_language": _("Language of your emails"),
        }
        help_texts = {
            "email": _("Password resets and the reminders of your work go to this address."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ask_name_and_language(self)
        self.fields["email"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        set_new_password(self.user, self.cleaned_data["new_password1"], reset=False)
        return self.user
