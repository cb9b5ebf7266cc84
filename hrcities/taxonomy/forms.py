from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AffectedGroup, HumanRightsTheme, SdgGoal, UprRecommendation


class TagChoices(forms.CheckboxSelectMultiple):
    """Every goal, target, theme and group as a checkbox, grouped, in a box that scrolls;
    where scripts run, a search field above it finds a tag by number or words."""

    template_name = "taxonomy/widgets/tag_choices.html"

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = _("Find a tag by number or words")
        return context


def tags_field() -> forms.MultipleChoiceField:
    """The tags of a record's own form; its choices are set by the form (`label_choices`)."""
    return forms.MultipleChoiceField(
        label=_("Tags"),
        required=False,
        widget=TagChoices,
        help_text=_(
            "SDG goals and targets, human rights themes and affected groups: tick any "
            "number. The record's tags page also finds them by number or words."
        ),
    )


SORT_CHOICES = [
    ("-cycle", _("Newest cycle first")),
    ("cycle", _("Oldest cycle first")),
    ("paragraph", _("Paragraph number")),
    ("-paragraph", _("Paragraph number, descending")),
]


class RecommendationFilterForm(forms.Form):
    """The filters of the recommendation list; invalid values are ignored, not fatal."""

    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)
    cycle = forms.TypedChoiceField(
        label=_("UPR cycle"), required=False, coerce=int, empty_value=None
    )
    position = forms.ChoiceField(label=_("Position"), required=False)
    theme = forms.ChoiceField(label=_("Human rights theme"), required=False)
    goal = forms.TypedChoiceField(label=_("SDG goal"), required=False, coerce=int, empty_value=None)
    group = forms.ChoiceField(label=_("Affected group"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        cycles = UprRecommendation.objects.order_by("cycle").values_list("cycle", flat=True)
        self.fields["cycle"].choices = every + [
            (c, _("Cycle %(number)s") % {"number": c}) for c in cycles.distinct()
        ]
        self.fields["position"].choices = every + list(UprRecommendation.Position.choices)
        self.fields["theme"].choices = every + [
            (t.slug, t.display_name) for t in HumanRightsTheme.objects.only("slug", "name", "names")
        ]
        self.fields["goal"].choices = every + [(g.number, str(g)) for g in SdgGoal.objects.all()]
        self.fields["group"].choices = every + [
            (g.slug, g.display_name) for g in AffectedGroup.objects.only("slug", "name", "names")
        ]

    def filters(self) -> dict:
        """Return the valid filters, leaving out any field whose value is not allowed."""
        self.is_valid()
        names = ("q", "cycle", "position", "theme", "goal", "group")
        return {name: self.cleaned_data.get(name) for name in names if name not in self.errors}

    def sort_order(self) -> str:
        self.is_valid()
        return "" if "sort" in self.errors else self.cleaned_data.get("sort") or ""
