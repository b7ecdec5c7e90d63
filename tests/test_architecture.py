"""The house rules of the code, checked on every module's imports.

Data flows one way: text → engine → Report → formats, coaching, store →
CLI and ui/. So `coach/` never imports Streamlit, only `coach.store` talks
to SQLite, one module calls litellm (and only when a draft is asked for),
and `ui/` reaches the database and the model only through `coach`. A
newcomer finds a module by its name, so no two share one.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (ROOT / "coach", ROOT / "ui")


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Each module `path` imports, and whether the import sits at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, id(node) in top))
    return out


def _importers(folder: Path, root: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in _modules(folder)
        if any(name == root or name.startswith(root + ".") for name, _ in _imports(path))
    ]


def test_the_library_never_imports_streamlit() -> None:
    assert _importers(ROOT / "coach", "streamlit") == []


@pytest.mark.parametrize("library", ["sqlite3", "sqlite_utils"])
def test_only_the_store_talks_to_sqlite(library: str) -> None:
    found = _importers(ROOT / "coach", library)
    assert any(p.startswith("coach/store/") for p in found)  # the scan sees the store's own imports
    assert [p for p in found if not p.startswith("coach/store/")] == []
    assert _importers(ROOT / "ui", library) == []


def test_one_module_calls_litellm_and_imports_it_only_when_drafting() -> None:
    users = _importers(ROOT / "coach", "litellm")
    assert users == ["coach/llm/client.py"]
    assert _importers(ROOT / "ui", "litellm") == []
    at_top = [name for name, top in _imports(ROOT / users[0]) if top and name.startswith("litellm")]
    assert at_top == [], "litellm is imported inside the function that calls it"


def test_no_two_modules_share_a_name() -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for folder in PACKAGES:
        for path in _modules(folder):
            if path.name != "__init__.py":
                seen[path.name].append(str(path.relative_to(ROOT)))
    assert {name: where for name, where in seen.items() if len(where) > 1} == {}
