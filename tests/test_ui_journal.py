"""The journal is the employee's (AppTest): what the table shows, no default rating,
export and delete-all, each only ever of the signed-in person's own entries."""

from __future__ import annotations

from store_helpers import save
from ui_helpers import CLEAR_ROLE, block, shown, signed_in_app, texts

from coach.store import open_store

ANA = "ana@example.com"
BEN = "ben@example.com"
LONG_ANSWER = (
    "I will ask for a retrospective after each release, write down what we changed because of it, "
    "and bring the list to my next one-to-one so we can see whether the changes held up over a quarter."
)


def _reflect(email: str, answers: dict[str, str], ratings: dict[str, int] | None = None):
    """Reflect on the saved 'Release lead' contract: an answer per skill, ratings only where given."""
    at = signed_in_app(email).run()
    at.switch_page("views/reflect.py").run()
    at.selectbox(key="reflect_contract").set_value(1).run()
    at.multiselect(key="reflect_skills").set_value(list(answers)).run()
    for skill, answer in answers.items():
        at.text_area(key=f"reflect_answer_{skill}_0").set_value(answer)
    for skill, rating in (ratings or {}).items():
        at.radio(key=f"reflect_rating_{skill}").set_value(rating)
    return at.button(key="reflect_save").click().run()


def _contract() -> None:
    with open_store() as store:
        save(store, "Release lead", CLEAR_ROLE, {"purpose": "missing"}, team="Platform")


def test_a_rating_nobody_chose_is_not_saved_as_a_rating(app_env) -> None:
    _contract()
    at = _reflect(ANA, {"learning": "Ask for feedback.", "proactive": "Flag the freeze early."}, {"proactive": 2})
    assert not at.exception
    assert at.radio(key="reflect_rating_learning").value is None  # offered with nothing chosen
    with open_store() as store:
        ratings = {r.meta_skill: r.rating for r in store.journal(ANA).entries()}
    assert ratings == {"learning": None, "proactive": 2}
    table = at.table[0].value
    assert dict(zip(table["meta skill"].map(shown), table["rating"], strict=True)) == {
        "Desire for learning": "not rated",
        "Proactive": "2 of 5",
    }


def test_the_table_names_the_role_and_shows_the_whole_answer(app_env) -> None:
    _contract()
    at = _reflect(ANA, {"learning": LONG_ANSWER}, {"learning": 4})
    table = at.table[0].value
    assert list(table.columns) == ["when", "role", "meta skill", "question", "answer", "rating"]
    assert [shown(r) for r in table["role"]] == ["Release lead"]
    assert [shown(a) for a in table["answer"]] == [LONG_ANSWER]  # whole, wrapped by the static table


def test_the_chart_is_there_once_something_is_rated(app_env) -> None:
    _contract()
    at = _reflect(ANA, {"learning": "Ask for feedback."})
    assert not at.get("vega_lite_chart")
    assert "None of your reflections has a self-rating yet, so there is nothing to chart." in texts(at.caption)
    at = _reflect(ANA, {"learning": "Ask again."}, {"learning": 3})
    assert len(at.get("vega_lite_chart")) == 1


def test_my_journal_can_be_exported_as_markdown_and_json(app_env) -> None:
    _contract()
    at = _reflect(ANA, {"learning": "Ask for feedback."}, {"learning": 3})
    buttons = {b.label for b in at.get("download_button")}
    assert buttons == {"Export my journal (Markdown)", "Export my journal (JSON)"}
    # AppTest cannot read a download's bytes; what they hold is tested in test_journal_export.py
    # and, owner-scoped, in test_store_privacy.py.


def test_deleting_all_my_entries_needs_the_word_and_leaves_everyone_elses(app_env) -> None:
    _contract()
    _reflect(BEN, {"learning": "Ben's own answer."}, {"learning": 5})
    at = _reflect(ANA, {"learning": "First.", "proactive": "Second."})

    at.button(key="reflect_delete_all").click().run()  # no word typed
    assert texts(block(at, "reflect_delete_all_expander").error) == [
        "type “delete” in the box to confirm; nothing was deleted"
    ]
    with open_store() as store:
        assert len(store.journal(ANA).entries()) == 2

    at.text_input(key="reflect_delete_all_confirm").set_value("delete")
    at.button(key="reflect_delete_all").click().run()
    assert "Deleted all 2 of your reflections. Your journal is empty." in texts(at.success)
    assert "You have not saved any reflections yet." in texts(at.info)
    with open_store() as store:
        assert store.journal(ANA).entries() == []
        assert [r.answer for r in store.journal(BEN).entries()] == ["Ben's own answer."]
