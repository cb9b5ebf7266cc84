from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role, RoleAssignment, User

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


class GrantRoleForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.order_by("username"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        role, city, organisation = data.get("role"), data.get("city"), data.get("organisation")
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
