"""`coach ui`: start the Streamlit app for managers, employees and HR.

It runs Streamlit's own runner on the packaged `ui/app.py` (found in a
checkout and in an installed wheel by `coach.paths.ui_dir`), with flags
that suit a server or a laptop alike: headless (no browser is opened, the
address is printed), usage statistics off, no file watcher, no error
details in the browser (an unexpected error is logged in the terminal, the
page shows a short message). The database and the app's config file reach
the app through COACH_DB and COACH_UI_CONFIG.

The database is opened (and migrated) here first, so a bad --db path fails
in the terminal with one line instead of in every page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from coach.cli.group import friendly_errors, main

DEFAULT_PORT = 8501


def streamlit_command(app: Path, port: int, address: str, max_upload_mb: int) -> list[str]:
    """The `streamlit run` command line for the app (a list for exec, no shell)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={address}",
        f"--server.maxUploadSize={max_upload_mb}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=viewer",
        "--client.showErrorDetails=none",
        "--theme.base=light",
    ]


@main.command("ui")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True, help="Port to listen on."
)
@click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Address to listen on; 0.0.0.0 serves other machines (configure login first, see README).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="SQLite database for the app (default: the global --db, COACH_DB, or the per-user file).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The app's config file (TOML; [access] hr = [...] lists HR e-mails, leaders = [...] who may publish "
    "challenges). Default: COACH_UI_CONFIG, "
    "else ~/.config/empowerment-coach/config.toml.",
)
@click.pass_context
@friendly_errors
def ui_cmd(ctx: click.Context, port: int, address: str, db_path: Path | None, config_path: Path | None) -> None:
    """Start the web app: check a role, reflect, review (HR), about.

    Open the printed address in a browser. Without login configured the app
    runs in single-user local mode (see the About page). Stop it with Ctrl+C.
    """
    from coach.inputs import max_bytes
    from coach.llm.config import LITELLM_ENV
    from coach.paths import ui_dir
    from coach.store import open_store

    db = db_path or ctx.obj.get("db")
    store = open_store(db)  # creates and migrates it now; a bad path is a one-line error here
    location = store.label
    store.close()

    env = dict(os.environ)
    if db is not None:
        env["COACH_DB"] = str(Path(db).expanduser().resolve())
    if config_path is not None:
        env["COACH_UI_CONFIG"] = str(config_path.resolve())
    # The app imports litellm on the first "Draft with LLM": offline, with its bundled price map
    # and quiet, unless the user chose other values (coach.llm.config.LITELLM_ENV says why).
    for name, value in LITELLM_ENV.items():
        env.setdefault(name, value)

    # Uploads: .docx and .pdf may be ten times the text limit (coach.inputs).
    upload_mb = max(1, -(-max_bytes() * 10 // 1_000_000))
    command = streamlit_command(ui_dir() / "app.py", port, address, upload_mb)
    host = "localhost" if address in ("0.0.0.0", "::") else address
    click.echo(f"Empowerment Coach: http://{host}:{port}  (database: {location}; stop with Ctrl+C)", err=True)
    sys.stderr.flush()
    if os.name == "nt":  # no exec on Windows: wait for the child instead
        sys.exit(subprocess.call(command, env=env))
    os.execve(sys.executable, command, env)
