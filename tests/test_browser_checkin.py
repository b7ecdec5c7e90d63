"""The check-in and the 1:1 pairing in a real browser, with screenshots in test-artifacts/ to look at.

A commitment due yesterday is in the database before the server starts, so
Reflect opens with the after-action review; the account is saved and
shared over several reruns of the real server (each on a new thread). The
Check page shows a manager's questions beside "Ask them in your 1:1".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_browser_app import (
    ARGS,
    CHROMIUM,
    _browser_page,
    _coach_ui,
    _go,
    _no_exception,
    _require_chromium,
    _settled,
    _shot,
)

from coach.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROLE = "Night Shift Supervisor\n\nYou run the warehouse floor from ten at night until six and help out where needed.\n"


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def test_a_due_commitment_is_checked_in_and_shared_in_a_real_browser(tmp_path: Path, browser) -> None:
    with open_store(tmp_path / "coach.db") as store:
        mine = store.commitments("browser-test")
        mine.add(
            "Walk the floor with the new starter each night", date.today() - timedelta(days=1), meta_skill="learning"
        )
        store.journal("browser-test").add("learning", "What did you learn?", "Lists help.", rating=2)
        store.journal("browser-test").add("learning", "What else did you learn?", "Asking helps.", rating=3)

    with _coach_ui(tmp_path, "checkin") as (url, _), _browser_page(browser, "checkin") as page:
        page.goto(url)
        page.get_by_role("heading", name="Check a role").wait_for()
        _settled(page)
        page.get_by_label("Role description").fill(ROLE)
        page.get_by_role("button", name="Check", exact=True).click()
        page.get_by_text("Ask them in your 1:1").first.wait_for()
        _settled(page)
        _no_exception(page, "Check a role")
        page.get_by_text("Ask them in your 1:1").first.scroll_into_view_if_needed()
        _shot(page, "checkin-1-manager-pairing")
        page.mouse.wheel(0, -20_000)

        _go(page, "Reflect", "Reflect on your role")
        page.get_by_role("heading", name="Check in on your commitment").wait_for()
        _shot(page, "checkin-2-due")
        answers = [
            ("What did you expect to happen?", "The new starter would settle in within a week."),
            ("What actually happened?", "They settled in, but the third night was hard."),
            ("What made the difference between the two?", "A delivery came early that night."),
            ("What will you keep or change next time?", "Keep the walks, add a note on early deliveries."),
            ("How will you and your manager know the change stuck?", "No missed deliveries next month."),
        ]
        for label, answer in answers:
            page.get_by_label(label).fill(answer)
        page.get_by_text("3", exact=True).first.click()
        page.get_by_label("What would move you from 3 to 4?").wait_for()
        page.get_by_label("What would move you from 3 to 4?").fill("Doing it without a checklist")
        _settled(page)
        _shot(page, "checkin-3-filled")
        page.get_by_role("button", name="Save my check-in").click()
        page.get_by_text(re.compile(r"^Checked in\.")).wait_for()
        _settled(page)
        _no_exception(page, "checking in")
        page.get_by_label("Share with (your manager's e-mail or name)").fill("boss@example.com")
        page.get_by_role("button", name="Share this check-in").click()
        page.get_by_text(
            re.compile(r"^Shared that one check-in with boss.+Everything else stays private\.$")
        ).wait_for()
        page.get_by_text(re.compile(r"Walk the floor with the new starter each night$")).first.click()  # open it
        _settled(page)
        _no_exception(page, "sharing")
        _shot(page, "checkin-4-shared")

    with open_store(tmp_path / "coach.db") as store:
        (checkin,) = store.commitments("browser-test").checkins()
        (copy,) = store.shared_with("boss@example.com")
    assert checkin.rating == 3 and copy.body["happened"] == "They settled in, but the third night was hard."
