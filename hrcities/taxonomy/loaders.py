"""Load the reference vocabularies from the files in `data/` (see data/LICENSES.md).

One transaction, bulk writes, idempotent: a second run reports everything unchanged.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from hrcities.core.signals import bulk_saved

from .models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    UprRecommendation,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
UPR_FILE = Path("uhri") / "upr_slovenia_recommendations.jsonl"
# The platform's own names of themes and groups in other languages, one file per language.
NAMES_FILES = {"ko": Path("uhri") / "names_ko.json"}

Counts = dict[str, int]

# ---------------------------------------------------------------------------------------
# Theme normalisation
#
# Cycles 3 and 4 use the UHRI theme names of their time. Spelling variants are merged by
# `name_key` ("Budget &resources" = "Budget & resources"; "and" = "&"; case, spaces and
# punctuation ignored). UHRI renamed some themes between the two cycles; where the new
# name plainly denotes the same theme, the cycle-3 name becomes an alias of the cycle-4
# theme (this table). Renames that change the theme's scope are left as separate themes.
RENAMED_THEMES: dict[str, str] = {
    "Acceptance of international norms": (
        "Ratification of & accession to international instruments"
    ),
    "Prohibition of slavery, trafficking": "Human trafficking & contemporary forms of slavery",
    "Human Rights & drinking water & sanitation": "Safe drinking water & sanitation",
    "Freedom of opinion & expression & right to information": (
        "Freedom of opinion and expression & access to information"
    ),
    "Sexual & other forms of gender-based violence": "Sexual & gender-based violence",
    "Access to sexual & reproductive health & services": (
        "Sexual & reproductive health and rights"
    ),
    "National Plans of Action on Human Rights (or specific areas)": (
        "National Human Rights Action Plans (or specific areas) / implementation plans"
    ),
    "Right to work and to just & favorable conditions of work & labour rights": (
        "Labour rights and right to work"
    ),
    "Cooperation and meaningful consultation with civil society & participation": (
        "Cooperation & consultation with civil society"
    ),
}

# Cycle 2 uses the older UHRI codes ("A12 Acceptance of international norms"). Each code
# maps to the current theme whose name clearly corresponds; None keeps the published string
# on the recommendation (`legacy_themes`) because no current theme clearly corresponds.
LEGACY_THEMES: dict[str, str | None] = {
    "A12": "Acceptance of international norms",
    "A22": "Cooperation & Follow up with Treaty Bodies",
    "A24": None,  # Cooperation with special procedures: no current theme of that scope here
    "A27": None,  # Follow-up to the UPR: NMIRF is a narrower, different theme
    "A3": "Inter-State cooperation & development or humanitarian assistance",
    "A41": "Constitutional & legislative framework",
    "A42": None,  # Institutions & policies - General: "Legal, institutional & policy
    # framework" or "Legal & institutional reform" both fit in part
    "A43": None,  # Human rights policies: no single current theme
    "A45": "National Human Rights Institution (NHRI)",
    "A5": "Human rights education, trainings & awareness raising",
    "A51": "Human rights education, trainings & awareness raising",
    "A54": "Human rights education, trainings & awareness raising",
    "A62": "Statistics, indicators & disaggregated data",
    "B31": "Equality & non-discrimination",
    "B32": "Racial discrimination",
    "B51": "Right to effective remedy & reparations",
    "B53": "Support to victims & witnesses",
    "D21": "Right to life",
    "D25": "Prohibition of torture & cruel, inhuman or degrading treatment",
    "D27": "Prohibition of slavery, trafficking",
    "D29": "Domestic violence",
    "D32": "Enforced disappearances",
    "D42": "Freedom of thought, conscience & religion",
    "D43": "Freedom of opinion & expression & right to information",
    "D46": "Right to private life, privacy",
    "D51": "Administration of justice & fair trial",
    "D6": "Rights related to name, identity & nationality",
    "D7": "Right to participate in public affairs & right to vote",
    "D8": "Rights related to marriage & family",
    "E1": "Economic, social & cultural rights - general measures of implementation",
    "E21": "Right to an adequate standard of living",
    "E23": "Right to adequate housing",
    "E24": "Right to social security",
    "E25": "Human rights & poverty",
    "E26": "Human Rights & drinking water & sanitation",
    "E31": "Labour rights and right to work",
    "E32": "Right to work and to just & favorable conditions of work & labour rights",
    "E33": None,  # Trade union rights: only part of "Labour rights", kept apart
    "E41": "Right to health",
    "E51": "Right to education",
    "F12": "Discrimination against women",
    "F13": "Violence against women",
    "F31": "Children: definition; general principles; protection",
    "F32": "Children: family environment and alternative care",
    "F33": "Children: protection against exploitation",
    "F34": "Children: juvenile justice",
    "F41": "Persons with disabilities: definition, general principles",
    "F42": "Persons with disabilities: accessibility, mobility",
    "F44": "Persons with disabilities: protecting the integrity of the person",
    "G1": "Members of minorities",
    "G2": None,  # LGBTI persons: no theme of that name in cycles 3-4 (a group there)
    "G4": "Migrants",
    "G5": "Refugees & asylum seekers",
}
LEGACY_PATTERN = re.compile(r"^([A-H]\d{1,3})\s+(.+)$")


def name_key(text: str) -> str:
    """Return the spelling-insensitive key of a theme or group name."""
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(word for word in words if word != "and")


RENAMED_KEYS = {name_key(old): name_key(new) for old, new in RENAMED_THEMES.items()}


def theme_key(name: str) -> str:
    key = name_key(name)
    return RENAMED_KEYS.get(key, key)


# ---------------------------------------------------------------------------------------


def load_taxonomy(data_dir: Path | None = None) -> dict[str, Counts]:
    """Load SDGs, themes, groups and UPR recommendations; return counts per kind."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    sdg = read_sdg(data_dir)
    upr_rows = _read_jsonl(data_dir / UPR_FILE)
    with transaction.atomic():
        counts = _load_sdg(sdg)
        names = read_names(data_dir)
        theme_rows, theme_of = derive_themes(upr_rows)
        counts[gettext_noop("themes")] = _load_named(
            HumanRightsTheme, with_names(theme_rows, names["themes"])
        )
        group_rows, group_of = derive_groups(upr_rows)
        counts[gettext_noop("groups")] = _load_named(
            AffectedGroup, with_names(group_rows, names["groups"])
        )
        counts[gettext_noop("recommendations")] = _load_recommendations(
            upr_rows, theme_of, group_of
        )
    return counts


def unmapped_legacy_themes() -> Counter[str]:
    """Return the legacy theme strings left on recommendations, with how often."""
    found: Counter[str] = Counter()
    for themes in UprRecommendation.objects.values_list("legacy_themes", flat=True):
        found.update(themes or [])
    return found


# --- reading -----------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader) or {}


def _clean_text(text: str) -> str:
    # Some translations spell "é" as "e" + a combining accent (NFD); store one form (NFC)
    # so that search and comparison find both.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def read_names(data_dir: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Return {"themes"|"groups": {English name: {language: name}}} from the names files."""
    names: dict[str, dict[str, dict[str, str]]] = {"themes": {}, "groups": {}}
    for language, relative in NAMES_FILES.items():
        path = data_dir / relative
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        for kind, by_name in names.items():
            for english, text in data.get(kind, {}).items():
                by_name.setdefault(english, {})[language] = _clean_text(text)
    return names


def with_names(
    rows: dict[str, dict[str, Any]], names: dict[str, dict[str, str]]
) -> dict[str, dict[str, Any]]:
    """Return the derived rows with their names in other languages from the names files."""
    return {
        slug: {**row, "names": {**row.get("names", {}), **names.get(row["name"], {})}}
        for slug, row in rows.items()
    }


def read_sdg(data_dir: Path) -> dict[str, Any]:
    """Return goals, targets and indicators with their titles in every language."""
    with (data_dir / "sdg" / "sdg_en_ko.json").open(encoding="utf-8") as handle:
        base = json.load(handle)
    titles: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)  # code -> lang -> text
    shorts: dict[str, dict[str, str]] = defaultdict(dict)
    for item in base["goals"] + base["targets"] + base["indicators"]:
        titles[item["code"]] = {
            "en": _clean_text(item["title_en"]),
            "ko": _clean_text(item["title_ko"]),
        }
    for goal in base["goals"]:
        shorts[goal["code"]] = {
            "en": _clean_text(goal["short_en"]),
            "ko": _clean_text(goal["short_ko"]),
        }

    translations = data_dir / "sdg" / "open-sdg-translations"
    folders = (
        sorted(p for p in translations.iterdir() if p.is_dir()) if translations.exists() else []
    )
    for folder in folders:
        language = folder.name.replace("_", "-")  # BCP 47: nb_NO -> nb-NO
        for kind in ("goals", "targets", "indicators"):
            for key, text in _read_yaml(folder / f"global_{kind}.yml").items():
                if not isinstance(text, str) or not text.strip():
                    continue
                key = str(key)
                code, _, suffix = key.rpartition("-")
                code = code.replace("-", ".")
                # The bilingual file is authoritative for English and Korean.
                if suffix == "title" and code in titles:
                    titles[code].setdefault(language, _clean_text(text))
                elif suffix == "short" and code in shorts:
                    shorts[code].setdefault(language, _clean_text(text))
    return {
        "goals": base["goals"],
        "targets": base["targets"],
        "indicators": base["indicators"],
        "titles": titles,
        "shorts": shorts,
    }


# --- writing -----------------------------------------------------------------------------


def _sync(
    model: type[models.Model],
    key_field: str,
    desired: dict[Any, dict[str, Any]],
    *,
    extra_update: Iterable[str] = (),
) -> tuple[Counts, dict[Any, Any], set[Any]]:
    """Create or update rows so each key has the desired field values.

    Return the counts, every row by key (re-read, so new rows have their ids) and the keys
    of the rows created or changed. Rows absent from `desired` are left alone.
    """
    existing = {getattr(obj, key_field): obj for obj in model.objects.all()}
    to_create, to_update, changed_keys = [], [], set()
    fields: set[str] = set()
    for key, values in desired.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**{key_field: key}, **values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            fields.update(changed)
            to_update.append(obj)
            changed_keys.add(key)
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        fields.update(extra_update)
        for obj in to_update:
            if "version" in extra_update:
                obj.version += 1  # type: ignore[attr-defined]
                obj.updated_at = timezone.now()  # type: ignore[attr-defined]
        model.objects.bulk_update(to_update, sorted(fields), batch_size=500)
    counts = {
        "created": len(to_create),
        "updated": len(to_update),
        "unchanged": len(desired) - len(to_create) - len(to_update),
    }
    rows = {getattr(obj, key_field): obj for obj in model.objects.all()}
    return counts, rows, changed_keys | {getattr(obj, key_field) for obj in to_create}


def _load_sdg(sdg: dict[str, Any]) -> dict[str, Counts]:
    titles, shorts = sdg["titles"], sdg["shorts"]
    goal_counts, goals, _ = _sync(
        SdgGoal,
        "number",
        {
            int(goal["code"]): {
                "titles": titles[goal["code"]],
                "short_titles": shorts[goal["code"]],
            }
            for goal in sdg["goals"]
        },
    )
    target_counts, targets, _ = _sync(
        SdgTarget,
        "code",
        {
            target["code"]: {
                "goal_id": goals[int(target["goal"])].pk,
                "titles": titles[target["code"]],
                "position": position,
            }
            for position, target in enumerate(sdg["targets"], start=1)
        },
    )
    indicator_counts, indicators, changed = _sync(
        SdgIndicator,
        "code",
        {
            indicator["code"]: {
                "goal_id": goals[int(indicator["goal"])].pk,
                "target_id": targets[indicator["target"]].pk,
                "titles": titles[indicator["code"]],
                "position": position,
            }
            for position, indicator in enumerate(sdg["indicators"], start=1)
        },
    )
    # The same English title under several codes is one indicator; the first code leads.
    first_code: dict[str, str] = {}
    for indicator in sdg["indicators"]:
        first_code.setdefault(indicator["title_en"], indicator["code"])
    relinked = []
    for indicator in sdg["indicators"]:
        row = indicators[indicator["code"]]
        lead = first_code[indicator["title_en"]]
        canonical_id = indicators[lead].pk if lead != indicator["code"] else None
        if row.canonical_id != canonical_id:
            row.canonical_id = canonical_id
            relinked.append(row)
    if relinked:
        SdgIndicator.objects.bulk_update(relinked, ["canonical"], batch_size=500)
    # A row whose only change is its canonical link still counts as updated.
    relinked_only = {row.code for row in relinked} - changed
    indicator_counts["updated"] += len(relinked_only)
    indicator_counts["unchanged"] -= len(relinked_only)
    # The commands print these names in the reader's language (gettext_noop marks them).
    return {
        gettext_noop("goals"): goal_counts,
        gettext_noop("targets"): target_counts,
        gettext_noop("indicators"): indicator_counts,
    }


def derive_themes(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Return the themes (by slug) and the slug of every raw theme string that maps."""
    spellings: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)  # key -> (cycle, raw)
    legacy: dict[str, str] = {}  # raw legacy string -> code
    for row in rows:
        cycle = upr_cycle(row)
        for raw in row["themes"]:
            match = LEGACY_PATTERN.match(raw)
            if match and cycle <= 2:
                legacy[raw] = match.group(1)
            else:
                spellings[theme_key(raw)][(cycle, raw)] += 1

    themes: dict[str, dict[str, Any]] = {}
    slug_of_key: dict[str, str] = {}
    slug_of: dict[str, str] = {}
    for key, seen in spellings.items():
        # The newest cycle's most frequent spelling is the current name.
        (_, name), _ = max(seen.items(), key=lambda item: (item[0][0], item[1]))
        slug = slugify(name)[:120]
        variants = sorted({raw for _, raw in seen} - {name})
        themes[slug] = {"name": name, "aliases": variants, "legacy_codes": []}
        slug_of_key[key] = slug
        for _, raw in seen:
            slug_of[raw] = slug
    for raw, code in legacy.items():
        target = LEGACY_THEMES.get(code)
        slug = slug_of_key.get(theme_key(target)) if target else None
        if slug is None:
            continue  # stays in the recommendation's legacy_themes
        slug_of[raw] = slug
        if code not in themes[slug]["legacy_codes"]:
            themes[slug]["legacy_codes"].append(code)
    for theme in themes.values():
        theme["legacy_codes"].sort(key=lambda code: (code[0], int(code[1:])))
        theme["names"] = {}
    return themes, slug_of


def derive_groups(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Return the affected groups (by slug), merging case and spelling variants."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for raw in row["affected_persons"]:
            spellings[name_key(raw)][raw] += 1
    groups: dict[str, dict[str, Any]] = {}
    slug_of: dict[str, str] = {}
    for seen in spellings.values():
        capitalised = [raw for raw in seen if raw[:1].isupper()]
        if capitalised:
            name = max(capitalised, key=lambda raw: seen[raw])
        else:
            top = max(seen, key=lambda raw: seen[raw])
            name = top[:1].upper() + top[1:]
        slug = slugify(name)[:120]
        groups[slug] = {"name": name, "aliases": sorted(set(seen) - {name}), "names": {}}
        for raw in seen:
            slug_of[raw] = slug
    return groups, slug_of


def _load_named(
    model: type[HumanRightsTheme] | type[AffectedGroup], desired: dict[str, dict[str, Any]]
) -> Counts:
    """Load themes or groups; keep what network admins added (aliases, other languages)."""
    existing = {obj.slug: obj for obj in model.objects.all()}
    merged: dict[str, dict[str, Any]] = {}
    for slug, values in desired.items():
        values = dict(values)
        current = existing.get(slug)
        if current is not None:
            for field in ("aliases", "legacy_codes"):
                if field in values:
                    extra = [v for v in getattr(current, field) or [] if v not in values[field]]
                    values[field] = values[field] + extra
            values["names"] = {**values.get("names", {}), **(current.names or {})}
        merged[slug] = values
    counts, _, _ = _sync(model, "slug", merged, extra_update=("version", "updated_at"))
    return counts


def upr_cycle(row: dict[str, Any]) -> int:
    """Return the number of a UPR recommendation's review cycle ("3rd cycle" is 3)."""
    match = re.search(r"\d+", str(row["cycle"]))
    if not match:
        raise ValueError(
            f"UPR paragraph {row.get('paragraph')}: no cycle number in {row['cycle']!r}"
        )
    return int(match.group())


def _goal_number(raw: str, row: dict[str, Any]) -> int:
    match = re.match(r"^\s*(\d{1,2})\s*-", raw)
    if not match or not 1 <= int(match.group(1)) <= 17:
        raise ValueError(f"UPR paragraph {row['paragraph']}: not an SDG goal: {raw!r}")
    return int(match.group(1))


def _load_recommendations(
    rows: list[dict[str, Any]], theme_of: dict[str, str], group_of: dict[str, str]
) -> Counts:
    positions = set(UprRecommendation.Position.values)
    desired: dict[tuple[str, int, str], dict[str, Any]] = {}
    links: dict[tuple[str, int, str], dict[str, set[str] | set[int]]] = {}
    for row in rows:
        if row["position"] not in positions:
            raise ValueError(
                f"UPR paragraph {row['paragraph']}: unknown position {row['position']!r}"
            )
        key = (row["country"], upr_cycle(row), row["paragraph"])
        if key in desired:
            raise ValueError(f"UPR paragraph {row['paragraph']} appears twice in cycle {key[1]}")
        desired[key] = {
            "session": int(row["upr_session"]),
            "paragraph_sort": UprRecommendation.paragraph_sort_key(row["paragraph"]),
            "text": row["recommendation"].strip(),
            "position": row["position"],
            "source_of_position": (row.get("source_of_position") or "").strip(),
            "cluster_theme": (row.get("cluster_theme") or "").strip(),
            "legacy_themes": [raw for raw in row["themes"] if raw not in theme_of],
            "source_file": row.get("source_file") or "",
        }
        links[key] = {
            "themes": {theme_of[raw] for raw in row["themes"] if raw in theme_of},
            "sdg_goals": {_goal_number(raw, row) for raw in row["sdgs"]},
            "groups": {group_of[raw] for raw in row["affected_persons"]},
        }

    existing = {
        (obj.country, obj.cycle, obj.paragraph): obj for obj in UprRecommendation.objects.all()
    }
    to_create, to_update, changed = [], [], set()
    fields: set[str] = set()
    for key, values in desired.items():
        obj = existing.get(key)
        if obj is None:
            country, cycle, paragraph = key
            to_create.append(
                UprRecommendation(country=country, cycle=cycle, paragraph=paragraph, **values)
            )
            continue
        differ = [name for name, value in values.items() if getattr(obj, name) != value]
        if differ:
            for name in differ:
                setattr(obj, name, values[name])
            fields.update(differ)
            to_update.append(obj)
            changed.add(key)
    UprRecommendation.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        UprRecommendation.objects.bulk_update(to_update, sorted(fields), batch_size=500)
    created = {(obj.country, obj.cycle, obj.paragraph) for obj in to_create}
    ids = {
        (country, cycle, paragraph): pk
        for pk, country, cycle, paragraph in UprRecommendation.objects.values_list(
            "pk", "country", "cycle", "paragraph"
        )
    }

    targets = {
        "themes": dict(HumanRightsTheme.objects.values_list("slug", "pk")),
        "sdg_goals": dict(SdgGoal.objects.values_list("number", "pk")),
        "groups": dict(AffectedGroup.objects.values_list("slug", "pk")),
    }
    loaded_ids = {ids[key] for key in desired}
    for field, target_pk in targets.items():
        through = getattr(UprRecommendation, field).through
        source_col = "uprrecommendation_id"
        target_col = through._meta.get_field(_target_field(through)).attname
        have = {
            (rec_id, other_id): pk
            for pk, rec_id, other_id in through.objects.filter(
                uprrecommendation_id__in=loaded_ids
            ).values_list("pk", source_col, target_col)
        }
        want = {(ids[key], target_pk[ref]) for key, refs in links.items() for ref in refs[field]}
        missing = want - set(have)
        extra = [pk for pair, pk in have.items() if pair not in want]
        through.objects.bulk_create(
            [through(**{source_col: rec, target_col: other}) for rec, other in missing],
            batch_size=1000,
        )
        through.objects.filter(pk__in=extra).delete()
        id_to_key = {pk: key for key, pk in ids.items()}
        for rec, _ in missing:
            changed.add(id_to_key[rec])
        for pair in have:
            if pair not in want:
                changed.add(id_to_key[pair[0]])
    _announce_saved({ids[key] for key in changed | created})
    updated = len(changed - created)
    return {
        "created": len(created),
        "updated": updated,
        "unchanged": len(desired) - len(created) - updated,
    }


def _announce_saved(pks: set[int]) -> None:
    """Tell listeners to saves which recommendations were written in bulk, as a save would.

    Bulk writes send no post_save; the tag suggester, for one, queues these recommendations.
    """
    if pks:
        bulk_saved.send(sender=UprRecommendation, pks=pks)


def _target_field(through: type[models.Model]) -> str:
    """Return the name of the through model's foreign key that is not the recommendation."""
    for field in through._meta.get_fields():
        if field.many_to_one and field.related_model is not UprRecommendation:
            return field.name
    raise LookupError(through)
