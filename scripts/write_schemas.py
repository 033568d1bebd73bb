"""Write schemas/catalogue.schema.json from the content model (run after changing guidebook/content/schema.py)."""

import json
from pathlib import Path

from guidebook.languages import read
from guidebook.site.catalogue import export_schema

project = Path(__file__).resolve().parent.parent
target = project / "schemas" / "catalogue.schema.json"
target.write_text(
    json.dumps(export_schema(read(project)), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
)
print(f"wrote {target}")
