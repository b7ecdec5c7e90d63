"""Redaction: what must leave the text before it is sent to a model, and what must stay.

Two tables. REMOVED: each personal detail is replaced by its placeholder
and the detail itself is gone. KEPT: the words the coaching depends on —
titles, teams, amounts, dates, years, percentages, standards, organisation
URLs — come through untouched, including the near misses of the card,
address and date-of-birth patterns.
"""

from __future__ import annotations

import time

import pytest

from coach.llm.redact import redact

# (text, the detail that must be gone, the placeholder that must appear)
REMOVED = [
    ("Contact Jane Doe at jane.doe@example.com.", "jane.doe@example.com", "[email]"),
    ("Contact Jane Doe at jane.doe@example.com.", "Jane Doe", "Contact [name]"),
    ("Questions? careers+ops@acme.co.uk", "careers+ops@acme.co.uk", "[email]"),
    ("Name: Priya Shah", "Priya Shah", "Name: [name]"),
    ("name: jane doe", "jane doe", "name: [name]"),
    ("Manager: Tomás O'Neil-Smith", "O'Neil-Smith", "Manager: [name]"),
    ("Hiring manager: Dr. Ana María López", "López", "Dr. [name]"),
    ("Contact person: Ian de la Cruz.", "Cruz", "[name]."),
    ("Contact: Sam Lee or Kim Park", "Kim Park", "[name] or [name]"),
    ("Contact: Priya Shah, Head of Talent", "Priya", "[name], Head of Talent"),
    ("Please email Jane Smith about the budget.", "Jane Smith", "email [name] about"),
    ("Reach out to Li Wei with questions.", "Li Wei", "to [name] with"),
    ("Call +44 20 7946 0958 to talk.", "7946", "[phone]"),
    ("Phone (555) 123-4567.", "123-4567", "[phone]"),
    ("or 555-123-4567", "555-123-4567", "[phone]"),
    ("Mobile: 07700 900123", "900123", "[phone]"),
    ("Tel: 555 0100", "0100", "[phone]"),
    ("https://www.linkedin.com/in/jane-doe/", "jane-doe", "[url]"),
    ("See github.com/janedoe? No: https://github.com/janedoe.", "https://github.com/janedoe", "[url]."),
    ("Her page: https://acme.com/people/jane-doe", "jane-doe", "[url]"),
    ("Old homepage https://uni.example.edu/~jdoe/cv", "~jdoe", "[url]"),
    ("Book a call: https://calendly.com/jdoe/30min", "jdoe", "[url]"),
    ("Employee ID: E-204518", "204518", "Employee ID: [id]"),
    ("Staff number 00451234", "00451234", "Staff number [id]"),
    ("SSN 123-45-6789", "6789", "[id]"),
    ("NI: QQ 12 34 56 C", "QQ 12", "[id]"),
    ("IBAN GB29 NWBK 6016 1331 9268 19", "NWBK", "[id]"),
    ("Requisition EMP-004521 is open.", "004521", "[id]"),
    # Card numbers: they pass the Luhn check, together or in groups split by spaces or dashes.
    ("Corporate card: 4111 1111 1111 1111", "1111", "card: [card]"),
    ("Card 5555-5555-5555-4444 for travel", "4444", "Card [card] for"),
    ("Amex 3782 822463 10005.", "822463", "Amex [card]."),
    ("Paid with 4012888888881881", "4012888888881881", "with [card]"),
    # Postal addresses: a house number and a street type, a postcode, a state and ZIP, an Address: field.
    ("Office: 221B Baker Street, London NW1 6XE", "Baker", "Office: [address]"),
    ("Send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500.", "Pennsylvania", "to [address]."),
    ("Visit 1 Main Street, Springfield, IL 62701 on Monday", "62701", "Visit [address] on Monday"),
    ("We are at 42 Station Road, Flat 3", "Station Road", "at [address]"),
    ("Postcode: SW1A 1AA", "SW1A", "Postcode: [address]"),
    ("Apple, 1 Infinite Loop, Cupertino, CA 95014", "Cupertino", "Apple, [address]"),
    ("Address: Harbour House, Bristol BS1 4ST", "Harbour", "Address: [address]"),
    ("Home address: Flat 2, Quay Side, Leeds", "Quay", "Home address: [address]"),
    # Dates of birth: a date (or, after a field name, a year) after a cue.
    ("DOB: 12/03/1985", "1985", "DOB: [date of birth]"),
    ("D.O.B. 1985-03-12", "1985", "D.O.B. [date of birth]"),
    ("Date of birth: 12 March 1985", "March", "Date of birth: [date of birth]"),
    ("date of birth 3rd of May 1990", "May", "birth [date of birth]"),
    ("She was born on March 12, 1985 in Leeds.", "1985", "born on [date of birth] in Leeds."),
    ("Born: 1985", "1985", "Born: [date of birth]"),
    ("Year of birth: 1979", "1979", "birth: [date of birth]"),
]

KEPT = [
    "Reports to: Head of Engineering",
    "Manager: Head of Platform",
    "The Release Team Lead has final say on which enhancements enter the release.",
    "You can approve spend up to £5,000 and have a budget of $40k for tooling.",
    "Revenue target $1,200,000 in 2025; 20% of your time; about 10 hours a week.",
    "Milestones: 2024-01-15, Q3 2025, 9.00-17.30 on weekdays.",
    "We are ISO 27001 certified and ship v1.32.0 in June.",
    "Contact our support team, or contact Support for access.",
    "Read https://kubernetes.io/releases/ and https://github.com/ for context.",
    "A team of 6 engineers and 2 designers reports to you.",
    "No. of direct reports: 6",
    "Email HR with any questions.",
    # Nothing here is a card number, an address or a date of birth.
    "The salary is £45,000 to £52,000, reviewed in 2024.",
    "Deliver 2021 2022 2023 2024 targets.",
    "Order 4111 1111 1111 1112 failed the check.",
    "Batch 1234 5678 9012 3456 is archived.",
    "We are ISO 27001 and SOC 2 certified; the stand-up is at Q3 4PM.",
    "Our office is on Baker Street, near the station.",
    "Grow the Road Safety team from 3 to 8 people.",
    "Own 3 Product Roadmaps and 2 Platform releases a quarter.",
    "Address: the backlog of support tickets first.",
    "Born from a merger in 2015, the team was born in 2010 as a start-up.",
    "You are a born leader; the date of birth of the product is unknown.",
    "Reach 94105 customers in CA by June.",
    "Deadline 12/03/2025 for the first review.",
]


@pytest.mark.parametrize(("text", "gone", "placeholder"), REMOVED)
def test_personal_details_are_replaced(text, gone, placeholder):
    result = redact(text).text
    assert gone not in result, result
    assert placeholder in result, result


@pytest.mark.parametrize("text", KEPT)
def test_what_the_coaching_needs_stays(text):
    result = redact(text)
    assert result.text == text
    assert result.total == 0


def test_the_counts_say_what_was_removed():
    result = redact("Contact Jane Doe at jane.doe@example.com or +44 20 7946 0958. Employee ID: E-204518.")
    assert result.counts == {"email": 1, "id": 1, "phone": 1, "name": 1}
    assert result.summary() == "removed 1 e-mail address, 1 ID number, 1 phone number, 1 name"


def test_the_summary_counts_the_new_kinds_in_words():
    result = redact(
        "DOB: 01/02/1980. Born: 1981. Card 4111 1111 1111 1111. Address: 10 Elm Road, Leeds LS1 4AP. Postcode SW1A 1AA."
    )
    assert result.counts == {"card": 1, "address": 2, "dob": 2}
    assert result.summary() == "removed 1 card number, 2 postal addresses, 2 dates of birth"


def test_a_whole_contact_block():
    text = (
        "## Apply\n"
        "Hiring manager: Maria Garcia (maria.garcia@acme.io, +1 415 555 0132)\n"
        "Recruiter: Tom Becker\n"
        "Profile: https://www.linkedin.com/in/tbecker\n"
        "Reference ID: REQ-88231\n"
    )
    result = redact(text).text
    for detail in ("Maria", "Garcia", "acme.io", "415", "Tom", "Becker", "tbecker", "88231"):
        assert detail not in result
    assert result.startswith("## Apply\nHiring manager: [name] ([email], [phone])\nRecruiter: [name]\n")


@pytest.mark.parametrize(
    "text",
    [
        "Contact Jane Doe at jane.doe@example.com.",
        "DOB: 12/03/1985, card 4111 1111 1111 1111, Address: 10 Elm Road, Leeds LS1 4AP",
    ],
)
def test_redaction_is_idempotent(text):
    once = redact(text).text
    assert redact(once).text == once
    assert redact(once).total == 0


# Text from outside may be as large as the input limit (1 MB). The first of these once made the
# e-mail pattern rescan the rest of the text from every position: 0.9 s at 20 KB, growing as the
# square (about an hour at 1 MB). Linear patterns take a second or two; the bound is generous.
HOSTILE = {
    "letters and digits with no @ (a base64 image)": "iVBORw0KGgo" * 90_000,
    "dots": "a." * 500_000,
    "at signs": "a@" * 500_000,
    "digits": "1" * 1_000_000,
    "digit groups": "12 " * 333_333,
    "capitalised words after a cue": "Contact: " + "Ab " * 333_333,
    "a contact block, repeated": "Contact: Jane Doe, jane@x.com, +44 20 7946 0958. " * 20_000,
    "digit groups like a card's": "4111 " * 200_000,
    "house numbers and capitalised words": "12 Elm Oak Ash Elm " * 55_000,
    "date cues": "DOB: 12 " * 125_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_megabyte_of_hostile_text_is_redacted_in_linear_time(text):
    started = time.perf_counter()
    redact(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 10.0, f"took {elapsed:.2f} s on {len(text):,} characters"
