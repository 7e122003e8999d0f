from django_tasks import task

from . import search
from .models import DocumentFile
from .text_extraction import extract_text


@task()
def extract_document_text(file_id: int) -> None:
    """Extract a file's text and re-index its document. Safe to run twice."""
    stored = DocumentFile.objects.get(pk=file_id)
    with stored.file.open("rb") as handle:
        text = extract_text(handle.read(), stored.content_type)
    DocumentFile.objects.filter(pk=file_id).update(extracted_text=text, text_extracted=True)
    search.index_document(stored.document_id)
