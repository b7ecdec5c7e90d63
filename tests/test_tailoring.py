"""Fixes written for this role: its title, its voice, its domain words, and where an Insert puts them."""

from __future__ import annotations

import pytest

from coach.tailoring import (
    domain_phrase,
    insert_fix,
    insert_position,
    placeholders,
    role_title,
    second_person,
    tailored_fix,
)

# Our own example: a customer-success job ad in Markdown, written for these tests.
AD = """# Customer Success Manager

## About the role
You look after our customer accounts once they sign. Account onboarding is the heart of it:
account onboarding calls, health checks and renewals.

## What success looks like
- Renewal rate above 90%.
- Every new account live within 30 days.

## Benefits
Pension and 28 days of holiday.
"""


@pytest.mark.parametrize(
    ("text", "saved", "title"),
    [
        (AD, None, "Customer Success Manager"),
        (AD, "Senior CSM", "Senior CSM"),  # the title it is saved under wins
        ("Role: Warehouse Shift Lead\nYou run the night shift.", None, "Warehouse Shift Lead"),
        ("<h1>Data Analyst</h1><p>You build the dashboards.</p>", None, "Data Analyst"),
        ("We are looking for a Payroll Officer to run the monthly payroll.", None, "Payroll Officer"),
        ("You answer the phones and sort the post.", None, None),
    ],
)
def test_the_roles_title_comes_from_the_save_form_the_first_line_or_the_text(text, saved, title) -> None:
    assert role_title(text, saved) == title


def test_the_holders_voice_follows_the_text() -> None:
    assert second_person(AD)
    assert not second_person("The role holder schedules the rota. The holder reports to the head of care.")


def test_domain_words_are_the_texts_own_and_not_the_title() -> None:
    assert domain_phrase(AD, "Customer Success Manager") == "account onboarding"
    assert domain_phrase("You answer the phones.", None) is None


@pytest.mark.parametrize(
    ("target", "start"),
    [
        ("purpose", "As Customer Success Manager you own account onboarding:"),
        ("discretion", "As Customer Success Manager you decide [which decisions] for account onboarding"),
        ("resources", "As Customer Success Manager you have [a budget, people or tools] for account onboarding"),
        ("accountability", "As Customer Success Manager you review progress on account onboarding"),
        ("line_of_sight", "As Customer Success Manager, your work on account onboarding serves our"),
    ],
)
def test_a_fix_names_the_role_and_its_area(target: str, start: str) -> None:
    sentence = tailored_fix(target, AD)
    assert sentence.startswith(start)
    assert placeholders(sentence), "what only the manager knows is left to fill in"
    for generic in ("volunteer", "support ticket", "self-serve revenue"):
        assert generic not in sentence


def test_a_text_about_the_holder_gets_a_fix_in_the_third_person() -> None:
    text = "Rota Coordinator\nThe role holder plans the rota. The role holder plans cover for the rota."
    assert tailored_fix("discretion", text).startswith("The Rota Coordinator decides [which decisions] for")


def test_without_a_title_the_fix_speaks_to_the_holder() -> None:
    assert tailored_fix("resources", "You answer the phones and sort the post.").startswith("You have [")


def test_an_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError, match="no tailored fix for 'pay'"):
        tailored_fix("pay", AD)


@pytest.mark.parametrize(
    ("target", "where"),
    [
        ("accountability", "under “What success looks like”"),
        ("purpose", "under “About the role”"),
        # No heading for discretion: at the end, but not inside the closing Benefits section.
        ("discretion", "before “Benefits”"),
    ],
)
def test_an_insert_goes_under_the_matching_heading_else_before_the_offer(target: str, where: str) -> None:
    assert insert_position(AD, target)[1] == where


def test_an_insert_under_a_list_is_a_list_item_and_the_rest_is_kept() -> None:
    new, start, end = insert_fix(AD, "You review X.", "accountability")
    assert "- Every new account live within 30 days.\n- You review X.\n\n## Benefits" in new
    assert new[start:end] == "- You review X."
    assert new.replace("\n- You review X.", "", 1) == AD


def test_an_insert_with_no_matching_heading_goes_at_the_end() -> None:
    text = "You answer the phones and sort the post."
    new, start, end = insert_fix(text, "You decide [what].", "discretion")
    assert new == "You answer the phones and sort the post.\n\nYou decide [what]."
    assert new[start:end] == "You decide [what]."


def test_an_insert_before_the_offer_keeps_the_offer_apart() -> None:
    new, _, _ = insert_fix(AD, "You decide [what].", "discretion")
    assert "within 30 days.\n\nYou decide [what].\n\n## Benefits\n" in new


def test_an_insert_into_html_is_an_escaped_paragraph() -> None:
    text = "<h1>Data Analyst</h1>\n<p>You build the dashboards.</p>"
    new, start, end = insert_fix(text, "You decide <b>what</b> & when.", "discretion")
    assert new[start:end] == "<p>You decide &lt;b&gt;what&lt;/b&gt; &amp; when.</p>"


def test_the_same_text_always_gets_the_same_fix() -> None:
    assert tailored_fix("accountability", AD) == tailored_fix("accountability", AD)
