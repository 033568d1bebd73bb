"""Every failure of a command ends in a message and an exit code, never a Python traceback."""

from pathlib import Path

from click.testing import CliRunner

from guidebook.commands import cli
from guidebook.commands.cli import main


def test_building_into_a_path_whose_parent_is_a_file_says_so_and_exits_1(project):
    (project / "notes.txt").write_text("not a folder")
    result = CliRunner().invoke(
        main, ["--project", str(project), "build", "--no-downloads", str(project / "notes.txt" / "site")]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert (
        f"cannot build into {project / 'notes.txt' / 'site'}: {project / 'notes.txt'}, a folder of the output path, is a file"
        in result.output
    )
    assert (project / "notes.txt").read_text() == "not a folder"


def test_an_unwritable_output_folder_names_the_file_without_a_traceback(project, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(project / "site"))

    monkeypatch.setattr(cli.publish, "build_site", refuse)
    result = CliRunner().invoke(main, ["--project", str(project), "build"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"Error: Permission denied ({project / 'site'}); nothing was changed there." in result.output
    assert "Traceback" not in result.output


def test_an_unexpected_failure_says_where_its_traceback_was_written(project, monkeypatch):
    def bug(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(cli, "inspect", bug)
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    written = result.output.split("full traceback written to ")[1].split(")")[0]
    assert "KeyError: 'surprise'" in Path(written).read_text()
    Path(written).unlink()
