"""Reminders without accounts: the learner's next reviews as an iCalendar file (pure).

One all-day event for each day that has reviews due, naming the ideas and linking
back to the review page. The file is made in the learner's kernel and saved by their
own browser; nothing is sent anywhere, and no account is needed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from widgets.core.later_check import LaterAsk
from widgets.core.review_schedule import IdeaCard
from widgets.core.words import plural

FILENAME = "ketamine-course-reviews.ics"


def reminders_ics(
    cards: list[IdeaCard],
    asks: list[LaterAsk],
    today: date,
    review_url: str,
    course_id: str,
    course_title: str,
) -> bytes:
    """The calendar of every day from today on with ideas or later checks due (one
    overdue counts as due today)."""
    import icalendar  # here, not at the top: only a learner who asks pays for it

    by_day: dict[date, list[str]] = defaultdict(list)
    for card in cards:
        by_day[max(card.due, today)].append(card.idea.title)
    for ask in asks:
        by_day[max(ask.day, today)].append(f"a later check ({ask.check.label.lower()})")
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{course_id}//reviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{course_title}: reviews")
    for day, titles in sorted(by_day.items()):
        event = icalendar.Event()
        event.add("summary", f"{course_title}: {plural(len(titles), 'review')} due")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", datetime.combine(today, time(12), tzinfo=UTC))
        event.add("uid", f"{course_id}-reviews-{day.isoformat()}")
        lines = [f"Ideas to review: {'; '.join(titles)}."]
        lines += [f"Open your reviews: {review_url}"] if review_url else []
        event.add("description", "\n".join(lines))
        if review_url:
            event.add("url", review_url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
