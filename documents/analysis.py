"""Page count, text and accessibility flags of a stored document: read in a limited child
process (documents.extraction), kept here under their old names for their callers."""

from documents.extraction import (  # noqa: F401
    ANALYSIS_FIELDS,
    apply_analysis,
    read_document_bytes,
    reanalyse_document,
)
