"""Who is using the app, and which pages they may see.

Two modes, decided by Streamlit's own secrets:

- **login**: `.streamlit/secrets.toml` has an `[auth]` section (OIDC). The
  person is who `st.user` says after `st.login()`; the Review page is shown
  only to e-mails listed as HR in the app's config file.
- **local**: no login configured. One person runs the app on their own
  machine, so they are manager, employee and HR at once and see every page;
  the About page says so.

The app's config file is TOML (`COACH_UI_CONFIG`, `coach ui --config`, or
`$XDG_CONFIG_HOME/empowerment-coach/config.toml`):

    [access]
    hr = ["hr.lead@example.com", "people-team@example.com"]
    leaders = ["cfo@example.com", "head.of.ops@example.com"]

`leaders` (and HR) may publish challenges on the Challenges page.

Everything but `current()` is plain Python so tests can call it without
Streamlit. The config is read on every rerun (a few microseconds): an HR
list edited while the app runs applies at once, and no cache leaks between
tests.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.store import Actor

CONFIG_ENV = "COACH_UI_CONFIG"
APP_DIR = "empowerment-coach"


def config_path() -> Path:
    """COACH_UI_CONFIG, else `config.toml` in the per-user config folder."""
    if env := os.environ.get(CONFIG_ENV, "").strip():
        return Path(env).expanduser()
    if os.name == "nt" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    elif xdg := os.environ.get("XDG_CONFIG_HOME"):
        base = Path(xdg)
    else:
        base = Path.home() / ".config"
    return base / APP_DIR / "config.toml"


@dataclass(frozen=True)
class AppConfig:
    """What the config file says. `path` is None when there is no file (nobody is HR in login mode)."""

    hr: frozenset[str] = frozenset()
    path: Path | None = None
    leaders: frozenset[str] = frozenset()


def load_config(path: Path | None = None) -> AppConfig:
    """Read the app's config file; a missing file is an empty config, a broken one a CoachError."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AppConfig()
    except (OSError, UnicodeDecodeError) as e:
        raise CoachError(f"{path}: cannot read the app config ({e}); fix or remove it") from None
    except tomllib.TOMLDecodeError as e:
        raise CoachError(f"{path}: not valid TOML ({e}); fix or remove it") from None
    access = data.get("access", {})
    hr = access.get("hr", []) if isinstance(access, dict) else None
    if not isinstance(hr, list) or not all(isinstance(x, str) for x in hr):
        raise CoachError(f'{path}: [access] hr must be a list of e-mail addresses, e.g. hr = ["hr@example.com"]')
    leaders = access.get("leaders", [])
    if not isinstance(leaders, list) or not all(isinstance(x, str) for x in leaders):
        raise CoachError(
            f'{path}: [access] leaders must be a list of e-mail addresses, e.g. leaders = ["cfo@example.com"]'
        )
    return AppConfig(
        hr=frozenset(x.strip().casefold() for x in hr if x.strip()),
        path=path,
        leaders=frozenset(x.strip().casefold() for x in leaders if x.strip()),
    )


@dataclass(frozen=True)
class Identity:
    """The person at the keyboard, as far as the app knows."""

    mode: Literal["local", "login"]
    name: str
    email: str | None = None
    logged_in: bool = True
    is_hr: bool = False
    config: AppConfig = field(default_factory=AppConfig)
    is_leader: bool = False  # may publish challenges (HR may too)
    problem: str | None = None  # a config error to show; HR access is withheld meanwhile

    @property
    def owner(self) -> str:
        """Whose private journal this is and who is named in review histories."""
        return self.email or self.name

    @property
    def actor(self) -> Actor:
        """Who this person is to the store: their login, and whether they are HR."""
        from coach.store import Actor

        return Actor(name=self.owner, is_hr=self.is_hr)

    @property
    def label(self) -> str:
        if self.email and self.name and self.name != self.email:
            return f"{self.name} ({self.email})"
        return self.owner


def login_configured(secrets: Mapping[str, Any]) -> bool:
    """True when Streamlit's secrets carry an `[auth]` section (built-in OIDC login)."""
    auth = secrets.get("auth")
    return isinstance(auth, Mapping) and bool(auth)


def providers(secrets: Mapping[str, Any]) -> list[str | None]:
    """The OIDC providers to offer: named `[auth.<name>]` sections, or [None] for a single `[auth]`."""
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping):
        return []
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return named or [None]


def resolve(
    user: Mapping[str, Any],
    *,
    login: bool,
    config: AppConfig,
    local_name: str,
    problem: str | None = None,
) -> Identity:
    """Decide the identity from `st.user`'s fields, the login mode and the config."""
    if not login:
        return Identity(mode="local", name=local_name, is_hr=True, is_leader=True, config=config, problem=problem)
    if not user.get("is_logged_in"):
        return Identity(mode="login", name="", logged_in=False, config=config, problem=problem)
    email = str(user.get("email") or "").strip() or None
    name = str(user.get("name") or email or "signed-in user")
    is_hr = problem is None and email is not None and email.casefold() in config.hr
    is_leader = is_hr or (problem is None and email is not None and email.casefold() in config.leaders)
    return Identity(
        mode="login", name=name, email=email, is_hr=is_hr, is_leader=is_leader, config=config, problem=problem
    )


def local_user() -> str:
    """The name reflections are kept under in local mode: COACH_USER, else the OS login."""
    try:
        return os.environ.get("COACH_USER", "").strip() or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "local user"


def current() -> Identity:
    """The identity for this rerun, read from `st.secrets`, `st.user` and the config file."""
    import streamlit as st

    try:
        secrets: Mapping[str, Any] = st.secrets.to_dict()
    except Exception:
        secrets = {}
    try:
        config, problem = load_config(), None
    except CoachError as e:
        config, problem = AppConfig(), str(e)
    return resolve(
        st.user.to_dict(), login=login_configured(secrets), config=config, local_name=local_user(), problem=problem
    )
