"""Charts drawn on the server as SVG, from plain data.

Two kinds: a time series (values by year or period, with the baseline and the target) and
a breakdown (values of one year by the categories of one disaggregation). Each chart comes
with a title, a sentence that says what it shows (for screen readers and for everyone),
and the data as a table, so nobody depends on seeing the picture.

The SVG is the same string on the web page and in the PDF: presentation attributes only
(no <style>, no inline style: the site's CSP forbids them and WeasyPrint draws them
alike), no script, text drawn as text. Patterns tell the series apart, not colour alone:
values are a solid line with filled dots, the target a dashed line with its label, the
baseline a hollow diamond. Every string from users is escaped. Output is deterministic:
the same data gives the same bytes.
"""

from .breakdown import breakdown_chart, indicator_breakdowns
from .numbers import format_number, format_short, format_value, nice_ticks
from .series import indicator_chart, time_series_chart
from .svg import Chart

__all__ = [
    "Chart",
    "breakdown_chart",
    "format_number",
    "format_short",
    "format_value",
    "indicator_breakdowns",
    "indicator_chart",
    "nice_ticks",
    "time_series_chart",
]
