"""Builders for hostile input files, made at test time so the repository holds no bombs, and a runner
that measures what reading them costs.

Each builder writes the smallest honest example of one way a file can attack
a reader: a .docx whose XML unpacks to 1.5 GB, a PDF with 90,000 pages, a
.docx with tens of thousands of paragraphs. They are written by hand
(zip headers, PDF objects) rather than with python-docx or pypdf so that
they are fast to build and show exactly what is inside.
"""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach.errors import InputError
from coach.importing import items_from

unix_only = pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures a child with os.wait4")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROLE = (
    "# Release lead\n\n"
    "You own the release: its purpose is that customers get working software every month.\n"
    "You decide the release date and may stop a release without asking anyone.\n"
    "You have a budget of 20,000 EUR and two engineers.\n"
    "You report on every release to the head of engineering each quarter, measured by escaped defects.\n"
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
DOCUMENT_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
DOCUMENT_TAIL = "</w:body></w:document>"


def paragraph(text: str, style: str | None = None) -> str:
    """One WordprocessingML paragraph, optionally with a paragraph style id (e.g. Heading1)."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{props}{run}</w:p>"


def docx(body_xml: str, head: str = DOCUMENT_HEAD) -> bytes:
    """A minimal .docx (content types, package relationships, document) around `body_xml`."""
    return _zip(
        [
            ("[Content_Types].xml", _CONTENT_TYPES.encode()),
            ("_rels/.rels", _RELS.encode()),
            ("word/document.xml", (head + body_xml + DOCUMENT_TAIL).encode()),
        ]
    )


def role_docx() -> bytes:
    """A good .docx: the ROLE text as a heading and paragraphs."""
    lines = ROLE.strip().splitlines()
    return docx(paragraph(lines[0].removeprefix("# "), "Heading1") + "".join(paragraph(t) for t in lines[1:]))


def docx_zip_bomb(expanded: int = 1_500_000_000, declared: int | None = None) -> bytes:
    """A ~2 MB .docx whose word/document.xml unpacks to `expanded` bytes of well-formed XML.

    The deflate stream is one compressed chunk of empty paragraphs
    repeated: each copy ends on a full flush, so copies can be laid end to
    end. The CRC is that of the whole expansion, and so is the size the
    zip declares unless `declared` makes it lie.
    """
    chunk = b"<w:p/>" * (1 << 18)
    head, tail = DOCUMENT_HEAD.encode(), DOCUMENT_TAIL.encode()
    copies = max(1, (expanded - len(head) - len(tail)) // len(chunk))
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_z = squeeze.compress(head) + squeeze.flush(zlib.Z_FULL_FLUSH)
    chunk_z = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    tail_z = squeeze.compress(tail) + squeeze.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + copies * len(chunk) + len(tail)
    member = _Member("word/document.xml", head_z + chunk_z * copies + tail_z, declared or size, crc)
    return _zip([("[Content_Types].xml", _CONTENT_TYPES.encode()), ("_rels/.rels", _RELS.encode())], [member])


def pdf(pages: int, line: str = "You decide the release date and own its budget.") -> bytes:
    """A PDF of `pages` pages that all share one content stream showing `line`.

    Shared objects keep it small: 90,000 pages take about 10 MB.
    """
    content = b"BT /F1 12 Tf 72 720 Td (" + line.encode("latin-1") + b") Tj ET"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /MediaBox [0 0 612 792] /Count %d /Kids [%s] >>" % (pages, kids),
        b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    objects += [b"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources 3 0 R>>"] * pages
    return pdf_file(objects)


def folder_of_roles(folder: Path, count: int) -> list[Path]:
    """`count` distinct good role descriptions as .md files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"role-{i:03d}.md"
        path.write_text(ROLE.replace("Release lead", f"Release lead {i}"), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Run:
    """What one run of the real `coach` command printed and cost."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def error_lines(self) -> list[str]:
        return self.stderr.splitlines()


# Starts the command and reports its peak memory and wall time. A child's ru_maxrss counts
# the memory it inherited at fork, so forking `coach` straight from a large
# test or benchmark process would report that process's size; this small
# launcher forks it instead.
_LAUNCH = (
    "import os, subprocess, sys, time\n"
    "start = time.monotonic()\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {time.monotonic() - start}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def coach(*args: str, cwd: Path, timeout: float = 120) -> Run:
    """Run the real `coach` command and measure it: wall time and its own peak memory."""
    out, err, peak = cwd / "stdout.txt", cwd / "stderr.txt", cwd / "peak-kb.txt"
    peak.unlink(missing_ok=True)
    command = [sys.executable, "-c", _LAUNCH, str(peak), sys.executable, "-m", "coach", *args]
    with out.open("wb") as o, err.open("wb") as e:
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=o, stderr=e, stdin=subprocess.DEVNULL, start_new_session=True)
        killer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        code = proc.wait()
        killer.cancel()
    # Killed before it could report: the whole wait, and no memory figure.
    kb, seconds = peak.read_text().split() if peak.exists() else ("0", str(time.monotonic() - start))
    return Run(
        code,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        float(seconds),
        int(kb) / 1024,  # kilobytes on Linux
    )


def read_items(*paths: Path, **options) -> tuple[list, list[str]]:
    """What `coach import` would read from `paths`: the items, and the error messages."""
    out = list(items_from([str(p) for p in paths], **options))
    return [x for x in out if not isinstance(x, InputError)], [str(x) for x in out if isinstance(x, InputError)]


class _Member:
    """A zip member already compressed (raw deflate), with its true size and CRC."""

    def __init__(self, name: str, deflated: bytes, size: int, crc: int) -> None:
        self.name, self.deflated, self.size, self.crc = name.encode(), deflated, size, crc


def _zip(files: list[tuple[str, bytes]], members: list[_Member] | None = None) -> bytes:
    """A zip archive of `files` (deflated here) followed by pre-deflated `members`."""
    all_members = []
    for name, data in files:
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
        all_members.append(_Member(name, squeeze.compress(data) + squeeze.flush(), len(data), zlib.crc32(data)))
    all_members += members or []
    out = bytearray()
    directory = bytearray()
    for m in all_members:
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, m.crc, len(m.deflated), m.size)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(m.name), 0) + m.name + m.deflated
        directory += (
            b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHHII", len(m.name), 0, 0, 0, 0, 0, offset)
        ) + m.name
    start = len(out)
    out += directory
    out += b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(all_members), len(all_members), len(directory), start, 0)
    return bytes(out)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (1 is the catalogue), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
