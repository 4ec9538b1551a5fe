"""The street team's shared device in a real browser with JavaScript off: an assisted session from
the team's link to "Done", and afterwards nothing of the person in the browser's profile on disk
(cookies, history, form autofill). A control runs the same journey as a person on their own
device, whose profile does keep the language, so the look into the profile can find what is there."""

import sqlite3
from urllib.parse import parse_qs, urlsplit

from browser import By, click_and_wait, complete_questionnaire, javascript_is_off, make_driver, text
from test_accessibility import CRISIS_PROFILE, check_page
from test_partners import register

NOTE = "Jeg sover hos min søster i Valby"
ASSISTED = {"start": "/assisted?partner=gadeteam", "start_button": "form[action='/assisted/start'] button.primary"}
NEUTRAL_PATHS = {"/", "/assisted", "/assisted/ended", "/questionnaire", "/questionnaire/check", "/questionnaire/receipt"} | {
    f"/questionnaire/{step}" for step in range(1, 20)}


def profile_rows(profile, database, query):
    """Rows of one of the browser profile's own SQLite files, read after the browser has quit."""
    path = profile / "Default" / database
    assert path.exists(), f"Chromium wrote no {database} in {profile}"
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def walk(server, profile, **start):
    """The crisis persona's journey with a note, in English on a Danish device; the code, and the
    cookies that would outlive the browser session, seen on the way."""
    driver = make_driver(javascript=False, language="da", profile=profile)
    lasting = set()

    def on_page(name):
        lasting.update(cookie["name"] for cookie in driver.get_cookies() if "expiry" in cookie)

    try:
        assert javascript_is_off(driver)
        seen = complete_questionnaire(driver, server.base, "en", CRISIS_PROFILE, on_page, note=NOTE, **start)
        on_page("receipt")
        assert seen["crisis"]
        return driver, seen["token"], lasting
    except BaseException:
        driver.quit()
        raise


def test_the_street_teams_device_keeps_nothing_of_the_person(server, tmp_path):
    register(server, "gadeteam")
    profile = tmp_path / "assisted"
    driver, token, lasting = walk(server, profile, **ASSISTED)
    try:
        assert not lasting, f"cookies that outlive the session: {lasting}"
        assert text("assisted.handBack", "en") in driver.page_source
        assert not driver.find_elements(By.CSS_SELECTOR, "a[href$='code.txt'], a[href$='/receipt/print']")
        case = sqlite3.connect(server.data_dir / "indgang.sqlite").execute("SELECT channel, partner FROM intakeCase").fetchone()
        assert case == ("street", "gadeteam")
        # "Done": a neutral page in the device's own language, and no cookie left.
        click_and_wait(driver, "main form[action='/assisted/end'] button")
        assert driver.find_element(By.TAG_NAME, "h1").text == text("assistedEnded.title", "da")
        assert driver.get_cookies() == []
        # Back shows no code any more, and sets no cookie.
        driver.back()
        assert token not in driver.page_source
        assert driver.get_cookies() == []
    finally:
        driver.quit()

    history = [(url, title) for url, title in profile_rows(profile, "History", "SELECT url, title FROM urls")
               if url.startswith(server.base)]
    assert len(history) > 10, history
    for url, title in history:
        parts = urlsplit(url)
        assert parts.path in NEUTRAL_PATHS, f"a history entry that says more than a step: {url}"
        assert set(parse_qs(parts.query)) <= {"lang", "partner"}, url
        for secret in (token, NOTE, "alone", "alene"):
            assert secret not in url and secret not in title, f"{secret!r} in the history: {url} {title}"
    assert profile_rows(profile, "Web Data", "SELECT name, value FROM autofill") == []
    assert profile_rows(profile, "Cookies", "SELECT host_key, name FROM cookies") == []


def test_on_ones_own_device_the_profile_keeps_the_language(server, tmp_path):
    # The control: the same look into the profile finds the language cookie of a year.
    profile = tmp_path / "own"
    driver, token, lasting = walk(server, profile)
    driver.quit()
    assert "indgang_lang" in lasting
    names = {name for _, name in profile_rows(profile, "Cookies", "SELECT host_key, name FROM cookies")}
    assert "indgang_lang" in names


def test_the_assisted_pages_are_accessible(server):
    driver = make_driver(javascript=True)
    problems = []

    def on_page(name):
        if name in ("start", "step-01", "check"):
            check_page(driver, f"{language}-assisted-{name}", problems)

    try:
        for language in ("da", "en"):
            driver.delete_all_cookies()
            complete_questionnaire(driver, server.base, language, CRISIS_PROFILE, on_page, **ASSISTED)
            check_page(driver, f"{language}-assisted-receipt", problems)
            click_and_wait(driver, "main form[action='/assisted/end'] button")
            check_page(driver, f"{language}-assisted-ended", problems)
    finally:
        driver.quit()
    assert not problems, "\n".join(problems)
