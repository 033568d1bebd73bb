"""Content files are read only inside the project: a symbolic link out of it, or to nowhere, is refused by name."""

from __future__ import annotations

from guidebook.content.load import inspect
from sites import base_files, page_text, write_project


def test_links_out_of_the_project_or_to_nowhere_are_refused_with_their_path(tmp_path):
    project = write_project(tmp_path / "p", base_files())
    outside = tmp_path / "outside.en.md"
    outside.write_text(page_text({"title": "Outside", "status": "draft"}), encoding="utf-8")
    (project / "docs" / "about").mkdir()
    (project / "docs" / "about" / "leak.en.md").symlink_to(outside)
    (project / "docs" / "about" / "gone.en.md").symlink_to(tmp_path / "missing.en.md")
    (project / "docs" / "about" / "loop.en.md").symlink_to(project / "docs" / "about" / "loop.en.md")
    (project / "docs" / "about" / "image.png").symlink_to("/etc/hostname")
    inside = project / "docs" / "about" / "twin.en.md"
    inside.symlink_to(project / "docs" / "index.en.md")
    repository, problems = inspect(project)
    found = {problem.path: problem.message for problem in problems if problem.field == "file"}
    assert found.keys() == {
        "docs/about/leak.en.md",
        "docs/about/gone.en.md",
        "docs/about/loop.en.md",
        "docs/about/image.png",
    }
    assert f"symbolic link to {outside}, outside the project" in found["docs/about/leak.en.md"]
    assert "leads nowhere" in found["docs/about/gone.en.md"] and "leads nowhere" in found["docs/about/loop.en.md"]
    assert "about/twin" in repository.entries  # a link inside the project is an ordinary file
    assert all("outside" not in str(f.path) for f in repository.files)
