"""Titles of declarations and promises in the reader's language, where a translation has them.

{% load declarations %}{{ declaration|read_title }} {{ commitment|read_title }}
{{ declaration|read_subtitle }}
"""

from typing import Any

from django import template

from ..reading import declaration_part_for_reader, for_reader

register = template.Library()


@register.filter
def read_title(record: Any) -> str:
    return for_reader(record)


@register.filter
def read_subtitle(declaration: Any) -> str:
    return declaration_part_for_reader(declaration, "subtitle")
