"""The app's own modules live in one package, `coach_ui`, so no import of theirs is ambiguous.

Streamlit puts `ui/` at the front of sys.path while a page runs. A helper
module there named `tables` would be found instead of PyTables (imported as
`tables`) by any library that asks for it, and a page's `import tables`
would get PyTables instead whenever it was imported first. These tests pin
the layout: `ui/` holds `app.py`, `views/` (the pages) and `coach_ui/`, and
every import of the app's own code names `coach_ui`.
"""

from __future__ import annotations

import ast
import sys
import types

import pytest
from ui_helpers import PAGES, TITLES, UI, local_app

# The helper modules' old top-level names: generic enough for other packages to use them.
OLD_NAMES = ["tables", "identity", "components", "reflecting", "reviewing", "charts", "words"]


def _imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_ui_holds_the_app_the_pages_and_one_package() -> None:
    entries = {p.name for p in UI.iterdir() if p.name != "__pycache__"}
    assert entries == {"app.py", "views", "coach_ui"}
    assert not (UI / "pages").exists()  # a `pages/` folder switches Streamlit to its older multipage mode


def test_every_import_of_the_apps_own_code_goes_through_coach_ui() -> None:
    own = {p.stem for p in (UI / "coach_ui").glob("*.py")} | {p.stem for p in (UI / "views").glob("*.py")}
    for path in sorted(UI.rglob("*.py")):
        stray = _imported_modules(path) & (own | set(OLD_NAMES))
        assert not stray, f"{path.relative_to(UI)} imports {sorted(stray)} as top-level modules"


# Streamlit calls that make a widget (or a stateful container): each gets an explicit key=, so
# tests find it by name and its state never depends on its label or its place on the page.
WIDGETS = {
    *("button", "download_button", "form_submit_button", "checkbox", "toggle", "radio", "selectbox"),
    *("multiselect", "slider", "number_input", "text_input", "text_area", "file_uploader", "data_editor"),
    *("dataframe", "altair_chart", "tabs", "expander", "popover"),
}


def test_every_widget_has_an_explicit_key() -> None:
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WIDGETS:
                assert "key" in {k.arg for k in node.keywords}, f"{path.relative_to(UI)}:{node.lineno} {node.func.attr}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_when_other_modules_already_own_the_old_names(app_env, monkeypatch, page: str) -> None:
    for name in OLD_NAMES:  # e.g. PyTables, imported as `tables` earlier in the same process
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    at = local_app().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [TITLES[page]]
