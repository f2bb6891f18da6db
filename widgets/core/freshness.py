"""Freshness: when a section's facts were checked, which claims are due a re-check,
and quiz wording that goes stale on a date.

Pure functions of the loaded course and an explicit `today`, so tests can move the
clock and `validate --today` can preview a date; nothing here imports ipywidgets.
Where a page's `today` comes from is `course_today`'s business, and only it reads
the environment it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from widgets.core.model import Claim, Course, Problem

# A date this close (or already past) makes quiz wording that leans on it go stale soon.
HORIZON = timedelta(days=365)
# In English whatever the server's locale, like the rest of the course.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# An ISO date (2027-01-05) a page is shown as of, instead of the real date: see course_today.
TODAY_VARIABLE = "KCOURSE_TODAY"


def course_today(environ: Mapping[str, str]) -> date:
    """The day a page is shown as of: `KCOURSE_TODAY` when set, else the real date.

    A live page (Voilà, JupyterLab) leaves it unset, so a claim past its review
    shows as under review the day it falls due. `build-notebooks` sets it for the
    kernels it runs and records the day in each notebook's metadata, and the
    notebook tests (strict nbval, the rebuild test) run each notebook as of its
    recorded day: the stored outputs stay reproducible, a date passing never
    turns CI red, and the next `make notebooks` shows what fell due.
    """
    value = environ.get(TODAY_VARIABLE, "")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={value!r} is not a date (YYYY-MM-DD)") from None


def month_start(text: str) -> date:
    """'2027-01' (a `checked` or `review_by` month) -> 1 January 2027."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def month_name(day: date) -> str:
    """1 November 2026 -> 'November 2026', the way pages name a month."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def is_due(claim: Claim, today: date) -> bool:
    """Due from the first day of its `review_by` month, not its last: a rule that
    ends on 31 December is worth re-checking on 1 January."""
    return month_start(claim.review_by) <= today


def due_claims(the_course: Course, today: date, file: str) -> list[Problem]:
    """Claims whose `review_by` month has begun (`is_due`), as problems located in claims.yaml."""
    return [
        Problem(
            file,
            f"claim {claim.id}",
            f"due for review (review_by {claim.review_by}): re-check "
            f"{', '.join(claim.references)}; sections {', '.join(claim.sections)}",
            claim.line,
        )
        for claim in the_course.claims
        if is_due(claim, today)
    ]


def facts_checked(the_course: Course, section_id: str) -> str:
    """The month a section's facts were last checked, e.g. 'November 2026'.

    The earliest `checked` among the references the page lists, not the latest:
    the page tells learners that every fact on it was checked in or after that
    month, and only the oldest check makes that true. This is what the header says
    while no claim on the page is due; `section_freshness` is what it says on a day.
    """
    return month_name(_earliest_checked(the_course, the_course.cited(section_id)))


def _earliest_checked(the_course: Course, reference_ids: Iterable[str]) -> date:
    return min(month_start(the_course.references[r]["checked"]) for r in reference_ids)


def claim_label(claim: Claim) -> str:
    """The claim in a few words for learners: its text up to the first colon or semicolon.

    Taken from the words the author already wrote first, so no second wording can drift
    from the claim ("Online prescribing of controlled drugs: the Ryan Haight Act, ...").
    """
    return label_of(claim.claim)


def label_of(claim_text: str) -> str:
    """A claim's text up to its first colon or semicolon (see `claim_label`)."""
    return re.split(r"[:;]", claim_text, maxsplit=1)[0].strip()


@dataclass(frozen=True)
class Freshness:
    """What a section header says about its facts on a day, as plain text.

    `checked`: the month the facts not under review were checked ('November 2026'), or
    None when every source on the page backs only claims under review.
    `under_review`: 'Under review since <month>: <claim_label>', one per claim due,
    the longest due first.
    """

    checked: str | None
    under_review: tuple[str, ...]


def section_freshness(the_course: Course, section_id: str, today: date) -> Freshness:
    """The header's "Facts checked" month and its "Under review" lines for `today`.

    A page's "Facts checked" month must not vouch for a claim whose review is due
    (FACTS.md): each due claim on the page (claims.yaml `sections`) is shown as under
    review since its `review_by` month, and the sources that back only due claims on
    this page leave the checked month, which then speaks for the other facts.
    """
    claims = [c for c in the_course.claims if section_id in c.sections]
    due = [c for c in claims if is_due(c, today)]
    current = {r for c in claims if c not in due for r in c.references}
    only_due = {r for c in due for r in c.references} - current
    sources = [r for r in the_course.cited(section_id) if r not in only_due]
    return Freshness(
        checked=month_name(_earliest_checked(the_course, sources)) if sources else None,
        under_review=tuple(
            f"Under review since {month_name(month_start(c.review_by))}: {claim_label(c)}"
            for c in sorted(due, key=lambda c: c.review_by)
        ),
    )


_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
# Words that make a statement true only up to a date ("through 31 December 2026").
_UNTIL = (
    r"until|till|through|thru|up\s+to|by|no\s+later\s+than|valid\s+(?:to|until|through)"
    r"|ends?|ending|runs?\s+out|lapses?"
)
_DATED = re.compile(
    rf"(?:\b(?P<until>{_UNTIL})\s+(?:on\s+|in\s+)?)?"
    r"(?<![\w-])(?:the\s+(?:end|start|beginning|middle)\s+of\s+|(?:early|mid|late)[\s-]+)?"
    rf"(?:(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{_MONTH})\.?\s+(?:(?P<day2>\d{{1,2}}),?\s+)?)?"
    r"(?P<year>(?:19|20)\d{2})(?:-(?P<mm>[01]\d)(?:-(?P<dd>[0-3]\d))?)?\b",
    re.IGNORECASE,
)
# Wording that depends on when it is read, with or without a date.
_ALWAYS = re.compile(r"\bexpir(?:e|es|ing|y|ation)\b|\b(?:this|next)\s+year\b", re.IGNORECASE)


def _soonest_day(match: re.Match[str]) -> date:
    """The earliest day a date phrase can mean: 'December 2026' -> 1 December 2026."""
    month = match["mm"] or _MONTHS.get((match["month"] or "jan")[:3].lower(), 1)
    day = match["dd"] or match["day"] or match["day2"] or 1
    return date(int(match["year"]), int(month), int(day))


def dated_wording(text: str, today: date) -> list[str]:
    """Phrases whose truth hangs on a date that is past or within HORIZON of today.

    "until/through/by <date>" counts when the date is past or near; any other date
    counts only in the near future ("in January 2027"), so a dated snapshot such
    as "as of early 2026" or a past event ("approved in 2019") does not.
    """
    found = [m[0] for m in _ALWAYS.finditer(text)]
    for match in _DATED.finditer(text):
        try:
            day = _soonest_day(match)
        except ValueError:  # not a real day, such as 31 February: not a date
            continue
        if day < today + HORIZON and (match["until"] or day >= today):
            found.append(match[0])
    return found


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def quiz_dated_wording(the_course: Course, today: date) -> list[Problem]:
    """Quiz text (prompt, option, feedback, hint, explanation…) that goes stale on a date.

    A quiz answer is marked right or wrong, so it must stay true whenever it is read.
    """
    return [
        Problem(
            f"quizzes/{section_id}.yaml",
            f"{kind} {item['id']}",
            f"depends on a date: {phrase!r} (say what was true when, not until when)",
        )
        for section_id, quiz in the_course.quizzes.items()
        for kind, items in (
            ("question", quiz.questions),
            ("exercise", quiz.exercises),
            ("reflection", quiz.reflections),
        )
        for item in items
        for text in _strings(item)
        for phrase in dated_wording(text, today)
    ]
