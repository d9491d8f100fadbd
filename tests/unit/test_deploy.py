"""deploy/: the Dockerfile and compose file agree with the server (docker itself is not run here).

The image's command must be one the real CLI parser accepts, every PYCONDUCTOR_* variable the
compose file sets must be a setting the README documents (a misspelt one is silently ignored),
and the health check must ask a path the server answers 200 on.
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from conductor.server import cli

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
COMPOSE = ROOT / "deploy" / "compose.yaml"


def instructions() -> dict[str, list[str]]:
    """Dockerfile instructions by keyword, continuation lines joined, comments dropped."""
    found: dict[str, list[str]] = {}
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.setdefault(keyword.upper(), []).append(rest.strip())
    return found


def exec_form(value: str) -> list[str]:
    argv = json.loads(value)  # the exec form: no shell between docker and the server's signals
    assert isinstance(argv, list) and all(isinstance(a, str) for a in argv)
    return argv


def documented_variables() -> set[str]:
    """The PYCONDUCTOR_* names of the README's settings table."""
    readme = (ROOT / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| ")]
    return {name for row in rows for name in re.findall(r"`(PYCONDUCTOR_[A-Z0-9_]+)`", row)}


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def test_image_basics() -> None:
    found = instructions()
    assert found["FROM"] == ["python:3.11-slim"]
    [user] = found["USER"]
    assert user not in ("root", "0")
    [install] = [run for run in found["RUN"] if "pip install" in run]
    assert "PIP_CONSTRAINT=" in install and "constraints.txt" in install
    assert '".[postgres]"' in install
    copied = " ".join(found["COPY"])
    for needed in ("pyproject.toml", "constraints.txt", "src"):
        assert needed in copied


def test_command_is_one_the_cli_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    [cmd] = instructions()["CMD"]
    argv = exec_form(cmd)
    assert "ENTRYPOINT" not in instructions()
    # `pyconductor` is the console script of conductor.server.cli:main.
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert argv[0] == "pyconductor" and scripts["pyconductor"] == "conductor.server.cli:main"
    seen: list[argparse.Namespace] = []

    def fake_server(args: argparse.Namespace) -> int:
        seen.append(args)
        return 0

    # The real parser (built by main) with the server itself replaced: a flag the CLI does not
    # know makes argparse exit with status 2 instead.
    monkeypatch.setattr(cli, "_server", fake_server)
    assert cli.main(argv[1:]) == 0
    [args] = seen
    assert args.command == "server" and args.host == "0.0.0.0" and args.port == "8080"
    exposed = instructions()["EXPOSE"]
    assert exposed == [args.port]


def test_compose_sets_only_settings_the_server_reads() -> None:
    documented = documented_variables()
    assert {"PYCONDUCTOR_DB_URL", "PYCONDUCTOR_AUTH_KEYS", "PYCONDUCTOR_CORS_ORIGINS"} <= documented
    used = set(re.findall(r"PYCONDUCTOR_[A-Z0-9_]+", COMPOSE.read_text()))
    used |= {name for env in instructions()["ENV"] for name in re.findall(r"(PYCONDUCTOR_[A-Z0-9_]+)=", env)}
    assert used, "the compose file sets no PYCONDUCTOR_* setting"
    assert used <= documented, f"not settings of the server: {sorted(used - documented)}"
    # And each documented name is one the code reads.
    code = (ROOT / "src/conductor/server/config.py").read_text() + (
        ROOT / "src/conductor/server/cli.py"
    ).read_text()
    assert all(f'"{name}"' in code for name in used)


def test_compose_runs_the_server_on_the_healthy_postgres_service() -> None:
    services = compose()["services"]
    postgres, server = services["postgres"], services["server"]
    assert postgres["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert server["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert server["build"]["dockerfile"] == "deploy/Dockerfile"
    assert (
        COMPOSE.parent / server["build"]["context"] / server["build"]["dockerfile"]
    ).resolve() == DOCKERFILE
    url = urlsplit(server["environment"]["PYCONDUCTOR_DB_URL"])
    assert url.scheme == "postgresql" and url.hostname == "postgres" and url.port == 5432
    env = postgres["environment"]
    assert url.username == env["POSTGRES_USER"] and url.path == f"/{env['POSTGRES_DB']}"
    assert url.password == env["POSTGRES_PASSWORD"]  # the same ${...:-default} on both sides
    published = [str(p) for p in server["ports"]]
    assert any(p.endswith(":8080") for p in published)


async def test_health_check_asks_a_path_the_server_answers(server: Any) -> None:
    [check] = instructions()["HEALTHCHECK"]
    options, _, command = check.partition("CMD ")
    assert "--interval=" in options
    argv = exec_form(command)
    program = argv[-1]
    urls = re.findall(r"https?://[^'\"]+", program)
    assert len(urls) == 1
    target = urlsplit(urls[0])
    assert target.hostname == "127.0.0.1" and str(target.port) == exec_form(instructions()["CMD"][0])[-1]
    transport = httpx.ASGITransport(app=server.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        response = await client.get(target.path)
    assert response.status_code == 200
    assert argv[:2] == ["python", "-c"]  # python is on the slim image's PATH; curl is not
