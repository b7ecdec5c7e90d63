"""About: the ruleset, the elements in plain words, who you are here, whether an LLM is configured."""

import streamlit as st
from coach_ui import messages, users
from coach_ui.escaping import plain
from coach_ui.question_panel import llm_config
from coach_ui.words import ELEMENT_DEFINITIONS, ELEMENT_LABELS, GRADE_MEANINGS, LINE_OF_SIGHT_DEFINITION

from coach.version import __version__

st.title("About Empowerment Coach")
st.markdown(
    "People are empowered when they can take **ownership** of a result. For that, the contract of "
    "their role must say what the result is, what they may decide and use to reach it, and how they "
    "give an account of what they did and learned. This app finds the gaps in a role description and "
    "coaches managers and employees through them."
)
me = users.current()

st.subheader("Who you are here")
if me.mode == "local":
    st.info(
        f"**Single-user local mode.** No login is configured, so everyone who opens this address acts as "
        f"**{plain(me.name)}** and sees every page, the HR review included. Reflections are kept "
        "under that name. To give each person their own identity, configure Streamlit's login "
        "(an `[auth]` section in `.streamlit/secrets.toml`) and list the HR e-mails in the app's config file "
        f"({plain(str(users.config_path()))}).",
        icon=":material/person:",
    )
elif me.logged_in:
    role = "You see the HR review." if me.is_hr else "The HR review is shown only to e-mails on the HR list."
    st.info(
        f"Signed in as **{plain(me.label)}**. {role} Your reflections are private to you.", icon=":material/person:"
    )
else:
    st.info("Login is configured: sign in to use the app.", icon=":material/login:")
if me.problem:
    messages.warning(me.problem)

st.subheader("The four elements")
with messages.friendly():
    from coach.engine.ruleset import load_ruleset

    ruleset = load_ruleset()
    for element, label in ELEMENT_LABELS.items():
        text = ruleset.elements.get(element)
        why = f" *Why it matters:* {plain(text.why)}" if text else ""
        st.markdown(f"**{label}**: {plain(ELEMENT_DEFINITIONS[element])}.{why}")
    st.markdown("Each element gets one of three grades:")
    for grade, meaning in GRADE_MEANINGS.items():
        st.markdown(f"- **{grade.value}**: {meaning}")
    st.markdown(
        f"A contract is **flagged** for review when any element is below specified. **Line of sight** checks "
        f"{LINE_OF_SIGHT_DEFINITION}. **Vague phrases** (“other duties as assigned”, “fast-paced environment”) "
        "are listed with a suggestion; they lower no grade by themselves."
    )

    st.subheader("The six meta skills")
    from coach.coaching.skills import META_SKILLS

    for skill in META_SKILLS:
        st.markdown(f"- **{skill.label}**: {skill.description}")

    st.subheader("The rules")
    st.markdown(
        f"Ruleset **{plain(ruleset.name)} {plain(ruleset.version)}**: {len(ruleset.rules)} rules, each a small "
        "YAML file with a why and a fix (`coach rules` lists them)."
    )

st.subheader("Language model")
if me.logged_in:
    config = llm_config()
    if config is None:
        st.markdown(
            "**Not configured.** Coaching questions come from the curated bank, offline. To let "
            "“Draft with LLM” appear, set `COACH_LLM_MODEL` (and, if needed, `COACH_LLM_API_BASE` and "
            "`COACH_LLM_API_KEY`) before starting the app."
        )
    else:
        key = "an API key is set (never shown)" if config.api_key else "no API key set here"
        st.markdown(
            f"**Configured:** {plain(config.describe())}; {key}. Nothing is sent until someone clicks "
            "“Draft with LLM”, and the preview shows exactly what will be sent, with personal details removed."
        )
    from coach.store import default_path

    st.subheader("Data")
    st.markdown(f"Database: {plain(str(default_path()))} · Empowerment Coach {plain(__version__)}")
else:
    st.markdown("Sign in to see the model and data settings.")
