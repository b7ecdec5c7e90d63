"""The Organisation page's editor: the profile as a form and as YAML, import and export.

The form edits what HR changes most — the name, the purpose, the
organisation's priorities and the teams' priorities (two tables) — and
keeps the departments of the saved profile as they are (import a YAML file
to change those). Whatever is typed is validated by `coach.org_profile`
before it is saved; a mistake is shown beside the form and the profile
saved before stays in force. Turning tables into a profile and back is
plain Python here, so tests can check what AppTest cannot edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from coach.errors import CoachError
from coach_ui import messages
from coach_ui.store_access import run_action

if TYPE_CHECKING:
    from coach.org_profile import OrgProfile
    from coach.store import Store

KEY = "org"
PRIORITY_COLUMNS = ["name", "sentence", "key results", "key words"]
TEAM_COLUMNS = ["team", "department", "priority", "serves", "sentence", "key words"]


def _split(value: Any, sep: str) -> list[str]:
    return [s.strip() for s in str(value or "").split(sep) if s.strip()]


def priority_rows(profile: OrgProfile | None) -> list[dict[str, str]]:
    """The organisation's priorities as table rows (key results split by ';', key words by ',')."""
    if profile is None:
        return []
    return [
        {"name": p.name, "sentence": p.sentence, "key results": "; ".join(p.key_results), "key words": ", ".join(p.key_words)}
        for p in profile.priorities
    ]  # fmt: skip


def team_rows(profile: OrgProfile | None) -> list[dict[str, str]]:
    """One row per team priority (a team with none is one row without a priority)."""
    rows: list[dict[str, str]] = []
    for t in profile.teams if profile else []:
        base = {"team": t.name, "department": t.department or ""}
        for p in t.priorities:
            rows.append({**base, "priority": p.name, "serves": p.serves or "", "sentence": p.sentence, "key words": ", ".join(p.key_words)})  # fmt: skip
        if not t.priorities:
            rows.append({**base, "priority": "", "serves": "", "sentence": "", "key words": ""})
    return rows


def profile_data(
    name: str, purpose: str, priorities: list[dict[str, Any]], teams: list[dict[str, Any]], kept: OrgProfile | None
) -> dict[str, Any]:
    """The form's values as profile data (validated by the caller); departments and team purposes kept."""
    data: dict[str, Any] = {"name": name.strip() or "Our organisation", "purpose": purpose}
    data["priorities"] = [
        {"name": str(r.get("name") or "").strip(), "sentence": str(r.get("sentence") or ""),
         "key_results": _split(r.get("key results"), ";"), "key_words": _split(r.get("key words"), ",")}
        for r in priorities if any(str(v or "").strip() for v in r.values())
    ]  # fmt: skip
    if kept is not None and kept.departments:
        data["departments"] = [d.model_dump(exclude_defaults=True) for d in kept.departments]
    by_team: dict[str, dict[str, Any]] = {}
    for r in teams:
        team = str(r.get("team") or "").strip()
        if not team:
            continue
        old = kept.team(team) if kept else None
        unit = by_team.setdefault(
            team.casefold(), {"name": team, "purpose": old.purpose if old else "", "priorities": []}
        )
        if str(r.get("department") or "").strip():
            unit["department"] = str(r["department"]).strip()
        if str(r.get("priority") or "").strip():
            unit["priorities"].append(
                {"name": str(r["priority"]).strip(), "serves": str(r.get("serves") or "").strip() or None,
                 "sentence": str(r.get("sentence") or ""), "key_words": _split(r.get("key words"), ",")}
            )  # fmt: skip
    if by_team:
        data["teams"] = list(by_team.values())
    return data


def _load_into_form(profile: OrgProfile | None) -> None:
    """Fill the form's widgets from a profile (the saved one, or an import)."""
    st.session_state[f"{KEY}_name"] = profile.name if profile else ""
    st.session_state[f"{KEY}_purpose"] = profile.purpose if profile else ""
    st.session_state[f"{KEY}_rows"] = (priority_rows(profile), team_rows(profile))
    st.session_state[f"{KEY}_editor_version"] = st.session_state.get(f"{KEY}_editor_version", 0) + 1


def _save(yaml_text: str, by: str) -> bool:
    return run_action(KEY, lambda store: f"Saved the profile of {store.save_org_profile(yaml_text, by=by).name}.")


def _import(by: str) -> None:
    """Validate an uploaded or pasted YAML file; save it and load it into the form, or show why not."""
    from coach.org_profile import parse_profile

    upload_key = f"{KEY}_upload_{st.session_state.get(f'{KEY}_upload_version', 0)}"
    upload = st.session_state.get(upload_key)
    pasted = st.session_state.get(f"{KEY}_paste") or ""
    if pasted.strip() or upload is None:  # what was just pasted wins over an earlier upload
        name, raw = "pasted YAML", pasted.encode("utf-8")
    else:
        name, raw = upload.name, upload.getvalue()
    if not raw.strip():
        messages.flash(KEY, "error", "Nothing to import: upload a .yml file or paste the profile's YAML.")
        return
    try:
        text = raw.decode("utf-8-sig")
        profile = parse_profile(text, name)
    except UnicodeDecodeError:
        messages.flash(KEY, "error", f"{name}: not UTF-8 text; save the profile as UTF-8 YAML and import it again.")
        return
    except CoachError as e:
        messages.flash(KEY, "error", str(e))
        return
    if _save(text, by):
        _load_into_form(profile)
        st.session_state[f"{KEY}_paste"] = ""  # imported: the box and the upload are cleared for the next one
        st.session_state[f"{KEY}_upload_version"] = st.session_state.get(f"{KEY}_upload_version", 0) + 1


def _start_from_example(by: str) -> None:
    """Save the bundled example profile (it fits the bundled example roles) and load it into the form."""
    from coach.org_profile import parse_profile
    from coach.paths import profiles_dir

    text = (profiles_dir() / "example-org.yml").read_text(encoding="utf-8")
    if _save(text, by):
        _load_into_form(parse_profile(text, "the example profile"))


def editor(store: Store, by: str) -> None:
    """The whole editor: form, YAML preview, save, import and export."""
    from coach.org_profile import dump_profile, profile_from_data

    saved = store.org_profile()
    if f"{KEY}_rows" not in st.session_state:
        _load_into_form(saved)
    messages.show_flash(KEY)
    if saved is None:
        st.info("No profile is saved yet: fill in the form, import a YAML file below, or start from the example.")
        st.button(
            "Start from the example profile", key=f"{KEY}_example", icon=":material/lightbulb:",
            on_click=_start_from_example, args=(by,),
        )  # fmt: skip
    version = st.session_state[f"{KEY}_editor_version"]
    org_rows, team_table = st.session_state[f"{KEY}_rows"]
    st.text_input("Organisation name", key=f"{KEY}_name")
    st.text_area("Purpose: why the organisation exists, in one sentence", key=f"{KEY}_purpose", height=80)
    st.markdown("**Priorities** — key results separated by `;`, key words by `,`")
    priorities = st.data_editor(
        org_rows or [dict.fromkeys(PRIORITY_COLUMNS, "")], num_rows="dynamic", hide_index=True,
        column_order=PRIORITY_COLUMNS, key=f"{KEY}_priorities_{version}", width="stretch",
    )  # fmt: skip
    st.markdown("**Teams and their priorities** — `serves` names the organisation (or department) priority above")
    teams = st.data_editor(
        team_table or [dict.fromkeys(TEAM_COLUMNS, "")], num_rows="dynamic", hide_index=True,
        column_order=TEAM_COLUMNS, key=f"{KEY}_teams_{version}", width="stretch",
    )  # fmt: skip
    data = profile_data(
        st.session_state[f"{KEY}_name"],
        st.session_state[f"{KEY}_purpose"],
        _records(priorities),
        _records(teams),
        saved,
    )
    profile = None
    if not (data["purpose"].strip() or data["priorities"] or data.get("teams")):
        st.caption("Fill in the purpose and at least one priority, then save; or import a YAML file.")
    else:
        try:
            profile = profile_from_data(data, "the form")
        except CoachError as e:
            messages.error(str(e))
    if profile is not None:
        yaml_text = dump_profile(profile)
        with st.expander("Preview of the YAML", expanded=False, key=f"{KEY}_yaml_preview"):
            st.code(yaml_text, language="yaml")
        st.button(
            "Save the profile", key=f"{KEY}_save", type="primary", icon=":material/save:",
            on_click=_save, args=(yaml_text, by),
        )  # fmt: skip
    st.divider()
    cols = st.columns(2)
    with cols[0]:
        st.markdown("**Import a profile (YAML)**")
        st.file_uploader(
            "A .yml or .yaml file", type=["yml", "yaml"],
            key=f"{KEY}_upload_{st.session_state.get(f'{KEY}_upload_version', 0)}",
        )  # fmt: skip
        st.text_area("…or paste its YAML", key=f"{KEY}_paste", height=120)
        st.button("Import", key=f"{KEY}_import", icon=":material/upload:", on_click=_import, args=(by,))
    with cols[1]:
        st.markdown("**Export**")
        current = store.org_profile_yaml()
        if current is None:
            st.caption("Nothing saved yet to export.")
        else:
            st.download_button(
                "Download the saved profile (YAML)", current, file_name="org.yml", mime="application/yaml",
                key=f"{KEY}_export", icon=":material/download:", on_click="ignore",
            )  # fmt: skip


def _records(value: Any) -> list[dict[str, Any]]:
    """data_editor gives back what it was given (a list of dicts) or a DataFrame: rows either way."""
    if isinstance(value, list):
        return value
    return value.to_dict("records") if hasattr(value, "to_dict") else []
