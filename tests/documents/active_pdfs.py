"""Hand-written PDF files carrying one kind of active content each, in each form a file
can take: plain, compressed, packed in an object stream, added by an incremental update,
or spelt with #xx escapes in its names.

The files are written byte by byte (not through a PDF library that could tidy them up),
so each form is exactly what the test says it is; tests read them back with pypdf to show
that they are valid PDFs holding what they claim to hold.
"""

import re
import zlib
from dataclasses import dataclass, field

# Objects 1-5 form a clean one-page document; a kind adds entries to the catalog (1) and
# the page (3) and objects from 6 on.
CATALOG, PAGES, PAGE, CONTENTS, FONT = 1, 2, 3, 4, 5
FIRST_EXTRA = 6

PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Kokouksen esityslista) Tj ET"


@dataclass
class Stream:
    dictionary: bytes  # the entries, without << >> and /Length
    data: bytes


@dataclass
class Doc:
    """A document under construction: what a kind adds to the clean one."""

    compress: bool = False
    catalog: list[bytes] = field(default_factory=list)
    page: list[bytes] = field(default_factory=list)
    extra: dict[int, bytes | Stream] = field(default_factory=dict)

    def add(self, body: bytes | Stream) -> bytes:
        """Add an object; returns a reference to it."""
        number = FIRST_EXTRA + len(self.extra)
        self.extra[number] = body
        return b"%d 0 R" % number

    def script(self, code: bytes) -> bytes:
        """A /JS value: a string in plain files, a (compressed) stream in compressed ones."""
        if self.compress:
            return self.add(Stream(b"", code))
        return b"(" + code + b")"


# --- the kinds of active content ------------------------------------------------------

ALERT = b"app.alert('hei');"
RECT = b"/Rect [72 600 272 620]"


def _annotation(doc: Doc, body: bytes) -> None:
    doc.page.append(b"/Annots [" + doc.add(b"<< /Type /Annot " + RECT + b" " + body + b" >>") + b"]")


def _link_action(doc: Doc, action: bytes) -> None:
    _annotation(doc, b"/Subtype /Link /Border [0 0 0] /A << /Type /Action " + action + b" >>")


def _attached_file(doc: Doc) -> bytes:
    """A file specification whose /EF stream has no /Type /EmbeddedFile (optional in the spec)."""
    data = doc.add(Stream(b"", b"@echo off\r\necho hei\r\n"))
    return doc.add(b"<< /Type /Filespec /F (ohje.bat) /UF (ohje.bat) /EF << /F " + data + b" >> >>")


def javascript_open_action(doc: Doc) -> None:
    doc.catalog.append(b"/OpenAction << /S /JavaScript /JS " + doc.script(ALERT) + b" >>")


def javascript_name_tree(doc: Doc) -> None:
    action = doc.add(b"<< /S /JavaScript /JS " + doc.script(ALERT) + b" >>")
    doc.catalog.append(b"/Names << /JavaScript << /Names [(avaus) " + action + b"] >> >>")


def javascript_document_action(doc: Doc) -> None:
    """Document additional actions: run before closing."""
    doc.catalog.append(b"/AA << /WC << /S /JavaScript /JS " + doc.script(ALERT) + b" >> >>")


def javascript_page_action(doc: Doc) -> None:
    doc.page.append(b"/AA << /O << /S /JavaScript /JS " + doc.script(ALERT) + b" >> >>")


def javascript_annotation(doc: Doc) -> None:
    _link_action(doc, b"/S /JavaScript /JS " + doc.script(ALERT))


def javascript_chained_after_goto(doc: Doc) -> None:
    """A harmless-looking open action (go to page 1) whose /Next action is a script."""
    script = doc.add(b"<< /S /JavaScript /JS " + doc.script(ALERT) + b" >>")
    doc.catalog.append(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next " + script + b" >>")


def javascript_form_field(doc: Doc) -> None:
    """A text field that runs a script on each keystroke (/AA /K), with no /AA on a page."""
    field_ = doc.add(
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nimi) "
        + RECT
        + b" /P 3 0 R /AA << /K << /S /JavaScript /JS "
        + doc.script(ALERT)
        + b" >> >> >>"
    )
    doc.catalog.append(b"/AcroForm << /Fields [" + field_ + b"] >>")
    doc.page.append(b"/Annots [" + field_ + b"]")


def xfa(doc: Doc) -> None:
    """An XFA form whose template holds a script, in one stream (the issue's miss)."""
    packet = doc.add(
        Stream(
            b"",
            b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform>'
            b'<event activity="initialize"><script contentType="application/x-javascript">'
            b"app.alert('hei');</script></event></subform></template></xdp:xdp>",
        )
    )
    doc.catalog.append(b"/AcroForm << /Fields [] /XFA " + packet + b" >>")


def embedded_file(doc: Doc) -> None:
    """An attachment in the /EmbeddedFiles name tree; its stream has no /Type (the issue's miss)."""
    doc.catalog.append(b"/Names << /EmbeddedFiles << /Names [(ohje.bat) " + _attached_file(doc) + b"] >> >>")


def file_attachment_annotation(doc: Doc) -> None:
    _annotation(doc, b"/Subtype /FileAttachment /Name /PushPin /FS " + _attached_file(doc))


def embedded_file_anywhere(doc: Doc) -> None:
    """An /EF file specification under a key no viewer is known to read: any /EF is refused."""
    doc.catalog.append(b"/PieceInfo << /Liite " + _attached_file(doc) + b" >>")


def javascript_link(doc: Doc) -> None:
    """A web link whose address is a script, its scheme hidden by case and a tab."""
    _link_action(doc, b"/S /URI /URI (JavaScript\t:print())")


def launch(doc: Doc) -> None:
    _link_action(doc, b"/S /Launch /F (C:\\\\Windows\\\\System32\\\\calc.exe) /NewWindow true")


def submit_form(doc: Doc) -> None:
    _link_action(doc, b"/S /SubmitForm /F << /FS /URL /F (https://example.invalid/keraa) >> /Flags 4")


def import_data(doc: Doc) -> None:
    _link_action(doc, b"/S /ImportData /F (tiedot.fdf)")


def goto_remote(doc: Doc) -> None:
    _link_action(doc, b"/S /GoToR /F (\\\\\\\\palvelin\\\\jako\\\\muu.pdf) /D [0 /Fit] /NewWindow true")


def goto_embedded(doc: Doc) -> None:
    _link_action(doc, b"/S /GoToE /T << /R /C /N (liite.pdf) >> /D [0 /Fit]")


def rich_media(doc: Doc) -> None:
    video = doc.add(Stream(b"", b"FWS\x0a" + b"\x00" * 32))
    spec = doc.add(b"<< /Type /Filespec /F (video.swf) /UF (video.swf) /EF << /F " + video + b" >> >>")
    _annotation(
        doc,
        b"/Subtype /RichMedia /RichMediaContent << /Assets << /Names [(video.swf) "
        + spec
        + b"] >> /Configurations [] >>",
    )


def three_d(doc: Doc) -> None:
    model = doc.add(Stream(b"/Type /3D /Subtype /U3D", b"U3D\x00" + b"\x00" * 32))
    _annotation(doc, b"/Subtype /3D /3DD " + model)


def sound(doc: Doc) -> None:
    clip = doc.add(Stream(b"/Type /Sound /R 8000 /C 1 /B 8 /E /Raw", b"\x80" * 64))
    _annotation(doc, b"/Subtype /Sound /Sound " + clip)


def movie(doc: Doc) -> None:
    _annotation(doc, b"/Subtype /Movie /Movie << /F (video.mov) >>")


def rendition(doc: Doc) -> None:
    """A screen annotation playing a rendition, which can run a script of its own."""
    script = doc.script(ALERT)
    screen = b"%d 0 R" % (FIRST_EXTRA + len(doc.extra))
    annotation = doc.add(
        b"<< /Type /Annot /Subtype /Screen /P 3 0 R "
        + RECT
        + b" /A << /S /Rendition /AN "
        + screen
        + b" /JS "
        + script
        + b" >> >>"
    )
    assert annotation == screen
    doc.page.append(b"/Annots [" + annotation + b"]")


def harmless_links(doc: Doc) -> None:
    """Not active: open at page 1 (a destination), a web link and a link to page 1."""
    doc.catalog.append(b"/OpenAction [3 0 R /FitH 842]")
    web = doc.add(
        b"<< /Type /Annot /Subtype /Link " + RECT + b" /A << /S /URI /URI (https://www.hel.fi/) >> >>"
    )
    page = doc.add(
        b"<< /Type /Annot /Subtype /Link /Rect [72 500 272 520] /A << /S /GoTo /D [3 0 R /Fit] >> >>"
    )
    doc.page.append(b"/Annots [" + web + b" " + page + b"]")


def launch_behind_goto(doc: Doc) -> None:
    """A link whose action names its type twice: a harmless GoTo first, Launch last."""
    _link_action(doc, b"/S /GoTo /D [3 0 R /Fit] /S /Launch /F (calc.exe)")


# Files that must be accepted: links are not active content.
HARMLESS = {"harmless-links": harmless_links}
# A key defined twice: which value counts is up to the reader.
AMBIGUOUS = {"launch-behind-goto": launch_behind_goto}

# (kind, the feature name the refusal names)
KINDS = {
    "javascript-open-action": (javascript_open_action, "JavaScript"),
    "javascript-name-tree": (javascript_name_tree, "JavaScript"),
    "javascript-document-action": (javascript_document_action, "AA"),
    "javascript-page-action": (javascript_page_action, "AA"),
    "javascript-annotation": (javascript_annotation, "JavaScript"),
    "javascript-after-goto": (javascript_chained_after_goto, "JavaScript"),
    "javascript-form-field": (javascript_form_field, "JS"),
    "xfa": (xfa, "XFA"),
    "embedded-file": (embedded_file, "EmbeddedFiles"),
    "file-attachment": (file_attachment_annotation, "FileAttachment"),
    "ef-anywhere": (embedded_file_anywhere, "EF"),
    "javascript-link": (javascript_link, "URI"),
    "launch": (launch, "Launch"),
    "submit-form": (submit_form, "SubmitForm"),
    "import-data": (import_data, "ImportData"),
    "goto-remote": (goto_remote, "GoToR"),
    "goto-embedded": (goto_embedded, "GoToE"),
    "rich-media": (rich_media, "RichMedia"),
    "3d": (three_d, "3D"),
    "sound": (sound, "Sound"),
    "movie": (movie, "Movie"),
    "rendition": (rendition, "Rendition"),
}


# --- writing the file -----------------------------------------------------------------

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def _dict(entries: list[bytes]) -> bytes:
    return b"<< " + b" ".join(entries) + b" >>"


def _stream_object(stream: Stream, compress: bool) -> bytes:
    data = zlib.compress(stream.data) if compress else stream.data
    entries = [stream.dictionary] if stream.dictionary else []
    if compress:
        entries.append(b"/Filter /FlateDecode")
    entries.append(b"/Length %d" % len(data))
    return _dict(entries) + b"\nstream\n" + data + b"\nendstream"


def _objects(doc: Doc | None, compress: bool) -> dict[int, bytes | Stream]:
    catalog = [b"/Type /Catalog /Pages 2 0 R /Lang (fi)"] + (doc.catalog if doc else [])
    page = [
        b"/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R",
        b"/Resources << /Font << /F1 5 0 R >> >>",
    ] + (doc.page if doc else [])
    objects: dict[int, bytes | Stream] = {
        CATALOG: _dict(catalog),
        PAGES: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE: _dict(page),
        CONTENTS: Stream(b"", PAGE_TEXT),
        FONT: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    if doc:
        objects.update(doc.extra)
    return objects


def _body(obj: bytes | Stream, compress: bool) -> bytes:
    return _stream_object(obj, compress) if isinstance(obj, Stream) else obj


def _xref_table(offsets: dict[int, int], *, complete: bool) -> bytes:
    """A classic cross-reference table; an update's lists only its own objects."""
    lines = [b"xref\n"]
    if complete:
        lines.append(b"0 %d\n" % (max(offsets) + 1))
        lines.append(b"0000000000 65535 f \n")
        lines += [b"%010d 00000 n \n" % offsets[number] for number in range(1, max(offsets) + 1)]
    else:
        for number in sorted(offsets):
            lines.append(b"%d 1\n%010d 00000 n \n" % (number, offsets[number]))
    return b"".join(lines)


def _write_classic(objects: dict[int, bytes | Stream], compress: bool, prefix: bytes = HEADER, prev=None):
    out = bytearray(prefix)
    offsets = {}
    for number, obj in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + _body(obj, compress) + b"\nendobj\n"
    start = len(out)
    out += _xref_table(offsets, complete=prev is None)
    size = max(offsets) + 1 if prev is None else max(max(offsets) + 1, prev[1])
    trailer = [b"/Size %d /Root 1 0 R" % size]
    if prev is not None:
        trailer.append(b"/Prev %d" % prev[0])
    out += b"trailer\n" + _dict(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out), start, size


def _write_object_stream(objects: dict[int, bytes | Stream]) -> bytes:
    """Every non-stream object packed in one compressed object stream; a compressed
    cross-reference stream (PDF 1.5) says where each one is."""
    packed = [number for number, obj in sorted(objects.items()) if not isinstance(obj, Stream)]
    loose = [number for number, obj in sorted(objects.items()) if isinstance(obj, Stream)]
    objstm_number = max(objects) + 1
    xref_number = objstm_number + 1

    header, body = [], bytearray()
    for number in packed:
        header.append(b"%d %d" % (number, len(body)))
        body += objects[number] + b"\n"
    header_bytes = b" ".join(header) + b"\n"
    objstm = Stream(b"/Type /ObjStm /N %d /First %d" % (len(packed), len(header_bytes)), header_bytes + body)

    out = bytearray(HEADER)
    offsets = {}
    for number in loose:
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + _stream_object(objects[number], True) + b"\nendobj\n"
    offsets[objstm_number] = len(out)
    out += b"%d 0 obj\n" % objstm_number + _stream_object(objstm, True) + b"\nendobj\n"

    offsets[xref_number] = len(out)
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    for number in range(1, xref_number + 1):
        if number in packed:
            rows.append(b"\x02" + objstm_number.to_bytes(4, "big") + packed.index(number).to_bytes(1, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00")
    xref = Stream(
        b"/Type /XRef /Size %d /W [1 4 1] /Root 1 0 R" % (xref_number + 1),
        b"".join(rows),
    )
    out += b"%d 0 obj\n" % xref_number + _stream_object(xref, True) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def _escape_names(body: bytes) -> bytes:
    """/JavaScript → /J#61v#61Script … : each name's vowels written as #xx escapes."""

    def escape(match: re.Match) -> bytes:
        name = match.group(0)
        return name[:2] + re.sub(rb"[aeiouAEIOU]", lambda m: b"#%02x" % m.group(0)[0], name[2:])

    return re.sub(rb"/[A-Za-z0-9]+", escape, body)


FORMS = ("plain", "compressed", "object-stream", "incremental-update", "escaped-names")


def build(kind: str | None, form: str) -> bytes:
    """The clean document (kind None) or one carrying `kind`, written in `form`."""
    doc = Doc(compress=form == "compressed")
    if kind in HARMLESS or kind in AMBIGUOUS:
        {**HARMLESS, **AMBIGUOUS}[kind](doc)
    elif kind is not None:
        KINDS[kind][0](doc)
    if form in ("plain", "compressed"):
        return _write_classic(_objects(doc, form == "compressed"), form == "compressed")[0]
    if form == "object-stream":
        return _write_object_stream(_objects(doc, True))
    if form == "incremental-update":
        # A clean file, then an update section that rewrites the catalog and the page
        # and adds the kind's objects.
        clean, start, size = _write_classic(_objects(None, False), False)
        update = _objects(doc, False)
        changed = {number: update[number] for number in (CATALOG, PAGE)} | doc.extra
        return _write_classic(changed, False, prefix=clean, prev=(start, size))[0]
    if form == "escaped-names":
        objects = _objects(doc, False)
        escaped = {
            number: obj if isinstance(obj, Stream) else _escape_names(obj) for number, obj in objects.items()
        }
        return _write_classic(escaped, False)[0]
    raise ValueError(form)


def replaced_in_an_update(kind: str) -> bytes:
    """The active content in the first revision, replaced by a clean catalog and page in an
    incremental update: the latest revision is clean, the earlier one, still in the file
    and still shown by viewers that open earlier revisions, is not."""
    doc = Doc()
    KINDS[kind][0](doc)
    first, start, size = _write_classic(_objects(doc, False), False)
    clean = _objects(None, False)
    update = {CATALOG: clean[CATALOG], PAGE: clean[PAGE]}
    return _write_classic(update, False, prefix=first, prev=(start, size))[0]


def many_direct_arrays(count: int) -> bytes:
    """A clean document whose catalog holds one array of `count` small arrays: few objects,
    many things to walk."""
    doc = Doc()
    doc.catalog.append(b"/PieceInfo << /Lista [" + b"[0] " * count + b"] >>")
    return _write_classic(_objects(doc, False), False)[0]


def with_prefix(junk: bytes) -> bytes:
    """The clean document with `junk` between the header and the first object."""
    return _write_classic(_objects(None, False), False, prefix=HEADER + junk)[0]


def many_objects(count: int) -> bytes:
    """A clean document with `count` small extra objects, each referring to the next."""
    doc = Doc()
    for number in range(FIRST_EXTRA, FIRST_EXTRA + count):
        following = b"%d 0 R" % (number + 1) if number + 1 < FIRST_EXTRA + count else b"null"
        doc.extra[number] = b"<< /Seuraava " + following + b" >>"
    doc.catalog.append(b"/PieceInfo << /Ketju %d 0 R >>" % FIRST_EXTRA)
    return _write_classic(_objects(doc, False), False)[0]
