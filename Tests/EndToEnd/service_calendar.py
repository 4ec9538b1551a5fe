"""Dates for the end-to-end tests, counted as the service counts them: days in Europe/Copenhagen,
derived from today, so no test holds a date that drifts into the past. Times are put at least a
week ahead, so a test that runs across midnight still finds them in the future."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SERVICE_ZONE = ZoneInfo("Europe/Copenhagen")
DANISH_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
DANISH_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                 "november", "december")


def today() -> date:
    """Today in the service's time zone."""
    return datetime.now(SERVICE_ZONE).date()


def monday(weeks_ahead: int = 1) -> date:
    """The Monday of the week `weeks_ahead` weeks after this one."""
    now = today()
    return now - timedelta(days=now.weekday()) + timedelta(weeks=weeks_ahead)


def danish_time(day: date, time: str) -> str:
    """A slot's start as the Danish case page writes it: "mandag d. 7. januar kl. 10.00"."""
    return f"{DANISH_WEEKDAYS[day.weekday()]} d. {day.day}. {DANISH_MONTHS[day.month - 1]} kl. {time.replace(':', '.')}"


def danish_week_title(day: date) -> str:
    """The week view's title: "Uge 2, 2030" (the ISO week and its year)."""
    year, week, _ = day.isocalendar()
    return f"Uge {week}, {year}"
