import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from hrcities.core.models import AuditEntry, Revision
from hrcities.core.services import (
    EditConflict,
    batched_history,
    create_record,
    delete_record,
    restore_revision,
    revisions_for,
    update_record,
)
from hrcities.network.models import City, Organisation
from hrcities.network.tests.factories import make_country

pytestmark = pytest.mark.django_db


def new_city(by, **overrides):
    values = {
        "slug": "gwangju",
        "names": {"en": "Gwangju", "ko": "광주"},
        "country": make_country("KR"),
        "latitude": 35.15,
        "longitude": 126.91,
    }
    values.update(overrides)
    return create_record(City, by=by, **values)


def test_creating_a_record_keeps_a_first_revision_and_an_audit_entry(admin):
    city = new_city(admin)

    revision = revisions_for(city).get()
    assert revision.version == 1
    assert revision.action == "create"
    assert revision.author == admin
    assert revision.data["names"] == {"en": "Gwangju", "ko": "광주"}
    assert AuditEntry.objects.filter(action="record-created", target_id=str(city.pk)).exists()


def test_an_update_records_what_changed_who_changed_it_and_raises_the_version(admin):
    city = new_city(admin)

    update_record(city, {"year_declared": 2011}, by=admin, based_on_version=1)

    city.refresh_from_db()
    assert city.version == 2
    latest = revisions_for(city).first()
    assert latest.changes == {"year_declared": [None, 2011]}
    assert latest.author == admin
    entry = AuditEntry.objects.filter(action="record-updated").get()
    assert entry.details["fields"] == ["year_declared"]


def test_an_edit_based_on_a_stale_version_is_refused_and_changes_nothing(admin, reader):
    city = new_city(admin)
    update_record(city, {"year_declared": 2011}, by=admin, based_on_version=1)

    with pytest.raises(EditConflict) as refused:
        update_record(city, {"year_declared": 1999}, by=reader, based_on_version=1)

    assert refused.value.current == 2
    assert "version 1" in str(refused.value) and "version 2" in str(refused.value)
    city.refresh_from_db()
    assert city.year_declared == 2011
    assert revisions_for(city).count() == 2
    assert AuditEntry.objects.filter(action="edit-conflict").count() == 1


def test_saving_without_a_change_keeps_no_new_revision(admin):
    city = new_city(admin)

    update_record(city, {"names": {"en": "Gwangju", "ko": "광주"}}, by=admin, based_on_version=1)

    assert revisions_for(city).count() == 1
    city.refresh_from_db()
    assert city.version == 1


def test_invalid_values_are_refused_before_anything_is_written(admin):
    from django.core.exceptions import ValidationError

    city = new_city(admin)
    with pytest.raises(ValidationError) as refused:
        update_record(city, {"latitude": 123.0}, by=admin, based_on_version=1)

    assert "latitude" in refused.value.message_dict
    city.refresh_from_db()
    assert city.latitude == 35.15
    assert revisions_for(city).count() == 1


def test_an_earlier_version_can_be_restored(admin):
    city = new_city(admin)
    update_record(
        city,
        {"year_declared": 2011, "website": "https://example.org/"},
        by=admin,
        based_on_version=1,
    )
    first = revisions_for(city).get(version=1)

    restored = restore_revision(first, by=admin)

    assert restored.year_declared is None
    assert restored.website == ""
    assert restored.version == 3
    assert revisions_for(city).first().action == "restore"


def test_a_deleted_record_comes_back_whole_from_its_history(admin):
    city = new_city(admin, year_declared=2011)
    pk = city.pk
    delete_record(city, by=admin)
    assert not City.objects.filter(pk=pk).exists()

    last = Revision.objects.filter(object_id=str(pk), action="delete").get()
    restored = restore_revision(last, by=admin)

    assert restored.pk == pk
    assert restored.names == {"en": "Gwangju", "ko": "광주"}
    assert restored.year_declared == 2011
    assert City.objects.get(pk=pk).version == restored.version
    assert [r.action for r in revisions_for(restored)] == ["restore", "delete", "create"]


def test_the_first_revision_holds_the_many_to_many_values_as_stored(gwangju, admin):
    """A new record's first revision is taken from the values given (not read back);
    it must equal what reading back gives, whatever form the values came in."""
    from hrcities.accounts.tests.factories import make_user
    from hrcities.archive.models import Item
    from hrcities.network.tests.factories import make_organisation

    one, two = make_user("one"), make_user("two")
    organisation = make_organisation()
    item = create_record(
        Item,
        by=admin,
        city=gwangju,
        kind="document",
        titles={"en": "Shared with two readers"},
        access="restricted",
        allowed_users=[two, str(one.pk), two.pk],
        allowed_organisations=Organisation.objects.filter(pk=organisation.pk),
    )

    first = Revision.objects.get(object_id=str(item.pk), content_type__model="item")
    assert first.data == Item.objects.get(pk=item.pk).snapshot()
    assert first.data["allowed_users"] == sorted([one.pk, two.pk])


def test_a_batch_writes_its_revisions_and_audit_lines_together_in_order(admin):
    with transaction.atomic(), batched_history():
        cities = [new_city(admin, slug=f"city-{n}", names={"en": f"City {n}"}) for n in range(3)]
        # Inside the block the history is still to be written.
        assert not Revision.objects.exists() and not AuditEntry.objects.exists()
        with batched_history():
            cities.append(new_city(admin, slug="city-3", names={"en": "City 3"}))
        assert not Revision.objects.exists()

    for city in cities:
        revision = revisions_for(city).get()
        assert (revision.version, revision.action, revision.author) == (1, "create", admin)
        assert revision.data["names"] == {"en": city.name}
    lines = AuditEntry.objects.filter(action="record-created").order_by("id")
    assert [line.target_id for line in lines] == [str(city.pk) for city in cities]
    assert [line.actor for line in lines] == [admin] * 4


def test_a_failing_batch_leaves_no_record_and_no_history(admin):
    with pytest.raises(ValidationError), transaction.atomic(), batched_history():
        new_city(admin, slug="kept-until-the-error")
        new_city(admin, slug="kept-until-the-error")

    assert not City.objects.exists()
    assert not Revision.objects.exists() and not AuditEntry.objects.exists()


def test_a_deletion_in_a_batch_names_its_revision_in_the_audit_line(admin):
    city = new_city(admin)
    with transaction.atomic(), batched_history():
        delete_record(city, by=admin)

    line = AuditEntry.objects.get(action="record-deleted")
    assert line.details["revision"] == Revision.objects.get(action="delete").pk


def test_a_reference_given_as_a_saved_record_is_not_looked_up_again(admin):
    from hrcities.indicators.models import Domain

    city = new_city(admin)
    with CaptureQueriesContext(connection) as queries:
        create_record(Domain, by=admin, city=city, slug="housing", names={"en": "Housing"})
    assert not any('"network_city"' in q["sql"] for q in queries.captured_queries)

    # Its uniqueness within the city is still checked, with a message, not a database error.
    with pytest.raises(ValidationError) as refused:
        create_record(Domain, by=admin, city=city, slug="housing", names={"en": "Again"})
    assert "already exists" in str(refused.value)
    assert Domain.objects.count() == 1
    # A key given as a number is still checked.
    with pytest.raises(ValidationError) as refused:
        create_record(Domain, by=admin, city_id=999999, slug="x", names={"en": "X"})
    assert "city" in refused.value.message_dict
