"""The kinds of work, each module registering its own."""

from . import consents, plans, publication, suggestions  # noqa: F401
