"""Pictures of the deck's slides, from the deck PDF: what the scripts show beside
each slide's lines. PDFium renders each page; JPEG keeps them small."""

from __future__ import annotations

import io


def slide_pictures(deck_pdf: bytes, width: int) -> list[bytes]:
    """Each page of `deck_pdf` as a JPEG `width` pixels wide."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(deck_pdf)
    try:
        found = []
        for index in range(len(document)):
            page = document[index]
            try:
                scale = width / page.get_width()
                image = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
            found.append(out.getvalue())
        return found
    finally:
        document.close()
