"""Fixes written for this role: its own title, its holder's voice, its domain words, and where they go.

A rule's fix is one example for every role ("You review progress with the
COO every quarter"). A manager acts faster on a sentence that already names
their role ("As Customer Success Manager you review …") and the area it
works in, with only the parts nobody but them can know left as
`[placeholders]`. This module writes that sentence from the text alone and
finds where it belongs: at the end of the section whose heading matches the
element ("What success looks like" for accountability), else at the end of
the text. Pure: no I/O, the same text always gives the same sentence.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter

from coach.engine.text import parse
from coach.grades import LINE_OF_SIGHT

PLACEHOLDER = re.compile(r"\[[^\[\]]+\]")
"""A part of a suggested sentence the manager fills in, like `[the limit]`."""

# The sentence per target, in the second person ("As X you …") and the third ("The X …").
# {lead} is "As Customer Success Manager you" or "The Customer Success Manager";
# {domain} the text's own area of work, or a placeholder when none stands out.
_SENTENCES: dict[str, tuple[str, str]] = {
    "purpose": (
        "{lead} own {domain}: [what is different when it is done well, e.g. every … within …].",
        "{lead} owns {domain}: [what is different when it is done well, e.g. every … within …].",
    ),
    "discretion": (
        "{lead} decide [which decisions] for {domain} on your own, up to [the limit];"
        " beyond that you agree it with [whom].",
        "{lead} decides [which decisions] for {domain} on their own, up to [the limit];"
        " beyond that they agree it with [whom].",
    ),
    "resources": (
        "{lead} have [a budget, people or tools] for {domain}, and about [hours] a week to spend on it.",
        "{lead} has [a budget, people or tools] for {domain}, and about [hours] a week to spend on it.",
    ),
    "accountability": (
        "{lead} review progress on {domain} against [a measure with a number] with [whom] every [month or quarter].",
        "{lead} reviews progress on {domain} against [a measure with a number] with [whom] every [month or quarter].",
    ),
    LINE_OF_SIGHT: (
        "{lead_possessive} work on {domain} serves our [organisation goal or priority] by [how it contributes].",
        "{lead_possessive} work on {domain} serves our [organisation goal or priority] by [how it contributes].",
    ),
}

# Words in a heading that say which element its section is about (lower case, matched as prefixes).
HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "purpose": ("purpose", "about the role", "the role", "role summary", "overview", "why this role", "mission"),
    "discretion": ("decision", "decide", "authority", "autonomy", "discretion", "scope", "what you own", "ownership"),
    "resources": ("resource", "support", "budget", "your team", "tools", "what you will have", "what you'll have"),
    "accountability": (
        "success",
        "measure",
        "accountab",
        "review",
        "reporting",
        "objectives",
        "kpi",
        "first 90 days",
        "goals",
    ),
    LINE_OF_SIGHT: ("why it matters", "strategy", "our mission", "impact", "why we", "about us"),
}

# Closing sections that are about the offer or the application, not the role.
_TRAILING = ("benefit", "perk", "what we offer", "how to apply", "apply", "salary", "compensation", "equal opportunit")

_TITLE_PREFIX = re.compile(r"^(?:job title|role title|title|role|position|job)\s*[:\-–]\s*", re.I)
_TITLE_IN_TEXT = re.compile(
    r"\b(?:as (?:a|an|the|our)|hiring (?:a|an)|looking for (?:a|an)|join us as (?:a|an)?)\s+"
    r"((?:[A-Z][\w&/-]*\s?){1,5})"
)
_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")
_YOU = re.compile(r"\byou(?:r|'ll| will)?\b", re.I)
_THIRD = re.compile(r"\b(?:the (?:role ?holder|post ?holder|holder|successful candidate)|they will|he or she)\b", re.I)
_HTMLISH = re.compile(r"<(?:p|div|h[1-6]|ul|li|br|body|html)\b", re.I)

# Words that say nothing about the area of work (they occur in every role description).
_STOP_WORDS = """
    about above after again also always among another because been before being below between both
    could does doing down during each every from further have having here into itself just more most
    much must only other over same should some such than that their them then there these they this
    those through under until very what when where which while whom will with within without would
    your yours you'll we'll ours ourselves role roles work working team teams company business
    responsible responsibilities responsibility ensure make help support including include across
    experience skills ability strong good great excellent years year month months week weeks day
    days time candidate candidates people person someone anyone things thing well able want need
    needs like manage managing manager lead leading leader key role's job jobs position duties duty
    tasks task new best high part full based using used use take takes join apply benefits salary
    pension holiday holidays office remote hybrid hours clear plan plans provide provides deliver
    delivering
"""
_STOP = frozenset(_STOP_WORDS.split())


def role_title(text: str, saved_title: str | None = None) -> str | None:
    """The role's title: the one it is saved under, else the text's first short line, else "as a X"."""
    if saved_title and saved_title.strip():
        return _clean_title(saved_title)
    for line in re.sub(r"(?i)</(?:h[1-6]|p|div|title)>|<br\s*/?>", "\n", text).splitlines():
        line = re.sub(r"<[^>]*>", " ", line)
        line = html.unescape(line).strip().strip("#*_=-").strip()
        if not line:
            continue
        line = _TITLE_PREFIX.sub("", line)
        words = line.split()
        if 1 <= len(words) <= 6 and not line.endswith((".", "!", "?", ":")) and line[0].isupper():
            return _clean_title(line)
        break
    m = _TITLE_IN_TEXT.search(text)
    return _clean_title(m.group(1)) if m else None


def _clean_title(title: str) -> str | None:
    title = re.split(r"\s+[|–—(]|\s-\s|,", title.strip(), maxsplit=1)[0].strip()
    title = re.sub(r"^(?:a|an|the|our)\s+", "", title, flags=re.I)
    return title[:60] or None


def second_person(text: str) -> bool:
    """Whether the text speaks to the holder ("you will …") rather than about them ("the holder …")."""
    return len(_YOU.findall(text)) >= len(_THIRD.findall(text))


def domain_phrase(text: str, title: str | None = None) -> str | None:
    """The text's own area of work: its commonest pair of content words (or word), seen at least twice.

    Words of the title are left out ("Customer Success Manager" owns *customer
    onboarding*, not *customer success*), and so are words every role uses.
    """
    skip = {w.lower() for w in _WORD.findall(title or "")}
    words = [w.lower() for w in _WORD.findall(re.sub(r"<[^>]*>|&\w+;", " ", text))]
    content = [w if len(w) >= 4 and w not in _STOP and w not in skip else "" for w in words]
    pairs = Counter(f"{a} {b}" for a, b in itertools.pairwise(content) if a and b and a != b)
    for pair, n in pairs.most_common(1):
        if n >= 2:
            return pair
    singles = Counter(w for w in content if w)
    for word, n in singles.most_common(1):
        if n >= 2:
            return word
    return None


def tailored_fix(target: str, text: str, title: str | None = None) -> str:
    """A sentence for `target` (an element or line_of_sight) written for this role, `[placeholders]` to fill.

    `title` is the title the contract is (or will be) saved under; without it
    the title is read from the text, and without that the sentence speaks to
    "you" or "the role holder" as the text does.
    """
    if target not in _SENTENCES:
        raise ValueError(f"no tailored fix for {target!r}; expected one of {', '.join(_SENTENCES)}")
    name = role_title(text, title)
    you = second_person(text)
    if you:
        lead = f"As {name} you" if name else "You"
        possessive = f"As {name}, your" if name else "Your"
    else:
        lead = f"The {name}" if name else "The role holder"
        possessive = f"The {name}'s" if name else "The role holder's"
    area = domain_phrase(text, name)
    domain = area if area else "[the area this role works in]"
    template = _SENTENCES[target][0 if you else 1]
    return template.format(lead=lead, lead_possessive=possessive, domain=domain)


def placeholders(sentence: str) -> list[str]:
    """The `[parts]` a manager still has to fill in, in order."""
    return PLACEHOLDER.findall(sentence)


def insert_position(text: str, target: str) -> tuple[int, str]:
    """Where a sentence for `target` goes: (offset, where in words, e.g. 'under “What success looks like”').

    Under the first heading whose words name the element, after the last
    line of that section. Else at the end of the text, but before a closing
    section about pay, benefits or applying, where a sentence about the role
    would read as (and be graded as) part of the offer.
    """
    words = HEADING_WORDS.get(target, ())
    units = parse(text).units
    title = (role_title(text) or "").lower()
    trailing = None
    for i, unit in enumerate(units):
        if unit.kind != "heading" or i == 0:  # the first heading is the role's title, not a section
            continue
        raw = text[unit.start : unit.end].strip(" #*:=-\n")
        heading = " ".join(raw.lower().split())
        if trailing is None and any(re.search(rf"\b{w}", heading) for w in _TRAILING):
            trailing = (len(text[: text.rfind("\n", 0, unit.start) + 1].rstrip()), raw)
        if heading == title or not any(re.search(rf"\b{re.escape(w)}", heading) for w in words):
            continue
        end = unit.end
        for later in units[i + 1 :]:
            if later.kind == "heading":
                break
            end = later.end
        return end, f"under “{' '.join(raw.split())}”"
    if trailing is not None and trailing[0] > 0:
        return trailing[0], f"before “{' '.join(trailing[1].split())}”"
    return len(text.rstrip()), "at the end of the text"


def insert_fix(text: str, sentence: str, target: str) -> tuple[str, int, int]:
    """`text` with `sentence` inserted where `insert_position` says: (new text, start, end of the sentence).

    In a list the sentence becomes a list item with the same marker; in HTML
    a paragraph, escaped; otherwise a paragraph of its own.
    """
    at, where = insert_position(text, target)
    line_start = text.rfind("\n", 0, at) + 1
    in_section = where.startswith("under")
    bullet = in_section and re.match(r"[ \t]*(?:[-*•+]|\d+[.)])[ \t]+", text[line_start:at])
    if _HTMLISH.search(text):
        block = f"<p>{html.escape(sentence, quote=False)}</p>"
        before, after = "\n", ""
    elif bullet:
        marker = bullet.group(0)
        if re.match(r"[ \t]*\d", marker):
            marker = re.sub(r"\d+", str(int(re.search(r"\d+", marker).group()) + 1), marker, count=1)  # type: ignore[union-attr]
        block, before, after = marker + sentence, "\n", ""
    else:
        block, before, after = sentence, ("\n\n" if text[:at].strip() else ""), ""
    rest = text[at:]
    if rest and not rest.startswith("\n"):
        after = "\n\n"
    new = text[:at] + before + block + after + rest
    start = at + len(before)
    return new, start, start + len(block)
