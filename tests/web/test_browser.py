"""The web view in a real browser (headless Chromium): what a person sees. Pages load, search
finds a question and its result opens the question's page, a revoked link is refused, hostile
text shows as text (no alert), and a phone-wide window needs no sideways scrolling.

One browser for the module. Skipped with the reason when Debian's chromium or chromedriver is
absent, unless PEERBOT_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.live import LiveSite, browser_missing, chromium
from tests.web.seed import Seeded, seeded

MISSING = browser_missing()
if MISSING and os.environ.get("PEERBOT_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"PEERBOT_REQUIRE_BROWSER=1 but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[LiveSite, Seeded, str]]:
    site = LiveSite()
    s = site.run(seeded)
    base = site.serve(s.pages)
    path = site.run(s.link)
    try:
        yield site, s, base + path
    finally:
        site.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()


def by_css(driver: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def no_alert(driver: Any) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert  # noqa: B018
    except NoAlertPresentException:
        return True
    return False


def test_every_page_loads_from_the_menu(live, browser):
    from selenium.webdriver.common.by import By

    _, _, link = live
    browser.get(link)
    assert by_css(browser, "h1").text == "Study calendar"
    for name, heading in (
        ("Search", "Search"),
        ("Digests", "Weekly digests"),
        ("Mentors", "Mentors"),
        ("Stats", "Stats, Week 2"),
        ("Calendar", "Study calendar"),
    ):
        browser.find_element(By.LINK_TEXT, name).click()
        assert by_css(browser, "h1").text == heading
    assert len(browser.find_elements(By.CSS_SELECTOR, "link[rel=stylesheet]")) == 1
    colour = by_css(browser, "header.top").value_of_css_property("background-color")
    assert colour == "rgba(255, 255, 255, 1)"  # the stylesheet applied (CSP let it in)


def test_search_finds_a_question_that_links_to_its_page(live, browser):
    from selenium.webdriver.common.by import By

    _, _, link = live
    browser.get(link + "search")
    box = by_css(browser, "#q")
    box.send_keys("zero_grad")
    box.submit()
    assert "1 question found" in by_css(browser, "#found").text
    browser.find_element(By.LINK_TEXT, "Open #2").click()
    assert by_css(browser, "h1").text == "Question #2"
    assert "What does zero_grad reset in nn.Linear?" in by_css(browser, "article").text


def test_a_day_links_from_the_calendar(live, browser):
    from selenium.webdriver.common.by import By

    _, _, link = live
    browser.get(link)
    browser.find_element(By.PARTIAL_LINK_TEXT, "2021-08-05").click()
    assert "Why does SVD sort the singular values?" in by_css(browser, "main").text


def test_hostile_text_shows_as_text(live, browser):
    _, _, link = live
    browser.get(link + "question/3")
    text = by_css(browser, "article").text
    assert '<script>alert("x")</script>' in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "[click](javascript:alert(1))" in text
    assert no_alert(browser)
    assert browser.find_elements("css selector", "article img") == []
    browser.get(link + "digest/2/peer-minutes")
    assert '<script>alert("x")</script>' in by_css(browser, "article").text
    assert no_alert(browser)


def test_a_phone_needs_no_sideways_scrolling(live, browser):
    _, _, link = live
    browser.set_window_size(390, 844)
    try:
        for where in (
            "",
            "day/2021-08-09",
            "question/2",
            "search?q=SVD",
            "digests",
            "digest/2/peer-minutes",
            "mentors",
            "stats",
        ):
            browser.get(link + where)
            wide = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert wide[0] <= wide[1], (where, wide)
    finally:
        browser.set_window_size(1280, 900)


def test_a_revoked_link_is_refused(live, browser):
    site, s, link = live
    browser.get(link)
    assert by_css(browser, "h1").text == "Study calendar"
    site.run(lambda: s.ok("kim", "/team web revoke"))
    browser.get(link + "question/1")
    assert "opens no team" in by_css(browser, "#sentence").text
    assert "Why does SVD" not in browser.page_source
