"""Form helpers the apps' pages share."""

from django import forms
from django.core.exceptions import ValidationError

from hrcities.core.forms import add_model_errors, choice_labels


class TitleForm(forms.Form):
    title_en = forms.CharField(required=False)
    year = forms.IntegerField(required=False)


def test_a_service_error_lands_beside_its_field_or_on_top_of_the_form():
    form = TitleForm({})
    form.is_valid()
    error = ValidationError({"titles": ["Give a title."], "year": ["Too early."], "x": ["Odd."]})
    add_model_errors(form, error, {"titles": "title_en"})
    assert form.errors["title_en"] == ["Give a title."]
    assert form.errors["year"] == ["Too early."]
    assert form.non_field_errors() == ["Odd."]
    plain = TitleForm({})
    plain.is_valid()
    add_model_errors(plain, ValidationError("Not now."))
    assert plain.non_field_errors() == ["Not now."]


def test_choice_labels_read_grouped_and_flat_choices():
    choices = [("a", "Alpha"), ("Group", [(1, "One"), (2, "Two")])]
    assert choice_labels(choices) == {"a": "Alpha", "1": "One", "2": "Two"}
