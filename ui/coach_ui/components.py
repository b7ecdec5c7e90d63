"""Shared pieces every page renders through: the database, errors, a report, questions.

Pages stay a few lines long: they read their inputs and call these. Rules
of the house, kept here so no page can forget them:

- The store is opened **once per rerun** (`database()`) and closed at the
  end: Streamlit runs each rerun on a new thread, and a cached SQLite
  connection crashes the real server on the second rerun (STACK-NOTES).
  Nothing here uses `st.cache_resource`.
- A `CoachError` becomes its one-line message in the page (`friendly()`),
  never a traceback; the CLI says the same words.
- User text reaches the page only escaped: through `coach.formats.highlight`
  (HTML-escaped) or `plain()` (Markdown-escaped), never as raw Markdown.
- Every widget has an explicit `key`, so tests find it by name.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError, InputError
from coach.formats.highlight import highlighted_html, legend_html
from coach.importing import title_key
from coach.report import Grade, Report
from coach_ui.identity import Identity
from coach_ui.words import (
    ELEMENT_DEFINITIONS,
    ELEMENT_LABELS,
    GRADE_BADGES,
    LINE_OF_SIGHT,
    LINE_OF_SIGHT_DEFINITION,
    gaps_in_words,
)

if TYPE_CHECKING:
    from coach.coaching import CoachingPlan
    from coach.store import Store

UPLOAD_TYPES = ["txt", "md", "docx", "pdf", "html"]
PASTED = "pasted text"
EXAMPLES_TEAM = "Examples"

# --- plumbing -----------------------------------------------------------------


@contextlib.contextmanager
def database() -> Iterator[Store]:
    """This rerun's store (COACH_DB, set by `coach ui --db`, or the per-user file); closed after."""
    from coach.store import open_store

    try:
        store = open_store()
    except CoachError as e:
        st.error(str(e), icon=":material/database:")
        st.stop()
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def friendly() -> Iterator[None]:
    """Show a CoachError as its message and skip the rest of the block."""
    try:
        yield
    except CoachError as e:
        st.error(str(e), icon=":material/error:")


def flash(key: str, kind: str, message: str) -> None:
    """Leave a message for the next render (callbacks run before the page draws)."""
    st.session_state[f"{key}_flash"] = (kind, message)


def show_flash(key: str) -> None:
    kind, message = st.session_state.pop(f"{key}_flash", (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind == "success":
        st.success(message, icon=":material/check:")
    elif kind:
        st.info(message)


def run_action(key: str, action: Callable[[Store], str]) -> bool:
    """Run a write from a button callback with its own store; flash its message or its error.

    Returns whether it worked, so the callback can clear its inputs only then.
    """
    from coach.store import open_store

    try:
        with open_store() as store:
            flash(key, "success", action(store))
    except CoachError as e:
        flash(key, "error", str(e))
        return False
    return True


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
_SPACES = re.compile(r"\s+")


def _escaped(piece: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", piece))


def plain(text: str) -> str:
    """User or rule text made safe for `st.markdown`: every Markdown, HTML and Streamlit
    directive character (`:red[...]`, `:material/x:`) is backslash-escaped and
    line breaks become spaces, so it shows as typed: no markup, no images, no
    colours. (A bare http(s) address still becomes a link, as in any chat.)"""
    return _escaped(text.strip())


# --- input ----------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A role description that was checked: where it came from, its text and its report."""

    name: str
    text: str
    report: Report


def example_files() -> dict[str, str]:
    """The bundled examples by file name, for the 'start from an example' picker."""
    from coach.inputs import SUPPORTED_SUFFIXES
    from coach.paths import examples_dir

    files = sorted(p for p in examples_dir().iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    return {p.name: str(p) for p in files}


def _load_example(key: str) -> None:
    from pathlib import Path

    from coach.inputs import read_path

    name = st.session_state.get(f"{key}_example")
    if name:
        st.session_state[f"{key}_text"] = read_path(Path(example_files()[name])).text


def role_input(key: str, *, uploads: bool = True, height: int = 260) -> None:
    """The text area (with an example picker) and, optionally, the file upload."""
    st.selectbox(
        "Start from a bundled example (optional)",
        list(example_files()),
        index=None,
        placeholder="Choose an example to paste it below",
        key=f"{key}_example",
        on_change=_load_example,
        args=(key,),
    )
    st.text_area(
        "Role description",
        key=f"{key}_text",
        height=height,
        placeholder="Paste the role description here: the job ad, the role profile or the team charter.",
    )
    if uploads:
        st.file_uploader(
            "…or upload files (.txt, .md, .docx, .pdf, .html); several at once are checked as a batch",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key=f"{key}_upload",
        )


def read_inputs(key: str) -> list[tuple[str, str | InputError]]:
    """(name, text) for each uploaded file, or for the pasted text when nothing is uploaded.

    A file that cannot be read comes back as its InputError so a batch reports
    it and goes on; pasted text that is empty or too large raises, with the
    same message the CLI gives.
    """
    from coach.inputs import decode, extract

    files = st.session_state.get(f"{key}_upload") or []
    if files:
        out: list[tuple[str, str | InputError]] = []
        for f in files:
            try:
                out.append((f.name, extract(f.getvalue(), f.name)))
            except InputError as e:
                out.append((f.name, e))
        return out
    text = st.session_state.get(f"{key}_text") or ""
    return [(PASTED, decode(text.encode("utf-8"), PASTED))]


def check_all(sources: list[tuple[str, str | InputError]]) -> tuple[list[Checked], list[str]]:
    """Check every readable source, with a progress bar when there are several."""
    from coach.engine import check

    results: list[Checked] = []
    problems: list[str] = []
    bar = st.progress(0.0, text="Checking…") if len(sources) > 1 else None
    for i, (name, text) in enumerate(sources, start=1):
        if isinstance(text, InputError):
            problems.append(str(text))
        else:
            try:
                results.append(Checked(name, text, check(text).model_copy(update={"source": name})))
            except CoachError as e:
                problems.append(f"{name}: {e}")
        if bar is not None:
            bar.progress(i / len(sources), text=f"Checked {i} of {len(sources)}")
    if bar is not None:
        bar.empty()
    return results, problems


# --- a report -------------------------------------------------------------------


def grade_badges(report: Report) -> None:
    """One badge per element in plain words, and one for line of sight."""
    with st.container(horizontal=True, gap="small", key="grade_badges"):
        for element, result in report.elements.items():
            colour, icon = GRADE_BADGES[result.grade]
            st.badge(
                f"{ELEMENT_LABELS[element.value]}: {result.grade.value}",
                icon=icon,
                color=colour,
                help=f"{ELEMENT_LABELS[element.value]}: {ELEMENT_DEFINITIONS[element.value]}",
            )
        present = report.line_of_sight.present
        st.badge(
            f"{LINE_OF_SIGHT}: {'yes' if present else 'no'}",
            icon=":material/visibility:" if present else ":material/visibility_off:",
            color="green" if present else "gray",
            help=f"{LINE_OF_SIGHT}: {LINE_OF_SIGHT_DEFINITION}",
        )


def verdict(report: Report) -> None:
    cols = st.columns([1, 4])
    cols[0].metric("Score", f"{report.score}/100")
    with cols[1]:
        if report.flagged:
            st.warning(f"**Flagged for review.** Gaps: {gaps_in_words(report.gaps)}.", icon=":material/flag:")
        else:
            note = "" if report.line_of_sight.present else " It does not yet tie the role to the organisation's goals."
            st.success(f"**Complete:** all four elements are specified.{note}", icon=":material/verified:")


def _quote(ev) -> str:
    """An evidence sentence with its cue in bold, escaped."""
    text = ev.text
    a, b = ev.match.start - ev.start, ev.match.end - ev.start
    while a < b and text[a].isspace():  # ** must touch the words it makes bold
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if not 0 <= a < b <= len(text):
        return f"“{plain(text)}”"
    return f"“{_escaped(text[:a].lstrip())}**{_escaped(text[a:b])}**{_escaped(text[b:].rstrip())}”"


def highlighted_text(report: Report, text: str) -> None:
    st.html(legend_html() + highlighted_html(text, report))


def gaps(report: Report) -> None:
    """For each element below specified: why it matters, the fix, and what was found."""
    open_gaps = [(e, r) for e, r in report.elements.items() if r.grade is not Grade.specified]
    if not open_gaps:
        st.markdown("Every element is specified. The evidence for each is below.")
    for element, result in open_gaps:
        with st.container(border=True, key=f"gap_{element.value}"):
            st.markdown(f"**{ELEMENT_LABELS[element.value]} is {result.grade.value}**")
            st.markdown(f"**Why it matters:** {plain(result.why)}")
            if result.fix:
                st.markdown(f"**Fix:** {plain(result.fix)}")
            if result.evidence:
                st.caption("What the text says now (not enough to count as specified):")
                for ev in result.evidence[:3]:
                    st.markdown(f"- {_quote(ev)}")
    specified = [(e, r) for e, r in report.elements.items() if r.grade is Grade.specified]
    if specified:
        with st.expander("Evidence for the specified elements"):
            for element, result in specified:
                st.markdown(f"**{ELEMENT_LABELS[element.value]}**")
                for ev in result.evidence[:3]:
                    st.markdown(f"- {_quote(ev)}")


def line_of_sight(report: Report) -> None:
    los = report.line_of_sight
    if los.present:
        st.markdown("**Yes**: the role is tied to the organisation's goals.")
        for ev in los.evidence[:2]:
            st.markdown(f"- {_quote(ev)}")
    else:
        st.markdown(f"**No.** {plain(los.why)}")
        if los.fix:
            st.markdown(f"**Fix:** {plain(los.fix)}")


def vague_phrases(report: Report) -> None:
    if not report.vague_phrases:
        st.markdown("None found.")
        return
    for phrase in report.vague_phrases:
        st.markdown(f"- “{plain(phrase.text)}”: {plain(phrase.suggestion)}")


def findings(report: Report) -> None:
    if not report.findings:
        st.markdown("None: the elements that are stated fit together.")
        return
    for f in report.findings:
        st.markdown(f"- **{plain(f.message)}** {plain(f.why)} **Fix:** {plain(f.fix)}")


def stale_note(checked: Checked, key: str) -> None:
    """Say so when the pasted text was edited after it was checked (the report is of the old text)."""
    if checked.name == PASTED and (st.session_state.get(f"{key}_text") or "") != checked.text:
        st.warning("The text above has changed since this check: click Check again to grade the new text.")


def report_view(report: Report, text: str) -> None:
    """Everything the engine says about one text, in reading order."""
    verdict(report)
    grade_badges(report)
    st.subheader("The text, with the evidence for each element")
    highlighted_text(report, text)
    st.subheader("What to add")
    gaps(report)
    left, right = st.columns(2)
    with left:
        st.subheader("Line of sight")
        line_of_sight(report)
        st.subheader("Gaps between elements")
        findings(report)
    with right:
        st.subheader("Vague phrases")
        vague_phrases(report)


def downloads(report: Report, key: str) -> None:
    from coach.formats import renderer

    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", (report.source or "role").rsplit(".", 1)[0]).strip("-") or "role"
    with st.container(horizontal=True, key=f"{key}_downloads"):
        for label, fmt, suffix, mime in (
            ("Markdown", "markdown", "md", "text/markdown"),
            ("JSON", "json", "json", "application/json"),
        ):
            st.download_button(
                f"Download report ({label})",
                renderer(fmt)([report]),
                file_name=f"{stem}-report.{suffix}",
                mime=mime,
                key=f"{key}_download_{suffix}",
                icon=":material/download:",
                on_click="ignore",  # no rerun: the page stays as it is
            )


# --- coaching questions ------------------------------------------------------------


def questions_view(plan: CoachingPlan) -> None:
    from coach.coaching.skills import META_SKILLS

    for note in plan.notes:
        st.info(note)
    by_skill = plan.by_skill()
    for skill in META_SKILLS:
        asked = by_skill.get(skill, [])
        if not asked:
            continue
        st.markdown(f"**{skill.title}**: {skill.description}")
        for q in asked:
            why = gaps_in_words([g for g in q.because if ":" in g])
            where = "curated bank" if q.source == "bank" else q.source.replace("llm:", "drafted by ")
            st.markdown(f"- {plain(q.text)}  \n  :gray[{plain(where)} · gaps: {plain(why)}]")


def llm_config():
    """The configured model, or None; a bad setting is shown, not raised."""
    from coach.llm import configured

    try:
        return configured()
    except CoachError as e:
        st.warning(str(e))
        return None


def coaching(checked: Checked, key: str, store: Store) -> None:
    """Questions for the six meta skills: the bank at once, a model's draft on request."""
    from coach.coaching import plan

    cols = st.columns(2)
    audience = cols[0].radio(
        "Questions for",
        ["manager", "employee"],
        format_func=lambda a: {"manager": "the manager of the role", "employee": "the person in the role"}[a],
        horizontal=True,
        key=f"{key}_audience",
    )
    per_skill = cols[1].slider("Questions per meta skill", 1, 6, 2, key=f"{key}_per_skill")
    drafts: dict = st.session_state.setdefault(f"{key}_drafts", {})
    draft_key = (checked.report.input_sha256, audience, per_skill)
    config = llm_config()
    if config is None:
        st.caption(
            "Questions come from the curated bank. To draft them with a language model, "
            "set COACH_LLM_MODEL before starting the app (see About)."
        )
    else:
        from coach.llm import preview

        with st.expander(f"What “Draft with LLM” sends to {config.describe()}"):
            st.code(preview(checked.report, checked.text, audience, per_skill, config), language=None, wrap_lines=True)
        if st.button("Draft with LLM", key=f"{key}_draft_llm", icon=":material/auto_awesome:"):
            with st.status(f"Drafting questions with {config.describe()}…", expanded=False) as status:
                drafted = plan(checked.report, audience, per_skill, llm=config, text=checked.text, store=store)
                status.update(label="Questions drafted", state="complete")
            drafts[draft_key] = drafted
    chosen = drafts.get(draft_key) or plan(checked.report, audience, per_skill)
    questions_view(chosen)


# --- saving and the examples -------------------------------------------------------


def suggested_title(checked: Checked) -> str:
    for line in checked.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:80]
    return checked.name


def save_form(checked: Checked, me: Identity, store: Store, key: str) -> None:
    """Save the checked text as a contract; the same title and team again makes a new version."""
    if st.session_state.get(f"{key}_title_for") != checked.report.input_sha256:
        # A newly checked text gets its own suggested title: keeping the last one would save
        # this text as a new version of the previous contract.
        st.session_state[f"{key}_title_for"] = checked.report.input_sha256
        st.session_state[f"{key}_title"] = suggested_title(checked)
    with st.form(f"{key}_save_form", border=True):
        st.markdown("**Save this contract** so HR can review it and people can reflect on it.")
        cols = st.columns(2)
        title = cols[0].text_input("Title", key=f"{key}_title")
        team = cols[1].text_input("Team", key=f"{key}_team", placeholder="e.g. Platform")
        st.caption("Saving again under the same title and team stores a new version of that contract.")
        submitted = st.form_submit_button("Save contract", key=f"{key}_save", icon=":material/save:")
    if not submitted:
        return
    with friendly():
        team = team.strip() or None
        saved = store.save_contract(
            title,
            checked.text,
            team=team,
            owner=me.owner,
            source=checked.name,
            report=checked.report,
            key=title_key(team, title.strip()),
        )
        where = f"contract #{saved.contract_id} “{plain(saved.title)}”"
        if saved.is_new_version and saved.version == 1:
            st.success(f"Saved as {where}, version 1.", icon=":material/check:")
        elif saved.is_new_version:
            st.success(f"Saved version {saved.version} of {where}.", icon=":material/check:")
        else:
            st.info(f"This text is already version {saved.version} of {where}; nothing new was stored.")
        if saved.check.flagged:
            st.caption("It is flagged, so it is in the HR review queue.")


def is_empty(store: Store) -> bool:
    """Whether no contract is stored yet. Reads at most one row, so it stays cheap on
    every rerun of a page with 100,000 contracts."""
    return not store.recent_contracts(limit=1)


def load_examples(store: Store) -> str:
    """Import the bundled examples through the store, with a progress bar."""
    from coach.importing import items_from
    from coach.paths import examples_dir

    items = [i for i in items_from([str(examples_dir())], team=EXAMPLES_TEAM) if not isinstance(i, InputError)]
    bar = st.progress(0.0, text=f"Checking and storing {len(items)} examples…")
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        bar.progress(done / max(1, len(items)), text=f"Stored {done} of {len(items)}")

    summary = store.import_items(items, progress=progress)
    bar.empty()
    return (
        f"Loaded {summary.added} example contracts (team “{EXAMPLES_TEAM}”); "
        f"{summary.flagged} are flagged and wait in the review queue."
    )


def offer_examples(store: Store, me: Identity, key: str) -> None:
    """On a fresh database, offer the bundled examples so the queue is not empty."""
    if not me.is_hr or not is_empty(store):
        return
    with st.container(border=True, key=f"{key}_examples_offer"):
        st.markdown(
            "**This database is empty.** Load the bundled example role descriptions to see "
            "the checks, the review queue and the organisation view at work."
        )
        if st.button("Load the examples", key=f"{key}_load_examples", icon=":material/library_add:"):
            with friendly():
                st.success(load_examples(store), icon=":material/check:")


# --- the frame around every page -----------------------------------------------------


def require_sign_in(me: Identity) -> None:
    """Stop a page for someone not signed in (the navigation hides it; this covers direct visits)."""
    if not me.logged_in:
        st.info("Sign in first: this page needs to know who you are.", icon=":material/login:")
        st.stop()


def sidebar(me: Identity) -> None:
    with st.sidebar:
        if me.mode == "local":
            st.caption(f"Local mode: you are **{plain(me.name)}** (no login configured).")
        elif me.logged_in:
            st.caption(f"Signed in as **{plain(me.label)}**" + (" · HR" if me.is_hr else ""))
            if st.button("Log out", key="logout", icon=":material/logout:"):
                st.logout()
        if me.problem:
            st.warning(me.problem)
