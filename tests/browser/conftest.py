"""Playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work here, so the browser is always the system's:
Debian's Chromium headless shell (/usr/bin/chromium-headless-shell, package
chromium-headless-shell) where installed, the browser Playwright itself runs headless tests
in, otherwise the full Chromium (/usr/bin/chromium). Both are the same Blink engine; the shell
leaves out the browser's windowing and, for these tests, took about a third less CPU. Outside
CI a missing browser skips these tests with the reason; in CI it fails.

Fixtures: ``browser`` (session), ``page`` (1280x800, or the ``viewport`` a test parametrizes),
``phone_page`` (360x740 touch phone), ``base_url`` (the live server). Accessibility:
``from tests.browser.axe import axe_violations, assert_no_axe_violations`` (also re-exported
here and from ``tests.browser``).
"""

import os
from pathlib import Path

import pytest

from tests.browser.axe import assert_no_axe_violations, axe_violations

__all__ = ["assert_no_axe_violations", "axe_violations"]

# Playwright's sync API runs an event loop in this thread; Django would then refuse ORM
# calls from the test body ("SynchronousOnlyOperation"), although they are plain sync code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSERS = [Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium")]
CHROMIUM = next((path for path in BROWSERS if path.exists()), BROWSERS[-1])
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium not installed at {' or '.join(map(str, BROWSERS))}"
            " (apt-get install chromium-headless-shell)"
        )
        if os.environ.get("CI"):
            pytest.fail(message + ": browser tests must run in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def viewport():
    """Override, or ``@pytest.mark.parametrize("viewport", [{"width": ..., "height": ...}])``."""
    return DESKTOP


@pytest.fixture
def base_url(live_server):
    return live_server.url


@pytest.fixture
def page(browser, viewport):
    """A fresh context per test, so no cookie or language choice leaks between tests."""
    context = browser.new_context(viewport=viewport, locale="nl-BE", accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser):
    """A 360 px wide touch phone, the screen many respondents answer on."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-BE", accept_downloads=True
    )
    yield context.new_page()
    context.close()
