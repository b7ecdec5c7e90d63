"""Empowerment Coach in the browser: which pages exist, and for whom. Nothing else.

Run it with `coach ui` (or `streamlit run ui/app.py`). The pages live in
`views/`, not `pages/`: Streamlit treats a `pages/` folder as its older
multipage app, and a bookmarked URL such as /reflect then ran the page file
without this script (wrong sidebar, no sign-in gate). What they share lives
in the package `coach_ui/` (a name no installed package uses: see its
docstring). Who sees what is decided by `users.current()`: everyone gets
Check, Reflect, Challenges and About; only HR (every page in single-user local mode)
gets Review and Organisation; with login configured, nobody gets anything but About before
signing in.
"""

import streamlit as st
from coach_ui import frame, users

st.set_page_config(page_title="Empowerment Coach", page_icon=":material/explore:", layout="wide")

me = users.current()
about = st.Page("views/about.py", title="About", icon=":material/info:", url_path="about")
if not me.logged_in:
    pages = {"": [st.Page("views/sign_in.py", title="Sign in", icon=":material/login:", default=True), about]}
else:
    pages = {
        "Managers": [st.Page("views/check.py", title="Check a role", icon=":material/fact_check:", default=True)],
        "Employees": [st.Page("views/reflect.py", title="Reflect", icon=":material/self_improvement:")],
        "Everyone": [st.Page("views/challenges.py", title="Challenges", icon=":material/emoji_objects:")],
    }
    if me.is_hr:
        pages["HR"] = [
            st.Page("views/review.py", title="Review", icon=":material/inbox:"),
            st.Page("views/organisation.py", title="Organisation", icon=":material/account_tree:"),
        ]
    pages["Help"] = [about]

page = st.navigation(pages)
frame.sidebar(me)
page.run()
