"""Partner sites in a real browser: the start card shows inside the registered partner's page and
nowhere else, opens the form in a new tab, and the case is counted for that partner only."""

import functools
import http.server
import subprocess
import threading

import pytest

from browser import By, click_and_wait, complete_questionnaire, javascript_is_off, make_driver
from conftest import free_port
from test_browser import ANONYMOUS


class PartnerSite:
    """A static page on http://localhost:<port> that frames the start card."""

    def __init__(self, root, card_url):
        root.mkdir(parents=True, exist_ok=True)
        (root / "index.html").write_text(
            f'<!DOCTYPE html><html lang="da"><head><title>Café</title><meta name="referrer" content="no-referrer"></head>'
            f'<body><h1>Café Nord</h1><iframe id="card" src="{card_url}" title="Indgang" width="320" height="200" '
            f'referrerpolicy="no-referrer"></iframe></body></html>')
        self.port = free_port()
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def origin(self):
        return f"http://localhost:{self.port}"

    def close(self):
        self.httpd.shutdown()


def register(server, slug, origin=None):
    command = [server.binary, "partner", "add", slug, "--name", "Café Nord", "--data-dir", str(server.data_dir)]
    if origin:
        command += ["--origin", origin]
    created = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    return created.stdout.split()[-1]


@pytest.fixture
def browser():
    driver = make_driver(javascript=False)
    assert javascript_is_off(driver)
    yield driver
    driver.quit()


def test_the_card_shows_only_on_the_registered_partners_page(browser, server, tmp_path):
    card = f"{server.base}/embed/cafe-nord?lang=da"
    registered = PartnerSite(tmp_path / "registered", card)
    stranger = PartnerSite(tmp_path / "stranger", card)
    try:
        register(server, "cafe-nord", registered.origin)
        browser.get(registered.origin + "/index.html")
        browser.switch_to.frame(browser.find_element(By.ID, "card"))
        button = browser.find_elements(By.CSS_SELECTOR, ".card-button")
        assert button and button[0].text == "Start anonymt"
        # The button opens the form in a new top-level tab, in the partner's context.
        button[0].click()
        browser.switch_to.default_content()
        assert len(browser.window_handles) == 2
        browser.switch_to.window(browser.window_handles[1])
        assert browser.current_url.startswith(f"{server.base}/p/cafe-nord")
        assert "partner=cafe-nord" in browser.find_element(By.CSS_SELECTOR, "a.button-primary").get_attribute("href")
        browser.close()
        browser.switch_to.window(browser.window_handles[0])

        browser.get(stranger.origin + "/index.html")
        browser.switch_to.frame(browser.find_element(By.ID, "card"))
        assert not browser.find_elements(By.CSS_SELECTOR, ".card-button"), "another site could frame the card"
    finally:
        registered.close()
        stranger.close()


def test_a_case_through_a_partner_is_counted_for_that_partner_only(browser, server):
    key = register(server, "cafe-nord")
    other = register(server, "herberg-syd")
    for _ in range(5):
        browser.delete_all_cookies()
        browser.get(f"{server.base}/p/cafe-nord?lang=da")
        click_and_wait(browser, "a.button-primary")
        from browser import fill_step, is_check_page, press
        for _ in range(12):
            if is_check_page(browser):
                break
            fill_step(browser, ANONYMOUS)
            press(browser, "next")
        assert is_check_page(browser)
        click_and_wait(browser, "form[action='/questionnaire/send'] button.primary")
        assert browser.find_elements(By.CSS_SELECTOR, ".token")
    # The cases carry the partner: the staff statistics count them for cafe-nord only.
    admin = server.add_staff("anne", admin=True)
    _, _, weeks = server.staff("GET", "/staff/v1/stats", token=admin)
    assert sum(week["byPartner"].get("cafe-nord", 0) for week in weeks["weeks"]) == 5, weeks
    assert all("herberg-syd" not in week["byPartner"] for week in weeks["weeks"])
    # The partner itself sees only cases a counsellor has decided, in weeks that are over (the
    # Swift tests move the clock for that): five fresh submissions, by anyone, move nothing.
    status, _, stats = server.request("GET", "/api/v1/partner/stats", headers={"Authorization": f"Bearer {key}"})
    assert status == 200 and stats["partner"] == "cafe-nord"
    assert stats["periods"] == []
    status, _, stats = server.request("GET", "/api/v1/partner/stats", headers={"Authorization": f"Bearer {other}"})
    assert stats["periods"] == []
    assert server.request("GET", "/api/v1/partner/stats", headers={"Authorization": "Bearer ipk_guess"})[0] == 401
