from django.db import migrations

# The dimensions every city can break its indicators down by; a city may add its own.
# Columns and values are written as Open SDG's tidy CSV files write them.
DIMENSIONS = [
    # slug, column, English, Korean, values with their Korean names, position
    ("sex", "Sex", "Sex", "성별", {"Female": "여성", "Male": "남성"}, 10),
    ("age", "Age", "Age group", "연령대", {}, 20),
    (
        "disability",
        "Disability status",
        "Disability status",
        "장애 여부",
        {"With disability": "장애 있음", "Without disability": "장애 없음"},
        30,
    ),
    (
        "migrant",
        "Migratory status",
        "Migrant status",
        "이주 배경",
        {"Migrant": "이주민", "Non-migrant": "비이주민"},
        40,
    ),
    ("district", "District", "District", "자치구", {}, 50),
]


def add_dimensions(apps, schema_editor):
    Dimension = apps.get_model("indicators", "Dimension")
    for slug, column, en, ko, values, position in DIMENSIONS:
        Dimension.objects.get_or_create(
            slug=slug,
            city=None,
            defaults={
                "column": column,
                "names": {"en": en, "ko": ko},
                "values": list(values),
                "value_names": {value: {"ko": name} for value, name in values.items()},
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(add_dimensions, migrations.RunPython.noop)]
