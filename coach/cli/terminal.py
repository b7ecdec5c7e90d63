"""Make text from role files and file names safe to print on a terminal.

A role description or a file name is the user's data, and it can hold
control characters: an escape sequence that clears the screen, retitles the
window or recolours everything after it, or a newline in a file name that
makes one error look like two. Everything coach prints that came from a
file goes through here first.

Two treatments, for two kinds of text:

- a message (an error line, a path) must stay one line, and show exactly
  which name it means: every non-printable character is written as Python
  writes it in a repr (`\\n`, `\\x1b`, `\\u202e`), the rest is untouched;
- report text (evidence quoted from a role) is for reading: escape
  sequences are removed whole, other control characters dropped, and line
  breaks and tabs kept.
"""

from __future__ import annotations

import re
from typing import Any

# ESC or its 8-bit form CSI (U+009B) with the parameters that follow it, a
# string sequence (OSC, DCS, …) up to its terminator, or ESC and one character.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clearing the screen
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…: titles, links
    r"|\x1b[ -~]?"  # any other escape
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1


def escape_controls(line: str) -> str:
    """`line` with every non-printable character shown as an escape, so it prints as one line.

    'a\\nb.md' prints as 'a\\\\nb.md': a file name with a newline in it can no
    longer start a line of its own.
    """
    if line.isprintable():
        return line
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences or control characters; newlines and tabs are kept."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def scrub_report(value: Any) -> Any:
    """A report (the engine's JSON shape) with `strip_controls` applied to every string in it."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {k: scrub_report(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_report(v) for v in value]
    return value


def escape_c1_in_json(text: str) -> str:
    """JSON text with DEL and the C1 control characters written as \\u escapes.

    json.dumps(ensure_ascii=False) escapes C0 but prints DEL and C1 (U+0080
    to U+009F) as they are, and some terminals act on C1. Inside a JSON
    string the escape means the same character, so the data is unchanged.
    """
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1 = re.compile(r"[\x7f-\x9f]")
