from typing import Any

from django import template

from ..twofactor.services import confirmed_app, recovery_codes_left

register = template.Library()


@register.inclusion_tag("accounts/twofactor/_profile_section.html", takes_context=True)
def two_factor_section(context: dict[str, Any]) -> dict[str, Any]:
    """The account page's part on two-factor sign-in, for the signed-in user."""
    user = context["request"].user
    app = confirmed_app(user)
    return {
        "app": app,
        "codes_left": recovery_codes_left(user) if app else 0,
    }
