"""Where the database lives on disk, and that no other local user can read it.

The database holds people's private reflections, so what coach creates is
private to the user running it: a new data folder is made 0700 and a new
database file 0600, whatever the umask says (a usual umask of 022 would
make them 0755 and 0644: readable by every account on the machine). The
file is created here, empty, before SQLite opens it; SQLite then gives the
`-wal` and `-shm` files it makes beside it (now and whenever it makes them
again) the database file's own mode, so they are private too.

A folder or database that already exists keeps the mode its owner gave it:
a team may share one on purpose. On Windows, where files have ACLs rather
than modes, nothing is changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coach.errors import StoreError

APP_DIR = "empowerment-coach"
DB_NAME = "coach.db"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def default_path() -> Path:
    """COACH_DB, else a per-user data file (XDG_DATA_HOME, ~/.local/share, %LOCALAPPDATA%)."""
    if env := os.environ.get("COACH_DB"):
        return Path(env).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif xdg := os.environ.get("XDG_DATA_HOME"):
        base = Path(xdg)
    else:
        base = Path.home() / ".local" / "share"
    return base / APP_DIR / DB_NAME


def companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps next to a WAL database."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def prepare(path: Path, *, create: bool) -> bool:
    """Check `path` can hold the database; make it (privately) if it is missing and `create`.

    Returns whether the file was created now. Raises StoreError for a folder
    at the path, an unreadable file, a missing file when not `create`, or a
    folder or file that cannot be made.
    """
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of a database file, e.g. {path / DB_NAME}")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StoreError(f"{path}: permission denied; check the file's permissions")
        return False
    if not create:
        raise StoreError(
            f"{path}: no database here yet; import contracts first (coach import PATH) or check --db / COACH_DB"
        )
    _make_private_folders(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False  # another process made it a moment ago (privately, if it was coach)
    except OSError as e:
        raise StoreError(f"{path}: cannot create the database ({e.strerror}); check the folder's permissions") from None
    try:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE)  # the umask cuts os.open's mode; set exactly 0600
    finally:
        os.close(fd)
    return True


def make_companions_private(path: Path) -> None:
    """Set the -wal and -shm files of a database coach just created to 0600, if they exist.

    SQLite already copies the database file's mode to them; this makes the
    first ones private even on a build of SQLite that does not.
    """
    if not _POSIX:
        return
    for companion in companions(path):
        try:
            os.chmod(companion, PRIVATE_FILE)
        except FileNotFoundError:
            pass


def _make_private_folders(folder: Path) -> None:
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made by another process meanwhile
        except OSError as e:
            raise StoreError(f"{new}: cannot create the data folder ({e.strerror})") from None
        if _POSIX:
            os.chmod(new, PRIVATE_FOLDER)  # mkdir's mode is cut by the umask too
