"""What HR reads across contracts: full-text search, per-team counts, exports."""

from __future__ import annotations

import pytest
from store_helpers import save

from coach.report import Element
from coach.store import open_store


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        save(store, "Release lead", "You decide which changes enter the release train.", team="Platform")
        save(
            store,
            "Support agent",
            "Answer tickets. Other duties as assigned.",
            {"discretion": "missing", "purpose": "vague"},
            team="Support",
        )
        save(
            store,
            "Support lead",
            "Lead the support desk with a mentor.",
            {"accountability": "missing"},
            False,
            team="Support",
        )
        save(store, "Freelancer", "Write copy for the website.", {"resources": "missing"})
        yield store


def test_search_finds_words_in_titles_and_texts_with_stemming(store):
    assert {h.title for h in store.search("support")} == {"Support agent", "Support lead"}
    assert [h.title for h in store.search("decides")] == ["Release lead"]  # 'decide' in the text
    hit = store.search("mentor")[0]
    assert hit.title == "Support lead" and "**mentor**" in hit.snippet and hit.status == "open"


@pytest.mark.parametrize(
    "typed", ['"unbalanced', "AND", "NOT support", "support*", "a-b", "col:umn", "(", "'; DROP TABLE contracts; --"]
)
def test_search_takes_what_a_person_types_without_syntax_errors(store, typed):
    store.search(typed)  # no sqlite3.OperationalError: every word is quoted
    assert len(list(store.export_rows())) == 4


def test_a_nul_character_in_a_search_is_dropped_instead_of_ending_the_query(store):
    # FTS5 reads the query as a C string: a NUL used to end it mid-word ("unterminated string").
    assert [h.title for h in store.search("rel\x00ease")] == ["Release lead"]
    assert store.search("\x00") == []


def test_the_reflect_page_search_copes_with_a_nul_character(store):
    import ui_helpers  # noqa: F401  (puts ui/ on sys.path)
    from coach_ui.reflecting import contract_choices

    assert sorted(contract_choices(store, "support\x00").values()) == [
        "Support agent · Support",
        "Support lead · Support",
    ]


def test_an_empty_search_finds_nothing(store):
    assert store.search("   ") == []


def test_a_new_version_is_searched_and_the_old_text_no_longer_is(store):
    cid = store.search("website")[0].contract_id
    save(store, "Freelancer", "Design the brochure.", contract_id=cid)
    assert store.search("website") == []
    assert [h.contract_id for h in store.search("brochure")] == [cid]


def test_team_counts_give_the_share_of_contracts_missing_each_element(store):
    counts = {c.team: c for c in store.team_element_counts()}

    assert list(counts) == ["Platform", "Support", None]  # teams by name, no team last
    support = counts["Support"]
    assert (support.contracts, support.flagged, support.no_line_of_sight) == (2, 2, 1)
    assert support.missing[Element.discretion] == 1 and support.vague[Element.purpose] == 1
    assert support.share_missing("accountability") == 0.5
    assert counts["Platform"].share_missing("discretion") == 0.0
    assert store.teams() == ["Platform", "Support"]


def test_export_has_one_row_per_contract_with_its_latest_check_and_review(store):
    rows = list(store.export_rows())

    assert [r.title for r in rows] == ["Release lead", "Support agent", "Support lead", "Freelancer"]
    agent = rows[1]
    assert (agent.discretion, agent.purpose, agent.status, agent.flagged) == ("missing", "vague", "open", True)
    assert agent.gaps == ["purpose:vague", "discretion:missing"]
    assert rows[0].status is None and rows[0].report is None


def test_export_with_reports_carries_the_full_report(store):
    row = next(store.export_rows(with_report=True))
    assert row.report["input_sha256"] == row.text_sha256 and set(row.report["elements"]) == {e.value for e in Element}


def test_contracts_are_listed_newest_first_and_counted_once_whatever_their_versions(store):
    cid = store.search("website")[0].contract_id
    save(store, "Freelancer", "Design the brochure.", contract_id=cid)  # version 2, still one contract

    listed = store.recent_contracts(limit=3)

    assert store.count_contracts() == 4
    assert [c.title for c in listed] == ["Freelancer", "Support lead", "Support agent"]
    assert (listed[0].version, listed[0].team, listed[1].flagged) == (2, None, True)
    assert [c.title for c in store.recent_contracts(limit=3, offset=3)] == ["Release lead"]


def test_an_empty_store_lists_and_counts_nothing():
    with open_store(":memory:") as empty:
        assert empty.recent_contracts() == [] and empty.count_contracts() == 0
