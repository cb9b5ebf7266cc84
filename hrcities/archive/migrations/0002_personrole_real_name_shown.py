from django.db import migrations, models
from django.db.models import F, Q


def keep_names_linked_by_their_keepers(apps, schema_editor):
    """Links made within the person's own city or organisation keep showing the real name
    as before; links made from another owner's records hide it until a keeper allows it."""
    PersonRole = apps.get_model("archive", "PersonRole")
    same_item_owner = Q(item__isnull=False) & (
        Q(person__city__isnull=False, item__city=F("person__city"))
        | Q(person__organisation__isnull=False, item__organisation=F("person__organisation"))
    )
    same_event_owner = Q(event__isnull=False) & (
        Q(person__city__isnull=False, event__city=F("person__city"))
        | Q(person__organisation__isnull=False, event__organisation=F("person__organisation"))
    )
    PersonRole.objects.filter(same_item_owner | same_event_owner).update(real_name_shown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="personrole",
            name="real_name_shown",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Allowed by the person's keepers. While any link hides it, the real name "
                    "is hidden everywhere."
                ),
                verbose_name="the real name may be shown here",
            ),
        ),
        migrations.RunPython(keep_names_linked_by_their_keepers, migrations.RunPython.noop),
    ]
