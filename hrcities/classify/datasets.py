"""The labelled texts the suggesters learn from and are measured on.

- SDG titles of goals, targets and indicators in 27 languages (the taxonomy's data files);
- national SDG platforms' indicator metadata (Statistics Korea in Korean and English, UK,
  US, Canada in English and French) and one description per goal, from
  `shared/data/sdg-training/sdg_texts_all.jsonl`;
- the 632 UPR recommendations OHCHR tagged with themes, affected persons and SDG goals;
- the phrases of the Elsevier and SIRIS Academic SDG research queries (English).

No public SDG classification benchmark and nothing drawn from the OSDG Community Dataset
is read here: the suggester is measured on texts it never saw.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

# Titles are read from the taxonomy's files; their copy in sdg_texts_all is skipped.
SKIPPED_DATASETS = {"sdg_titles_multilingual"}
# "general" says that no particular group is concerned: nothing to suggest.
SKIPPED_GROUPS = {"general"}


@dataclass
class Example:
    text: str
    lang: str
    # Grouping key: texts of the same indicator (or target, or goal) stay on one side of
    # every split, so near-duplicates never leak from training into testing.
    group: str
    source: str
    goals: tuple[int, ...] = ()
    target: str | None = None
    # UPR recommendations only: whether OHCHR assigned SDGs (cycle 2 predates them).
    has_goal_labels: bool = True
    themes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def shared_dir() -> Path:
    return Path(settings.SHARED_DATA_DIR)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sdg_title_examples() -> list[Example]:
    """Return every goal, target and indicator title in every language the taxonomy has."""
    from hrcities.taxonomy.loaders import DATA_DIR, read_sdg

    sdg = read_sdg(DATA_DIR)
    # One indicator can sit under several targets: its title is an example of each goal.
    codes_of_title: dict[str, list[str]] = defaultdict(list)
    for item in sdg["indicators"]:
        codes_of_title[item["title_en"].strip()].append(item["code"])
    english_title = {item["code"]: item["title_en"].strip() for item in sdg["indicators"]}
    examples: list[Example] = []
    for code, by_language in sdg["titles"].items():
        parts = code.split(".")
        if len(parts) == 1:
            goals, target, group = (int(code),), None, f"goal:{code}"
        elif len(parts) == 2:
            goals, target, group = (int(parts[0]),), code, f"target:{code}"
        else:
            siblings = codes_of_title.get(english_title.get(code, ""), [code])
            goals = tuple(sorted({int(c.split(".")[0]) for c in siblings}))
            target, group = ".".join(parts[:2]), f"indicator:{min(siblings)}"
        for lang, text in by_language.items():
            if text and text.strip():
                examples.append(Example(text.strip(), lang, group, "sdg-titles", goals, target))
    for code, by_language in sdg["shorts"].items():
        for lang, text in by_language.items():
            if text and text.strip():
                examples.append(
                    Example(text.strip(), lang, f"goal:{code}", "sdg-titles", (int(code),))
                )
    return _dedupe(examples)


def sdg_metadata_examples() -> list[Example]:
    """Return the national SDG platforms' indicator metadata texts and goal descriptions."""
    path = shared_dir() / "sdg-training" / "sdg_texts_all.jsonl"
    examples = []
    for row in _jsonl(path):
        if row["dataset"] in SKIPPED_DATASETS:
            continue
        goals = tuple(sorted(set(row.get("goals") or [row["goal"]])))
        key = row.get("indicator") or row.get("target") or f"goal:{row['goal']}"
        group = key if key.startswith("goal:") else f"indicator:{key}"
        examples.append(
            Example(
                row["text"].strip(),
                row["lang"].replace("_", "-"),
                group,
                row["dataset"],
                goals,
                row.get("target"),
            )
        )
    return _dedupe(examples)


def upr_examples() -> list[Example]:
    """Return the UPR recommendations with their themes, groups and goals as slugs."""
    from hrcities.taxonomy.loaders import derive_groups, derive_themes, upr_cycle

    rows = _jsonl(shared_dir() / "uhri" / "upr_slovenia_recommendations.jsonl")
    _themes, theme_of = derive_themes(rows)
    _groups, group_of = derive_groups(rows)
    examples = []
    for row in rows:
        goals = sorted({int(m.group(1)) for s in row["sdgs"] if (m := re.match(r"\s*(\d+)", s))})
        cycle = upr_cycle(row)
        examples.append(
            Example(
                text=row["recommendation"].strip(),
                lang="en",
                group=f"upr:{cycle}:{row['paragraph']}",
                source="upr",
                goals=tuple(goals),
                has_goal_labels=cycle >= 3,
                themes=tuple(sorted({theme_of[t] for t in row["themes"] if t in theme_of})),
                groups=tuple(
                    sorted(
                        {group_of[g] for g in row["affected_persons"] if g in group_of}
                        - SKIPPED_GROUPS
                    )
                ),
                extra={"cycle": cycle},
            )
        )
    return examples


def vocabulary_examples() -> list[Example]:
    """Return each theme's and group's own names (English, Korean, aliases) as examples."""
    from hrcities.taxonomy.loaders import derive_groups, derive_themes

    rows = _jsonl(shared_dir() / "uhri" / "upr_slovenia_recommendations.jsonl")
    themes, _ = derive_themes(rows)
    groups, _ = derive_groups(rows)
    examples = []
    for slug, theme in themes.items():
        names = {("en", theme["name"]), *(("en", a) for a in theme["aliases"])}
        names |= {(lang, text) for lang, text in theme.get("names", {}).items()}
        for lang, text in sorted(names):
            examples.append(Example(text, lang, f"theme:{slug}", "vocabulary", themes=(slug,)))
    for slug, group in groups.items():
        if slug in SKIPPED_GROUPS:
            continue
        for text in sorted({group["name"], *group["aliases"]}):
            examples.append(Example(text, "en", f"group:{slug}", "vocabulary", groups=(slug,)))
    return examples


def _dedupe(examples: list[Example]) -> list[Example]:
    seen: dict[tuple[str, str], Example] = {}
    for example in examples:
        key = (example.lang, example.text)
        if key in seen:
            kept = seen[key]
            kept.goals = tuple(sorted(set(kept.goals) | set(example.goals)))
        else:
            seen[key] = example
    return list(seen.values())


def keyword_examples() -> list[Example]:
    """Return the Elsevier and SIRIS SDG query phrases as short English examples.

    A SIRIS keyword that its query only counts beside other terms ("anti-poverty" with
    "poverty") is left out: alone it does not say the goal.
    """
    folder = shared_dir() / "sdg-training" / "keywords"
    examples = []
    with (folder / "elsevier_v1_queries_by_sdg.json").open(encoding="utf-8") as handle:
        for goal, entry in json.load(handle)["goals"].items():
            for phrase in entry["phrases"]:
                examples.append(
                    Example(phrase, "en", f"keyword:{phrase}", "keywords", (int(goal),))
                )
    with (folder / "siris_keywords_by_sdg.json").open(encoding="utf-8") as handle:
        for goal, entries in json.load(handle)["goals"].items():
            for entry in entries:
                if entry["requires"] is None:
                    phrase = entry["keyword"]
                    examples.append(
                        Example(phrase, "en", f"keyword:{phrase}", "keywords", (int(goal),))
                    )
    return _dedupe(examples)
