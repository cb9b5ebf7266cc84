"""`POST /api/classify`: any text in, the suggesters' goals, targets, themes and groups out.

For researchers who want to tag their own documents as the platform tags its records. The
answer lists every family's most probable labels with their scores, and says which of them
the platform would suggest on a record (at or above the family's threshold, at most three).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.throttling import SimpleRateThrottle

from hrcities.core.apiutils import read_auth
from hrcities.taxonomy.tags import describe

from .encoding import MAX_CHARS, MAX_WINDOWS, WINDOW, TextError
from .model import FAMILIES, PREFIX, suggesters
from .services import classify_texts

router = Router(tags=["classify"])


class ReaderThrottle(SimpleRateThrottle):
    """Count calls per signed-in person, or per address for anonymous readers.

    The read endpoints give an anonymous caller an AnonymousUser, which ninja's own
    throttles would take for one person shared by every anonymous caller.
    """

    def __init__(self, rate: str, *, signed_in: bool) -> None:
        super().__init__(rate)
        self.signed_in = signed_in
        self.scope = "classify-user" if signed_in else "classify-anon"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        if bool(getattr(user, "is_authenticated", False)) != self.signed_in:
            return None
        ident = str(user.pk) if self.signed_in else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


# Reading a text costs a few milliseconds of CPU; a client classifying a corpus signs in.
THROTTLES = [ReaderThrottle("60/m", signed_in=False), ReaderThrottle("600/m", signed_in=True)]


class ClassifyIn(Schema):
    text: str = Field(
        description=f"The text to read, in any of the encoder's languages (Korean and "
        f"English among them). Up to {MAX_CHARS:,} characters are accepted; the first "
        f"{WINDOW * MAX_WINDOWS:,} or so are read.",
    )
    top: int = Field(5, ge=1, le=50, description="How many labels to list per family.")


class LabelScoreOut(Schema):
    label: str = Field(description="sdg:N, sdg-target:N.N, theme:SLUG or group:SLUG.")
    name: str = Field(description="The label's name in the reader's language.")
    url: str = Field(description="The label's page on the platform.")
    score: float = Field(description="Probability that the label applies, from 0 to 1.")
    suggested: bool = Field(
        description="Whether the platform would suggest it on a record with this text."
    )


class ClassifyOut(Schema):
    goals: list[LabelScoreOut]
    targets: list[LabelScoreOut]
    themes: list[LabelScoreOut]
    groups: list[LabelScoreOut]
    thresholds: dict[str, float] = Field(
        description="Each family's threshold: a label at or above it may be suggested."
    )


@router.post(
    "",
    response=ClassifyOut,
    auth=read_auth,
    throttle=THROTTLES,
    summary="Suggest SDG goals, targets, human rights themes and groups for a text",
    operation_id="hrcities_classify_api_classify",
)
def classify(request: HttpRequest, payload: ClassifyIn) -> Any:
    try:
        [classified] = classify_texts([payload.text])
    except TextError as error:
        raise ValidationError([{"loc": ["text"], "msg": str(error)}]) from error
    model = suggesters()
    answer: dict[str, Any] = {"thresholds": {}}
    ranked: dict[str, list[tuple[str, float]]] = {}
    for family in FAMILIES:
        head = model.head(family)
        scores = classified.probabilities[family]
        order = scores.argsort(kind="stable")[::-1][: payload.top]
        ranked[family] = [(f"{PREFIX[family]}{head.labels[j]}", float(scores[j])) for j in order]
        answer["thresholds"][family] = float(head.threshold)
    suggested = {label for label, _score in classified.suggestions()}
    named = describe(label for pairs in ranked.values() for label, _score in pairs)
    for family, pairs in ranked.items():
        answer[family] = [
            {
                "label": label,
                "name": named[label].name if label in named else label,
                "url": named[label].url if label in named else "",
                "score": round(score, 4),
                "suggested": label in suggested,
            }
            for label, score in pairs
        ]
    return answer
