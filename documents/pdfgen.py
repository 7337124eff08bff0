"""Real PDF files for demo content and tests, made with fpdf2 (pure Python)."""

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.prefs import ViewerPreferences


class _TaggedPDF(FPDF):
    """fpdf2 tags only images, links and outline entries by itself. This marks headings
    and paragraphs as well, through fpdf2's own structure tree (fpdf2 <2.9 is pinned for
    it), which then writes /StructTreeRoot, its /ParentTree, the pages' /StructParents
    and /MarkInfo /Marked true."""

    _open_tag: str | None = None

    @contextmanager
    def tagged(self, struct_type: str) -> Iterator[None]:
        self._open_tag = struct_type
        self._begin_marked_content()
        try:
            yield
        finally:
            self._out("EMC")
            self._open_tag = None

    def _begin_marked_content(self) -> None:
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{self._open_tag}", mcid=mcid)
        self._out(f"/{self._open_tag} <</MCID {mcid}>> BDC")

    # A marked-content sequence cannot cross a page: when a paragraph runs onto the next
    # page, it is closed in the footer and continues as an element of its own there.
    def footer(self) -> None:
        if self._open_tag:
            self._out("EMC")

    def header(self) -> None:
        if self._open_tag:
            self._begin_marked_content()


def build_pdf(
    title: str,
    paragraphs: list[str] | tuple[str, ...] = (),
    *,
    language: str = "fi",
    set_metadata: bool = True,
    tagged: bool = False,
) -> bytes:
    """A small text PDF. With `set_metadata`, the title (shown by viewers instead of the
    file name) and the language are set; with `tagged`, the heading and the paragraphs
    are tagged (H1 and P) for screen readers, as an accessible PDF has them."""
    pdf = _TaggedPDF(format="A4") if tagged else FPDF(format="A4")
    if set_metadata:
        pdf.set_title(title)
        pdf.set_lang(language)
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_creator("Vapaaehtoistyön neuvottelukunta")
    pdf.add_page()

    def lines(height: float, text: str) -> None:
        # Line by line, each wrapped line ending in its space: text read from the tags
        # (as screen readers and pdfinfo -struct-text do) keeps the words apart.
        wrapped = pdf.multi_cell(0, height, text, dry_run=True, output=MethodReturnValue.LINES)
        for number, line in enumerate(wrapped, start=1):
            end = " " if number < len(wrapped) else ""
            pdf.cell(0, height, line + end, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def write(struct_type: str, height: float, text: str) -> None:
        if tagged:
            with pdf.tagged(struct_type):
                lines(height, text)
        else:
            lines(height, text)

    pdf.set_font("Helvetica", style="B", size=16)
    write("H1", 10, title)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.ln(4)
        write("P", 6, paragraph)
    return bytes(pdf.output())


def _scan_font(size: int):
    from PIL import ImageFont

    try:  # Pillow finds it in the system's font folders (Debian: fonts-dejavu-core)
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:  # Pillow's own font, which draws ä and ö as boxes
        return ImageFont.load_default(size=size)


def build_scanned_pdf(title: str, paragraphs: list[str] | tuple[str, ...] = ()) -> bytes:
    """One page image, as a scanner makes it: no text layer, no tags, no title and no
    language, the way old paper minutes end up online."""
    from PIL import Image, ImageDraw

    paper = 246
    image = Image.new("L", (1240, 1754), paper)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    y = 160
    for text, size in [(title, 40), *((p, 26) for p in paragraphs)]:
        font = _scan_font(size)
        for line in textwrap.wrap(text, width=2000 // size):
            draw.text((140, y), line, fill=35, font=font)
            y += int(size * 1.5)
        y += size
    image = image.rotate(0.7, resample=Image.Resampling.BICUBIC, fillcolor=paper)  # fed in askew
    pdf = FPDF(format="A4")
    pdf.set_creator("Skanneri")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())
