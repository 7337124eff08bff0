"""The worst PDFs for text extraction, written object by object (fast, no PDF library):
each passes the structure check and is cheap to upload, but reading its text is not
(50 000 pages is the exception: the structure check refuses that many objects).

Used by the tests (tests/documents/test_extraction_limits.py) and by the benchmark's
uploads under load (bench/uploads.py); nothing in the site imports it.
"""

import os
import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(objects: list[bytes], padding: int = 0) -> bytes:
    """A PDF of `objects` (object 1 is the catalog); `padding` incompressible bytes in an
    unreferenced stream make the file bigger."""
    if padding:
        objects = [*objects, _stream(os.urandom(padding), compress=False)]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"<< /Font << /F1 3 0 R >> >>") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>" % resources,
        _stream(content),
    ]


def operator_stream(operators: int = 200_000) -> bytes:
    """One page whose compressed content stream holds `operators` text operators."""
    ops = b"BT /F1 9 Tf " + b"1 0 0 1 40 800 Tm (kokous) Tj 0 -1 Td " * (operators // 3) + b"ET"
    return _pdf(_one_page(ops))


def many_pages(pages: int = 50_000) -> bytes:
    """`pages` pages sharing one small content stream, in a flat page tree."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        FONT,
        _stream(b"BT /F1 12 Tf 72 720 Td (Sivu) Tj ET"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects += [page] * pages
    return _pdf(objects)


def nested_forms(depth: int = 40) -> bytes:
    """Form XObjects nested `depth` deep, each drawing the next one twice: few objects,
    2**depth form invocations for whoever follows them."""
    objects = _one_page(b"/X1 Do", resources=b"<< /XObject << /X1 6 0 R >> >>")
    for level in range(1, depth + 1):
        number = 5 + level  # object number of form level `level`
        if level < depth:
            body = b"/X Do /X Do"
            resources = b"<< /XObject << /X %d 0 R >> >>" % (number + 1)
        else:
            body = b"BT /F1 9 Tf 40 800 Td (syvalla) Tj ET"
            resources = b"<< /Font << /F1 3 0 R >> >>"
        objects.append(
            _stream(body, extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + resources)
        )
    return _pdf(objects)


def exactly(size: int, base: bytes | None = None) -> bytes:
    """`base` (the operator stream by default) padded to exactly `size` bytes."""
    base = base or operator_stream()
    padding = size - len(base)
    for _attempt in range(3):
        data = _pdf_padded_like(base, padding)
        padding += size - len(data)
    assert len(data) == size, (len(data), size)
    return data


def _pdf_padded_like(base: bytes, padding: int) -> bytes:
    # Rebuild the operator-stream file with a padding stream of `padding` bytes (less the
    # object's own overhead, which the caller's loop corrects).
    ops = b"BT /F1 9 Tf " + b"1 0 0 1 40 800 Tm (kokous) Tj 0 -1 Td " * (200_000 // 3) + b"ET"
    return _pdf(_one_page(ops), padding=max(padding - 200, 0))


def worst_uploads(max_upload_bytes: int, max_objects: int) -> list[tuple[str, bytes]]:
    """Four files that pass the upload's structure check and make the text reader work
    hardest: the 200 000-operator stream, form objects nested 40 deep, about as many pages as
    the structure check's object limit lets through (it counts four objects a page: the page,
    its resources, its fonts and its media box; 50 000 pages are refused in the request), and
    a file of exactly the size limit (the operator stream padded)."""
    return [
        ("operators.pdf", operator_stream()),
        ("nested-forms.pdf", nested_forms()),
        ("many-pages.pdf", many_pages(max_objects // 4 - 20)),
        ("at-size-limit.pdf", exactly(max_upload_bytes)),
    ]
