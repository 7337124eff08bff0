"""Page count, text and accessibility flags of a stored document, in one place so that
the upload, the `reextract_text` command and a background task can all call it."""

from wagtail.search import index

from documents.pdfcheck import PdfAnalysis, analyse_pdf

ANALYSIS_FIELDS = (
    "page_count",
    "extracted_text",
    "extraction_error",
    "is_tagged",
    "has_title",
    "has_language",
)


def read_document_bytes(document) -> bytes:
    """The file's bytes through its storage (no local path assumed); leaves it rewound."""
    with document.open_file() as f:
        data = f.read()
        f.seek(0)
    return data


def apply_analysis(document) -> PdfAnalysis:
    """Read the document's file and set the analysis fields (without saving)."""
    result = analyse_pdf(read_document_bytes(document))
    document.page_count = result.page_count
    document.extracted_text = result.text
    document.extraction_error = result.error
    document.is_tagged = result.is_tagged
    document.has_title = result.has_title
    document.has_language = result.has_language
    return result


def reanalyse_document(document) -> PdfAnalysis:
    """Analyse the stored file again, save the fields and update the search index."""
    result = apply_analysis(document)
    document.save(update_fields=ANALYSIS_FIELDS)
    index.insert_or_update_object(document)
    return result
