"""Rendering of documents: HTML templates to PDF/A (WeasyPrint)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, *, variant: str = "pdf/a-3b") -> bytes:
    """Render a template to an archivable PDF/A document."""
    import weasyprint  # imported late: it needs Pango, which only PDF rendering requires

    html = render_to_string(template_name, {**context, "municipality_name": settings.SAMVERKA_MUNICIPALITY_NAME})
    stylesheet = finders.find("samverka/print.css")
    stylesheets = [weasyprint.CSS(filename=stylesheet)] if stylesheet else []
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=stylesheets, pdf_variant=variant
    )
