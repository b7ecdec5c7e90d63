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
    page.locator(".st-key-reflect_answer_learning_0 textarea").fill(
        "I will ask for a retrospective after each release."
    )
    page.get_by_role("button", name="Save privately").click()
    page.get_by_text("Saved 1 reflection to your private journal.").wait_for()
    _settled(page)
    _no_exception(page, "Reflect")
    page.locator('[data-testid="stDataFrame"]').wait_for()
    page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    _shot(page, "4-reflect")

    # --- Review: open a flagged contract, add a note, the organisation view, CSV -------
    _go(page, "Review", "Review")
    _choose(page, "Open a contract", "Operations coordinator")
    page.get_by_role("button", name="Add note").wait_for()
    page.get_by_label("Note").fill(f"Asked the manager to state decision rights. {HOSTILE_NOTE}")
    page.get_by_role("button", name="Add note").click()
    page.get_by_text(re.compile(r"Note added to contract #\d+\.")).wait_for()
    _settled(page)
    _no_exception(page, "Review")
    # A note is external text: it shows as typed, with no image fetched and no link offered.
    page.get_by_role("tab", name="Review history").click()
    note = page.locator('[data-testid="stMarkdownContainer"] li').filter(has_text="state decision rights")
    assert HOSTILE_NOTE in note.inner_text().replace("\u2060", "")  # what a reader sees (word joiners are invisible)
    _no_links_or_images_from_user_text(page)
    _shot(page, "5-review")
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

    # --- About ------------------------------------------------------------------------
    _go(page, "About", "About Empowerment Coach")
    page.get_by_text("Single-user local mode.").wait_for()
    _no_exception(page, "About")
    _shot(page, "7-about")


def test_a_bookmarked_page_is_the_first_visit_and_still_runs_through_the_app(tmp_path: Path, browser) -> None:
    """Right after `coach ui` starts, /reflect must run app.py's navigation, not the bare page file
    (Streamlit's older multipage mode takes over a folder named `pages/`)."""
    with _coach_ui(tmp_path, "bookmark") as (url, _), _browser_page(browser, "bookmark") as page:
        page.goto(f"{url}/reflect")
        page.get_by_role("heading", name="Reflect on your role").wait_for()
        _settled(page)
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert [link.split("\n")[-1].strip() for link in links] == ["Check a role", "Reflect", "Review", "About"]
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
