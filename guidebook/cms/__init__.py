"""The web editor of the guidebook: Decap CMS configured from the content model, and its local server.

`make edit` runs `guidebook edit`: the editor at http://127.0.0.1:8081/admin/ (each other site language's
interface at /admin/<code>/) and MkDocs' live preview at http://127.0.0.1:8000/. It reads the content
model and runs the check (content/), nothing of the engine: the commands layer calls it.
"""
