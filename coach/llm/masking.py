"""Credentials out of anything coach shows: the API base, and error text that may quote it.

People put credentials into COACH_LLM_API_BASE — `https://user:pass@host/v1`,
`https://host/v1?api-key=...` — and coach shows the base in the app's
About page, in `--show-prompt` and in notes. `masked_api_base` keeps what
helps to check the setting (scheme, host, port, path, harmless query
values such as `api-version`) and replaces the user information and every
secret-looking query value with `***`.

The patterns start at a fixed character (`//`, or `?`, `&`, `#`, `;`),
and their only repetitions are bounded or cannot fail once started, so
masking a long error message stays linear.
"""

from __future__ import annotations

import re

MASK = "***"

# `scheme://userinfo@`: everything between `//` and the last `@` of the authority.
_USERINFO = re.compile(r"(?<=//)[^/?#\s]{1,256}@")

# `?name=value`, `&name=value`, `#name=value` (OAuth puts tokens in fragments), `;name=value`.
_PARAM = re.compile(r"(?P<lead>[?&#;](?P<name>[^=&#;?\s]{1,64})=)(?P<value>[^&#;\s]+)")

# A parameter whose name contains one of these (ignoring case, `-` and `_`) holds a secret:
# key, api-key, apikey, x-api-key, token, access_token, secret, client_secret, password,
# passwd, pwd, auth, sig and signature (signed and SAS URLs), credential, session, jwt, bearer.
_SECRET_NAME = re.compile(r"key|token|secret|pass|pwd|auth|sig|credential|session|jwt|bearer")


def _mask_param(m: re.Match[str]) -> str:
    name = m.group("name").lower().replace("-", "").replace("_", "")
    return m.group("lead") + MASK if _SECRET_NAME.search(name) else m.group(0)


def masked_api_base(url: str) -> str:
    """`url` fit to show: user information and secret-looking query values replaced by `***`.

        >>> masked_api_base("https://user:pass@llm.example/v1?api-version=2024-06-01&api-key=abc")
        'https://***@llm.example/v1?api-version=2024-06-01&api-key=***'

    Never raises: a string that is not a well-formed URL is masked the same way.
    """
    return mask_credentials(url)


def mask_credentials(text: str) -> str:
    """Any text (an error message, a note) with the credentials of the URLs in it masked."""
    return _PARAM.sub(_mask_param, _USERINFO.sub(MASK + "@", text))
