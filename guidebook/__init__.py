"""The PREPARE guidebook: content files -> validated models -> pages -> HTML, PDF and bundle -> commands.

See the module map in README.md for what each folder holds and may import.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent  # the package's data files: strings, vocabularies, templates, vendor
