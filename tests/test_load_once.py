"""A whole build, PDFs and offline bundle included, reads and validates each content file once."""

from collections import Counter

from guidebook import publish
from guidebook.content import load
from guidebook.content.layout import walk


def test_a_full_build_reads_each_content_file_once(project, monkeypatch):
    reads = Counter()
    real_read = load.read_source

    def counting_read(path, shown):
        reads[shown] += 1
        return real_read(path, shown)

    monkeypatch.setattr(load, "read_source", counting_read)
    publish.build_site(project, project / "site", downloads=True)
    pages = {file.path.relative_to(project).as_posix() for file in walk(project) if file.is_markdown}
    assert (project / "site" / "guidebook-offline.zip").is_file() and (project / "site" / "guidebook-fr.pdf").is_file()
    assert reads == Counter({page: 1 for page in pages})
