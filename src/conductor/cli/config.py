"""Connection settings and `config save|list|show|delete`, with Conductor CLI's files and precedence.

Files live in ~/.conductor-cli/ (`config.yaml`, `config-<profile>.yaml`, YAML keys `server`,
`server-type`, `auth-token`, `auth-key`, `auth-secret`, `verbose`, mode 0600), so profiles saved by
the Go `conductor` CLI work here and the other way round. Precedence, as there: flags, then the
--config/--profile file, then the environment, then the default file; the settings come from one
source only (any CONDUCTOR_* variable switches everything to the environment).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml  # type: ignore[import-untyped]  # PyYAML ships no stubs; types-PyYAML is not a dependency

from conductor.cli.output import CliError, emit, format_option

KEYS = ("server", "server-type", "auth-token", "auth-key", "auth-secret", "verbose")
ENV = {
    "server": "CONDUCTOR_SERVER_URL",
    "server-type": "CONDUCTOR_SERVER_TYPE",
    "auth-token": "CONDUCTOR_AUTH_TOKEN",
    "auth-key": "CONDUCTOR_AUTH_KEY",
    "auth-secret": "CONDUCTOR_AUTH_SECRET",
}
DEFAULT_SERVER = "http://localhost:8080/api"
SECRETS = ("auth-token", "auth-secret")


def config_dir() -> Path:
    return Path.home() / ".conductor-cli"


def profile_file(profile: str | None) -> Path:
    return config_dir() / ("config.yaml" if not profile else f"config-{profile}.yaml")


def read_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        return {}
    except yaml.YAMLError as exc:
        raise CliError(f"{path}: {exc}") from None
    return {k: v for k, v in (data or {}).items() if k in KEYS and v not in (None, "")}


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)


def resolve(flags: dict[str, Any], profile: str | None, config: str | None) -> Settings:
    settings = Settings()

    def take(values: dict[str, Any], source: str) -> None:
        for key, value in values.items():
            if value not in (None, ""):
                settings.values[key] = value
                settings.sources[key] = source

    profile = profile or os.environ.get("CONDUCTOR_PROFILE") or None
    env = {key: os.environ[name] for key, name in ENV.items() if os.environ.get(name)}
    if config or profile:
        path = Path(config) if config else profile_file(profile)
        if not path.exists():
            raise CliError(f"config file {path} does not exist")
        take(read_file(path), str(path))
    elif env:
        take(env, "env")
    else:
        take(read_file(profile_file(None)), str(profile_file(None)))
    take(flags, "flag")
    if "server" not in settings.values:
        take({"server": DEFAULT_SERVER}, "default")
    return settings


def _mask(key: str, value: Any) -> str:
    text = str(value)
    if key in SECRETS and text:
        return text[:4] + "****" if len(text) > 8 else "****"
    return text


@click.group("config")
def config_group() -> None:
    """Save and inspect connection profiles (~/.conductor-cli/)."""


@config_group.command("save")
@click.pass_context
def save(ctx: click.Context) -> None:
    """Save the current --server/--auth-* settings to the default file or --profile's file."""
    root = ctx.find_root().params
    values = {k: v for k, v in ctx.obj.flags.items() if v not in (None, "")}
    if not values:
        raise CliError("nothing to save: give --server, --auth-key/--auth-secret or --auth-token")
    path = profile_file(root.get("profile") or os.environ.get("CONDUCTOR_PROFILE"))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    existing = read_file(path)
    existing.update(values)
    # Secrets inside: created 0600 before anything is written, as the Go CLI does.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        yaml.safe_dump(existing, out, default_flow_style=False, sort_keys=False)
    os.chmod(path, 0o600)
    click.echo(f"Configuration saved to {path}")


@config_group.command("list")
@format_option
def list_(fmt: str | None) -> None:
    """List saved profiles."""
    rows = []
    if config_dir().is_dir():
        for path in sorted(config_dir().glob("config*.yaml")):
            name = "default" if path.name == "config.yaml" else path.name[len("config-") : -len(".yaml")]
            rows.append({"profile": name, "server": read_file(path).get("server", ""), "file": str(path)})
    emit(["PROFILE", "SERVER", "FILE"], [list(r.values()) for r in rows], as_json=rows, fmt=fmt)


@config_group.command("show")
@format_option
@click.pass_context
def show(ctx: click.Context, fmt: str | None) -> None:
    """Show the settings in effect and where each comes from (secrets masked)."""
    settings: Settings = ctx.obj.settings
    rows = [[k, _mask(k, settings.values[k]), settings.sources[k]] for k in KEYS if k in settings.values]
    data = [{"key": k, "value": v, "source": s} for k, v, s in rows]
    emit(["KEY", "VALUE", "SOURCE"], rows, as_json=data, fmt=fmt)


@config_group.command("delete")
@click.argument("profile", required=False)
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete(ctx: click.Context, profile: str | None, yes: bool) -> None:
    """Delete a saved profile (the default file without a name)."""
    path = profile_file(profile or ctx.find_root().params.get("profile"))
    if not path.exists():
        raise CliError(f"config file {path} does not exist")
    if not (yes or ctx.obj.yes) and not click.confirm(f"Delete {path}?", err=True):
        raise CliError("cancelled")
    path.unlink()
    click.echo(f"Configuration {path} deleted")
