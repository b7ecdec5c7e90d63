"""The app in a real browser: `coach ui` on a free port, driven by Chromium through playwright.

These catch what AppTest cannot: the real server runs
every rerun on a new thread (a cached SQLite connection crashes on the
second one), the real frontend renders our HTML (the XSS probe must show as
text and run nothing), downloads are real files, and with login configured
in `.streamlit/secrets.toml` only Sign in and About are reachable.
Screenshots of every page go to test-artifacts/ for a person to look at.

Needs Debian's `chromium` (`apt-get install -y chromium`; never
`playwright install`). Without it the test is skipped locally and fails in
CI (CI=1 or COACH_REQUIRE_BROWSER=1), so CI cannot pass by not running it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ARTIFACTS = ROOT / "test-artifacts"
STARTUP_LIMIT_S = 30.0  # generous for a loaded CI box; docs/benchmarks.md has the real number
WAIT_MS = 20_000
PROBE = (
    "\n\nNotes: <img src=x onerror=\"window.__xss='img'\"> "
    "<script>window.__xss='script'</script> ![tracker](http://127.0.0.1:9/pixel.png) :red[not red]"
)

JOURNAL_ANSWER = (
    "I will ask for a retrospective after each release, note what we change because of it, "
    "and bring that list to my next one-to-one to see which changes held."
)
HOSTILE_TITLE = "Ops <img src=x onerror=\"window.__xss='title'\">"
HOSTILE_NOTE = "![x](http://127.0.0.1:9/x.png) [click](http://127.0.0.1:9/) :red[not red]"


def _browser_required() -> bool:
    return any(os.environ.get(name, "").lower() in ("1", "true", "yes") for name in ("CI", "COACH_REQUIRE_BROWSER"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if _browser_required():
            pytest.fail(f"the real-browser test must run in CI, but {message}")
        pytest.skip(message)


@contextlib.contextmanager
def _coach_ui(folder: Path, name: str) -> Iterator[tuple[str, float]]:
    """`coach ui` started in `folder` on a free port with a fresh database; (url, seconds until healthy)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_LLM_")}
    env.update(COACH_UI_CONFIG=str(folder / "no-config.toml"), COACH_USER="browser-test")
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"browser-{name}-server.log"
    command = [
        sys.executable,
        "-m",
        "coach",
        "ui",
        "--port",
        str(port),
        "--address",
        "127.0.0.1",
        "--db",
        str(folder / "coach.db"),
    ]
    started = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            while not _healthy(url):
                if proc.poll() is not None:
                    pytest.fail(f"coach ui exited with {proc.returncode}; see {log_path}")
                if time.perf_counter() - started > STARTUP_LIMIT_S:
                    pytest.fail(f"coach ui was not healthy within {STARTUP_LIMIT_S:.0f} s")
                time.sleep(0.1)
            yield url, time.perf_counter() - started
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (playwright's sync API allows one running instance per thread)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def _browser_page(browser, name: str):
    context = browser.new_context(viewport={"width": 1400, "height": 2600}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    try:
        yield tab
    finally:
        tab.screenshot(path=str(ARTIFACTS / f"browser-{name}-last.png"))  # where it stopped, pass or fail
        context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, float]]:
    _require_chromium()
    with _coach_ui(tmp_path_factory.mktemp("browser"), "local") as running:
        yield running


@pytest.fixture(scope="module")
def page(server, browser):
    with _browser_page(browser, "local") as tab:
        yield tab


def _settled(page) -> None:
    """Wait for the script run to finish (Streamlit shows a 'Running' status while it works)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=WAIT_MS)


def _no_exception(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, f"an exception is shown on {where}"


def _no_links_or_images_from_user_text(page) -> None:
    """No image fetched from, and no link to, an address typed in the probe or the note."""
    assert page.locator('img[src*="127.0.0.1:9"], a[href*="127.0.0.1:9"]').count() == 0


def _shot(page, name: str) -> None:
    page.mouse.move(5, 5)  # no hover tooltip over the page
    page.wait_for_timeout(200)
    page.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"))


def _go(page, link: str, heading: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link).click()
    page.get_by_role("heading", name=heading).wait_for()
    _settled(page)


def _choose(page, label: str, option: str, *, multi: bool = False) -> None:
    """Pick `option` in the Streamlit select box (or multiselect) labelled `label`: type to filter, click."""
    page.get_by_label(label).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()
    if multi:
        page.keyboard.press("Escape")  # a multiselect stays open after a pick
    _settled(page)


ROW_PX = 35  # the height of a header and of a row in Streamlit's dataframe (its default row height)


def _row_point(page, row: int, x: float, table: int = 0) -> tuple[float, float]:
    """A point in the `row`th data row (0 = first) of a dataframe, `x` px from its left edge.

    The grid draws on a canvas, with no element per cell to click, so a click goes to where
    the row is drawn.
    """
    box = page.locator('[data-testid="stDataFrame"]').nth(table).bounding_box()
    assert box is not None
    return box["x"] + x, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2


def _click_row(page, row: int) -> None:
    """Click the title cell of a row (what opens a queue row)."""
    page.mouse.click(*_row_point(page, row, 150))
    _settled(page)


def _tick_row(page, row: int) -> None:
    """Tick a row's checkbox (the column before the first)."""
    page.mouse.click(*_row_point(page, row, 14))
    _settled(page)


def test_the_app_in_a_real_browser(server, page) -> None:
    url, healthy_after = server
    assert healthy_after < STARTUP_LIMIT_S

    # --- Check a role: a fresh database offers the examples ---------------------------
    page.goto(url)
    page.get_by_role("heading", name="Check a role").wait_for()
    page.get_by_label("Role description").wait_for()
    _settled(page)
    _shot(page, "1-check-fresh")
    page.get_by_role("button", name="Load the examples").click()
    page.get_by_text(re.compile(r"Loaded 5 example contracts")).wait_for()
    _no_exception(page, "loading the examples")

    # Paste an example with the XSS probe, click Check, see the badges.
    text = (ROOT / "examples" / "vague-everywhere-coordinator.txt").read_text() + PROBE
    page.get_by_label("Role description").fill(text)
    page.get_by_role("button", name="Check", exact=True).click()
    for element in ("Purpose", "Discretion", "Resources", "Accountability"):
        page.get_by_text(re.compile(rf"{element}: (specified|vague|missing)$")).first.wait_for()
    page.get_by_text(re.compile(r"Line of sight: (yes|no)$")).first.wait_for()
    _settled(page)
    _no_exception(page, "Check a role")

    # The probe shows as text in the highlighted role and ran nothing.
    shown = page.locator(".coach-text").inner_text()
    assert "<img src=x onerror=" in shown and "<script>window.__xss='script'</script>" in shown
    assert ":red[not red]" in shown and "![tracker]" in shown
    assert page.locator(".coach-text img, .coach-text script").count() == 0
    assert page.locator('img[src*="pixel.png"], img[src="x"]').count() == 0
    _no_links_or_images_from_user_text(page)  # the probe also sits in an evidence quote (Markdown)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    _shot(page, "2-check-report")

    # --- The editor: open a highlight's card, insert a fix named for the role ----------
    _choose(page, "Open a highlight (its number is after the words)", "Vague phrase")
    card = page.locator(".st-key-check_card_body")
    card.get_by_text("Suggestion:").wait_for()
    assert "Vague phrase" in card.inner_text()
    # A hostile title flows into the fix sentence, the inserted text and its highlight: all text.
    page.get_by_label("Title").fill(HOSTILE_TITLE)
    page.get_by_label("Title").press("Enter")
    _settled(page)
    insert = page.locator(".st-key-check_insert_gap_discretion button").first
    insert.scroll_into_view_if_needed()
    insert.click()
    page.get_by_text(re.compile(r"^Inserted (under|before|at the end)")).wait_for()
    _settled(page)
    _no_exception(page, "inserting a fix")
    edited = page.get_by_label("Role description").input_value()
    assert HOSTILE_TITLE in edited and "[which decisions]" in edited
    assert HOSTILE_TITLE in page.locator(".coach-text").inner_text()
    assert page.evaluate("window.__xss") is None and page.dialogs == []
    assert page.locator(".st-key-check_save button").first.is_disabled()  # placeholders still to fill
    page.get_by_role("heading", name="The text, with the evidence for each element").scroll_into_view_if_needed()
    _choose(page, "Open a highlight (its number is after the words)", HOSTILE_TITLE[:12])
    card.get_by_text(re.compile(r"Discretion")).first.wait_for()
    assert HOSTILE_TITLE in card.inner_text().replace("\u2060", "")
    assert page.locator(".st-key-check_card_body img").count() == 0
    _shot(page, "2b-check-card-and-insert")
    # Fill in the placeholders: the re-check says what moved, and Save is back.
    filled = re.sub(r"\[[^\]]+\]", "the rota", edited).replace(HOSTILE_TITLE, "Operations coordinator")
    page.get_by_label("Role description").fill(filled)
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator(".st-key-check_save button:not([disabled])").wait_for()  # Save is back
    _settled(page)
    delta = page.locator(".st-key-check_delta_box").first
    assert delta.inner_text().startswith("Since the last check:")
    delta.scroll_into_view_if_needed()
    _shot(page, "2c-check-what-changed")

    # Coaching questions, then save and download.
    assert page.get_by_text("Future-focus", exact=False).count() >= 1
    page.get_by_label("Title").fill("Operations coordinator")
    page.get_by_label("Team").fill("Operations")
    page.get_by_role("button", name="Save contract").click()
    page.get_by_text(re.compile(r"Saved as contract #\d+ “Operations coordinator”, version 1\.")).wait_for()
    _settled(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download report (Markdown)").click()
    markdown = Path(download.value.path()).read_text()
    assert markdown.startswith("## Operations coordinator") and "Score:" in markdown
    assert "### Coaching questions" in markdown
    _no_exception(page, "saving")
    page.get_by_role("heading", name="Coaching questions").scroll_into_view_if_needed()
    _shot(page, "3-check-questions-and-save")
    page.mouse.wheel(0, -20_000)

    # --- Reflect: paste my own role, answer, save privately (several reruns in a row) ---
    _go(page, "Reflect", "Reflect on your role")
    page.get_by_text("Paste my own role").click()
    _settled(page)
    page.get_by_label("Your role description").fill("You decide which features enter the release.")
    page.get_by_role("button", name="Use this text").click()
    page.get_by_text(re.compile(r"Discretion: (specified|vague|missing)$")).first.wait_for()
    _settled(page)
    _choose(page, "Meta skills to reflect on", "Desire for learning", multi=True)
    # Streamlit marks each keyed widget with the class st-key-<key>.
    page.locator(".st-key-reflect_answer_learning_0 textarea").fill(JOURNAL_ANSWER)
    page.locator(".st-key-reflect_rating_learning").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Save privately").click()
    page.get_by_text("Saved 1 reflection to your private journal.").wait_for()
    _settled(page)
    _no_exception(page, "Reflect")
    table = page.locator('[data-testid="stTable"]')
    table.wait_for()
    assert JOURNAL_ANSWER in table.inner_text()  # the whole answer, wrapped
    assert "my own role (pasted)" in table.inner_text() and "4 of 5" in table.inner_text()
    page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my journal (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert [r["answer"] for r in exported["reflections"]] == [JOURNAL_ANSWER]
    page.get_by_role("heading", name="My reflections").scroll_into_view_if_needed()
    _shot(page, "4-reflect")
    page.mouse.wheel(0, -20_000)

    # --- Review: click a queue row to open it, add a note, then act on two rows at once ----
    _go(page, "Review", "Review")
    page.locator('[data-testid="stDataFrame"]').wait_for()
    _shot(page, "5-review-queue")  # every column readable at 1,400 px
    _choose(page, "Team", "Operations")  # one row left: the contract saved above
    _click_row(page, 0)
    page.get_by_role("heading", name=re.compile(r"#\d+ Operations coordinator")).wait_for()
    cid = re.search(r"[?&]contract=(\d+)", page.url)
    assert cid, f"the URL does not name the open contract: {page.url}"
    page.get_by_role("button", name="Add note").wait_for()
    page.get_by_label("Note").fill(f"Asked the manager to state decision rights. {HOSTILE_NOTE}")
    page.get_by_role("button", name="Add note").click()
    confirmation = page.locator(".st-key-review_note_box").get_by_text(re.compile(r"Note added to contract #\d+\."))
    confirmation.wait_for()  # beside the button that did it
    _settled(page)
    _no_exception(page, "Review")
    # A note is external text: it shows as typed, with no image fetched and no link offered.
    page.get_by_role("tab", name="Review history").click()
    note = page.locator('[data-testid="stMarkdownContainer"] li').filter(has_text="state decision rights")
    assert HOSTILE_NOTE in note.inner_text().replace("\u2060", "")  # what a reader sees (word joiners are invisible)
    _no_links_or_images_from_user_text(page)
    _shot(page, "5-review")

    # The link names the contract: opened in a new tab, it opens the same one.
    shared = page.context.new_page()
    shared.goto(f"{url}/review?contract={cid.group(1)}")
    shared.get_by_role("heading", name=re.compile(r"#\d+ Operations coordinator")).wait_for()
    shared.close()

    _choose(page, "Team", "all teams")
    _tick_row(page, 0)
    _tick_row(page, 1)
    page.get_by_text("Act on the 2 contracts selected").wait_for()
    page.get_by_label("Assign all to").fill("priya@example.com")
    page.get_by_role("button", name="Assign all").click()
    page.locator(".st-key-review_bulk_box").get_by_text(
        re.compile(r"2 contracts assigned to priya\u2060?@example\.com\.")  # a word joiner keeps it from linking
    ).wait_for()
    _settled(page)
    _no_exception(page, "a bulk assignment")
    page.mouse.wheel(0, -20_000)
    _shot(page, "5-review-bulk")
    page.get_by_role("tab", name="Organisation").click()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export every contract (CSV)").click()
    header = Path(download.value.path()).read_text().splitlines()[0]
    assert header.startswith("contract_id,title,team,")
    _no_exception(page, "the organisation view")
    assert page.get_by_role("tab", name="Organisation").get_attribute("aria-selected") == "true"
    page.mouse.wheel(0, -20_000)
    _shot(page, "6-organisation")

    # --- Organisation: import the bundled profile, see coverage and the Check page's chain ---
    _go(page, "Organisation", "Organisation")
    page.get_by_label("…or paste its YAML").fill((ROOT / "profiles" / "example-org.yml").read_text())
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Saved the profile of Example Software Co.").wait_for()
    _settled(page)
    _no_exception(page, "the Organisation page")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    _shot(page, "7-organisation-profile")
    _go(page, "Review", "Review")
    page.get_by_role("tab", name="Organisation").click()
    page.get_by_role("heading", name="Coverage of the organisation's priorities").wait_for()
    _settled(page)
    _no_exception(page, "coverage")
    page.get_by_role("heading", name="Coverage of the organisation's priorities").scroll_into_view_if_needed()
    _shot(page, "8-coverage")
    page.mouse.wheel(0, -20_000)
    _go(page, "Check a role", "Check a role")
    _choose(page, "Team the role belongs to (its priorities are read first)", "Platform")
    page.get_by_label("Role description").fill((ROOT / "examples" / "strong-release-lead.md").read_text())
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_role("heading", name="Line of sight to the organisation").wait_for()
    _settled(page)
    _no_exception(page, "the chain on the Check page")
    page.get_by_role("heading", name="Line of sight to the organisation").scroll_into_view_if_needed()
    _shot(page, "9-check-chain")
    save_box = page.locator(".st-key-check_save_form")
    save_box.scroll_into_view_if_needed()
    assert save_box.get_by_role("textbox", name="Team").input_value() == "Platform"  # the picked team
    _shot(page, "9b-check-save-with-picked-team")
    page.mouse.wheel(0, -20_000)

    # --- About ------------------------------------------------------------------------
    _go(page, "About", "About Empowerment Coach")
    page.get_by_text("Single-user local mode.").wait_for()
    _no_exception(page, "About")
    _shot(page, "10-about")


THIN_IDEA = "We could try a new tool for the team. It would improve how we work, etc."
CLEAR_IDEA = (
    "Switching the depot to reusable crates would cut cardboard waste by half. "
    "The depot manager would need to approve the new crates. "
    "It needs a £3,000 pilot budget and two weeks of one driver's time. "
    "We would know it worked if we bought 50% less cardboard by June. "
    "This supports our priority of cutting our carbon footprint."
)


def test_the_challenge_loop_in_a_real_browser(server, page) -> None:
    """Publish, check an idea and see its fixes, submit it anonymously, park it with a reason, read it back."""
    url, _ = server
    page.goto(url)
    page.get_by_role("heading", name="Check a role").wait_for()
    _settled(page)
    _go(page, "Challenges", "Challenges")
    _no_exception(page, "Challenges")

    # Publish (the local user is a leader); the dates keep their defaults: today and 30 days on.
    page.get_by_role("tab", name="Publish").click()
    _settled(page)
    page.get_by_label("Title").fill("Less waste at the depots")
    page.get_by_label("The question").fill("How could our depots throw away half as much?")
    # With an organisation profile saved (the Organisation test may have saved one), the
    # priority is picked from it and its first one is chosen already; without one it is typed.
    typed = page.get_by_role("textbox", name="Strategic priority")
    if typed.count():
        typed.fill("Net zero by 2030")
    _shot(page, "challenges-1-publish")
    page.get_by_role("button", name="Publish challenge").click()
    page.get_by_text(re.compile(r"Challenge #\d+ “Less waste at the depots” is published")).wait_for()
    _settled(page)
    _no_exception(page, "publishing")

    # Open it, check a thin idea: the fixes show before anything is submitted.
    page.get_by_role("tab", name="Challenges").click()
    _settled(page)
    _choose(page, "Open a challenge", "Less waste at the depots")
    page.locator(".st-key-idea_title_1 input").fill("Reusable crates")
    page.locator(".st-key-idea_text_1 textarea").fill(THIN_IDEA)
    assert page.get_by_role("button", name="Submit idea").is_disabled()
    page.get_by_role("button", name="Check my idea").click()
    page.get_by_text("Fix:").first.wait_for()
    _settled(page)
    page.locator(".st-key-idea_check_result").scroll_into_view_if_needed()
    _shot(page, "challenges-2-idea-check")

    # Rewrite it, check again, submit anonymously.
    page.locator(".st-key-idea_text_1 textarea").fill(CLEAR_IDEA)
    page.get_by_role("button", name="Check my idea").click()
    _settled(page)
    page.get_by_text("Submit anonymously").click()
    _settled(page)
    # A team given with an anonymous idea is shown to reviewers: the form says so; emptied, it is gone.
    team = page.get_by_role("textbox", name="Your team (optional)")
    team.fill("Depot North")
    team.press("Enter")
    page.get_by_text("Reviewers still see the team you give").wait_for()
    _shot(page, "challenges-2b-anonymous-with-team")
    team.fill("")
    team.press("Enter")
    _settled(page)
    page.get_by_role("button", name="Submit idea").click()
    page.get_by_text(re.compile(r"Idea #\d+ “Reusable crates” is submitted anonymously")).wait_for()
    _settled(page)
    _no_exception(page, "submitting an idea")

    # Review it (the local user owns the challenge): anonymous in the table, parked with a reason.
    _choose(page, "Open an idea", "Reusable crates")
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    _choose(page, "Move to", "parked")
    page.get_by_label(re.compile(r"^Note")).fill("Not before the crate supplier contract ends in March.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text(re.compile(r"Idea #\d+ is now parked\.")).wait_for()
    _settled(page)
    _no_exception(page, "reviewing an idea")
    page.locator(".st-key-challenges_review").scroll_into_view_if_needed()
    _shot(page, "challenges-3-review")

    # At a glance: the charts draw.
    page.mouse.wheel(0, -20_000)
    page.get_by_text("At a glance").click()
    page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    _settled(page)
    _shot(page, "challenges-4-glance")

    # My ideas: the outcome and the reason, anonymous to reviewers.
    page.get_by_role("tab", name="My ideas").click()
    page.get_by_text("Not before the crate supplier contract ends in March.").first.wait_for()
    page.get_by_text("anonymous to reviewers").wait_for()
    _settled(page)
    _no_exception(page, "My ideas")
    _shot(page, "challenges-5-my-ideas")


def test_a_bookmarked_page_is_the_first_visit_and_still_runs_through_the_app(tmp_path: Path, browser) -> None:
    """Right after `coach ui` starts, /reflect must run app.py's navigation, not the bare page file
    (Streamlit's older multipage mode takes over a folder named `pages/`)."""
    with _coach_ui(tmp_path, "bookmark") as (url, _), _browser_page(browser, "bookmark") as page:
        page.goto(f"{url}/reflect")
        page.get_by_role("heading", name="Reflect on your role").wait_for()
        _settled(page)
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert [link.split("\n")[-1].strip() for link in links] == [
            "Check a role", "Reflect", "Challenges", "Review", "Organisation", "About",
        ]  # fmt: skip
        page.get_by_text("Local mode: you are").wait_for()  # the app's own sidebar ran
        _no_exception(page, "a first visit straight to Reflect")


def test_with_login_configured_only_sign_in_and_about_are_offered(tmp_path: Path, browser) -> None:
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:8501/oauth2callback"\n'
        'cookie_secret = "browser-test-cookie-secret"\n'
        'client_id = "coach"\n'
        'client_secret = "not-a-secret"\n'
        'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n'
    )
    with _coach_ui(tmp_path, "login") as (url, _), _browser_page(browser, "login") as page:
        page.goto(url)
        page.get_by_role("button", name="Sign in").wait_for()
        _settled(page)
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert [link.split("\n")[-1].strip() for link in links] == ["Sign in", "About"]  # after the icon's name
        _no_exception(page, "the sign-in page")
        _shot(page, "8-sign-in")
        # A direct visit to a page that needs a signed-in person lands on sign-in instead.
        page.goto(f"{url}/review")
        page.get_by_text("Page not found").wait_for()  # Streamlit's own answer for a page not in the navigation
        page.get_by_role("button", name="Sign in").wait_for()
        assert page.get_by_role("heading", name="Review").count() == 0
        page.keyboard.press("Escape")
        page.get_by_text("Page not found").wait_for(state="hidden")
        _go(page, "About", "About Empowerment Coach")
        page.get_by_text("Login is configured: sign in to use the app.").wait_for()
        _no_exception(page, "About, signed out")


def test_a_missing_browser_fails_under_ci_and_skips_locally(monkeypatch, tmp_path: Path) -> None:
    import test_browser_app as me

    monkeypatch.setattr(me, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("COACH_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="must run in CI"):
        me._require_chromium()
    monkeypatch.delenv("COACH_REQUIRE_BROWSER")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        me._require_chromium()
