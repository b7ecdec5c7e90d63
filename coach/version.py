"""The package version, in a module of its own that imports nothing.

Cache keys, `coach --version` and the report read it without importing
anything else of the package.
"""

__version__ = "0.1.0"
