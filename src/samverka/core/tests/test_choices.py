from unittest import mock

from django.utils import translation

from samverka.needs.models import Need
from samverka.registry.models import Case


def test_a_label_is_shown_in_the_language_of_the_request():
    need = Need(status=Need.Status.SUBMITTED)
    with translation.override("sv"):
        swedish = need.get_status_display()
    with translation.override("en"):
        english = need.get_status_display()
    assert swedish == str(Need.Status.SUBMITTED.label)
    assert english != swedish
    with translation.override("en"):
        assert english == str(Need.Status.SUBMITTED.label)


def test_a_value_without_a_choice_is_shown_as_it_is():
    assert Need(status="okänd").get_status_display() == "okänd"
    assert Case(status=None).get_status_display() is None


def test_only_the_shown_label_is_translated():
    need = Need(status=Need.Status.ACCEPTED, category=Need.category.field.choices[0][0])
    need.get_status_display()
    with mock.patch.object(translation._trans, "gettext", wraps=translation._trans.gettext) as translated:
        need.get_status_display()
        need.get_category_display()
    assert translated.call_count == 2
