import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from hrcities.accounts.tests.factories import PASSWORD
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

pytestmark = pytest.mark.django_db


def test_the_audit_log_cannot_be_changed_or_deleted_through_the_orm(admin):
    entry = audit(AuditEntry.Action.SIGN_IN, by=admin, target=admin)

    entry.action = "sign-out"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="sign-out")
    assert AuditEntry.objects.get(pk=entry.pk).action == "sign-in"


def test_the_database_itself_refuses_to_rewrite_the_audit_log(admin):
    entry = audit(AuditEntry.Action.SIGN_IN, by=admin, target=admin)

    for statement in (
        "UPDATE core_auditentry SET action = 'sign-out'",
        "DELETE FROM core_auditentry",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).action == "sign-in"


def test_sign_ins_and_failed_sign_ins_are_logged_with_the_address(client, reader):
    url = reverse("accounts:login")
    client.post(url, {"username": "reader", "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    client.post(url, {"username": "reader", "password": PASSWORD}, REMOTE_ADDR="203.0.113.8")

    failed = AuditEntry.objects.get(action="sign-in-failed")
    assert failed.target_repr == "reader"
    assert failed.ip_address == "203.0.113.7"
    assert "wrong" not in str(failed.details)
    signed_in = AuditEntry.objects.get(action="sign-in")
    assert signed_in.actor == reader
    assert signed_in.ip_address == "203.0.113.8"


def test_only_network_admins_read_the_audit_log(signed_in, admin, reader, client):
    audit(AuditEntry.Action.SIGN_IN, by=reader, target=reader)

    assert client.get(reverse("core:audit-log")).status_code == 302  # to sign-in
    assert signed_in(reader).get(reverse("core:audit-log")).status_code == 403
    page = signed_in(admin).get(reverse("core:audit-log"))
    assert page.status_code == 200
    assert "reader" in page.content.decode()


def test_the_audit_log_page_filters_by_action(signed_in, admin, reader):
    audit(AuditEntry.Action.SIGN_IN, by=reader, target=reader)
    audit(AuditEntry.Action.TOKEN_CREATED, by=admin, target=admin, target_repr="ci token")

    page = signed_in(admin).get(reverse("core:audit-log"), {"action": "token-created"})

    assert "ci token" in page.content.decode()
    assert page.context["page"].paginator.count == 1
