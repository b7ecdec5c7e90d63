"""The engine grades the four elements of a simple contract."""

import coach


def test_a_strong_sentence_specifies_purpose():
    report = coach.check("This role exists to make sure every new customer is live within 14 days.")
    assert report.grade("purpose").value == "specified"
    assert set(report.elements) == set(coach.ELEMENTS)
