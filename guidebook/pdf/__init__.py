"""The printed guidebook and the practice sheet handouts, rendered with WeasyPrint.

`render_all` writes every PDF into a built site; site/downloads.py names them and tells the theme which
download links each page shows.
"""

from ..errors import PrintError
from .build import render_all

__all__ = ["PrintError", "render_all"]
