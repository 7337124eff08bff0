"""Real PDF files for demo content and tests, made with fpdf2 (pure Python)."""

from fpdf import FPDF


def build_pdf(
    title: str,
    paragraphs: list[str] | tuple[str, ...] = (),
    *,
    language: str = "fi",
    set_metadata: bool = True,
) -> bytes:
    """A small text PDF. With `set_metadata`, the title and language are set as a
    well-made accessible PDF would have them (the text itself is not tagged)."""
    pdf = FPDF(format="A4")
    if set_metadata:
        pdf.set_title(title)
        pdf.set_lang(language)
    pdf.set_creator("Vapaaehtoistyön neuvottelukunta")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 10, title)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.ln(4)
        pdf.multi_cell(0, 6, paragraph)
    return bytes(pdf.output())
