"""The web editor of the guidebook: Decap CMS configured from the content model, and its local server.

`make edit` runs `python -m guidebook.cms serve`: the editor at http://127.0.0.1:8081/admin/ (its French
interface at /admin/fr/) and MkDocs' live preview at http://127.0.0.1:8000/.
"""
