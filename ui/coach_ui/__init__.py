"""What the app's pages share, as one package with a name nothing else uses.

Streamlit puts the folder of `app.py` (`ui/`, or `coach/_data/ui` in an
installed wheel) at the front of sys.path. Modules sitting there under
generic names (`tables`, `identity`, `components`) would shadow, or be
shadowed by, installed packages of the same name (`tables` is PyTables),
depending on the order of sys.path. Inside `coach_ui` every import says
whose module it means: `from coach_ui import tables`.

Nothing here grades, stores or prompts: the modules call `coach.*` and
render what it returns.
"""
