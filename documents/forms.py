from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from documents.validation import validate_pdf_upload


class DocumentForm(BaseDocumentForm):
    """Base of every admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): the single
    upload, the multiple upload, the chooser's upload tab and replacing a file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether a Swedish version is needed is decided on the Finnish original only.
        from wagtail.models import Locale

        locale_id = getattr(self.instance, "locale_id", None)
        if "swedish_not_needed" in self.fields and locale_id and locale_id != Locale.get_default().pk:
            del self.fields["swedish_not_needed"]

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # Only a new upload is checked; an unchanged stored file passed when it came in.
        if isinstance(file, UploadedFile):
            validate_pdf_upload(file)
        return file
