"""A city's human rights indicators, their versioned definitions and yearly observations.

An indicator belongs to one city and sits in one of the city's domains (Gwangju groups
its indicators by the five domains of its Human Rights Charter). What an indicator
measures, and how, is its definition: changing the formula or the unit starts a new
definition version, and each observation keeps the version it was measured under.
Translating them does not: a Korean formula says the same method in another language.
Observations are yearly values, for the whole population (no disaggregation) or for a
group (sex, age group, disability, migrant status, district, or a dimension a city adds).

Free texts are kept in English (or as the city first wrote them) and in Korean (the
`_ko` fields), and shown in the reader's language, else in the other one.
"""

from .groupings import Dimension, DimensionQuerySet, Domain
from .indicators import (
    CODE_VALIDATOR,
    FIRST_YEAR,
    LAST_YEAR,
    RESERVED_CODES,
    YEAR_VALIDATORS,
    Indicator,
    IndicatorDefinition,
    IndicatorKind,
    IndicatorQuerySet,
    Polarity,
    pick_definition,
)
from .observations import Observation, ObservationQuerySet, disaggregation_key

__all__ = [
    "CODE_VALIDATOR",
    "FIRST_YEAR",
    "LAST_YEAR",
    "RESERVED_CODES",
    "YEAR_VALIDATORS",
    "Dimension",
    "DimensionQuerySet",
    "Domain",
    "Indicator",
    "IndicatorDefinition",
    "IndicatorKind",
    "IndicatorQuerySet",
    "Observation",
    "ObservationQuerySet",
    "Polarity",
    "disaggregation_key",
    "pick_definition",
]
