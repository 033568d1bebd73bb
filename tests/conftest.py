import pytest

from sites import PROJECT, base_files, build, write_project


@pytest.fixture
def project(tmp_path):
    """A fixture project with the base files, ready to be changed by the test."""
    return write_project(tmp_path / "project", base_files())


@pytest.fixture(scope="session")
def base_site(tmp_path_factory):
    """The base fixture project, built once."""
    return build(write_project(tmp_path_factory.mktemp("base") / "project", base_files()))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The shipped guidebook, HTML only, built once."""
    return build(PROJECT, tmp_path_factory.mktemp("real") / "site")
