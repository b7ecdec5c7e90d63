"""Take personal details out of a role description before it leaves the machine.

A role description often ends with a contact block: a recruiter's name, an
e-mail address, a phone number, a LinkedIn profile, an employee or reference
number, an office address; a pasted HR form may hold a date of birth or a
card number. None of that helps a model write coaching questions, so it is
replaced by a placeholder (`[email]`, `[phone]`, `[url]`, `[id]`, `[card]`,
`[address]`, `[date of birth]`, `[name]`) before anything is sent, and the
user can read the result first (`coach questions --show-prompt`).

This is a small set of patterns, tested against tables of what must go
and what must stay (tests/test_redact.py), not a general PII detector. The
libraries that are did worse here: scrubadub installs 388 MB, missed names
and leaked the e-mail's domain in "Contact Jane Doe at
jane.doe@example.com"; presidio downloads a spaCy model at run time, which
fails offline. Names are found only after cue words ("Contact:", "Name:",
"Manager:", "contact Jane ..."); a name elsewhere in running text is not
recognised. Likewise a date is a date of birth only after a cue ("DOB",
"date of birth", "born on"), a card number must pass the Luhn check, and an
address needs a house number and a street type ("10 Elm Road"), a
postcode, a state and ZIP, or an "Address:" field. The rest of the text —
titles, team names, amounts, dates, years, standards, organisation URLs —
stays, because the coaching depends on it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

PLACEHOLDERS = {
    "url": "[url]",
    "email": "[email]",
    "card": "[card]",
    "id": "[id]",
    "phone": "[phone]",
    "address": "[address]",
    "dob": "[date of birth]",
    "name": "[name]",
}

# How each kind is counted in the summary: (one, many).
_WORDS = {
    "url": ("personal URL", "personal URLs"),
    "email": ("e-mail address", "e-mail addresses"),
    "card": ("card number", "card numbers"),
    "id": ("ID number", "ID numbers"),
    "phone": ("phone number", "phone numbers"),
    "address": ("postal address", "postal addresses"),
    "dob": ("date of birth", "dates of birth"),
    "name": ("name", "names"),
}


@dataclass(frozen=True)
class Redaction:
    """The redacted text and how many details of each kind were replaced."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """E.g. 'removed 1 e-mail address, 2 names' or 'nothing to remove'."""
        if not self.total:
            return "no personal details found"
        parts = [f"{n} {_WORDS[k][n > 1]}" for k, n in self.counts.items() if n]
        return "removed " + ", ".join(parts)

    def sentence(self) -> str:
        """The summary as a sentence about the text sent to a model."""
        if not self.total:
            return "no personal details were found in the role description."
        return f"{self.summary()} from the role description before sending."


# --- URLs: only those whose path points at a person --------------------------
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
_PERSONAL_HOSTS = frozenset(
    [
        "linkedin.com",
        "github.com",
        "gitlab.com",
        "twitter.com",
        "x.com",
        "facebook.com",
        "fb.com",
        "instagram.com",
        "calendly.com",
        "medium.com",
        "about.me",
        "t.me",
        "wa.me",
        "tiktok.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "keybase.io",
        "behance.net",
        "dribbble.com",
    ]
)
_PERSONAL_PATH = re.compile(
    r"/(?:in|pub|u|user|users|people|person|profile|profiles|staff|employee|employees|author|authors|member|members)/[^/]+"
    r"|/~|/@",
    re.I,
)
_PERSONAL_QUERY = re.compile(r"[?&](?:e-?mail|user(?:name)?|name|id|uid|employee)=", re.I)


def _is_personal_url(url: str) -> bool:
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if host in _PERSONAL_HOSTS or any(host.endswith("." + h) for h in _PERSONAL_HOSTS):
        return bool(path)
    return bool(_PERSONAL_PATH.search(parts.path) or _PERSONAL_QUERY.search("?" + parts.query if parts.query else ""))


def _urls(text: str, counts: Counter) -> str:
    def repl(m: re.Match) -> str:
        url = m.group(0)
        trail = ""
        while url and url[-1] in ".,;:!?":
            url, trail = url[:-1], url[-1] + trail
        if not _is_personal_url(url):
            return m.group(0)
        counts["url"] += 1
        return PLACEHOLDERS["url"] + trail

    return _URL.sub(repl, text)


# --- e-mail addresses ---------------------------------------------------------
# Bounded as the standard bounds them (a local part of at most 64 characters, labels of
# at most 63): with `+` a long run of letters and digits with no @ in it (a base64 image
# in pasted HTML) was rescanned from every position, 0.9 s for 20 KB and growing as its square.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")

# --- payment card numbers -----------------------------------------------------
# 13 to 19 digits, together or in groups split by one kind of separator (space or dash).
# A candidate counts only when its digits pass the Luhn check that every card number
# passes, it starts as the card networks' numbers do (2-6), and its groups are a card's
# (fours, or Amex's and Diners' 4-6-5 and 4-6-4) — and not a run of years ("2021 2022 ...").
_CARD = re.compile(r"(?<![\w.,/+-])\d(?:[ -]?\d){12,18}(?![\w/-]|[.,]\d)")
_CARD_GROUPS = ((4, 6, 5), (4, 6, 4))


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _looks_like_card(raw: str) -> bool:
    digits = re.sub(r"[ -]", "", raw)
    if digits[0] not in "23456" or not _luhn_ok(digits):
        return False
    separators = set(re.sub(r"\d", "", raw))
    if not separators:
        return True
    if len(separators) > 1:
        return False
    groups = raw.split(separators.pop())
    if all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
        return False  # a run of years
    sizes = tuple(len(g) for g in groups)
    return sizes in _CARD_GROUPS or (all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4)


def _cards(text: str, counts: Counter) -> str:
    def repl(m: re.Match) -> str:
        if not _looks_like_card(m.group(0)):
            return m.group(0)
        counts["card"] += 1
        return PLACEHOLDERS["card"]

    return _CARD.sub(repl, text)


# --- dates of birth, after cue words --------------------------------------------
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\d{4}-\d{1,2}-\d{1,2}\b"
    rf"|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH}(?:,?[ \t]+\d{{4}}\b)?"
    rf"|{_MONTH}[ \t]+{_DAY}(?:,?[ \t]+\d{{4}})?\b)"
)
_YEAR = r"(?:19|20)\d{2}\b"
# "DOB", "date of birth", "Born:" name the field, so a year alone is enough; after a bare
# "born" only a full date counts ("born in 2010" may be said of a company).
_DOB = re.compile(
    r"(?i)(?P<cue>\b(?:d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthday|year[ \t]+of[ \t]+birth|born[ \t]*:)"
    rf"[ \t]*[:-]?[ \t]*)(?:{_FULL_DATE}|{_YEAR})"
    rf"|(?P<cue2>\bborn[ \t]+(?:on[ \t]+)?){_FULL_DATE}"
)


def _dates_of_birth(text: str, counts: Counter) -> str:
    def repl(m: re.Match) -> str:
        counts["dob"] += 1
        return (m.group("cue") or m.group("cue2")) + PLACEHOLDERS["dob"]

    return _DOB.sub(repl, text)


# --- postal addresses -----------------------------------------------------------
# A UK postcode, written as people write it (with its space): "SW1A 1AA", "M1 1AE". The
# letters the Royal Mail never uses in each place are left out, so "Q3 4PM" is no postcode.
_UK_POSTCODE = r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) \d[ABD-HJLNP-UW-Z]{2}"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
    "NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
# A US ZIP code counts only after a state ("CA 94105"): five digits alone are too common.
_US_STATE_ZIP = rf"(?:{_US_STATES})[ \t]+\d{{5}}(?:-\d{{4}})?"
_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Way|Place|Terrace|Crescent|Square|"
    r"Parkway|Highway|Court|Gardens|Grove|Row|Mews|Walk|Hill|Loop"
)
# A house number, one to four capitalised words and a street type ("221B Baker Street",
# "1600 Pennsylvania Avenue NW"), then on the same line any ", Town" parts, a flat or suite,
# and a postcode or state and ZIP — all of it one address.
_STREET_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Z]?,?[ \t]+(?:[A-Z][a-z'’]+[ \t]+){{1,4}}(?:{_STREET_TYPES})\b\.?"
    r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    r"(?:,?[ \t]*(?:Suite|Ste\.?|Apt\.?|Unit|Flat|Floor)[ \t]+\w{1,6})?"
    r"(?:,[ \t]*[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){0,2}){0,3}"
    rf"(?:,?[ \t]+(?:{_UK_POSTCODE}|{_US_STATE_ZIP}|\d{{5}}(?:-\d{{4}})?)\b)?"
)
_POSTCODE_OR_ZIP = re.compile(rf"\b(?:{_UK_POSTCODE}|{_US_STATE_ZIP})\b")
# After "Address:" at the start of a line the rest of the line is the address, if it has a
# digit in it (a house number or a postcode): "Address: the backlog" is a heading, not a place.
_ADDRESS_FIELD = re.compile(
    r"(?im)(?P<cue>^[ \t]*(?:(?:home|postal|mailing|street|office)[ \t]+)?address[ \t]*:[ \t]*)"
    r"(?=[^\n\d]{0,200}\d)[^\s\[][^\n]{0,200}"
)


# --- ID numbers ---------------------------------------------------------------
_ID_PATTERNS = [
    # IBAN: GB29 NWBK 6016 1331 9268 19
    re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"),
    # UK National Insurance number: QQ 12 34 56 C
    re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"),
    # US Social Security number: 123-45-6789
    re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    # A value after an ID cue: "Employee ID: E-204518", "Passport no. 123456789", "Ref #AB-9981"
    re.compile(
        r"(?P<cue>\b(?:id|no|number|ref|reference|passport|ssn|nin)\.?[ \t]*[:#]?[ \t]*)"
        r"(?=[A-Z0-9/-]*\d{3})[A-Z0-9][A-Z0-9/-]{3,}\b",
        re.I,
    ),
    # Letters then five or more digits: EMP004521, AB-1234567
    re.compile(r"\b[A-Z]{1,4}-?\d{5,}\b"),
]
_LONG_NUMBER = re.compile(r"(?<![\w£$€¥.,])\d{8,}(?![\w,])")

# --- phone numbers ------------------------------------------------------------
_PHONE = re.compile(
    r"(?<![\w£$€¥.,/+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,6}){0,4}(?![\w/%]|[.,]\d)"
)


# Any number after a phone cue, however short: "Tel: 555 0100", "mobile 0123 456".
_CUED_PHONE = re.compile(
    r"(?P<cue>\b(?i:phone|tel|telephone|mobile|cell|whatsapp|fax)\.?[ \t]*(?:(?i:no|number)\.?)?[ \t]*:?[ \t]*)"
    r"\+?[\d(][\d ().-]{4,}\d"
)


def _phones(text: str, counts: Counter) -> str:
    def repl(m: re.Match) -> str:
        raw = m.group(0)
        digits = sum(c.isdigit() for c in raw)
        leading = raw.lstrip()[:1]
        looks_like_phone = 9 <= digits <= 15 and (leading in "+(0" or digits >= 10)
        if not looks_like_phone:
            return raw
        counts["phone"] += 1
        return PLACEHOLDERS["phone"]

    return _PHONE.sub(repl, text)


# --- names after cue words ----------------------------------------------------
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_WORD = (
    rf"(?:[{_UPPER}](?:[{_LOWER}]+|['’][{_UPPER}][{_LOWER}]+)(?:[{_UPPER}][{_LOWER}]+)*"
    rf"(?:[-'’][{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]\.)"
)
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|la|le|bin|al)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{0,3}}"
_TITLE = r"(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?[ \t]+)?"
_PARTICLE_RE = re.compile(_PARTICLE)
_COLON_CUES = (
    r"contact(?:[ \t]+person)?|name|full[ \t]+name|(?:hiring|line|reporting|direct)?[ \t]*manager|recruiter|"
    r"supervisor|mentor|buddy|prepared[ \t]+by|written[ \t]+by|approved[ \t]+by|author|hiring[ \t]+lead"
)
_VERB_CUES = (
    r"contact|ask[ \t]+for|reach[ \t]+out[ \t]+to|speak[ \t]+(?:to|with)|talk[ \t]+to|write[ \t]+to|e-?mail|call"
)
# Cue words match in any case; the name itself must be capitalised.
_NAME_AFTER_CUE = re.compile(
    rf"(?P<cue>\b(?i:(?:{_COLON_CUES})[ \t]*:[ \t]*|(?:{_VERB_CUES})[ \t]+){_TITLE})(?P<name>{_NAME})"
)
_JOINED_NAME = re.compile(rf"(?P<cue>\[name\][ \t]+(?:or|and|&)[ \t]+{_TITLE})(?P<name>{_NAME})")
# After "Name:" at the start of a line anything up to punctuation is a name, capitalised or not.
_NAME_FIELD = re.compile(
    r"(?im)(?P<cue>^[ \t]*(?:full[ \t]+)?name[ \t]*:[ \t]*)(?![ \t]*\[name\])[^\W\d_][^\n,;:()<>\[\]]{0,60}"
)
# Capitalised words that start a title, a team or a pronoun, not a person's name.
_NOT_A_NAME = frozenset(
    [
        "head",
        "director",
        "chief",
        "vp",
        "vice",
        "president",
        "lead",
        "leader",
        "manager",
        "officer",
        "team",
        "support",
        "the",
        "our",
        "your",
        "their",
        "engineering",
        "product",
        "sales",
        "marketing",
        "finance",
        "people",
        "human",
        "hr",
        "operations",
        "ops",
        "it",
        "security",
        "legal",
        "customer",
        "customers",
        "service",
        "services",
        "recruitment",
        "recruiting",
        "talent",
        "admin",
        "administrator",
        "administration",
        "board",
        "committee",
        "department",
        "group",
        "office",
        "desk",
        "senior",
        "junior",
        "principal",
        "staff",
        "coordinator",
        "us",
        "me",
        "them",
        "him",
        "her",
        "sir",
        "madam",
        "tbc",
        "tbd",
        "none",
        "hiring",
        "any",
        "all",
        "a",
        "an",
        "this",
        "that",
        "who",
        "whoever",
        "someone",
        "anyone",
        "platform",
        "data",
        "design",
        "research",
        "payroll",
        "helpdesk",
        "reception",
        "careers",
        "jobs",
        "info",
        "enquiries",
        "inquiries",
    ]
)


def _names(text: str, counts: Counter) -> str:
    def cued(m: re.Match) -> str:
        words = list(re.finditer(r"\S+", m.group("name")))
        if words[0].group(0).lower().rstrip(".") in _NOT_A_NAME:
            return m.group(0)
        # Stop before a title word ("Priya Shah Head of Talent") and a trailing particle.
        kept = words
        for i, w in enumerate(words):
            if w.group(0).lower() in _NOT_A_NAME:
                kept = words[:i]
                break
        while kept and _PARTICLE_RE.fullmatch(kept[-1].group(0)):
            kept = kept[:-1]
        counts["name"] += 1
        return m.group("cue") + PLACEHOLDERS["name"] + m.group("name")[kept[-1].end() :]

    def field(m: re.Match) -> str:
        value = m.group(0)[len(m.group("cue")) :]
        first = value.split()[0].lower().rstrip(".") if value.split() else ""
        if first in _NOT_A_NAME:
            return m.group(0)
        counts["name"] += 1
        return m.group("cue") + PLACEHOLDERS["name"] + value[len(value.rstrip()) :]

    def joined(m: re.Match) -> str:
        if m.group("name").split()[0].lower() in _NOT_A_NAME:
            return m.group(0)
        counts["name"] += 1
        return m.group("cue") + PLACEHOLDERS["name"]

    text = _NAME_AFTER_CUE.sub(cued, text)
    text = _NAME_FIELD.sub(field, text)
    # "Contact: Jane Doe or Sam Lee": the second name shares the cue.
    before = None
    while before != text:
        before, text = text, _JOINED_NAME.sub(joined, text)
    return text


def _sub(pattern: re.Pattern, kind: str, text: str, counts: Counter) -> str:
    """Replace every match by the placeholder, keeping a named `cue` group if any."""
    keep_cue = "cue" in pattern.groupindex

    def repl(m: re.Match) -> str:
        return (m.group("cue") if keep_cue else "") + PLACEHOLDERS[kind]

    text, n = pattern.subn(repl, text)
    counts[kind] += n
    return text


def redact(text: str) -> Redaction:
    """Replace personal details by placeholders and count them.

    Personal URLs go first (they can hold e-mails and digits), then e-mails;
    card numbers, dates of birth and addresses before the ID and phone
    patterns, which would otherwise take their digits; names last.
    """
    counts: Counter = Counter()
    text = _urls(text, counts)
    text = _sub(_EMAIL, "email", text, counts)
    text = _cards(text, counts)
    text = _dates_of_birth(text, counts)
    text = _sub(_STREET_ADDRESS, "address", text, counts)
    text = _sub(_ADDRESS_FIELD, "address", text, counts)
    text = _sub(_POSTCODE_OR_ZIP, "address", text, counts)
    for pattern in _ID_PATTERNS:
        text = _sub(pattern, "id", text, counts)
    text = _sub(_CUED_PHONE, "phone", text, counts)
    text = _phones(text, counts)
    text = _sub(_LONG_NUMBER, "id", text, counts)
    text = _names(text, counts)
    order = list(PLACEHOLDERS)
    return Redaction(text=text, counts={k: counts[k] for k in order if counts[k]})
