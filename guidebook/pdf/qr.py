"""A QR code of a handout's web address, so a reader of the printed sheet reaches its page with a phone."""

from __future__ import annotations

import segno


def qr_data_uri(url: str, colour: str = "#083a50") -> str:
    """An SVG image as a data: address (WeasyPrint reads it without touching the network)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark=colour)
