from typing import Any

from django import template
from django.template import TemplateSyntaxError

from hrcities.core.dates import format_day, format_fuzzy, format_moment, format_range
from hrcities.core.languages import language_name as name_of_language
from hrcities.core.languages import language_names as name_of_languages
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


@register.filter
def day(value: Any) -> str:
    """Return a date as the reader's language writes it: "1 March 2024", "2024년 3월 1일"."""
    return format_day(value)


@register.filter
def moment(value: Any) -> str:
    """Return a date and time as the reader's language writes it, in the site's time zone."""
    return format_moment(value)


@register.filter
def day_range(start: Any, end: Any = None) -> str:
    """Return a span of days: `{{ starts_on|day_range:ends_on }}` is "18–27 May 1980"."""
    return format_range(start or None, end or None)


@register.filter
def fuzzy_date(text: str) -> str:
    """Return an archive date ("1980-05-18/1980-05-27") written out for the reader."""
    return format_fuzzy(text or "")


@register.filter
def language_name(code: str) -> str:
    """Return a language's name in the reader's language instead of its code ("ko": "Korean")."""
    return name_of_language(code or "")


@register.filter
def language_names(codes: list[str] | None) -> str:
    """Return the names of several languages: "English, Korean"."""
    return name_of_languages(codes or [])


@register.simple_tag
def trail(*steps: Any) -> list[tuple[str, Any]]:
    """Return a breadcrumb trail [(label, address), ...] from label, address, label, ...

    For the site's one breadcrumb component, `_breadcrumbs.html`. A step whose label is
    empty is left out, so one page template can serve records at several depths.
    """
    if len(steps) % 2:
        raise TemplateSyntaxError("trail takes a label and an address for each step.")
    pairs = zip(steps[::2], steps[1::2], strict=True)
    return [(str(label).strip(), url) for label, url in pairs if str(label or "").strip()]
