"""Rows become models through one helper: the SELECT list names the fields it fills."""

from __future__ import annotations

import pytest

from coach.store.models import ContractListing, SearchHit
from coach.store.rows import Columns

AT = "2025-01-02T03:04:05.000+00:00"


def test_a_column_fills_the_field_named_by_its_alias_or_else_by_its_bare_name():
    listing = Columns(
        ContractListing, "c.id AS contract_id", "c.title", "team", "c.owner", "c.version", "c.updated", "k.score",
        "k.flagged",
    )  # fmt: skip

    assert listing.sql.startswith("c.id AS contract_id, c.title, team, ")
    item = listing.read((7, "Analyst", None, "kim", 2, AT, 80, 0))
    assert (item.contract_id, item.title, item.team, item.owner, item.version, item.flagged) == (
        7, "Analyst", None, "kim", 2, False,
    )  # fmt: skip
    assert item.updated.isoformat(timespec="milliseconds") == AT  # stored text is parsed into a datetime


def test_what_follows_the_list_is_left_for_the_caller_and_extra_fields_are_passed_in():
    hit = Columns(SearchHit, "c.id AS contract_id", "c.title")
    row = (3, "Designer", "the rest", "of the row")

    assert hit.rest(row) == ("the rest", "of the row")
    found = hit.read(row, team=None, snippet="…", score=50, flagged=True, status="open")
    assert (found.contract_id, found.title, found.status) == (3, "Designer", "open")


def test_a_column_that_names_no_field_of_the_model_fails_when_the_list_is_made():
    with pytest.raises(ValueError, match="no field 'titel'"):
        Columns(SearchHit, "c.id AS contract_id", "c.titel")
    with pytest.raises(ValueError, match="AS <field>"):
        Columns(SearchHit, "snippet(contracts_fts, 1, '*', '*', '…', 16)")
