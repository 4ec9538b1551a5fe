"""The staff console in headless Chromium with JavaScript on, against the real server: a
counsellor works a case that came in through the citizen form while the person (a second
browser, JavaScript off) reads, answers and books; axe checks every view; screenshots for
Docs/staff-console.md."""

import re
import time
import subprocess

import pytest

from browser import SCREENSHOTS, By, click_and_wait, complete_questionnaire, make_driver, open_case, run_axe
from conftest import totp
import service_calendar
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ANONYMOUS = {"drug.days.cocaine": 10, "drug.days.cannabis": 20, "drug.days_multiple": 8, "drug.days_problems": 5,
             "drug.troubled": 3, "drug.importance": 2, "bg.contact": "phone"}
PASSWORD = "a long and new password"
HOSTILE_MESSAGE = 'Ring på 20 30 40 50 <img src=x onerror="document.title=1">'
WIDTH = 1280


@pytest.fixture
def console():
    driver = make_driver(javascript=True, language="da", width=WIDTH, height=1000)
    yield driver
    driver.quit()


@pytest.fixture
def citizen():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


def example_with(contact: str) -> dict:
    """The example submission of Docs/examples, wishing for `contact`."""
    import json
    from conftest import EXAMPLE
    body = json.loads(EXAMPLE.read_text())
    body["answers"]["bg.contact"] = contact
    return body


def wait(driver, condition, seconds=15):
    # The console redraws parts of the page; an element found a moment ago may be replaced.
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def text(driver, selector):
    """The rendered text of the first element matching `selector` right now, or ""."""
    return driver.execute_script("return document.querySelector(arguments[0])?.innerText ?? ''", selector)


def button(driver, label):
    return wait(driver, lambda d: next((b for b in d.find_elements(By.XPATH, f"//button[normalize-space()='{label}']") if b.is_displayed()), None))


def heading(driver):
    return text(driver, "h1")


def log_in(driver, server, username):
    """Logs in from the console's login page with the password and a code from the app."""
    driver.get(server.staff_base + "/")
    wait(driver, lambda d: d.find_elements(By.NAME, "username"))
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.NAME, "code").send_keys(server.code(username))
    button(driver, "Log ind").click()
    try:
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "nav a[aria-current=page]"))
    except Exception as error:
        raise AssertionError(f"not logged in: {driver.find_element(By.TAG_NAME, 'body').text}") from error


def session_cookie(driver):
    """The console's session token: in an HttpOnly, SameSite=Strict cookie, not in the page's storage."""
    cookie = driver.get_cookie("indgang_staff")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict", cookie
    assert not driver.execute_script("return Object.keys(sessionStorage).filter((key) => key !== 'indgang.staff.loggedIn').concat(Object.keys(localStorage).filter((key) => key !== 'indgang.devices'))")
    assert cookie["value"] not in driver.execute_script("return document.cookie + JSON.stringify(sessionStorage) + JSON.stringify(localStorage)")
    return cookie["value"]


def log_out(driver):
    next(b for b in driver.find_elements(By.CSS_SELECTOR, ".who button") if b.text in ("Log ud", "Log out")).click()
    wait(driver, lambda d: d.find_elements(By.NAME, "username"))


def set_value(driver, element, value):
    """Sets a date or time field the way a person's picker would, whatever the browser's locale."""
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", element, value)


def flash(driver):
    return wait(driver, lambda d: next((e.text for e in d.find_elements(By.ID, "flash") if e.is_displayed() and e.text), None))


def shoot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, max(height + 120, 700))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(WIDTH, 1000)


def assert_accessible(driver, view):
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in run_axe(driver)
               if v["impact"] in ("serious", "critical")]
    assert not serious, f"{view}: {serious}"


def assert_columns_line_up(driver):
    """Every row of each table in the view has its cells under the column headings."""
    misplaced = driver.execute_script("""
        const problems = [];
        for (const table of document.querySelectorAll('main table')) {
          const headings = [...table.tHead.rows[0].cells].map((cell) => Math.round(cell.getBoundingClientRect().left));
          for (const row of table.querySelectorAll('tbody tr')) {
            if (row.cells.length === 1) continue;  // "nothing here" spans the table
            const lefts = [...row.cells].map((cell) => Math.round(cell.getBoundingClientRect().left));
            if (JSON.stringify(lefts) !== JSON.stringify(headings)) problems.push([table.caption?.textContent, lefts, headings]);
          }
        }
        return problems;
    """)
    assert not misplaced, misplaced


def assert_no_console_errors(driver):
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    # A refused request is shown to the person; the browser also logs the status line.
    errors = [message for message in errors if "the server responded with a status of" not in message]
    assert not errors, errors


def test_a_case_from_the_citizen_form_is_worked_through_in_the_console(server, console, citizen):
    subprocess.run([server.binary, "provider", "add", "anonym-roskilde", "--name", "Anonym Rådgivning Roskilde", "--anonymous",
                    "--outside-municipality", "--contact", "Algade 1, Roskilde", "--data-dir", str(server.data_dir)],
                   check=True, capture_output=True, timeout=60)
    token = complete_questionnaire(citizen, server.base, "da", ANONYMOUS)["token"]
    mette = server.add_staff("mette")
    server.add_staff("jonas")

    # The counsellor logs in and sees the case in the queue.
    console.get(server.staff_base + "/")
    wait(console, lambda d: d.find_elements(By.NAME, "username"))
    assert_accessible(console, "login")
    shoot(console, "staff-login")
    log_in(console, server, "mette")
    rows = wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a"))
    assert len(rows) == 1
    assert text(console, "p.count") == "1 sag"
    reference = rows[0].text
    assert "Anonym (§ 101a)" in console.find_element(By.CSS_SELECTOR, "table.queue").text
    assert_columns_line_up(console)
    assert_accessible(console, "queue")
    shoot(console, "staff-queue")

    # A counsellor without the admin role is not offered the admin views, nor shown one by address.
    assert not console.find_elements(By.CSS_SELECTOR, "nav a[href^='#/admin']")
    console.get(server.staff_base + "/#/admin/staff")
    wait(console, lambda d: d.current_url.endswith("#/queue") and d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr"))

    # The filters narrow the queue without a page load.
    Select(console.find_element(By.NAME, "track")).select_by_value("outreach")
    button(console, "Vis").click()
    wait(console, lambda d: "Ingen sager passer til filtrene." in text(d, "table.queue"))
    Select(console.find_element(By.NAME, "track")).select_by_value("")
    button(console, "Vis").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a"))

    # A refresh redraws the rows but leaves the announced count alone when it has not changed.
    console.execute_script("""
        window.mutations = {count: 0, rows: 0};
        new MutationObserver(() => window.mutations.count++).observe(document.querySelector('p.count'), {childList: true, subtree: true, characterData: true});
        new MutationObserver(() => window.mutations.rows++).observe(document.querySelector('table.queue tbody'), {childList: true});
    """)
    button(console, "Opdatér").click()
    wait(console, lambda d: d.execute_script("return window.mutations.rows") > 0)
    assert console.execute_script("return window.mutations.count") == 0

    # The person reads the token out on the phone; the counsellor finds the case with it.
    field = console.find_element(By.ID, "find-token")
    field.send_keys(token.lower().replace("-", " "))
    button(console, "Find").click()
    wait(console, lambda d: heading(d) == f"Sag {reference}")
    assert console.find_elements(By.CSS_SELECTOR, "svg.composite-chart line.threshold")
    main = console.find_element(By.TAG_NAME, "main").text
    assert "Forslag: Anonym (§ 101a)" in main and "Stoffer" in main

    # Claim, then write; only the holder's actions are offered afterwards.
    button(console, "Tag sagen").click()
    wait(console, lambda d: "Taget" in text(d, ".facts"))
    offered = {b.text for b in console.find_elements(By.CSS_SELECTOR, ".buttons button")}
    assert offered == {"Læg sagen tilbage i køen", "Giv sagen videre", "Afgør og henvis", "Luk sagen"}
    console.find_element(By.NAME, "body").send_keys("Hej, jeg hedder Mette. Vælg en tid, der passer dig.")
    button(console, "Send").click()
    wait(console, lambda d: "Hej, jeg hedder Mette." in text(d, ".conversation"))
    console.find_element(By.NAME, "body").send_keys("Ring hellere om formiddagen.")
    console.find_element(By.ID, "message-internal").click()
    button(console, "Send").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, ".message-internal"))
    # The person's own words lead the case: goal, wished contact (phone), anonymity, who answers.
    own = text(console, ".own-words")
    assert own.startswith("Personens egne ønsker")
    for words in ("Mål", "At stoppe", "Ønsket kontakt", "I telefonen", "Ja, jeg vil være anonym", "Mig selv", "Dansk"):
        assert words in own, (words, own)
    assert_accessible(console, "case")
    shoot(console, "staff-case")

    # Publish a time in the week view, on Monday next week.
    slot_day = service_calendar.monday()
    day_section = f"section[aria-labelledby=day-{slot_day}]"
    console.get(f"{server.staff_base}/#/slots/{slot_day}")
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "section.day"))
    form = console.find_element(By.CSS_SELECTOR, "form.slot-form")
    set_value(console, form.find_element(By.NAME, "date"), str(slot_day))
    set_value(console, form.find_element(By.NAME, "time"), "10:00")
    length = form.find_element(By.NAME, "length")
    length.clear()
    length.send_keys("30")
    Select(form.find_element(By.NAME, "mode")).select_by_value("phone")
    form.find_element(By.NAME, "place").send_keys("Ring 33 17 33 17")
    button(console, "Læg en tid ud").click()
    wait(console, lambda d: "10:00" in text(d, day_section))
    assert_accessible(console, "slots")
    shoot(console, "staff-slots")
    assert text(console, ".week-title") == service_calendar.danish_week_title(slot_day)

    # The week can be narrowed to one kind of contact; the choice stays while paging.
    filter_form = console.find_element(By.CSS_SELECTOR, "main form.filters")
    Select(filter_form.find_element(By.NAME, "mode")).select_by_value("video")
    filter_form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: "10:00" not in text(d, day_section))
    console.find_element(By.LINK_TEXT, "Næste uge →").click()
    wait(console, lambda d: text(d, ".week-title") == service_calendar.danish_week_title(service_calendar.monday(2)))
    console.find_element(By.LINK_TEXT, "← Forrige uge").click()
    wait(console, lambda d: text(d, ".week-title") == service_calendar.danish_week_title(slot_day)
         and d.find_elements(By.CSS_SELECTOR, "section.day"))
    assert Select(console.find_element(By.CSS_SELECTOR, "main form.filters select")).first_selected_option.get_attribute("value") == "video"
    assert "10:00" not in text(console, day_section)
    Select(console.find_element(By.CSS_SELECTOR, "main form.filters select")).select_by_value("phone")
    console.find_element(By.CSS_SELECTOR, "main form.filters button[type=submit]").click()
    wait(console, lambda d: "10:00" in text(d, day_section))

    # In the case, a time is offered to this person only: a centre time at 11:00.
    console.get(f"{server.staff_base}/#/case/{reference}")
    wait(console, lambda d: heading(d) == f"Sag {reference}")
    console.find_element(By.CSS_SELECTOR, "details.offer summary").click()
    offer = console.find_element(By.CSS_SELECTOR, "details.offer form")
    set_value(console, offer.find_element(By.NAME, "date"), str(slot_day))
    set_value(console, offer.find_element(By.NAME, "time"), "11:00")
    Select(offer.find_element(By.NAME, "mode")).select_by_value("centre")
    offer.find_element(By.NAME, "place").send_keys("Vesterbrogade 1")
    button(console, "Tilbyd tiden til personen").click()
    wait(console, lambda d: "Tider tilbudt til personen" in text(d, "main"))
    assert_accessible(console, "case with an offer")
    # Another person who also wished for the phone sees the week view's time, never the offer.
    _, _, other = server.request("POST", "/api/v1/submissions", example_with(contact="phone"))
    assert server.staff("POST", f"/staff/v1/cases/{other['caseReference']}/claim", token=mette)[0] == 200
    _, _, other_case = server.request("POST", "/api/v1/status", {"token": other["token"]})
    assert [slot["startsAt"][11:] for slot in other_case["openSlots"]] == ["10:00"]

    # The person reads the message (never the note) and books the time offered to them, without JavaScript.
    page = open_case(citizen, server.base, "da", token)
    assert "Hej, jeg hedder Mette." in page and "Ring hellere om formiddagen." not in page
    labels = citizen.find_elements(By.CSS_SELECTOR, "#times label")
    assert "tilbudt til dig" in labels[0].text and "11.00" in labels[0].text, [label.text for label in labels]
    labels[0].click()
    click_and_wait(citizen, "form[action='/case/book'] button")
    assert service_calendar.danish_time(slot_day, "11:00") in citizen.page_source

    # Another counsellor sees the case but is offered nothing to change in it.
    log_out(console)
    log_in(console, server, "jonas")
    console.get(f"{server.staff_base}/#/case/{reference}")
    wait(console, lambda d: heading(d) == f"Sag {reference}")
    assert not console.find_elements(By.CSS_SELECTOR, ".buttons button")
    assert not console.find_elements(By.NAME, "body")
    log_out(console)
    log_in(console, server, "mette")

    # The booking shows; a refused decision is a message at the field, not a crash.
    console.get(f"{server.staff_base}/#/case/{reference}")
    wait(console, lambda d: "Tid booket" in text(d, ".facts"))
    shown_day = console.execute_script(
        "return new Date(Date.UTC(...arguments)).toLocaleDateString('da-DK', {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'})",
        slot_day.year, slot_day.month - 1, slot_day.day)
    assert f"{shown_day} 11:00" in console.find_element(By.TAG_NAME, "main").text
    button(console, "Afgør og henvis").click()
    decide = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, ".action-form form"))
    Select(decide.find_element(By.NAME, "track")).select_by_value("ambulant")
    decide.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert flash(console)
    reason = decide.find_element(By.NAME, "reason")
    wait(console, lambda d: reason.get_attribute("aria-invalid") == "true")
    error = console.find_element(By.ID, reason.get_attribute("aria-describedby").split()[-1])
    assert error.text == "Skriv hvorfor sporet er et andet end forslaget.", error.text
    Select(decide.find_element(By.NAME, "track")).select_by_value("anonymous")
    Select(decide.find_element(By.NAME, "provider")).select_by_value("anonym-roskilde")
    set_value(console, decide.find_element(By.NAME, "plannedStart"), str(service_calendar.monday(2)))
    decide.find_element(By.NAME, "message").send_keys("Tag gerne en ven med.")
    # The message to the person is shown first, in their language; then the decision is sent with it.
    decide.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    letter = wait(console, lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, ".letter-preview .letter") if e.is_displayed()), None))
    assert letter.get_attribute("lang") == "da" and letter.text.startswith("Vi har nu besluttet")
    assert "Anonym Rådgivning Roskilde" in letter.text and "Tag gerne en ven med." in letter.text
    assert_accessible(console, "decision preview")
    shoot(console, "staff-decision-preview")
    assert decide.find_element(By.CSS_SELECTOR, "button[type=submit]").text == "Træf afgørelsen og send beskeden"
    sent = letter.text
    decide.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: "Afgjort" in text(d, ".facts"))
    button(console, "Luk sagen").click()
    close = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, ".action-form form"))
    close.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: "Lukket" in text(d, ".facts"))
    assert "Sagen er afsluttet." in console.find_element(By.TAG_NAME, "main").text
    assert_no_console_errors(console)

    # The person sees the decision, and reads the message that was previewed, without JavaScript.
    page = open_case(citizen, server.base, "da", token)
    assert "Anonym Rådgivning Roskilde" in page
    bodies = [element.text for element in citizen.find_elements(By.CSS_SELECTOR, ".message-body")]
    assert sent in bodies, bodies


def test_an_ended_session_asks_to_log_in_again_and_keeps_what_was_typed(server, console, example):
    _, _, receipt = server.request("POST", "/api/v1/submissions", example)
    server.add_staff("mette")
    log_in(console, server, "mette")
    console.get(f"{server.staff_base}/#/case/{receipt['caseReference']}")
    button(console, "Tag sagen").click()
    box = wait(console, lambda d: d.find_element(By.NAME, "body"))
    box.send_keys("En lang besked, som ikke må gå tabt.")

    # The session ends behind the counsellor's back (idle timeout, or logged out elsewhere).
    token = session_cookie(console)
    assert server.staff("DELETE", "/staff/v1/session", token=token)[0] == 204
    button(console, "Send").click()
    dialog = wait(console, lambda d: next((e for e in d.find_elements(By.ID, "relogin") if e.is_displayed()), None))
    assert "Det, du har skrevet, er ikke tabt." in dialog.text
    assert_accessible(console, "relogin")
    shoot(console, "staff-relogin")
    dialog.find_element(By.NAME, "username").send_keys("mette")
    dialog.find_element(By.NAME, "password").send_keys(PASSWORD)
    dialog.find_element(By.NAME, "code").send_keys(server.code("mette"))
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: "En lang besked, som ikke må gå tabt." in text(d, ".conversation"))
    _, _, file = server.staff("GET", f"/staff/v1/cases/{receipt['caseReference']}",
                              token=session_cookie(console))
    assert [message["body"] for message in file["conversation"]] == ["En lang besked, som ikke må gå tabt."]

    # When a colleague logs in in the dialog instead (an administrator, who could write in the
    # case), the interrupted message is not sent in their name, and the case is drawn again.
    server.add_staff("jonas", admin=True)
    token = session_cookie(console)
    assert server.staff("DELETE", "/staff/v1/session", token=token)[0] == 204
    console.find_element(By.NAME, "body").send_keys("Ikke i en andens navn.")
    button(console, "Send").click()
    dialog = wait(console, lambda d: next((e for e in d.find_elements(By.ID, "relogin") if e.is_displayed()), None))
    dialog.find_element(By.NAME, "username").send_keys("jonas")
    dialog.find_element(By.NAME, "password").send_keys(PASSWORD)
    dialog.find_element(By.NAME, "code").send_keys(server.code("jonas"))
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: "Logget ind som jonas" in text(d, "header") and heading(d) == f"Sag {receipt['caseReference']}")
    assert console.find_element(By.NAME, "body").get_attribute("value") == ""
    time.sleep(1)  # a repeated request would have been sent at once
    _, _, file = server.staff("GET", f"/staff/v1/cases/{receipt['caseReference']}",
                              token=session_cookie(console))
    assert [message["body"] for message in file["conversation"]] == ["En lang besked, som ikke må gå tabt."]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_admin_views_work_and_are_accessible(server, console, example, language):
    for _ in range(6):
        server.request("POST", "/api/v1/submissions", example)
    server.add_staff("anne", admin=True)
    log_in(console, server, "anne")
    if language == "en":
        button(console, "English").click()
        wait(console, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    labels = {"da": ("Opret konto", "Tilføj behandler", "Tilføj partner"), "en": ("Add an account", "Add a provider", "Add a partner")}[language]

    console.get(f"{server.staff_base}/#/admin/staff")
    form = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, "main form"))
    form.find_element(By.NAME, "username").send_keys("jonas")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert "jonas" in flash(console)
    wait(console, lambda d: "jonas" in text(d, "main table"))
    assert_columns_line_up(console)
    assert_accessible(console, "staff accounts")
    shoot(console, f"staff-admin-accounts-{language}")
    one_time = re.search(r"([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})", flash(console)).group(1)

    console.get(f"{server.staff_base}/#/admin/providers")
    form = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, "main form"))
    form.find_element(By.NAME, "slug").send_keys("anonym-by")
    form.find_element(By.NAME, "name").send_keys("Anonym Rådgivning")
    form.find_element(By.NAME, "isAnonymous").click()
    button(console, labels[1]).click()
    wait(console, lambda d: "Anonym Rådgivning" in text(d, "main table"))
    assert console.find_elements(By.CSS_SELECTOR, "main p.warning")  # § 101a is not covered by one provider
    assert_columns_line_up(console)
    assert_accessible(console, "providers")

    console.get(f"{server.staff_base}/#/admin/partners")
    form = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, "main form"))
    form.find_element(By.NAME, "slug").send_keys("cafe-nord")
    form.find_element(By.NAME, "name").send_keys("Café Nord")
    form.find_element(By.NAME, "origin").send_keys("https://cafe.example")
    button(console, labels[2]).click()
    assert "Café Nord" in flash(console)
    assert_columns_line_up(console)
    assert_accessible(console, "partners")

    console.get(f"{server.staff_base}/#/admin/audit")
    wait(console, lambda d: "partner.add" in text(d, "main table"))
    assert {"da": "Tilføjede en partner", "en": "Added a partner"}[language] in text(console, "main table")
    assert_columns_line_up(console)
    assert_accessible(console, "audit")

    console.get(f"{server.staff_base}/#/admin/stats")
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.weekly-chart rect"))
    assert "6" in console.find_element(By.CSS_SELECTOR, "table.numbers").text
    assert_columns_line_up(console)
    assert_accessible(console, "statistics")
    shoot(console, f"staff-stats-{language}")
    assert_no_console_errors(console)

    # The new counsellor logs in with the one-time password and must choose their own first.
    log_out(console)
    console.find_element(By.NAME, "username").send_keys("jonas")
    console.find_element(By.NAME, "password").send_keys(one_time)
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    form = wait(console, lambda d: d.find_element(By.NAME, "newPassword"))
    console.find_element(By.NAME, "currentPassword").send_keys(one_time)
    form.send_keys("short")
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(console, lambda d: d.find_element(By.NAME, "newPassword").get_attribute("aria-invalid") == "true")
    console.find_element(By.NAME, "newPassword").clear()
    console.find_element(By.NAME, "newPassword").send_keys("a long and private phrase")
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(console, lambda d: d.find_elements(By.NAME, "username"))
    console.find_element(By.NAME, "username").send_keys("jonas")
    console.find_element(By.NAME, "password").send_keys("a long and private phrase")
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # Then two-step verification, before anything else: a QR code drawn by the server, the key
    # as text (read here, as a person types it into the app), the app's code, ten recovery codes.
    secret = wait(console, lambda d: d.find_element(By.ID, "two-step-secret")).text
    assert console.find_elements(By.CSS_SELECTOR, ".qr svg path")
    assert not console.find_elements(By.CSS_SELECTOR, "header nav, header form.find")  # nothing else to go to yet
    assert_accessible(console, "two-step setup")
    shoot(console, f"staff-two-step-{language}")
    console.find_element(By.NAME, "code").send_keys("000000" if totp(secret, int(time.time() // 30)) != "000000" else "111111")
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(console, lambda d: d.find_element(By.NAME, "code").get_attribute("aria-invalid") == "true")
    console.find_element(By.NAME, "code").clear()
    console.find_element(By.NAME, "code").send_keys(totp(secret, int(time.time() // 30)))
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    codes = wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "#recovery-codes li"))
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", c.text) for c in codes)
    assert_accessible(console, "recovery codes")
    recovery = codes[0].text
    button(console, "Jeg har gemt koderne" if language == "da" else "I have saved the codes").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue"))
    # The next login needs the app's code; a recovery code works once instead.
    log_out(console)
    console.find_element(By.NAME, "username").send_keys("jonas")
    console.find_element(By.NAME, "password").send_keys("a long and private phrase")
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-error"))
    assert not console.find_elements(By.CSS_SELECTOR, "table.queue")
    console.find_element(By.NAME, "code").send_keys(recovery)
    console.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue"))


def test_a_counsellor_can_work_from_the_keyboard_alone(server, console, example):
    _, _, receipt = server.request("POST", "/api/v1/submissions", example)
    status, _, _ = server.request("POST", "/api/v1/messages", {"token": receipt["token"], "body": HOSTILE_MESSAGE})
    assert status == 201
    server.add_staff("mette")
    console.get(server.staff_base + "/")
    wait(console, lambda d: d.find_elements(By.NAME, "username"))

    def focused():
        return console.switch_to.active_element

    def tab_to(matches, presses=40):
        for _ in range(presses):
            focused().send_keys(Keys.TAB)
            if matches(focused()):
                return focused()
        raise AssertionError("not reached with Tab")

    tab_to(lambda e: e.get_attribute("name") == "username").send_keys("mette")
    focused().send_keys(Keys.TAB)
    assert focused().get_attribute("name") == "password"
    focused().send_keys(PASSWORD, Keys.TAB)
    assert focused().get_attribute("name") == "code"
    focused().send_keys(server.code("mette"), Keys.ENTER)
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a"))

    # The skip link comes first in the page; Enter on it moves focus past the menu to the
    # content and leaves the view where it is.
    skip = console.find_element(By.CSS_SELECTOR, "a.skip")
    assert console.execute_script("return document.querySelector('a[href], button, input, select, textarea') === arguments[0]", skip)
    console.execute_script("arguments[0].focus()", skip)
    skip.send_keys(Keys.ENTER)
    assert focused().get_attribute("id") == "main"
    assert console.current_url.endswith("#/queue")

    # Tab to the case, open it, claim it and write to the person without the mouse.
    tab_to(lambda e: e.text == receipt["caseReference"]).send_keys(Keys.ENTER)
    wait(console, lambda d: heading(d) == f"Sag {receipt['caseReference']}")
    # The person's message held a phone number (the JSON API stores it, flagged): a warning.
    assert "et telefonnummer" in text(console, ".conversation .warning")
    # What the person wrote is shown as text, never as markup.
    assert HOSTILE_MESSAGE in text(console, ".conversation")
    assert not console.find_elements(By.CSS_SELECTOR, ".conversation img")
    tab_to(lambda e: e.text == "Tag sagen").send_keys(Keys.ENTER)
    wait(console, lambda d: "Taget" in text(d, ".facts") and d.find_elements(By.NAME, "body"))
    tab_to(lambda e: e.get_attribute("name") == "body").send_keys("Skrevet uden mus.")
    tab_to(lambda e: e.text == "Send").send_keys(Keys.ENTER)
    wait(console, lambda d: "Skrevet uden mus." in text(d, ".conversation"))
    assert_no_console_errors(console)


def test_the_queue_marks_section_101_deadlines_that_are_near_or_passed(server, console):
    """The mark itself, run in the browser on made-up cases (a real case cannot be made 14 days old
    here): it shows the status the API worked out on the service's day, and decides nothing itself."""
    console.get(server.staff_base + "/")
    wait(console, lambda d: d.find_elements(By.NAME, "username"))
    marks = console.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import('/js/views/queue.js').then((queue) => {
          const show = (mark) => mark ? [mark.className, mark.textContent] : null;
          done([
            show(queue.deadlineMark({startDeadline: '2026-12-01', deadlineStatus: 'near', deadlineAtRisk: true})),
            show(queue.deadlineMark({startDeadline: '2026-11-20', deadlineStatus: 'passed', deadlineAtRisk: true})),
            show(queue.deadlineMark({startDeadline: '2026-12-20', deadlineStatus: 'onTrack', deadlineAtRisk: false})),
            show(queue.deadlineMark({startDeadline: '2026-12-20', deadlineAtRisk: false})),
            show(queue.deadlineMark({startDeadline: null, deadlineAtRisk: false})),
          ]);
        }).catch((error) => done(String(error)));
    """)
    assert marks[0] == ["mark mark-near", "Snart: 1. dec. 2026"], marks
    assert marks[1] == ["mark mark-passed", "Overskredet 20. nov. 2026"], marks
    assert marks[2] == ["muted", "20. dec. 2026"], marks
    assert marks[3] == ["muted", "20. dec. 2026"], marks
    assert marks[4] is None


def test_the_console_counts_days_in_the_services_time_zone(server, console):
    """The browser is set to New York; the console still counts the service's (Copenhagen) days,
    from the clock the session gives it, and the week view opens on the service's week."""
    console.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    server.add_staff("mette")
    log_in(console, server, "mette")
    seen = console.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import('/js/dates.js').then((dates) => {
          const live = { zone: dates.serviceTimeZone(), today: dates.today() };
          // 23:30 UTC on 31 December 2027: 18:30 on the 31st in New York, 00:30 on 1 January 2028 in Copenhagen.
          dates.setServiceClock({ now: '2027-12-31T23:30:00Z', today: '2028-01-01', timeZone: 'Europe/Copenhagen' });
          done({
            live, browserDay: new Date().getDate(), today: dates.today(), time: dates.localAt().time,
            springBefore: dates.localAt(Date.parse('2027-03-28T00:59:00Z')).time,
            springAfter: dates.localAt(Date.parse('2027-03-28T01:00:00Z')).time,
            autumn: dates.localAt(Date.parse('2027-10-31T01:30:00Z')).time,
            afterLeapDay: dates.addDays('2028-02-28', 1), overSpring: dates.addDays('2027-03-27', 2),
            week: dates.isoWeek('2027-01-01').name, monday: dates.mondayOf('2027-01-03'),
            instant: dates.formatInstant('2027-12-31T23:30:00Z', 'da-DK'),
          });
        }).catch((error) => done(String(error)));
    """)
    assert seen["live"] == {"zone": "Europe/Copenhagen", "today": str(service_calendar.today())}, seen
    assert seen["today"] == "2028-01-01" and seen["time"] == "00:30", seen
    assert seen["springBefore"] == "01:59" and seen["springAfter"] == "03:00" and seen["autumn"] == "02:30", seen
    assert seen["afterLeapDay"] == "2028-02-29" and seen["overSpring"] == "2027-03-29", seen
    assert seen["week"] == "2026-W53" and seen["monday"] == "2026-12-28", seen
    assert seen["instant"].startswith("1. jan. 2028") and seen["instant"].endswith("00.30"), seen

    # After a reload (the clock from GET session), the week view opens on the service's week.
    console.get("about:blank")
    console.get(server.staff_base + "/#/slots")
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "section.day"))
    assert text(console, ".week-title") == service_calendar.danish_week_title(service_calendar.today())


def test_the_statistics_chart_draws_a_small_count_as_less_than_five(server, console):
    """A count of 1–4 arrives as "<5": drawn as 2 of an axis of 4, and named "<5" in the bar's title and the table."""
    console.get(server.staff_base + "/")
    wait(console, lambda d: d.find_elements(By.NAME, "username"))
    drawn = console.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import('/js/charts.js').then((charts) => {
          const figure = charts.weeklyChart([
            {week: '2026-W46', total: 0, byTrack: {}},
            {week: '2026-W47', total: '<5', byTrack: {anonymous: '<5'}},
          ]);
          const bar = figure.querySelector('rect.bar');
          done({
            bars: figure.querySelectorAll('rect.bar').length,
            height: Number(bar.getAttribute('height')),
            title: bar.querySelector('title').textContent,
            ticks: [...figure.querySelectorAll('text.tick')].slice(0, 3).map((tick) => tick.textContent),
            row: [...figure.querySelectorAll('tbody tr')[1].children].map((cell) => cell.textContent),
          });
        }).catch((error) => done(String(error)));
    """)
    assert drawn["bars"] == 1, drawn
    assert drawn["height"] == 90, drawn  # 2 of 4 on a 180-pixel axis
    assert drawn["title"] == "2026-W47 · Anonym (§ 101a): <5", drawn
    assert drawn["ticks"] == ["0", "2", "4"], drawn
    assert drawn["row"] == ["2026-W47", "<5", "0", "0", "<5"], drawn


def test_an_administrator_closes_a_flood_as_spam_from_the_queue(server, console, example):
    """Ticked new cases are closed as spam after a confirmation; the queue then shows the rest."""
    references = [server.request("POST", "/api/v1/submissions", example)[2]["caseReference"] for _ in range(3)]
    server.add_staff("anne", admin=True)
    log_in(console, server, "anne")
    wait(console, lambda d: len(d.find_elements(By.CSS_SELECTOR, "main tbody input[type=checkbox]")) == 3)
    assert_columns_line_up(console)
    assert_accessible(console, "queue as administrator")
    shoot(console, "staff-queue-admin")
    for reference in references[:2]:
        console.find_element(By.CSS_SELECTOR, f"input[aria-label='Vælg {reference} som spam']").click()
    button(console, "Luk valgte nye sager som spam").click()
    wait(console, lambda d: d.switch_to.alert).accept()
    wait(console, lambda d: "2 sager lukket som spam" in flash(d))
    wait(console, lambda d: text(d, "main tbody").count("-") == 1 and references[2] in text(d, "main tbody"))
    assert_no_console_errors(console)


def test_the_queue_lists_a_case_that_cannot_be_opened_and_shows_the_rest(server, console, example):
    """One case's stored answers are damaged on disk: the queue still shows the other case, and
    names the damaged one with what the IT operator does about it."""
    import sqlite3
    damaged, intact = (server.request("POST", "/api/v1/submissions", example)[2]["caseReference"] for _ in range(2))
    with sqlite3.connect(server.data_dir / "indgang.sqlite") as database:
        sealed = bytearray(database.execute("SELECT answers FROM intakeCase WHERE reference = ?", (damaged,)).fetchone()[0])
        sealed[-1] ^= 0x01
        database.execute("UPDATE intakeCase SET answers = ? WHERE reference = ?", (bytes(sealed), damaged))
    server.add_staff("mette")
    log_in(console, server, "mette")
    wait(console, lambda d: intact in text(d, "main tbody"))
    warning = wait(console, lambda d: text(d, "main .warning"))
    assert damaged in warning and "kan ikke åbnes" in warning and "sikkerhedskopien" in warning, warning
    assert damaged not in text(console, "main tbody")
    assert text(console, "main .count") == "2 sager"
    assert_accessible(console, "queue with an unreadable case")
    assert_no_console_errors(console)


def test_the_counsellors_own_browser_logs_in_while_her_username_is_guessed_at(binary, tmp_path, console):
    """The standard limits: guesses at "mette" from other addresses make browsers without her
    device token wait; the console, which keeps the token from her last login, gets in."""
    import http.client
    import json

    from conftest import Server

    server = Server(binary, tmp_path / "data").start(scale="1")
    try:
        server.add_staff("mette")
        log_in(console, server, "mette")
        devices = console.execute_script("return JSON.parse(localStorage.getItem('indgang.devices') || '{}')")
        assert set(devices) == {"mette"} and len(devices["mette"]) >= 32
        log_out(console)

        def attempt(address, password):
            connection = http.client.HTTPConnection("127.0.0.1", server.staff_port, timeout=15, source_address=(address, 0))
            connection.request("POST", "/staff/v1/session", json.dumps({"username": "mette", "password": password}),
                               {"Content-Type": "application/json"})
            status = connection.getresponse().status
            connection.close()
            return status

        guesses = [attempt(f"127.0.3.{n + 1}", "guess") for n in range(7)]
        assert guesses[:5] == [401] * 5 and guesses[-1] == 429, guesses
        # The right password from a browser without the token waits too…
        assert attempt("127.0.3.100", PASSWORD) == 429
        # …her own browser does not.
        log_in(console, server, "mette")
        assert "mette" in text(console, "header")
    finally:
        server.stop()


def test_a_counsellor_opens_a_case_for_a_caller_and_the_person_takes_the_code_over(server, console, citizen):
    """Issue 16: the phone. The counsellor enters the caller's answers in the console and reads
    the code out (read here from the screen); when the person calls back with it, the console
    gives a new one and the first stops working; the person, in a browser without JavaScript,
    uses it once, is given a code of their own, and from then on the read-out codes open nothing."""
    server.add_staff("mette")
    log_in(console, server, "mette")
    console.get(f"{server.staff_base}/#/new-case")
    form = wait(console, lambda d: d.find_element(By.CSS_SELECTOR, "form.new-case"))
    assert console.find_element(By.ID, "channel-phone").is_selected()
    assert "Spørg: " in form.text
    assert_accessible(console, "new case for a person")
    # Sending it half-filled names what is missing, at the fields.
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "form.new-case [aria-invalid=true]"))
    # The counsellor enters the answers as the caller gives them: nothing much, but cocaine on 10 days.
    console.execute_script("""
        const form = document.querySelector('form.new-case');
        for (const select of form.querySelectorAll('select[name]')) {
          if (select.name !== 'personLanguage') select.selectedIndex = 1;
        }
        for (const input of form.querySelectorAll('input[type=number]')) input.value = '0';
        form.elements['crisis.now'].value = 'no';
        form.elements['bg.age_band'].value = '25-34';
        form.elements['emp.days_worked'].value = '20';
        form.elements['drug.days.cocaine'].value = '10';
    """)
    console.find_element(By.ID, "channel-phone").click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    code = wait(console, lambda d: next((e.text for e in d.find_elements(By.CSS_SELECTOR, ".code-card .token") if e.text), None))
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code), code
    reference = re.search(r"Sag (\S+) er oprettet", heading(console)).group(1)
    assert "Forslag:" in text(console, "main")
    assert_accessible(console, "the code to read out")
    shoot(console, "staff-new-case-code")
    # The case is the counsellor's, from the phone, and in the queue like any other; the queue
    # shows the channel and finds the phone's cases alone.
    server.request("POST", "/api/v1/submissions", example_with(contact="phone"))
    console.get(f"{server.staff_base}/#/queue")
    wait(console, lambda d: reference in text(d, "table.queue"))
    row = next(r for r in console.find_elements(By.CSS_SELECTOR, "table.queue tbody tr") if reference in r.text)
    assert "Telefon" in row.text and "mette" in row.text
    Select(console.find_element(By.NAME, "channel")).select_by_value("phone")
    button(console, "Vis").click()
    wait(console, lambda d: [a.text for a in d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a")] == [reference])
    assert_columns_line_up(console)

    # The person calls back and reads the code out: as it is the counsellor's, the case view
    # offers a new one, read out from the screen; the first code is dead from then on.
    field = console.find_element(By.ID, "find-token")
    field.send_keys(code)
    button(console, "Find").click()
    wait(console, lambda d: heading(d) == f"Sag {reference}")
    assert "Koden er fra en kollega" in text(console, "main")
    button(console, "Giv en ny kode").click()
    read_out = wait(console, lambda d: next((e.text for e in d.find_elements(By.CSS_SELECTOR, ".phone-code .token") if e.text), None))
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", read_out) and read_out != code
    assert_accessible(console, "a new code on the phone")
    shoot(console, "staff-new-code-by-phone")
    assert server.request("POST", "/api/v1/status", {"token": code})[0] == 404
    code = read_out

    # The person uses the code once: the page gives them their own, which they keep.
    page = open_case(citizen, server.base, "da", code)
    assert "Din egen kode" in page
    own = citizen.find_element(By.CSS_SELECTOR, ".token-box .token").text
    assert own != code
    click_and_wait(citizen, "form[action='/case/code-kept'] button")
    assert own not in citizen.page_source
    # The code that was read out no longer opens the case; the person's own does.
    page = open_case(citizen, server.base, "da", code)
    assert citizen.current_url.split("?")[0].endswith("/token") and "Din egen kode" not in page
    open_case(citizen, server.base, "da", own)
    assert citizen.current_url.split("?")[0].endswith("/case") and not citizen.find_elements(By.CSS_SELECTOR, ".token-box")
    assert server.request("POST", "/api/v1/status", {"token": code})[0] == 404
    assert server.request("POST", "/api/v1/status", {"token": own})[0] == 200
