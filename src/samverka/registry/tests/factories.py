"""Registry test data, created through the real services."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role
from samverka.registry import services
from samverka.registry.models import CaseSeries, Document, DocumentType


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ("code",)

    code = "yttrande"
    name = "Yttrande"


class CaseSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseSeries
        django_get_or_create = ("prefix",)

    prefix = "STK"
    name = "Stadskontoret"
    administration = factory.SubFactory(
        AdministrationFactory,
        short_name="STKF",
        name="Stadskontoret",
        body=factory.SubFactory(BodyFactory, short_name="KS", name="Kommunstyrelsen", kind="board"),
    )


def registrar_for(series: CaseSeries):
    if series.administration_id:
        return user_with_role(Role.REGISTRAR, administration=series.administration)
    return user_with_role(Role.REGISTRAR, body=series.body)


def open_case(*, series: CaseSeries | None = None, actor=None, **kwargs):
    series = series or CaseSeriesFactory()
    actor = actor or registrar_for(series)
    kwargs.setdefault("title", "Riktlinjer för IT och digitalisering")
    return services.case_open(actor=actor, series=series, **kwargs)


def pdf_bytes(text: str = "Hej") -> bytes:
    """A small, valid one-page PDF with `text` on it (for upload and text-extraction tests)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_upload(text: str = "Hej", name: str = "handling.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def register_document(*, case, actor, files=(), **kwargs) -> Document:
    kwargs.setdefault("direction", Document.Direction.INCOMING)
    kwargs.setdefault("document_type", DocumentTypeFactory())
    kwargs.setdefault("document_date", timezone.localdate())
    kwargs.setdefault("subject", "Yttrande över riktlinjer")
    kwargs.setdefault("counterpart", "Miljönämnden")
    return services.document_register(actor=actor, case=case, files=files, **kwargs)


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word document (python-docx) with the given paragraphs."""
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def series_for(prefix: str, administration=None, *, body=None, name: str | None = None) -> CaseSeries:
    """A series owned by an administration (or a body)."""
    if body is not None:
        return CaseSeriesFactory(prefix=prefix, name=name or prefix, administration=None, body=body)
    return CaseSeriesFactory(prefix=prefix, name=name or prefix, administration=administration)
