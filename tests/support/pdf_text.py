"""A PDF's text as a reader copies it, page by page, read by PDFium (pypdfium2, the engine
of Chromium's PDF viewer). For the tests that only read text: much faster than pypdf's
text extraction, which took half as long as rendering the PDF (docs/architecture.md);
pypdf still reads what PDFium does not give, such as tags and links."""

import pypdfium2


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, its lines ending in "\\n"."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_text(document[number]) for number in range(len(document))]
    finally:
        document.close()


def _text(page) -> str:
    text_page = page.get_textpage()
    try:
        # PDFium joins a line that ends in a hyphen to the next and marks the hyphen U+FFFE
        # (for a viewer to drop when the hyphen only splits a word): the page shows the
        # hyphen at the end of the line, so it is given back as such.
        return text_page.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n")
    finally:
        text_page.close()
        page.close()
