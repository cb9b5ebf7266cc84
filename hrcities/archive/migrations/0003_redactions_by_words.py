"""Redactions become the withheld words themselves instead of a span of one text.

A span could drift onto other words after an edit or a restore; the words are withheld
wherever they stand. Each span gives the words it covered when it was made (read from
the item's revision of that time) and the words it covers now: both are kept, so the
change withholds more, never less.
"""

from django.db import migrations, models


def _text(state, field, language):
    if field == "transcript":
        return state.get("transcript") or ""
    return (state.get("descriptions") or {}).get(language) or ""


def _words(text, start, end):
    return " ".join(text[start:end].split())


def spans_to_words(apps, schema_editor):
    Redaction = apps.get_model("archive", "Redaction")
    Revision = apps.get_model("core", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    item_type = ContentType.objects.filter(app_label="archive", model="item").first()
    seen = set()
    for redaction in Redaction.objects.select_related("item").order_by("id"):
        item = redaction.item
        now = {"transcript": item.transcript, "descriptions": item.descriptions}
        text = _text(now, redaction.field, redaction.language)
        phrases = [_words(text, redaction.start, redaction.end)]
        if item_type is not None:
            then = (
                Revision.objects.filter(
                    content_type=item_type,
                    object_id=str(item.pk),
                    created_at__lte=redaction.created_at,
                )
                .order_by("-created_at", "-id")
                .first()
            )
            if then is not None:
                text = _text(then.data, redaction.field, redaction.language)
                phrases.insert(0, _words(text, redaction.start, redaction.end))
        kept = False
        for phrase in phrases:
            if not phrase or (item.pk, phrase) in seen:
                continue
            seen.add((item.pk, phrase))
            if not kept:
                redaction.phrase = phrase
                redaction.save(update_fields=["phrase"])
                kept = True
            else:
                Redaction.objects.create(
                    item=item,
                    phrase=phrase,
                    field=redaction.field,
                    language=redaction.language,
                    start=0,
                    end=0,
                    reason=redaction.reason,
                    created_by=redaction.created_by,
                    created_at=redaction.created_at,
                )
        if not kept:
            redaction.delete()


def words_to_spans(apps, schema_editor):
    """Back to spans: the first place of the words in the transcript or a description."""
    Redaction = apps.get_model("archive", "Redaction")
    for redaction in Redaction.objects.select_related("item"):
        item = redaction.item
        texts = [("transcript", "", item.transcript or "")]
        texts += [("description", code, text) for code, text in (item.descriptions or {}).items()]
        for field, language, text in texts:
            start = text.find(redaction.phrase)
            if start != -1:
                redaction.field, redaction.language = field, language
                redaction.start, redaction.end = start, start + len(redaction.phrase)
                redaction.save()
                break
        else:
            redaction.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_personrole_real_name_shown"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="redaction",
            name="phrase",
            field=models.CharField(default="", max_length=1000, verbose_name="withheld words"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="redaction",
            name="field",
            field=models.CharField(
                choices=[("description", "description"), ("transcript", "transcript")],
                default="transcript",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="redaction", name="start", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AlterField(
            model_name="redaction", name="end", field=models.PositiveIntegerField(default=0)
        ),
        migrations.RunPython(spans_to_words, words_to_spans),
        migrations.RemoveField(model_name="redaction", name="field"),
        migrations.RemoveField(model_name="redaction", name="language"),
        migrations.RemoveField(model_name="redaction", name="start"),
        migrations.RemoveField(model_name="redaction", name="end"),
        migrations.AlterModelOptions(name="redaction", options={"ordering": ["created_at", "id"]}),
        migrations.AddConstraint(
            model_name="redaction",
            constraint=models.UniqueConstraint(
                fields=("item", "phrase"), name="one_redaction_per_phrase"
            ),
        ),
    ]
