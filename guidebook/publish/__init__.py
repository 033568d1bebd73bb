"""The whole site, atomically: one MkDocs run (run.py), the offline bundle, the swap into place (site.py)."""

from ..errors import BuildFailed
from ..html.logs import LogCollector
from .run import enable_build_log
from .site import build_site

__all__ = ["BuildFailed", "LogCollector", "build_site", "enable_build_log"]
