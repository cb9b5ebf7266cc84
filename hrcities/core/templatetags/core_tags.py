from typing import Any

from django import template

from hrcities.core.models import pick_translation

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """Return the current query string with some parameters replaced."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_set(context: dict[str, Any], key: str, value: Any) -> str:
    """Return the current query string with the parameter `key` set to `value` (for a
    page with several paginated lists, each with its own parameter)."""
    return query_with(context, **{key: value})


@register.filter
def translated(values: dict[str, str] | None, language: str | None = None) -> str:
    return pick_translation(values, language)


@register.filter
def record_label(record: Any) -> str:
    """Return "app.model" for a record, as the record URLs and API use."""
    return record._meta.label_lower
