"""Protective state holds through every restore and edit: a withdrawal, a publication
state, an access tier, a hidden field or a name that may not be shown is never loosened
by bringing back an old revision, and opening one is a keeper's own, logged action."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive import services
from hrcities.archive.models import Item, Person
from hrcities.core.models import AuditEntry, Revision
from hrcities.core.services import restore_revision, revisions_for

pytestmark = pytest.mark.django_db

SECRET = "Quincewood"  # a word only the withdrawn testimony holds


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def published_testimony(city, editor, **values):
    """A testimony created, consented and published through the services (with revisions)."""
    narrator = services.create_archive_record(
        Person, by=editor, city=city, pseudonym="Narrator Aster", real_name="Han Realname"
    )
    item = services.create_archive_record(
        Item,
        by=editor,
        city=city,
        kind="testimony",
        titles={"en": f"{SECRET} testimony"},
        descriptions={"en": f"What was seen at {SECRET} bridge."},
        original_language="en",
        narrator=narrator,
        **values,
    )
    services.record_consent(
        item, by=editor, scopes=["archive", "publish"], given_on=date(2020, 5, 18)
    )
    return services.publish(item, by=editor)


def withdraw(item, editor):
    return services.withdraw_consent(item.consents.get(), by=editor)


def revision(item, version):
    return revisions_for(item).get(version=version)


def everything_the_public_reads(client, item, media):
    """The page, the API, the search, OAI-PMH and the file, as one text with statuses."""
    client.logout()
    search = client.get("/api/search", {"q": SECRET, "semantic": "false"}).json()
    oai = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content.decode()
    return {
        "page": client.get(reverse("archive:item-detail", args=[item.pk])).status_code,
        "api": client.get(f"/api/archive/items/{item.pk}").status_code,
        "search": [result["title"] for result in search["results"]],
        "oai": SECRET in oai,
        "media": client.get(reverse("archive:media-file", args=[media.pk])).status_code,
    }


HIDDEN = {"page": 404, "api": 404, "search": [], "oai": False, "media": 404}


@pytest.fixture
def testimony(gwangju, gwangju_editor):
    item = published_testimony(gwangju, gwangju_editor)
    media = services.add_media(
        item, SimpleUploadedFile("notes.txt", b"Notes of the interview."), by=gwangju_editor
    )
    return item, media


def test_a_withdrawal_is_kept_in_the_history(testimony, gwangju_editor):
    item, _ = testimony

    withdraw(item, gwangju_editor)

    latest = revisions_for(item).first()
    assert latest.data["is_withdrawn"] is True
    assert latest.changes == {"is_withdrawn": [False, True]}
    assert latest.author == gwangju_editor


def test_restoring_a_revision_from_before_the_withdrawal_keeps_the_testimony_withdrawn(
    client, testimony, gwangju_editor, api_token
):
    item, media = testimony
    public_before = revision(item, item.version)  # published, not yet withdrawn
    assert everything_the_public_reads(client, item, media)["search"] == [f"{SECRET} testimony"]
    withdraw(item, gwangju_editor)

    response = client.post(
        f"/api/records/revisions/{public_before.pk}/restore", **bearer(api_token(gwangju_editor))
    )

    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert item.is_withdrawn
    assert everything_the_public_reads(client, item, media) == HIDDEN
    # The consent page and the record agree.
    client.force_login(gwangju_editor)
    assert (
        "Withdrawn" in client.get(reverse("archive:item-consents", args=[item.pk])).content.decode()
    )
    assert response.json()["changes"]["kept_protection"] == [None, ["is_withdrawn"]]
    restored = AuditEntry.objects.filter(action="record-restored").get()
    assert restored.details["kept_protection"] == ["is_withdrawn"]


def test_the_history_pages_restore_button_keeps_the_testimony_withdrawn(
    client, testimony, gwangju_editor
):
    item, media = testimony
    public_before = revision(item, item.version)
    withdraw(item, gwangju_editor)
    client.force_login(gwangju_editor)
    history = client.get(reverse("core:record-history", args=["archive.item", item.pk]))
    assert reverse("core:revision-restore", args=[public_before.pk]) in history.content.decode()

    response = client.post(reverse("core:revision-restore", args=[public_before.pk]))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_withdrawn and item.version == public_before.version + 2
    assert everything_the_public_reads(client, item, media) == HIDDEN


def test_restoring_the_first_draft_of_a_withdrawn_testimony_shows_it_to_no_contributor(
    client, gwangju, testimony, gwangju_editor, api_token
):
    item, media = testimony
    first_draft = revision(item, 1)
    assert first_draft.data["publication"] == "draft"
    withdraw(item, gwangju_editor)
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)

    response = client.post(
        f"/api/records/revisions/{first_draft.pk}/restore", **bearer(api_token(gwangju_editor))
    )

    assert response.status_code == 200
    item.refresh_from_db()
    assert item.is_withdrawn
    assert not Item.objects.visible_to(contributor).filter(pk=item.pk).exists()
    as_contributor = client.get(f"/api/archive/items/{item.pk}", **bearer(api_token(contributor)))
    assert as_contributor.status_code == 404
    assert everything_the_public_reads(client, item, media) == HIDDEN


def test_a_deleted_withdrawn_testimony_comes_back_withdrawn_from_an_older_revision(
    testimony, gwangju_editor, admin
):
    from hrcities.core.services import delete_record

    item, _ = testimony
    public_before = revision(item, item.version)
    withdraw(item, gwangju_editor)
    pk = item.pk
    delete_record(Item.objects.get(pk=pk), by=admin)

    restored = restore_revision(public_before, by=admin)

    assert restored.pk == pk and restored.is_withdrawn


def test_restoring_an_open_revision_keeps_the_current_access_tier_and_hidden_fields(
    gwangju, gwangju_editor
):
    named = make_user("named")
    item = published_testimony(gwangju, gwangju_editor, restricted_fields=[])
    open_version = revision(item, item.version)
    services.update_archive_record(
        item,
        {
            "access": "restricted",
            "allowed_users": [named],
            "restricted_fields": ["narrator_name"],
        },
        by=gwangju_editor,
        based_on_version=item.version,
    )

    restored = restore_revision(open_version, by=gwangju_editor)

    assert restored.access == "restricted"
    assert list(restored.allowed_users.all()) == [named]
    assert restored.restricted_fields == ["narrator_name"]
    assert Item.objects.visible_to(make_user("outsider")).filter(pk=item.pk).count() == 0


def test_restoring_a_stricter_revision_tightens_the_record(gwangju, gwangju_editor):
    item = published_testimony(gwangju, gwangju_editor, access="network")
    network_only = revision(item, item.version)
    services.update_archive_record(
        item, {"access": "public"}, by=gwangju_editor, based_on_version=item.version
    )

    restored = restore_revision(network_only, by=gwangju_editor)

    assert restored.access == "network"
    assert "kept_protection" not in revisions_for(restored).first().changes


def test_restoring_a_person_never_shows_a_real_name_taken_back(gwangju, gwangju_editor):
    person = services.create_archive_record(
        Person,
        by=gwangju_editor,
        city=gwangju,
        pseudonym="Narrator Iris",
        real_name="Moon Realname",
        real_name_may_be_shown=True,
    )
    named_version = revision(person, 1)
    services.update_archive_record(
        person, {"real_name_may_be_shown": False}, by=gwangju_editor, based_on_version=1
    )

    restored = restore_revision(named_version, by=gwangju_editor)

    assert restored.real_name_may_be_shown is False


def test_restoring_an_indicator_never_publishes_one_its_editors_took_back(gwangju, gwangju_editor):
    from hrcities.core.services import update_record
    from hrcities.indicators.tests.factories import make_indicator

    indicator = make_indicator(gwangju)
    update_record(indicator, {"unit": "persons"}, by=gwangju_editor, based_on_version=None)
    published = revisions_for(indicator).first()
    update_record(indicator, {"is_published": False}, by=gwangju_editor, based_on_version=None)

    restored = restore_revision(published, by=gwangju_editor)

    assert restored.is_published is False and restored.unit == "persons"


# --- edits: opening is the keepers' own, logged action -------------------------------


def test_an_edit_never_undoes_a_withdrawal(gwangju, gwangju_editor):
    from django.core.exceptions import PermissionDenied

    item = published_testimony(gwangju, gwangju_editor)
    withdraw(item, gwangju_editor)

    with pytest.raises(PermissionDenied):
        services.update_archive_record(
            item, {"is_withdrawn": False}, by=gwangju_editor, based_on_version=item.version
        )

    item.refresh_from_db()
    assert item.is_withdrawn


def test_a_keeper_opening_an_access_tier_through_the_api_is_logged_as_its_own_action(
    client, gwangju, gwangju_editor, api_token
):
    item = published_testimony(gwangju, gwangju_editor, access="network")
    before = AuditEntry.objects.filter(action="protection-loosened").count()

    response = client.patch(
        f"/api/archive/items/{item.pk}",
        {"version": item.version, "access": "public"},
        content_type="application/json",
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 200, response.content
    opened = AuditEntry.objects.filter(action="protection-loosened")
    assert opened.count() == before + 1
    assert opened.first().details["fields"] == ["access"]
    assert opened.first().actor == gwangju_editor


def test_a_contributor_may_not_show_a_hidden_field_of_a_draft_through_the_api(
    client, gwangju, api_token
):
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    draft = services.create_archive_record(
        Item,
        by=contributor,
        city=gwangju,
        kind="testimony",
        titles={"en": "A draft"},
        exact_location="12 Geumnam-ro",
    )

    response = client.patch(
        f"/api/archive/items/{draft.pk}",
        {"version": draft.version, "hidden_fields": []},
        content_type="application/json",
        **bearer(api_token(contributor)),
    )

    assert response.status_code == 403
    draft.refresh_from_db()
    assert "exact_location" in draft.restricted_fields
    assert Revision.objects.filter(object_id=str(draft.pk)).count() == 1


def test_publishing_is_logged_as_an_opening_of_the_record(gwangju, gwangju_editor):
    item = published_testimony(gwangju, gwangju_editor)

    opened = AuditEntry.objects.filter(action="protection-loosened", target_id=str(item.pk))

    assert [entry.details["fields"] for entry in opened] == [["publication"]]
    assert opened.get().actor == gwangju_editor


def test_restoring_a_draft_never_widens_the_tier_it_will_be_published_with(gwangju, gwangju_editor):
    named = make_user("named")
    draft = services.create_archive_record(
        Item, by=gwangju_editor, city=gwangju, kind="document", titles={"en": "A draft"}
    )
    open_draft = revision(draft, 1)
    services.update_archive_record(
        draft,
        {"access": "restricted", "allowed_users": [named]},
        by=gwangju_editor,
        based_on_version=1,
    )

    restored = restore_revision(open_draft, by=gwangju_editor)

    assert restored.publication == "draft" and restored.access == "restricted"


def tier(access, *, until=None, then="public", users=(), publication="published", withdrawn=False):
    return {
        "publication": publication,
        "is_withdrawn": withdrawn,
        "access": access,
        "embargo_until": until,
        "after_embargo": then,
        "allowed_users": list(users),
        "allowed_organisations": [],
        "restricted_fields": [],
    }


@pytest.mark.parametrize(
    ("current", "incoming", "opens"),
    [
        (tier("public"), tier("network"), False),
        (tier("network"), tier("public"), True),
        (tier("restricted", users=[1]), tier("restricted", users=[1, 2]), True),
        (tier("restricted", users=[1, 2]), tier("restricted", users=[1]), False),
        (tier("restricted", users=[1]), tier("network"), True),
        (tier("network"), tier("restricted", users=[1]), False),
        (tier("network"), tier("embargoed", until="2030-01-01"), True),
        (tier("network"), tier("embargoed", until="2030-01-01", then="network"), False),
        (tier("embargoed", until="2030-01-01"), tier("embargoed", until="2029-01-01"), True),
        (
            tier("embargoed", until="2030-01-01"),
            tier("embargoed", until="2031-01-01", then="network"),
            False,
        ),
        (
            tier("embargoed", until="2030-01-01", then="network"),
            tier("embargoed", until="2030-01-01"),
            True,
        ),
        (tier("restricted", users=[1]), tier("embargoed", until="2030-01-01"), True),
        (tier("public", publication="draft"), tier("public"), True),
        (tier("public"), tier("public", publication="draft"), False),
        (tier("restricted", users=[1]), tier("restricted", users=[1], publication="draft"), True),
        (tier("public", withdrawn=True), tier("public"), True),
        (tier("public"), tier("public", withdrawn=True), False),
    ],
)
def test_an_item_state_opens_the_item_only_to_someone_it_is_closed_to_now(current, incoming, opens):
    from hrcities.core.protection import loosened

    assert bool(loosened(Item, current, incoming)) == opens
