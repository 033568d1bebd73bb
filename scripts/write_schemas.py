"""Write schemas/catalogue.schema.json from the content model (run after changing guidebook/content/schema.py)."""

import json
from pathlib import Path

from guidebook.site.catalogue import export_schema

target = Path(__file__).resolve().parent.parent / "schemas" / "catalogue.schema.json"
target.write_text(json.dumps(export_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
print(f"wrote {target}")
