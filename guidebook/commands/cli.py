"""The `guidebook` command: a thin layer over the Python API.

Every command's logic lives in a module (content, authoring, status, reference, publish); every failure
is turned into a message and an exit code in one place, `_Guidebook.invoke`: a GuidebookError says what
went wrong, a machine's refusal (OSError) names the file, and anything else is a bug whose traceback
goes to a file the message names. No traceback is ever printed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from datetime import date
from pathlib import Path

import click

from .. import PACKAGE_DIR, languages, publish
from ..content.freshness import freshness_problems
from ..content.load import inspect
from ..content.validate import uncited
from ..errors import BadArgument, BuildFailed, GuidebookError
from . import authoring, edit, online, reference, serve as live, status as translations

EXIT_PROBLEMS = 1
FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)


def _fail(message: str, code: int = EXIT_PROBLEMS) -> None:
    click.echo(message, err=True)
    sys.exit(code)


class _Guidebook(click.Group):
    """The one boundary: every failure becomes a message and an exit code (2: wrong usage, 1: anything else)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except BadArgument as failure:
            raise click.BadParameter(failure.message, param_hint=failure.option) from None
        except GuidebookError as failure:
            _fail(str(failure), failure.exit_code)
        except OSError as failure:  # the machine refused: a folder that cannot be written, a full disk
            where = f" ({failure.filename})" if failure.filename else ""
            _fail(f"Error: {failure.strerror or failure}{where}; nothing was changed there.")
        except Exception:  # noqa: BLE001 - a bug: said in one line, its traceback kept in a file
            _fail(f"Error: unexpected failure, {_keep_traceback()}; please report it with that file.")


def _keep_traceback() -> str:
    """Write the current exception's traceback to a new file; say what it was and where the file is."""
    error = sys.exc_info()[1]
    with tempfile.NamedTemporaryFile("w", prefix="guidebook-traceback-", suffix=".txt", delete=False) as file:
        file.write(traceback.format_exc())
    return f"{type(error).__name__}: {error} (full traceback written to {file.name})"


@click.group(cls=_Guidebook)
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder of the guidebook project (the one holding mkdocs.yml).",
)
@click.pass_context
def main(context: click.Context, project: Path) -> None:
    """Write, check and build the PREPARE guidebook. Run a command with --help for details.

    \b
    Adding a page:   guidebook new practice-sheet "Title" --pilot avignon
    Checking:        guidebook check
    Translations:    guidebook status; once a translation is done:
                     guidebook status --mark practice_sheets/slug.fr.md
    Building:        guidebook build
    Online:          guidebook publish /srv/prepare-guidebook
                     guidebook preview-prod (the built site through nginx)
    Web editor:      guidebook edit

    \b
    Exit codes:
      0  success (status exits 0 whatever state the translations are in)
      1  the content has errors, the build failed, or the command refused
         to do something harmful (overwrite a file); nothing was changed
      2  the command was called wrongly (unknown option, empty title,
         unknown country code or city pilot...); nothing was changed
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    context.obj = project.resolve()


@main.command(
    help="Build the whole bilingual site into SITE_DIR (default: site/). The previous site is replaced only when the build succeeds."
)
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.option(
    "--no-downloads",
    "downloads",
    flag_value=False,
    default=True,
    help="Skip the PDFs and the offline bundle (fast preview).",
)
@click.pass_obj
def build(project: Path, site_dir: Path, downloads: bool) -> None:
    publish.enable_build_log()
    try:
        built = publish.build_site(project, site_dir, downloads=downloads, skip_unchanged=True)
    except BuildFailed as error:
        # The problems themselves were printed by the build log as they were found.
        _fail(f"{error.verdict}\nThe build failed: {site_dir}/ was left as it was.")
    click.echo(f"Site built in {site_dir}/" + ("" if built else " (nothing changed since the last build)"))


@main.command()
@FORMAT
@click.pass_obj
def check(project: Path, output_format: str) -> None:
    """Check all content without building the site; list every problem.

    Checks the fields of every page against the content model, the references between pages,
    the pairing of languages and the sections of practice sheets; outdated translations and sheets,
    pilots or country articles citing no public source are warnings. Each problem is printed as path:line: field: message, then a one-line summary.
    Exits with 1 when any problem is an error.
    """
    repository, problems = inspect(project)
    problems = sorted(problems + freshness_problems(repository) + uncited(repository))
    errors = sum(1 for problem in problems if problem.severity == "error")
    summary = {"errors": errors, "warnings": len(problems) - errors}
    if output_format == "json":
        click.echo(
            json.dumps(
                {"problems": [problem.as_dict() for problem in problems], "summary": summary},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s).")
    if errors:
        sys.exit(EXIT_PROBLEMS)


@main.command()
@click.option(
    "--mark",
    "marks",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="Record that the translation PATH is up to date with its source (repeatable). Writes only its source_hash line.",
)
@click.option(
    "--review-days",
    type=click.IntRange(min=1),
    default=translations.DEFAULT_REVIEW_DAYS,
    show_default=True,
    help="List the files whose last_reviewed date is older than this many days.",
)
@FORMAT
@click.pass_obj
def status(project: Path, marks: tuple[Path, ...], review_days: int, output_format: str) -> None:
    """Report the translations to write or update, the pages due for review, and the notes to editors.

    \b
    One row per page and language:
      source      the language the page is written in
      up-to-date  translated from the source as it is now
      outdated    the source changed since it was translated (the site says so)
      unmarked    no source_hash recorded yet (new, or older than this tool)
      missing     no file yet (readers get the source with a notice)

    After translating or updating a translation, run: guidebook status --mark practice_sheets/slug.fr.md
    """
    repository, _ = inspect(project, check_bodies=())  # the states, not the problems
    if marks:
        for path in marks:
            click.echo(translations.mark(repository, path).describe())
        return
    report = translations.status_report(repository, date.today(), review_days)
    if output_format == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(report.text_lines()))


@main.group()
def new() -> None:
    """Start a new page: its English and French files, from the templates.

    The English file is the source: replace its TODO values and text. The French file is
    marked as awaiting translation. Existing files are never overwritten.
    """


def _report_created(created: authoring.Created) -> None:
    click.echo(f"Created {created.source} (English: write the page here)")
    for path in created.translations:
        click.echo(f"Created {path} (awaiting translation)")
    click.echo("Next steps:")
    for number, step in enumerate(created.next_steps, start=1):
        click.echo(f"  {number}. {step}")


@new.command("practice-sheet")
@click.argument("title")
@click.option(
    "--pilot", required=True, help="Slug of its city pilot: the file name in city_pilots/ without .en.md, e.g. avignon."
)
@click.option("--city", help="City or region of the practice.  [default: the pilot's]")
@click.option("--country", help="ISO country code in capitals, e.g. FR or GB.  [default: the pilot's]")
@click.pass_obj
def new_practice_sheet(project: Path, title: str, pilot: str, city: str | None, country: str | None) -> None:
    """Start a practice sheet titled TITLE.

    For example: guidebook new practice-sheet "Case management in Vilvoorde" --pilot vilvoorde
    creates practice_sheets/case-management-in-vilvoorde.en.md and .fr.md (the file name comes
    from the title). The city and country are the pilot's unless given.
    """
    _report_created(
        authoring.new_practice_sheet(project, title, pilot=pilot, city=city, country=country, today=date.today())
    )


@new.command("city-pilot")
@click.argument("title")
@click.option("--country", required=True, help="ISO country code in capitals, e.g. FR or GB.")
@click.option(
    "--lat", required=True, type=click.FloatRange(-90, 90), help="Latitude of the city, for the map, e.g. 43.9493."
)
@click.option("--lon", required=True, type=click.FloatRange(-180, 180), help="Longitude of the city, e.g. 4.8055.")
@click.option("--city", help="City or region.  [default: the title]")
@click.option("--local-action", help="Title of the local action the pilot carried out.")
@click.option("--expert-partner", help="PREPARE partner that supported the pilot.")
@click.pass_obj
def new_city_pilot(project: Path, title: str, **options) -> None:
    """Start a city pilot titled TITLE, usually the city's name.

    For example: guidebook new city-pilot "Liège" --country BE --lat 50.63 --lon 5.57
    """
    _report_created(authoring.new_city_pilot(project, title, today=date.today(), **options))


@new.command("recommendation")
@click.argument("title")
@click.option(
    "--number", required=True, type=click.IntRange(min=1), help="Chapter number, not used by another chapter."
)
@click.pass_obj
def new_recommendation(project: Path, title: str, number: int) -> None:
    """Start a recommendation chapter titled TITLE.

    For example: guidebook new recommendation "Working with families" --number 13
    creates recommendations/13-working-with-families.en.md and .fr.md.
    """
    _report_created(authoring.new_recommendation(project, title, number=number, today=date.today()))


@main.command()
@click.option(
    "--write", is_flag=True, help="Update the reference between the markers of CONTRIBUTING.md instead of printing it."
)
@click.pass_obj
def fields(project: Path, write: bool) -> None:
    """Print the reference of every front matter field.

    It is generated from the content model (guidebook/content/schema.py) and the vocabularies, and kept
    in CONTRIBUTING.md: run guidebook fields --write after changing either.
    """
    # The project's languages; else those of the guidebook itself.
    site_languages = languages.read(project if (project / "mkdocs.yml").is_file() else PACKAGE_DIR.parent)
    if not write:
        click.echo(reference.field_reference(site_languages), nl=False)
        return
    changed = reference.write_reference(project / "CONTRIBUTING.md", site_languages)
    click.echo(
        "CONTRIBUTING.md: field reference updated."
        if changed
        else "CONTRIBUTING.md: field reference already up to date."
    )


main.add_command(edit.edit)
main.add_command(live.serve)
main.add_command(edit.editor_config)
main.add_command(online.publish)
main.add_command(online.preview_prod)

if __name__ == "__main__":
    main()
