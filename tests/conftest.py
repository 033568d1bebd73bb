import os

import pytest

from shared_builds import shared
from sites import PROJECT, BuildResult, base_files, build, write_project


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path plugin is configured
def pytest_configure(config):
    """Record the folder every test process of this run shares (shared_builds.py): under pytest-xdist, the
    parent of the worker's own temporary folder; alone, pytest's."""
    worker = hasattr(config, "workerinput")
    base = config._tmp_path_factory.getbasetemp()  # pytest's TempPathFactory for this session
    os.environ["GUIDEBOOK_TEST_RUN_FOLDER"] = str(base.parent if worker else base)


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
