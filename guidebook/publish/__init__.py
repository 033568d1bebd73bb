"""The whole site, atomically: one MkDocs run (run.py), the offline bundle, the swap into place (site.py).

The names below are imported when first used: `guidebook build site` with nothing changed answers from the
build's stamp (stamp.py) without loading MkDocs.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "BuildFailed": "..errors",
    "LogCollector": "..html.logs",
    "enable_build_log": ".run",
    "build_site": ".site",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
