"""The PREPARE guidebook: content model, MkDocs plugin and publishing tools."""
