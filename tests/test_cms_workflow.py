"""The review workflow on real Git (issue 26): each change a branch of commits by the staff member, its status
Draft -> In review -> Ready, published by a merge into main; nothing lost, no one's working tree damaged."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from editor_api import AdminPage, raw_request, running_editor
from guidebook.errors import BadArgument
from test_cms_save import new_sheet

SHEET = "practice_sheets/testville-case-management"
BRANCH = "cms/practice-sheet/testville-case-management"
NEW = "practice_sheets/mentoring-in-testville"


def git(project, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True).stdout.strip()


def commit_all(project, message: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


@pytest.fixture
def repo(project):
    """The fixture project as a Git repository on main, with a name configured for its commits."""
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.name", "Configured Name")
    git(project, "config", "user.email", "configured@example.org")
    commit_all(project, "The guidebook")
    return project


@pytest.fixture
def api(repo):
    with running_editor(repo, author="Marie Dupont") as server:
        pages = {language: AdminPage(server, language) for language in ("en", "fr")}

        def call(action: str, language: str = "en", **params) -> tuple[int, object]:
            return pages[language](action, **params)

        call.pages = pages
        yield call


def summary_changed(repo, language: str, summary: str, commit: str = "main") -> str:
    """The page's file as on `commit`, with another summary (as Decap sends it)."""
    text = git(repo, "show", f"{commit}:{SHEET}.{language}.md") + "\n"
    meta, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    return (
        "---\n"
        + yaml.safe_dump({**yaml.safe_load(meta), "summary": summary}, allow_unicode=True, sort_keys=False)
        + "---\n"
        + body
    )


def persist(
    api,
    files: dict[str, str],
    language: str = "en",
    message: str = "Change to Practice sheet: testville-case-management",
    page=None,
):
    params = {
        "dataFiles": [{"path": path, "raw": raw} for path, raw in files.items()],
        "assets": [],
        "options": {
            "useWorkflow": True,
            "collectionName": "practice-sheet",
            "commitMessage": message,
            "status": "draft",
        },
    }
    return (page or api.pages[language])("persistEntry", **params)


def ready(api, slug: str) -> None:
    """Mark the change Ready, as a reviewer does: only then is it published."""
    assert (
        api("updateUnpublishedEntryStatus", collection="practice-sheet", slug=slug, newStatus="pending_publish")[0]
        == 200
    )


def open_entry(api, language: str = "en", page=None) -> None:
    """Read both languages of the published sheet, as Decap does when opening it."""
    for code in ("en", "fr"):
        (page or api.pages[language])("getEntry", path=f"{SHEET}.{code}.md")


def test_the_server_offers_the_editorial_workflow_in_a_git_repository(api):
    assert api("info")[1] == {"repo": "project", "publish_modes": ["editorial_workflow"], "type": "local_git"}
    for path in ("/admin/", "/admin/fr/"):  # editor.js keeps Decap's words: "Publish" publishes
        assert (
            b'<html data-publish-mode="editorial_workflow" lang=' in raw_request(api.pages["en"].server, "GET", path)[2]
        )


def test_outside_a_git_repository_saves_write_the_files(project):
    with running_editor(project) as server:
        assert AdminPage(server)("info")[1]["publish_modes"] == ["simple"]
        assert b'<html data-publish-mode="simple" lang=' in raw_request(server, "GET", "/admin/fr/")[2]  # "Enregistrer"


def test_a_save_is_a_commit_on_its_own_branch_by_the_staff_member_and_main_is_untouched(api, repo):
    main_before, working_before = git(repo, "rev-parse", "main"), (repo / f"{SHEET}.fr.md").read_bytes()
    open_entry(api, "fr")
    status, answer = persist(
        api,
        {
            f"{SHEET}.fr.md": summary_changed(repo, "fr", "Un résumé relu."),
            f"{SHEET}.en.md": git(repo, "show", f"main:{SHEET}.en.md") + "\n",
        },
        "fr",
        message="Modification (Fiche pratique) : testville-case-management",
    )
    assert status == 200, answer
    assert git(repo, "rev-parse", "main") == main_before
    assert (repo / f"{SHEET}.fr.md").read_bytes() == working_before and git(repo, "status", "--porcelain") == ""
    assert (
        git(repo, "log", "-1", "--format=%an|%s", BRANCH)
        == "Marie Dupont|Modification (Fiche pratique) : testville-case-management"
    )
    assert git(repo, "diff", "--name-only", "main", BRANCH).splitlines() == [
        f"{SHEET}.fr.md"
    ]  # the English file untouched
    assert (
        yaml.safe_load(git(repo, "show", f"{BRANCH}:{SHEET}.fr.md").split("---\n")[1])["summary"] == "Un résumé relu."
    )
    assert api("unpublishedEntries")[1] == ["practice-sheet/testville-case-management"]
    status, entry = api("unpublishedEntry", id="practice-sheet/testville-case-management")
    assert (entry["status"], [diff["path"] for diff in entry["diffs"]], entry["pullRequestAuthor"]) == (
        "draft",
        [f"{SHEET}.fr.md"],
        "Marie Dupont",
    )
    status, draft = api(
        "unpublishedEntryDataFile", collection="practice-sheet", slug="testville-case-management", path=f"{SHEET}.fr.md"
    )
    assert "Un résumé relu." in draft["data"]
    assert "Un résumé relu." not in api("getEntry", path=f"{SHEET}.fr.md")[1]["data"]  # published: main's


def test_a_second_save_adds_a_commit_and_the_page_keeps_its_history(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "First try.")})
    api(
        "unpublishedEntryDataFile", collection="practice-sheet", slug="testville-case-management", path=f"{SHEET}.en.md"
    )
    status, _ = persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Second try.", BRANCH)})
    assert status == 200
    assert git(repo, "rev-list", "--count", f"main..{BRANCH}") == "2"


def test_draft_in_review_ready_then_publish_merges_into_main_and_the_checked_out_files(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Reviewed summary.")})
    for status in ("pending_review", "pending_publish"):
        assert (
            api(
                "updateUnpublishedEntryStatus",
                collection="practice-sheet",
                slug="testville-case-management",
                newStatus=status,
            )[0]
            == 200
        )
        assert (
            api("unpublishedEntry", collection="practice-sheet", slug="testville-case-management")[1]["status"]
            == status
        )
    assert (
        git(repo, "config", f"branch.{BRANCH}.description") == "decap-cms/pending_publish"
    )  # as decap-server keeps it
    status, answer = api("publishUnpublishedEntry", "fr", collection="practice-sheet", slug="testville-case-management")
    assert status == 200, answer
    assert git(repo, "log", "-1", "--format=%an|%P|%s", "main").split("|")[0] == "Marie Dupont"
    assert len(git(repo, "log", "-1", "--format=%P", "main").split()) == 2  # a merge: the review's commits kept
    assert (
        git(repo, "log", "-1", "--format=%s", "main")
        == "Publication de la modification (Fiche pratique) : testville-case-management (relue dans l'éditeur)"
    )
    assert "Reviewed summary." in (repo / f"{SHEET}.en.md").read_text(encoding="utf-8")  # the checked-out files follow
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "branch", "--list", "cms/*") == "" and api("unpublishedEntries")[1] == []
    assert (
        git(repo, "log", "-1", "--format=%an|%s", "--", f"{SHEET}.en.md")
        == "Marie Dupont|Change to Practice sheet: testville-case-management"
    )


def test_a_change_not_marked_ready_is_not_published(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Not reviewed yet.")})
    main = git(repo, "rev-parse", "main")
    status, answer = api("publishUnpublishedEntry", "fr", collection="practice-sheet", slug="testville-case-management")
    assert status == 409 and answer["error"].startswith("Seule une modification « Prête à publier » est publiée")
    assert git(repo, "rev-parse", "main") == main


def test_a_new_page_is_created_on_its_branch_and_published(api, repo):
    api("getEntry", path=f"{NEW}.en.md")
    api("getEntry", path=f"{NEW}.fr.md")
    status, answer = persist(
        api,
        {f"{NEW}.en.md": new_sheet("en"), f"{NEW}.fr.md": new_sheet("fr")},
        message="New Practice sheet: mentoring-in-testville",
    )
    assert status == 200, answer
    branch = "cms/practice-sheet/mentoring-in-testville"
    entry = api("unpublishedEntry", collection="practice-sheet", slug="mentoring-in-testville")[1]
    assert sorted((diff["path"], diff["newFile"]) for diff in entry["diffs"]) == [
        (f"{NEW}.en.md", True),
        (f"{NEW}.fr.md", True),
    ]
    assert not (repo / f"{NEW}.en.md").exists()
    ready(api, "mentoring-in-testville")
    api("publishUnpublishedEntry", collection="practice-sheet", slug="mentoring-in-testville")
    assert (repo / f"{NEW}.en.md").read_bytes() == subprocess.run(
        ["git", "-C", str(repo), "show", f"main:{NEW}.en.md"], capture_output=True, check=True
    ).stdout
    assert git(repo, "branch", "--list", branch) == ""


def test_a_save_the_check_refuses_commits_nothing(api, repo):
    open_entry(api, "fr")
    status, answer = persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "")}, "fr")
    assert status == 422 and "summary" in answer["error"]
    assert [(problem["language"], problem["field"]) for problem in answer["problems"]] == [
        ("en", "summary")
    ]  # for editor.js to show on the field
    assert answer["problems"][0]["message"] == "manque ; attendu : Une ou deux phrases décrivant la pratique."
    assert git(repo, "branch", "--list", "cms/*") == ""


def test_a_second_editors_save_over_the_first_gets_the_conflict_message(api, repo):
    theirs = AdminPage(api.pages["en"].server, "en")
    open_entry(api, "fr")
    open_entry(api, page=theirs)
    assert persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Theirs.")}, page=theirs)[0] == 200
    status, answer = persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Mine.")}, "fr")
    assert status == 409 and answer["error"].startswith("Quelqu'un a modifié cette page depuis que vous l'avez ouverte")
    assert "Theirs." in git(repo, "show", f"{BRANCH}:{SHEET}.en.md")


def test_a_deleted_change_is_kept_on_a_branch_of_its_own(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Rejected summary.")})
    tip = git(repo, "rev-parse", BRANCH)
    status, answer = api("deleteUnpublishedEntry", collection="practice-sheet", slug="testville-case-management")
    assert status == 200 and "cms-rejected/practice-sheet/testville-case-management/" in answer["message"]
    kept = git(repo, "for-each-ref", "--format=%(refname:lstrip=2) %(objectname)", "refs/heads/cms-rejected/").split()
    assert kept[1] == tip and api("unpublishedEntries")[1] == []
    assert "Rejected summary." not in (repo / f"{SHEET}.en.md").read_text(encoding="utf-8")


def test_publishing_never_overwrites_uncommitted_work(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "From the editor.")})
    local = (repo / f"{SHEET}.en.md").read_text(encoding="utf-8").replace("title:", "title: ", 1)
    (repo / f"{SHEET}.en.md").write_text(local, encoding="utf-8")
    main = git(repo, "rev-parse", "main")
    ready(api, "testville-case-management")
    status, answer = api("publishUnpublishedEntry", "fr", collection="practice-sheet", slug="testville-case-management")
    assert (
        status == 409
        and "a des modifications non enregistrées dans Git" in answer["error"]
        and f"{SHEET}.en.md" in answer["error"]
    )
    assert (repo / f"{SHEET}.en.md").read_text(encoding="utf-8") == local
    assert git(repo, "rev-parse", "main") == main and git(
        repo, "rev-parse", "--verify", BRANCH
    )  # nothing published, the change kept


def test_publishing_with_main_checked_out_elsewhere_or_not_at_all_moves_only_the_branch(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Published elsewhere.")})
    git(repo, "checkout", "-q", "-b", "work")
    before = (repo / f"{SHEET}.en.md").read_bytes()
    ready(api, "testville-case-management")
    assert api("publishUnpublishedEntry", collection="practice-sheet", slug="testville-case-management")[0] == 200
    assert (repo / f"{SHEET}.en.md").read_bytes() == before and git(repo, "status", "--porcelain") == ""
    assert "Published elsewhere." in git(repo, "show", f"main:{SHEET}.en.md")


def test_publishing_updates_the_files_where_main_is_checked_out_in_another_worktree(api, repo, tmp_path):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "Published into the other worktree.")})
    git(repo, "checkout", "-q", "-b", "work")
    git(repo, "worktree", "add", "-q", str(tmp_path / "main-copy"), "main")
    ready(api, "testville-case-management")
    assert api("publishUnpublishedEntry", collection="practice-sheet", slug="testville-case-management")[0] == 200
    assert "Published into the other worktree." in (tmp_path / "main-copy" / f"{SHEET}.en.md").read_text(
        encoding="utf-8"
    )
    assert git(tmp_path / "main-copy", "status", "--porcelain") == ""


def test_a_change_that_conflicts_with_a_publication_is_refused_and_kept(api, repo):
    open_entry(api)
    persist(api, {f"{SHEET}.en.md": summary_changed(repo, "en", "The change under review.")})
    (repo / f"{SHEET}.en.md").write_text(summary_changed(repo, "en", "Committed meanwhile."), encoding="utf-8")
    commit_all(repo, "A change made in a terminal")
    ready(api, "testville-case-management")
    status, answer = api("publishUnpublishedEntry", collection="practice-sheet", slug="testville-case-management")
    assert status == 409 and answer["error"].startswith(
        "This change and the published page both changed the same lines"
    )
    assert "The change under review." in git(repo, "show", f"{BRANCH}:{SHEET}.en.md")
    assert "Committed meanwhile." in git(repo, "show", f"main:{SHEET}.en.md")


def test_the_workflow_refuses_names_that_are_not_a_collection_or_a_page(api):
    status, answer = api("unpublishedEntry", collection="practice-sheet", slug="../../main")
    assert status == 400
    status, answer = api(
        "updateUnpublishedEntryStatus",
        collection="practice-sheet",
        slug="testville-case-management",
        newStatus="pending_review",
    )
    assert status == 404  # no such change under review
    status, answer = api(
        "updateUnpublishedEntryStatus",
        collection="practice-sheet",
        slug="testville-case-management",
        newStatus="published",
    )
    assert status == 400 and "draft, pending_review, pending_publish" in answer["error"]


def test_without_a_name_the_editor_says_how_to_give_one(repo, monkeypatch):
    git(repo, "config", "--unset", "user.name")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with pytest.raises(BadArgument, match=r"--name: saves are Git commits signed with your name"):
        with running_editor(repo):
            pass


@pytest.mark.parametrize(
    ("action", "params", "expected"),
    [
        ("unpublishedEntry", {}, 400),  # no id, no collection and slug
        ("unpublishedEntry", {"id": "practice-sheet"}, 400),  # an id with no slug
        (
            "unpublishedEntryDataFile",
            {"collection": "practice-sheet", "slug": "testville-case-management", "path": ".git/config"},
            403,
        ),
        (
            "unpublishedEntryDataFile",
            {"collection": "practice-sheet", "slug": "testville-case-management", "path": "Makefile"},
            403,
        ),
        ("updateUnpublishedEntryStatus", {"collection": "practice-sheet", "slug": "x"}, 400),  # no newStatus
        ("publishUnpublishedEntry", {"collection": "Practice sheet", "slug": "x"}, 400),
        ("deleteUnpublishedEntry", {"collection": "practice-sheet", "slug": "x/../../main"}, 400),
        ("unpublishedEntryMediaFile", {}, 422),  # no images through the editor
    ],
)
def test_the_workflows_requests_are_checked_before_anything_is_read_or_written(api, repo, action, params, expected):
    refs = git(repo, "for-each-ref")
    status, answer = api(action, **params)
    assert status == expected and answer["error"]
    assert git(repo, "for-each-ref") == refs


def test_outside_git_the_workflows_actions_are_refused_with_the_reason(project):
    with running_editor(project) as server:
        page = AdminPage(server)
        status, answer = page("unpublishedEntries")
        assert status == 422 and "not a Git repository" in answer["error"]
        status, answer = page(
            "persistEntry", dataFiles=[{"path": f"{SHEET}.en.md", "raw": "x"}], options={"useWorkflow": True}
        )
        assert status == 400 and "no review branch" in answer["error"]
