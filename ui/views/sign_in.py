"""Sign in (login mode only): one button per configured OIDC provider."""

import streamlit as st
from coach_ui import users

st.title("Empowerment Coach")
st.markdown(
    "Sign in to check role descriptions, reflect on your own role in private, "
    "and, if you are in HR, review the contracts flagged for a closer look."
)
for provider in users.providers(st.secrets.to_dict()):
    label = "Sign in" if provider is None else f"Sign in with {provider.title()}"
    if st.button(label, key=f"sign_in_{provider or 'default'}", type="primary", icon=":material/login:"):
        if provider is None:
            st.login()
        else:
            st.login(provider)
