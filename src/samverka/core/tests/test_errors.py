from django import forms

from samverka.core.api import exception_handler
from samverka.core.errors import DomainError


class TitleForm(forms.Form):
    title = forms.CharField()


def test_a_domain_error_is_shown_at_its_field_when_the_form_has_it():
    form = TitleForm({"title": "Avtal"})
    assert form.is_valid()
    DomainError("Rubriken finns redan.", field="title").add_to(form)
    assert form.errors == {"title": ["Rubriken finns redan."]}

    form = TitleForm({"title": "Avtal"})
    form.is_valid()
    DomainError("Ärendet är avslutat.", field="case").add_to(form)
    DomainError("Sammanträdet är inställt.").add_to(form)
    assert form.non_field_errors() == ["Ärendet är avslutat.", "Sammanträdet är inställt."]


def test_the_api_answers_a_domain_error_at_its_field():
    response = exception_handler(DomainError("Rubriken finns redan.", code="duplicate", field="title"), {})
    assert response.status_code == 400
    assert response.data == {"title": ["Rubriken finns redan."], "code": "duplicate"}
    response = exception_handler(DomainError("Ärendet är avslutat.", code="case_closed"), {})
    assert response.data == {"detail": "Ärendet är avslutat.", "code": "case_closed"}
