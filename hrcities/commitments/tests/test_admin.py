import pytest
from django.urls import reverse

from hrcities.core.services import revisions_for

from .builders import action, declaration_with

pytestmark = pytest.mark.django_db


def test_an_admin_edit_of_an_action_keeps_a_revision(signed_in, gwangju):
    from hrcities.accounts.tests.factories import make_user

    superuser = make_user("root", is_staff=True, is_superuser=True)
    mine = action(declaration_with(1, slug="d").commitments.get(), gwangju, title="Before")
    client = signed_in(superuser)
    url = reverse("admin:commitments_action_change", args=[mine.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title": "After",
            "commitment": mine.commitment_id,
            "city": gwangju.pk,
            "status": mine.status_id,
            "weight": "1",
            "milestones-TOTAL_FORMS": 0,
            "milestones-INITIAL_FORMS": 0,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
        }
    )
    data.pop("organisation", None)
    data.pop("parent", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    mine.refresh_from_db()
    assert mine.title == "After"
    assert revisions_for(mine).first().changes["title"] == ["Before", "After"]
