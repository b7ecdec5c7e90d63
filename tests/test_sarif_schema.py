"""`coach check --format sarif` validates against the official OASIS SARIF 2.1.0 JSON schema.

The schema is vendored byte for byte under tests/data/ (see tests/data/README.md for where it came
from); it declares draft-04, so it is checked with jsonschema's Draft4Validator, as its `$schema`
says. A failure lists every failing path in the log, so the fix in coach/formats/sarif.py is plain.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from coach.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
# The digest of the file as published: an edit to the vendored schema fails here, not silently.
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
EXAMPLES = ROOT / "examples"
ORG = ROOT / "profiles" / "example-org.yml"

# Our own texts. NON_ASCII has accents, curly quotes, an emoji (outside the BMP: one code point,
# two UTF-16 units) and CJK before the findings, so columns and offsets are not byte counts.
NON_ASCII = (
    "# Rôle : responsable café\n\n"
    "Vous décidez 🚀 — you decide which supplier we use for “naïve” cafés in Zürich.\n"
    "日本語の説明。 You will also do other duties as assigned.\n"
)
HEADING_ONLY = "# Team lead\n\n\n"
STDIN_ROLE = "You decide which features enter the release.\nYou will also do other duties as assigned.\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    raw = SCHEMA_FILE.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "tests/data/sarif-schema-2.1.0.json was changed"
    schema = json.loads(raw)
    assert schema["id"] == OASIS_ID and schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(*args: str, stdin: str | None = None) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "sarif"], input=stdin, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def failures(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> list[str]:
    """One line per schema error: the JSON path in the log, and what the schema said."""
    errors = sorted(validator.iter_errors(log), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{e.json_path}: {e.message[:300]}" for e in errors]


def assert_valid(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> None:
    bad = failures(validator, log)
    assert not bad, "SARIF rejected by the 2.1.0 schema at:\n" + "\n".join(bad)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_example_with_findings_is_valid(validator: jsonschema.Draft4Validator) -> None:
    log = sarif(str(EXAMPLES / "vague-everywhere-coordinator.txt"))
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} >= {"warning", "note"}
    assert any("region" in r["locations"][0]["physicalLocation"] for r in results)
    assert_valid(validator, log)


def test_a_batch_of_several_files_is_one_valid_log(validator: jsonschema.Draft4Validator, tmp_path: Path) -> None:
    for example in ("vague-everywhere-coordinator.txt", "strong-release-lead.md", "job-ad-data-analyst.html"):
        write(tmp_path, example, (EXAMPLES / example).read_text(encoding="utf-8"))
    write(tmp_path, "heading.md", HEADING_ONLY)
    log = sarif(str(tmp_path))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert len(uris) >= 3
    assert_valid(validator, log)


def test_an_almost_empty_file_is_valid(validator: jsonschema.Draft4Validator, tmp_path: Path) -> None:
    log = sarif(str(write(tmp_path, "heading.md", HEADING_ONLY)))
    assert {r["level"] for r in log["runs"][0]["results"]} == {"error", "note"}  # all missing, no line of sight
    assert_valid(validator, log)


def test_standard_input_is_valid(validator: jsonschema.Draft4Validator) -> None:
    log = sarif("-", stdin=STDIN_ROLE)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "<stdin>"
    assert_valid(validator, log)


def test_non_ascii_text_is_valid(validator: jsonschema.Draft4Validator, tmp_path: Path) -> None:
    log = sarif(str(write(tmp_path, "café.md", NON_ASCII)))
    regions = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in log["runs"][0]["results"]
        if "region" in r["locations"][0]["physicalLocation"]
    ]
    assert any(region["startLine"] == 4 for region in regions)  # the vague phrase after the CJK
    assert_valid(validator, log)


def test_ties_to_an_organisation_profile_are_valid(validator: jsonschema.Draft4Validator) -> None:
    log = sarif(str(EXAMPLES / "strong-release-lead.md"), "--org", str(ORG))
    assert any(r["ruleId"] == "line_of_sight/tie" for r in log["runs"][0]["results"])
    assert_valid(validator, log)


def test_the_check_names_what_the_schema_rejects(validator: jsonschema.Draft4Validator) -> None:
    """The validator is not vacuous: a broken log fails, and the failure names the paths."""
    log = sarif(str(EXAMPLES / "vague-everywhere-coordinator.txt"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    region = next(
        r["locations"][0]["physicalLocation"]["region"]
        for r in log["runs"][0]["results"]
        if "region" in r["locations"][0]["physicalLocation"]
    )
    region["startLine"] = 0
    bad = failures(validator, log)
    assert any(line.startswith("$.runs[0].results[0].level:") for line in bad), bad
    assert any(".region.startLine:" in line for line in bad), bad
