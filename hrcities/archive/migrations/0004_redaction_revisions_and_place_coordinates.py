"""Redactions become versioned records (each existing one gets its first revision, dated
when it was made); places' coordinates carry their names for error messages."""

import django.utils.timezone
from django.db import migrations, models


def first_revisions(apps, schema_editor):
    Redaction = apps.get_model("archive", "Redaction")
    Revision = apps.get_model("core", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="archive", model="redaction")
    Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=str(redaction.pk),
            object_repr=f"Redaction {redaction.pk} of item {redaction.item_id}",
            version=1,
            action="create",
            data={
                "item": redaction.item_id,
                "phrase": redaction.phrase,
                "reason": redaction.reason,
                "created_by": redaction.created_by_id,
            },
            author_id=redaction.created_by_id,
            created_at=redaction.created_at,
        )
        for redaction in Redaction.objects.order_by("id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0003_redactions_by_words'),
        ('core', '0007_network_settings'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='redaction',
            name='updated_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name='redaction',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name='place',
            name='latitude',
            field=models.FloatField(blank=True, null=True, verbose_name='latitude'),
        ),
        migrations.AlterField(
            model_name='place',
            name='longitude',
            field=models.FloatField(blank=True, null=True, verbose_name='longitude'),
        ),
        migrations.AlterField(
            model_name='redaction',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(first_revisions, migrations.RunPython.noop),
    ]
