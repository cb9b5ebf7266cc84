from django import forms
from django.utils.translation import gettext_lazy as _


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=10,
        help_text=_("The six digits your app shows for hrcities now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "size": 12}),
    )


class RemoveForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "size": 12}),
    )
    password = forms.CharField(
        label=_("or your password"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
