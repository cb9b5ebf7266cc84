"""What other endpoints share: a commitment named by its key."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Commitment


def commitment_by_key(key: str) -> Commitment:
    """Return the commitment a key like `2020-final-declaration/5` names, or refuse the input."""
    slug, _sep, number = key.rpartition("/")
    if not slug or not number.isdigit():
        raise ValidationError({"commitment": _("Write the commitment as declaration-slug/number.")})
    commitment = Commitment.objects.filter(declaration__slug=slug, number=int(number)).first()
    if commitment is None:
        raise ValidationError({"commitment": _("Unknown commitment “%(key)s”.") % {"key": key}})
    return commitment
