"""Headless Chromium for the citizen pages: a driver, a questionnaire filler, axe and screenshots.

Selenium is given Debian's chromium and chromedriver explicitly and told not to send statistics,
so it never downloads a driver or talks to anything but 127.0.0.1."""

import json
import os
import shutil
from importlib import resources
from pathlib import Path

os.environ["SE_AVOID_STATS"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAGES = json.loads((ROOT / "Sources" / "IntakeServer" / "Content" / "pages.json").read_text())
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / ".build" / "screenshots"))

# A person with no problems at all; profiles change some of these.
DEFAULTS = {
    "crisis.now": "no", "bg.for_whom": "self", "bg.age_band": "25-34", "bg.municipality": "101",
    "bg.children_at_home": "no", "bg.in_treatment": "no", "bg.can_attend": "yes", "bg.goal": "stop",
    "bg.contact": "chat", "bg.stay_anonymous": "yes", "fam.living_satisfied": "yes", "drug.injected": "no",
    "drug.overdose": "never", "emp.days_worked": "30", "emp.income_band": "4",
}


def text(key: str, language: str) -> str:
    return PAGES[f"page.{key}"][language]


def make_driver(javascript: bool, language: str = "da", width: int = 390, height: int = 900, profile=None):
    """Headless Chromium; `profile` is a folder for a browser profile kept on disk (history,
    cookies, form autofill), to look into after the browser has quit."""
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and chromedriver, "Debian's chromium and chromium-driver are needed: make test installs them"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-default-apps", "--disable-domain-reliability", "--hide-scrollbars", f"--lang={language}"):
        options.add_argument(argument)
    if profile:
        options.add_argument(f"--user-data-dir={profile}")
    prefs = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def javascript_is_off(driver) -> bool:
    """True when the page's own scripts cannot run (a <noscript> element would render)."""
    driver.get("data:text/html,<noscript><p id=n>off</p></noscript>")
    return bool(driver.find_elements(By.ID, "n"))


DRUG_CLASSES = ["heroin", "methadone", "opioids", "sleeping_pills", "benzodiazepines", "cocaine", "amphetamine", "cannabis",
                "hallucinogens"]


def fill_step(driver, answers: dict) -> int:
    """Answers every item on the current step from `answers`, then the defaults, then 0, as a
    person would: 0 days is the "no days" box, not typed. Returns how many fields were typed in."""
    def wanted(name):
        return str(answers.get(name, DEFAULTS.get(name, "0")))

    typed = 0
    for radio_group in {element.get_attribute("name") for element in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]")}:
        value = wanted(radio_group)
        driver.find_element(By.CSS_SELECTOR, f"input[type=radio][name='{radio_group}'][value='{value}']").click()
    for field in driver.find_elements(By.CSS_SELECTOR, "input[type=number]"):
        name = field.get_attribute("name")
        value = wanted(name)
        none = driver.find_elements(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}'][value=none]")
        if value == "skip":
            driver.find_element(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}'][value=skip]").click()
        elif value == "0" and none:
            if not none[0].is_selected():
                none[0].click()
        else:
            field.clear()
            field.send_keys(value)
            typed += 1
    for name in {element.get_attribute("name") for element in driver.find_elements(By.CSS_SELECTOR, "fieldset input[type=checkbox]")}:
        if name == "page.drugs_used":
            # Which drugs: those the answers give days for.
            chosen = [drug for drug in DRUG_CLASSES if wanted(f"drug.days.{drug}") not in ("0", "skip")]
        else:
            chosen = answers.get(name, [])
        for value in (["skip"] if chosen == "skip" else chosen):
            driver.find_element(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}'][value='{value}']").click()
    for select in driver.find_elements(By.TAG_NAME, "select"):
        Select(select).select_by_value(wanted(select.get_attribute("name")))
    return typed


def is_detached(element) -> bool:
    """Whether a page element is gone. Chromedriver 156 reports a node of a replaced page as
    "does not belong to the document" instead of a stale element."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def click_and_wait(driver, locator):
    """Clicks the element at `locator` (a CSS selector) that loads a new page, and waits until the
    new page has replaced the old and finished loading."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, locator).click()
    wait = WebDriverWait(driver, 15)
    wait.until(lambda _: is_detached(old))
    # WebDriver's own scripts run even with the page's JavaScript turned off.
    wait.until(lambda browser: browser.execute_script("return document.readyState") == "complete")


def press(driver, action: str):
    click_and_wait(driver, f"button[name=action][value={action}]")


def is_crisis_page(driver) -> bool:
    return bool(driver.find_elements(By.CSS_SELECTOR, "a#continue"))


def is_check_page(driver) -> bool:
    return bool(driver.find_elements(By.CSS_SELECTOR, "form[action='/questionnaire/send']"))


def complete_questionnaire(driver, base: str, language: str, answers: dict, on_page=None, note: str = "",
                           start: str = "/", start_button: str = "a.button-primary") -> dict:
    """Goes from the start page (`start`, its `start_button`) through every step and the check
    page to the receipt; returns what happened on the way."""
    seen = {"crisis": False, "steps": 0, "urls": [], "typed": 0, "height": 0}
    driver.get(f"{base}{start}{'&' if '?' in start else '?'}lang={language}")
    if on_page:
        on_page("start")
    click_and_wait(driver, start_button)
    for _ in range(20):
        seen["urls"].append(driver.current_url)
        seen["steps"] += 1
        if on_page:
            on_page(f"step-{seen['steps']:02d}")
        seen.setdefault("heights", []).append(driver.execute_script("return document.documentElement.scrollHeight"))
        seen["height"] += seen["heights"][-1]
        seen["typed"] += fill_step(driver, answers)
        press(driver, "next")
        seen["urls"].append(driver.current_url)
        if is_crisis_page(driver):
            seen["crisis"] = True
            if on_page:
                on_page("crisis")
            click_and_wait(driver, "a#continue")
        if is_check_page(driver):
            if on_page:
                on_page("check")
            if note:
                driver.find_element(By.ID, "note").send_keys(note)
            click_and_wait(driver, "form[action='/questionnaire/send'] button.primary")
        if driver.find_elements(By.CSS_SELECTOR, ".token"):
            seen["token"] = driver.find_element(By.CSS_SELECTOR, ".token").text
            seen["receipt"] = driver.find_element(By.TAG_NAME, "main").text
            return seen
    raise AssertionError(f"no receipt after {seen['steps']} steps: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")


def open_case(driver, base: str, language: str, token: str) -> str:
    driver.get(f"{base}/token?lang={language}")
    field = driver.find_element(By.ID, "token")
    field.clear()
    field.send_keys(token)
    click_and_wait(driver, "main form button.primary")
    return driver.find_element(By.TAG_NAME, "main").text


def run_axe(driver) -> list:
    """Every violation axe-core 4.12.1 finds on the current page, with its impact."""
    source = (resources.files("axe_playwright_python") / "axe.min.js").read_text()
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done({error: String(e)}));"
    )
    assert not isinstance(result, dict), result
    return result


def screenshot(driver, name: str, width: int = 390):
    """A full-page screenshot at `width` CSS pixels."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(height + 120, 600))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(width, 900)
