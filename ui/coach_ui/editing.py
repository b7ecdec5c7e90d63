"""The Check page as an editor: open a highlight's card, insert a fix, re-check, see what moved.

A manager edits a role to make it better, so each finding sits on the words
(`coach.highlights`), opens a card with the rule's why and fix, and offers a
sentence written for this role (`coach.tailoring`) with an Insert action.
Every change of the pasted text — an insert, an edit when live re-check is
on, a click on Check — is checked again at once and the page says what the
check changed (`coach.changes`). Callbacks run before the page draws, so
what they find is left in session state and drawn where the page wants it.
"""

from __future__ import annotations

import streamlit as st

from coach.errors import CoachError
from coach.report import Grade, Report
from coach_ui.checking import Checked, check_all
from coach_ui.escaping import plain
from coach_ui.role_input import PASTED, read_inputs

LIVE_HELP = (
    "Streamlit sends the text when you click outside the box or press Ctrl+Enter, not on every key:"
    " with this on, that is when the role is checked again."
)


def live(key: str) -> bool:
    """Whether an edit of the pasted text is checked again as soon as Streamlit sends it."""
    return bool(st.session_state.get(f"{key}_live", True))


def live_toggle(key: str) -> None:
    st.toggle("Re-check when the text changes", value=True, key=f"{key}_live", help=LIVE_HELP)


def recheck(key: str) -> None:
    """Check what is in the inputs now; remember the last report of the pasted text to say what changed."""
    before = st.session_state.get(f"{key}_results") or []
    old = before[0].report if len(before) == 1 and before[0].name == PASTED else None
    try:
        profile, team = st.session_state.get(f"{key}_org") or (None, None)  # set by the page: coach_ui.org_line
        results, problems = check_all(read_inputs(key), profile, team)
    except CoachError as e:
        st.session_state[f"{key}_problems"] = [str(e)]
        return
    st.session_state[f"{key}_results"] = results
    st.session_state[f"{key}_problems"] = problems
    new = results[0].report if len(results) == 1 and results[0].name == PASTED else None
    if old is not None and new is not None and old.input_sha256 != new.input_sha256:
        st.session_state[f"{key}_delta"] = (old, new)
    elif new is None:
        st.session_state.pop(f"{key}_delta", None)
    # The same text checked again (an edit sent on leaving the box, then a click on Check)
    # keeps the line about the edit: `what_changed` shows it while it is of the text on screen.


def on_text_change(key: str) -> None:
    """The text area's callback: re-check pasted text when live re-check is on (uploads win otherwise)."""
    if live(key) and not st.session_state.get(f"{key}_upload"):
        st.session_state.pop(f"{key}_inserted", None)
        recheck(key)


def _insert(key: str, target: str, sentence: str) -> None:
    """Insert `sentence` where it belongs in the pasted text, then check the new text."""
    from coach.tailoring import insert_fix, insert_position, placeholders

    text = st.session_state.get(f"{key}_text") or ""
    _, where = insert_position(text, target)
    st.session_state[f"{key}_text"] = insert_fix(text, sentence, target)[0]
    st.session_state[f"{key}_inserted"] = (where, sentence)
    pending: list[str] = st.session_state.setdefault(f"{key}_placeholders", [])
    pending += [p for p in placeholders(sentence) if p not in pending]
    recheck(key)


def pending_placeholders(key: str) -> list[str]:
    """Placeholders of inserted fixes that are still in the text, unfilled."""
    text = st.session_state.get(f"{key}_text") or ""
    return [p for p in st.session_state.get(f"{key}_placeholders", []) if p in text]


def insert_button(checked: Checked, key: str, target: str, title: str | None, slot: str) -> None:
    """The sentence written for this role, and the button that inserts it (pasted text only)."""
    from coach.tailoring import insert_position, tailored_fix

    sentence = tailored_fix(target, checked.text, title)
    st.markdown(f"**Written for this role:** {plain(sentence)}")
    if checked.name != PASTED:
        st.caption("To insert it, paste the text into the box above: an uploaded file is not edited here.")
        return
    _, where = insert_position(checked.text, target)
    st.button(
        f"Insert {plain(where)}",
        key=f"{key}_insert_{slot}_{target}",
        icon=":material/add_notes:",
        on_click=_insert,
        args=(key, target, sentence),
        help="Adds the sentence to the text; fill in the [parts in brackets] and the role is checked again.",
    )


def card(checked: Checked, key: str, title: str | None) -> None:
    """The picker of numbered highlights and the card of the one chosen."""
    from coach.highlights import highlights, rule_words

    items = highlights(checked.report, rule_words(checked.report))
    if not items:
        st.caption("Nothing is highlighted: no sentence speaks to any element yet. See What to add below.")
        return
    numbers = [h.number for h in items]
    chosen = st.selectbox(
        "Open a highlight (its number is after the words)",
        numbers,
        index=None,
        format_func=lambda n: f"{n} · {items[n - 1].label} · {items[n - 1].text[:48]}",
        placeholder="Choose a number to see why and the fix",
        key=f"{key}_card",
    )
    if chosen is None or chosen not in numbers:
        st.caption("Each highlight has a number: choose it here to see why it counts and how to fix it.")
        return
    h = items[chosen - 1]
    with st.container(border=True, key=f"{key}_card_body"):
        st.markdown(f"**{h.number} · {h.label}** · {h.status_words}")
        st.markdown(f"> {plain(h.text)}")
        if h.note:
            st.caption(plain(h.note))
        if h.why:
            st.markdown(f"**Why:** {plain(h.why)}")
        open_gap = _open(checked.report, h.target)
        if h.kind == "vague_phrase":
            st.markdown(f"**Suggestion:** {plain(h.fix)}")
        elif open_gap and h.fix:
            st.markdown(f"**Fix:** {plain(h.fix)}")
        if open_gap and h.kind != "vague_phrase":
            insert_button(checked, key, h.target, title, "card")
        elif h.kind != "vague_phrase":
            st.caption(f"{h.label} is already {'there' if h.kind == 'line_of_sight' else 'specified'}.")


def _open(report: Report, target: str) -> bool:
    """Whether `target` is still a gap (an element below specified, or no line of sight)."""
    if target == "line_of_sight":
        return not report.line_of_sight.present
    if target in {e.value for e in report.elements}:
        return report.grade(target) is not Grade.specified
    return False


def what_changed(checked: Checked, key: str) -> None:
    """After a re-check of edited text: which grades moved, the score, and the sentence that did it."""
    from coach.changes import changes, summary

    inserted = st.session_state.get(f"{key}_inserted")
    if inserted and checked.name == PASTED:
        where, _ = inserted
        st.success(
            f"Inserted {plain(where)}. Fill in the parts in [brackets] in the text box.", icon=":material/add_notes:"
        )
    delta = st.session_state.get(f"{key}_delta")
    if not delta or checked.name != PASTED or delta[1].input_sha256 != checked.report.input_sha256:
        return
    old, new = delta
    with st.container(border=True, key=f"{key}_delta_box"):
        st.markdown(f"**Since the last check:** {plain(summary(old, new))}")
        for change in changes(old, new):
            if change.sentence:
                st.markdown(f"- {plain(change.words)}: “{plain(change.sentence)}”")
