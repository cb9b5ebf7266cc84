"""A demo foreword: Gwangju's words at the top of its 2023 report, marked as demo."""

from __future__ import annotations

from django.db import transaction

from hrcities.network.models import City

from .models import Foreword

DEMO_FOREWORDS = {
    ("gwangju", 2023): {
        "en": (
            "This foreword is a sample, written to show how a city introduces its report; "
            "the figures that follow are invented too.\n\n"
            "In 2023 the city kept its promise to measure every domain of its Human Rights "
            "Charter. Some indicators moved the right way over the year while still falling "
            "short of the path to their targets: the report says so beside each of them, "
            "and we would rather show it than hide it.\n\n"
            "We thank the residents, the Human Rights Office and the civil society "
            "organisations who collected, checked and questioned these figures."
        ),
        "ko": (
            "이 머리말은 도시가 보고서를 어떻게 소개하는지 보여 주기 위한 예시이며, "
            "뒤에 나오는 수치도 지어낸 것입니다.\n\n"
            "2023년 시는 인권헌장의 모든 영역을 측정하겠다는 약속을 지켰습니다. "
            "한 해 동안 나아졌지만 목표로 가는 경로에는 아직 못 미치는 지표도 있습니다. "
            "보고서는 지표마다 이를 밝히며, 우리는 이를 감추기보다 보여 드리고자 합니다.\n\n"
            "이 수치를 모으고 검토하고 질문해 주신 시민, 인권담당관실, "
            "시민사회단체에 감사드립니다."
        ),
    },
}


@transaction.atomic
def load_demo_forewords() -> dict[str, int]:
    """Add the demo forewords whose city exists; return how many were new. Safe to rerun."""
    created = 0
    for (slug, year), texts in DEMO_FOREWORDS.items():
        city = City.objects.filter(slug=slug).first()
        if city is None:
            continue
        _foreword, is_new = Foreword.objects.get_or_create(
            city=city, year=year, defaults={"texts": texts, "is_demo": True}
        )
        created += is_new
    return {"report forewords": created}
