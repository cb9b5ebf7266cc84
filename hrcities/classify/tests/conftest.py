import pytest


@pytest.fixture
def suggest_on_save(settings):
    """Compute suggestions on save, at once (no worker thread), as the tests need."""
    settings.SUGGEST_ON_SAVE = True
    settings.SUGGEST_IN_BACKGROUND = False
    return settings


@pytest.fixture
def sdg_goals(db):
    """The 17 goals, so that suggested goal tags can be named on pages."""
    from hrcities.taxonomy.models import SdgGoal

    return [
        SdgGoal.objects.update_or_create(
            number=n, defaults={"titles": {"en": f"Goal {n}"}, "short_titles": {"en": f"G{n}"}}
        )[0]
        for n in range(1, 18)
    ]
