"""The Click application: global connection flags, shared helpers, and the noun groups."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from conductor.cli import config as config_mod
from conductor.cli.client import Api
from conductor.cli.output import CliError


@dataclass
class State:
    flags: dict[str, Any]
    profile: str | None
    config: str | None
    yes: bool
    verbose: bool
    _settings: config_mod.Settings | None = None
    _api: Api | None = field(default=None)

    @property
    def settings(self) -> config_mod.Settings:
        if self._settings is None:
            self._settings = config_mod.resolve(self.flags, self.profile, self.config)
        return self._settings

    @property
    def api(self) -> Api:
        if self._api is None:
            s = self.settings
            self._api = Api(
                str(s.get("server")),
                key=s.get("auth-key"),
                secret=s.get("auth-secret"),
                token=s.get("auth-token"),
            )
        return self._api


def state() -> State:
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, State)
    return obj


def parse_json(text: str, what: str) -> Any:
    """JSON from the command line or a file; a mistake is named with its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"invalid JSON in {what}: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def read_json_file(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    return parse_json(text, path)


def ids_from(args: tuple[str, ...]) -> list[str]:
    """IDs given as arguments, or one per line on stdin for `-` (search --ids | terminate -)."""
    ids: list[str] = []
    for arg in args:
        if arg == "-":
            ids.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            ids.append(arg)
    if not ids:
        raise CliError("no ids given")
    return ids


def confirm_many(action: str, ids: list[str], yes: bool) -> None:
    # One id is what the user typed; many (often piped) get a question, as Conductor's CLI asks
    # before destructive operations. With stdin used for the ids, the answer comes from the terminal.
    if yes or state().yes or len(ids) <= 1:
        return
    prompt = f"{action} {len(ids)} workflows?"
    if not sys.stdin.isatty():
        try:
            with open("/dev/tty") as tty:
                click.echo(f"{prompt} [y/N]: ", err=True, nl=False)
                answer = tty.readline().strip().lower()
        except OSError:
            raise CliError(f"{prompt} Refusing without a terminal; pass -y to confirm") from None
        if answer not in ("y", "yes"):
            raise CliError("cancelled")
        return
    if not click.confirm(prompt, err=True):
        raise CliError("cancelled")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--server", envvar=None, help="Server URL, with or without /api (env CONDUCTOR_SERVER_URL).")
@click.option("--server-type", default=None, help="OSS or Enterprise (accepted for compatibility).")
@click.option("--auth-token", default=None, help="Token sent as X-Authorization (env CONDUCTOR_AUTH_TOKEN).")
@click.option("--auth-key", default=None, help="Key id exchanged for a token (env CONDUCTOR_AUTH_KEY).")
@click.option("--auth-secret", default=None, help="Key secret (env CONDUCTOR_AUTH_SECRET).")
@click.option(
    "--profile", default=None, help="Use ~/.conductor-cli/config-<profile>.yaml (env CONDUCTOR_PROFILE)."
)
@click.option("--config", "config_path", default=None, help="Use this config file.")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("-v", "--verbose", is_flag=True, help="More output.")
@click.pass_context
def cli(
    ctx: click.Context,
    server: str | None,
    server_type: str | None,
    auth_token: str | None,
    auth_key: str | None,
    auth_secret: str | None,
    profile: str | None,
    config_path: str | None,
    yes: bool,
    verbose: bool,
) -> None:
    """pyconductor: Conductor's command line (workflow, task, event, schedule, config, worker)."""
    flags = {
        "server": server,
        "server-type": server_type,
        "auth-token": auth_token,
        "auth-key": auth_key,
        "auth-secret": auth_secret,
    }
    ctx.obj = State(flags, profile, config_path, yes, verbose)


def _register() -> None:
    from conductor.cli.event import event_group
    from conductor.cli.schedule import schedule_group
    from conductor.cli.task import task_group
    from conductor.cli.worker import worker_group
    from conductor.cli.workflow import workflow_group

    for group in (
        workflow_group,
        task_group,
        event_group,
        schedule_group,
        config_mod.config_group,
        worker_group,
    ):
        cli.add_command(group)


_register()

NOUNS = frozenset(cli.commands) | {"--server", "--server-type", "--auth-token", "--auth-key", "--auth-secret"}


def run(argv: list[str]) -> int:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    try:
        # Not standalone: Click would sys.exit and print its own way; an Exit(n) comes back as n.
        result = cli.main(args=argv, prog_name="pyconductor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Error: aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        # Usage mistakes keep Click's status 2; server and input errors are 1 (Conductor CLI's contract).
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0
