from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    page_url = forms.CharField(label=_("Sida där problemet finns"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Beskriv problemet"), widget=forms.Textarea(attrs={"rows": 5}), min_length=10, max_length=5000
    )
    contact = forms.CharField(
        label=_("Din e-post eller ditt telefonnummer (frivilligt)"), max_length=200, required=False
    )
