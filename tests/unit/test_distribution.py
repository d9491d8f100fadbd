"""The installed distribution: its name, its command and what a plain install brings.

`pip install pyconductor-server` alone must give a working `pyconductor server`, so the
server's packages are base requirements, not behind an extra.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

import pytest

DIST = "pyconductor-server"
SERVER_PACKAGES = {
    "litestar",
    "uvicorn",
    "quickjs-ng",
    "jq",
    "python-jsonpath",
    "aiohttp",
    "pyjwt",
    "jinja2",
    "google-re2",
}


def _name(requirement: str) -> str:
    """The normalised project name at the start of a requirement string."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def test_the_distribution_is_installed_under_its_new_name() -> None:
    dist = distribution(DIST)
    assert dist.metadata["Name"] == DIST
    # The old name belongs to an unrelated PyPI project; nothing here may still provide it.
    with pytest.raises(PackageNotFoundError):
        distribution("pyconductor")


def test_the_console_script_is_pyconductor() -> None:
    scripts = {ep.name: ep.value for ep in distribution(DIST).entry_points if ep.group == "console_scripts"}
    assert scripts == {"pyconductor": "conductor.server.cli:main"}


def test_a_plain_install_brings_the_server() -> None:
    requires = distribution(DIST).requires or []
    base = {_name(r) for r in requires if "extra ==" not in r}
    assert base >= SERVER_PACKAGES | {"httpx", "msgspec"}
    postgres = {_name(r) for r in requires if re.search(r"extra\s*==\s*['\"]postgres['\"]", r)}
    assert postgres == {"psycopg"}


def test_the_server_extra_still_resolves() -> None:
    # `pip install 'pyconductor-server[server]'` from older instructions keeps working.
    assert "server" in (distribution(DIST).metadata.get_all("Provides-Extra") or [])


def test_cli_version_reads_the_distribution() -> None:
    from conductor.server.cli import _version

    assert _version() == distribution(DIST).version != "unknown"


def test_server_reports_the_distribution_version() -> None:
    from conductor.server.bootstrap import server_version

    assert server_version() == distribution(DIST).version
