from django.db import migrations

STATUSES = [
    # slug, English, Korean, default progress, position, closed, counts in progress
    ("planned", "Planned", "계획", 0, 10, False, True),
    ("in-progress", "In progress", "진행 중", 50, 20, False, True),
    ("delayed", "Delayed", "지연", 25, 30, False, True),
    ("completed", "Completed", "완료", 100, 40, True, True),
    ("cancelled", "Cancelled", "취소", 0, 50, True, False),
]


def add_statuses(apps, schema_editor):
    ActionStatus = apps.get_model("commitments", "ActionStatus")
    for slug, en, ko, progress, position, closed, counts in STATUSES:
        ActionStatus.objects.get_or_create(
            slug=slug,
            defaults={
                "names": {"en": en, "ko": ko},
                "default_progress": progress,
                "position": position,
                "is_closed": closed,
                "counts_in_progress": counts,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]
    operations = [migrations.RunPython(add_statuses, migrations.RunPython.noop)]
