"""Upload safety: size, type by content, no archives, no broken files, and nothing half-written."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from samverka.core.errors import DomainError
from samverka.registry import services
from samverka.registry.models import Document, DocumentFile
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    docx_bytes,
    open_case,
    pdf_bytes,
    register_document,
    upload,
)
from samverka.registry.text_extraction import extract_text
from samverka.registry.uploads import check_upload, stored_filename

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"


def zip_bytes(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx_bomb() -> bytes:
    """A valid-looking Word file whose text part unpacks from about 50 kB to 50 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * 50_000_000 + "</w:document>")
    return buffer.getvalue()


def media_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


# -- check_upload -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("yttrande.pdf", pdf_bytes("Yttrande"), "application/pdf", "pdf"),
        ("yttrande.txt", pdf_bytes("Yttrande"), "application/pdf", "pdf"),  # a PDF with the wrong name
        (
            "protokoll.docx",
            docx_bytes("Protokoll"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "protokoll",
            docx_bytes("Protokoll"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        ("anteckning.txt", "Anteckning om åtgärder".encode(), "text/plain", "txt"),
        ("karta.png", PNG, "image/png", "png"),
    ],
)
def test_the_type_is_decided_by_the_content(name, content, content_type, extension):
    checked = check_upload(upload(name, content))
    assert (checked.content_type, checked.extension, checked.size) == (content_type, extension, len(content))


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("program.pdf", EXE, "unsupported_type", "Filtypen (exe) tas inte emot"),
        ("program.exe", EXE, "unsupported_type", "Filtypen (exe) tas inte emot"),
        (
            "handlingar.zip",
            zip_bytes(**{"a.txt": "a", "b.txt": "b"}),
            "archive",
            "Arkivfiler (t.ex. zip) tas inte emot",
        ),
        ("handlingar.docx", zip_bytes(**{"word.txt": "inte ett Word-dokument"}), "archive", "Arkivfiler"),
        ("bomb.docx", docx_bomb(), "unpacks_too_large", "packas upp till orimligt mycket"),
        ("trasig.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 40, "malformed", "PDF-filen är skadad"),
        ("halv.pdf", pdf_bytes("Halv")[:200], "malformed", "PDF-filen är skadad"),
        ("tom.pdf", b"", "empty", "Filen är tom"),
        ("okand.bin", bytes(range(256)) * 4, "unknown_type", "Filtypen känns inte igen"),
    ],
)
def test_refused_files_get_a_swedish_reason(name, content, code, message):
    with pytest.raises(DomainError) as error:
        check_upload(upload(name, content))
    assert error.value.code == code
    assert message in error.value.message


def test_the_size_limit(settings):
    content = pdf_bytes("Stor")
    settings.SAMVERKA_MAX_UPLOAD_BYTES = len(content) - 1
    with pytest.raises(DomainError) as error:
        check_upload(upload("stor.pdf", content))
    assert error.value.code == "too_large"
    assert "Filen är för stor" in error.value.message and "Största tillåtna storlek" in error.value.message
    settings.SAMVERKA_MAX_UPLOAD_BYTES = len(content)
    assert check_upload(upload("stor.pdf", content)).size == len(content)


def test_the_stored_name_gets_the_extension_of_the_content(series, registrar):
    """A file's name never decides how it is opened: a PDF called .txt downloads as .pdf,
    a text file called .bat cannot be run as a script."""
    document = register_document(
        case=open_case(series=series, actor=registrar),
        actor=registrar,
        files=[
            upload("yttrande.txt", pdf_bytes("Yttrande")),
            upload("skript.bat", b"echo hej\r\n"),
            upload("bild.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64),
            upload("plan.pdf", pdf_bytes("Plan")),
        ],
    )
    stored = [(f.filename, f.content_type) for f in document.files.order_by("version")]
    assert stored == [
        ("yttrande.pdf", "application/pdf"),
        ("skript.txt", "text/plain"),
        ("bild.jpeg", "image/jpeg"),
        ("plan.pdf", "application/pdf"),
    ]


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("C:\\Users\\anna\\Yttrande.PDF", "pdf", "Yttrande.PDF"),
        ("hemkatalog/rapport", "pdf", "rapport.pdf"),
        ("sida.html", "txt", "sida.txt"),
        ("lista.csv", "txt", "lista.csv"),
        (".pdf", "pdf", "handling.pdf"),
        ("", "docx", "handling.docx"),
        ("a" * 300 + ".pdf", "pdf", "a" * 251 + ".pdf"),  # 255 characters: the column's length
    ],
)
def test_stored_filename(name, extension, expected):
    assert stored_filename(name, extension) == expected


# -- Nothing half-written -----------------------------------------------------------------------

BAD_FILES = {
    "exe named pdf": ("program.pdf", EXE),
    "zip": ("arkiv.zip", zip_bytes(**{"a.txt": "a"})),
    "malformed pdf": ("trasig.pdf", b"%PDF-1.4\nnot really a pdf\n"),
    "empty": ("tom.txt", b""),
    "too large": ("stor.pdf", pdf_bytes("x" * 2000)),
}


@pytest.mark.parametrize("bad", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_refused_file_leaves_nothing_behind(series, registrar, settings, bad):
    settings.SAMVERKA_MAX_UPLOAD_BYTES = 2000
    case = open_case(series=series, actor=registrar)
    register_document(case=case, actor=registrar, files=[upload("forsta.pdf", pdf_bytes("Första"))])
    files_before = media_files()
    assert len(files_before) == 1
    with pytest.raises(DomainError):
        register_document(
            case=case,
            actor=registrar,
            subject="Ska inte finnas",
            files=[upload("bra.pdf", pdf_bytes("Bra")), upload(*BAD_FILES[bad])],
        )
    assert not Document.objects.filter(subject="Ska inte finnas").exists()
    assert DocumentFile.objects.count() == 1
    assert media_files() == files_before
    # No number was used up: the next document is number 2.
    assert register_document(case=case, actor=registrar).sequence == 2


def test_a_storage_failure_midway_leaves_no_file_behind(series, registrar, monkeypatch):
    case = open_case(series=series, actor=registrar)
    original_save = FileSystemStorage._save
    calls = []

    def failing_save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("Disken är full")
        return original_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    with pytest.raises(OSError, match="Disken är full"):
        register_document(
            case=case, actor=registrar, files=[upload("a.pdf", pdf_bytes("A")), upload("b.pdf", pdf_bytes("B"))]
        )
    assert len(calls) == 2
    assert (Document.objects.count(), DocumentFile.objects.count()) == (0, 0)
    assert media_files() == []
    monkeypatch.undo()
    assert register_document(case=case, actor=registrar, files=[upload("a.pdf", pdf_bytes("A"))]).sequence == 1


def test_a_refused_version_leaves_the_document_as_it_was(series, registrar):
    document = register_document(
        case=open_case(series=series, actor=registrar), actor=registrar, files=[upload("plan.pdf", pdf_bytes("Plan"))]
    )
    with pytest.raises(DomainError) as error:
        services.document_add_version(actor=registrar, document=document, upload=upload("plan.pdf", EXE))
    assert "tas inte emot" in error.value.message
    assert list(document.files.values_list("version", flat=True)) == [1]
    assert len(media_files()) == 1
    assert (
        services.document_add_version(
            actor=registrar, document=document, upload=upload("plan.pdf", pdf_bytes("Plan 2"))
        ).version
        == 2
    )


def test_the_register_page_shows_a_refused_file_as_a_form_error(client, series, registrar):
    case = open_case(series=series, actor=registrar)
    client.force_login(registrar)
    response = client.post(
        reverse("registry:document_register", args=[case.number]),
        {
            "direction": "incoming",
            "document_type": DocumentTypeFactory().pk,
            "document_date": case.opened_on.isoformat(),
            "counterpart_text": "Miljönämnden",
            "subject": "Yttrande",
            "files": [upload("yttrande.pdf", EXE)],
        },
    )
    assert response.status_code == 400
    assert "Filtypen (exe) tas inte emot" in response.context["form"].errors["files"][0]
    assert "Filtypen (exe) tas inte emot" in response.content.decode()
    assert not Document.objects.exists() and media_files() == []


def test_the_register_page_refuses_an_empty_file_in_swedish(client, series, registrar):
    case = open_case(series=series, actor=registrar)
    client.force_login(registrar)
    response = client.post(
        reverse("registry:document_register", args=[case.number]),
        {
            "direction": "created",
            "document_type": DocumentTypeFactory().pk,
            "document_date": case.opened_on.isoformat(),
            "subject": "Tom",
            "files": [upload("tom.pdf", b"")],
        },
    )
    assert response.status_code == 400
    assert "tom" in " ".join(response.context["form"].errors["files"])
    assert not Document.objects.exists()


# -- Text extraction ----------------------------------------------------------------------------


def test_text_is_extracted_from_pdf_docx_and_text():
    assert "Bredband" in extract_text(pdf_bytes("Bredband till alla"), "application/pdf")
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert extract_text(docx_bytes("Första stycket", "Andra stycket"), docx_type) == "Första stycket\nAndra stycket"
    assert extract_text("Ärende om växel".encode(), "text/plain") == "Ärende om växel"
    assert extract_text(PNG, "image/png") == ""


def test_an_unreadable_file_gives_no_text_and_no_error():
    assert extract_text(b"%PDF-1.4 trasig", "application/pdf") == ""
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert extract_text(b"inte en zip", docx_type) == ""
