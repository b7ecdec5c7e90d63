"""Contracts, versions and checks: what saving and importing keep, and what they refuse."""

from __future__ import annotations

import pytest
from store_helpers import report_for, save

from coach.errors import InputError, NotFoundError
from coach.report import Element, Grade
from coach.store import ImportItem, open_store, text_sha256

ROLE = "You own the reliability of our payments platform."


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def test_saving_a_contract_checks_it_with_the_engine_when_no_report_is_given(store):
    saved = store.save_contract("Payments owner", ROLE, team="Payments", owner="Dana")

    assert (saved.contract_id, saved.version, saved.is_new_version) == (1, 1, True)
    assert saved.text_sha256 == text_sha256(ROLE)
    assert store.get_report(saved.contract_id).input_sha256 == saved.text_sha256
    contract = store.get_contract(saved.contract_id)
    assert (contract.title, contract.team, contract.owner, contract.source, contract.text) == (
        "Payments owner", "Payments", "Dana", "pasted", ROLE,
    )  # fmt: skip


def test_the_check_keeps_the_full_report_and_its_grades_as_columns(store):
    saved = save(store, "Analyst", "Some role.", {"discretion": "missing", "resources": "vague"}, line_of_sight=False)

    assert saved.check.grades[Element.discretion] == Grade.missing
    assert saved.check.grades[Element.resources] == Grade.vague
    assert saved.check.gaps == ["discretion:missing", "resources:vague", "line_of_sight:no"]
    assert saved.check.flagged and saved.check.score == store.get_report(1).score
    assert store.get_report(1) == report_for("Some role.", {"discretion": "missing", "resources": "vague"}, False)


def test_saving_the_same_text_again_makes_no_new_version(store):
    first = save(store, "Analyst", "Some role.")
    again = save(store, "Analyst", "Some role.")

    assert again.contract_id == first.contract_id
    assert (again.version, again.is_new_version) == (1, False)
    assert len(store.contract_history(first.contract_id)) == 1


def test_an_edited_text_becomes_a_new_version_and_the_history_shows_the_grade_changes(store):
    first = save(store, "Analyst", "Version one.", {"discretion": "missing", "accountability": "vague"}, False)
    second = save(store, "Analyst", "Version two.", {"accountability": "vague"}, True, contract_id=first.contract_id)

    assert (second.contract_id, second.version, second.is_new_version) == (first.contract_id, 2, True)
    history = store.contract_history(first.contract_id)
    assert [h.version for h in history] == [1, 2]
    assert history[0].changes == {}
    assert {e: (c.before, c.after) for e, c in history[1].changes.items()} == {
        Element.discretion: ("missing", "specified")
    }
    assert history[1].line_of_sight_change == (False, True)
    assert store.get_contract(first.contract_id).text == "Version two."
    assert store.version_text(first.contract_id, 1) == "Version one."
    assert store.get_report(first.contract_id, version=1).grade("discretion") == Grade.missing


def test_a_key_identifies_a_contract_across_saves(store):
    a = save(store, "Analyst", "Text A.", key="hr-system:42")
    b = save(store, "Senior analyst", "Text B.", key="hr-system:42")

    assert b.contract_id == a.contract_id and b.version == 2
    assert store.get_contract(a.contract_id).title == "Senior analyst"


def test_the_same_text_pasted_under_another_title_or_team_is_another_contract(store):
    analyst = save(store, "Analyst", "Same words.", team="Data").contract_id
    assert save(store, "Designer", "Same words.", team="Data").contract_id != analyst
    assert save(store, "Analyst", "Same words.", team="Sales").contract_id != analyst


def test_the_same_title_and_team_again_is_a_new_version_of_one_contract(store):
    first = save(store, "Analyst", "Version one.", team="Data")
    second = save(store, "analyst", "Version two.", team="DATA")  # case does not make another contract

    assert (second.contract_id, second.version) == (first.contract_id, 2)
    assert store.count_contracts() == 1


def test_a_contract_renamed_by_id_is_found_under_its_new_title_and_team(store):
    cid = save(store, "Analyst", "Version one.", team="Data").contract_id
    save(store, "Data analyst", "Version one.", team="Data", contract_id=cid)

    again = save(store, "Data analyst", "Version two.", team="Data")

    assert (again.contract_id, again.version) == (cid, 2)
    assert save(store, "Analyst", "Version one.", team="Data").contract_id != cid  # the old name is free again


def test_renaming_a_contract_to_the_title_and_team_of_another_is_refused(store):
    save(store, "Analyst", "Text one.", team="Data")
    designer = save(store, "Designer", "Text two.", team="Data").contract_id

    with pytest.raises(InputError, match=r"already a contract “Analyst” in team Data \(#1\)"):
        save(store, "Analyst", "Text two, edited.", team="Data", contract_id=designer)
    assert store.get_contract(designer).title == "Designer"


def test_details_given_with_an_unchanged_text_update_the_contract_without_a_new_version(store):
    first = save(store, "Analyst", "Text.", team="Data")
    again = save(store, "Analyst", "Text.", team="Analytics", owner="Sam", contract_id=first.contract_id)

    assert again.version == 1 and not again.is_new_version
    assert (again.team, again.owner) == ("Analytics", "Sam")


def test_rechecking_under_a_new_ruleset_adds_a_check_to_the_same_version(store):
    first = save(store, "Analyst", "Text.", {"purpose": "vague"})
    text = "Text."
    again = store.save_contract("Analyst", text, report=report_for(text, {}, True, ruleset_version="1.1.0"))

    assert again.version == 1 and not again.is_new_version
    assert again.check.id != first.check.id and again.check.ruleset_version == "1.1.0"
    assert not store.get_contract(first.contract_id).check.flagged


def test_a_report_for_another_text_is_refused(store):
    with pytest.raises(ValueError, match="different text"):
        store.save_contract("Analyst", "This text.", report=report_for("Another text."))


def test_a_contract_needs_a_title(store):
    with pytest.raises(InputError, match="title"):
        store.save_contract("  ", ROLE)


def test_asking_for_a_contract_that_does_not_exist_is_a_clear_error(store):
    with pytest.raises(NotFoundError, match="no contract 99"):
        store.get_contract(99)
    with pytest.raises(NotFoundError):
        store.contract_history(99)
    with pytest.raises(NotFoundError):
        save(store, "Analyst", "Text.", contract_id=99)


# --- import ---------------------------------------------------------------------------


def _items(n: int, prefix: str = "Role") -> list[ImportItem]:
    return [
        ImportItem(
            title=f"{prefix} {i}",
            team="Data",
            text=f"{ROLE} Reference {prefix}-{i}.",
            source="test",
            key=f"{prefix}:{i}",
        )
        for i in range(n)
    ]


def test_import_checks_and_stores_every_item_and_counts_what_it_did(store):
    progress = []
    summary = store.import_items(_items(5), progress=progress.append)

    assert (summary.added, summary.updated, summary.unchanged, summary.failed) == (5, 0, 0, [])
    assert summary.flagged == sum(r.flagged for r in store.export_rows())
    assert sum(progress) == 5


def test_importing_again_adds_nothing(store):
    store.import_items(_items(5))
    again = store.import_items(_items(5))

    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert len(list(store.export_rows())) == 5


def test_an_edited_item_in_a_later_import_becomes_a_new_version(store):
    store.import_items(_items(3))
    edited = _items(3)
    edited[1] = edited[1].model_copy(update={"text": ROLE + " Now with a budget of £5,000."})

    summary = store.import_items(edited)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 2)
    assert [h.version for h in store.contract_history(2)] == [1, 2]


def test_the_same_text_under_two_identities_is_two_contracts(store):
    items = _items(2)
    twin = items[0].model_copy(update={"key": "elsewhere", "title": "Copy"})

    summary = store.import_items([*items, twin])
    again = store.import_items([*items, twin])

    assert (summary.added, summary.unchanged) == (3, 0)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert [r.title for r in store.export_rows()] == ["Role 0", "Role 1", "Copy"]


def test_the_same_item_twice_in_one_import_is_stored_once(store):
    (item,) = _items(1)
    summary = store.import_items([item, item])
    assert (summary.added, summary.unchanged) == (1, 1)


def test_an_item_edited_to_another_contracts_text_becomes_a_version_of_its_own_contract(store):
    store.import_items(_items(2))
    edited = _items(2)
    edited[0] = edited[0].model_copy(update={"text": edited[1].text})

    summary = store.import_items(edited)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)
    first, second = store.export_rows()
    assert (first.title, first.version, first.text) == ("Role 0", 2, second.text)


def test_items_without_a_key_are_identified_by_team_and_title(store):
    item = ImportItem(title="Analyst", team="Data", text="Version one.", source="api")
    store.import_items([item])
    summary = store.import_items([item.model_copy(update={"title": "ANALYST", "text": "Version two."})])

    assert (summary.added, summary.updated) == (0, 1)
    assert store.get_contract(1).key == "title:data|analyst"


def test_an_item_that_cannot_be_checked_is_reported_and_the_rest_are_stored(store, monkeypatch):
    import coach.engine

    real_check = coach.engine.check

    def check(text, ruleset=None):
        if "unreadable" in text:
            raise InputError("the engine refused this text")
        return real_check(text, ruleset)

    monkeypatch.setattr(coach.engine, "check", check)
    items = [
        *_items(2),
        ImportItem(title="Bad", text="unreadable", source="bad.md"),
        ImportItem(title="Empty", text=" \n", source="empty.md"),
    ]

    summary = store.import_items(items)

    assert summary.added == 2
    assert summary.failed == ["bad.md: the engine refused this text", "empty.md: is empty; there is no text to check"]


def test_an_empty_text_is_not_saved(store):
    with pytest.raises(InputError, match="empty"):
        store.save_contract("Analyst", "   ")
