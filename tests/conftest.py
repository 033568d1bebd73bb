import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import template_cache
from shared_builds import shared
from sites import PROJECT, BuildResult, base_files, build, write_project


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path plugin is configured
def pytest_configure(config):
    """Record the folder every test process of this run shares (shared_builds.py): under pytest-xdist, the
    parent of the worker's own temporary folder; alone, pytest's."""
    worker = hasattr(config, "workerinput")
    base = config._tmp_path_factory.getbasetemp()  # pytest's TempPathFactory for this session
    os.environ["GUIDEBOOK_TEST_RUN_FOLDER"] = str(base.parent if worker else base)
    template_cache.install()


def pytest_collection_modifyitems(items):
    """The browser tests last: they all need the shipped site with its PDFs, which is then ready for them."""
    items.sort(key=lambda item: "/browser/" in item.path.as_posix())


def pytest_collection_finish(session):
    """When the collected tests read the shipped site with its PDFs (real_downloads.py), one process starts
    building it at once, beside the tests (the longest build of the run): they wait for it only if they get there
    first. Under xdist the first worker does so, alone, the process itself."""
    worker = getattr(session.config, "workerinput", {}).get("workerid")
    if worker in (None, "gw0") and "real_downloads" in sys.modules and session.items:
        script = Path(__file__).with_name("real_downloads.py")
        prebuild = subprocess.Popen([sys.executable, script], cwd=script.parent, start_new_session=True)
        session.config.stash[_PREBUILD] = prebuild


def pytest_sessionfinish(session):
    """A build no test waited for (a run of a few tests) is stopped, with the French build it forked."""
    prebuild = session.config.stash.get(_PREBUILD, None)
    if prebuild is not None and prebuild.poll() is None:
        os.killpg(prebuild.pid, signal.SIGTERM)
        prebuild.wait()


_PREBUILD = pytest.StashKey[subprocess.Popen]()


@pytest.fixture
def project(tmp_path):
    """A fixture project with the base files, ready to be changed by the test."""
    return write_project(tmp_path / "project", base_files())


def _build_base(folder):
    return build(write_project(folder / "project", base_files())).warnings


def _build_real(folder):
    return build(PROJECT, folder / "site").warnings


@pytest.fixture(scope="session")
def base_site():
    """The base fixture project, built once per run."""
    folder, warnings = shared("base", _build_base)
    return BuildResult(folder / "project", folder / "project" / "site", warnings)


@pytest.fixture(scope="session")
def real_site():
    """The shipped guidebook, HTML only, built once per run."""
    folder, warnings = shared("real", _build_real)
    return BuildResult(PROJECT, folder / "site", warnings)
