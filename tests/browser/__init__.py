"""End-to-end tests in Chromium; see conftest.py for the fixtures and axe.py for axe-core."""

from tests.browser.axe import assert_no_axe_violations, axe_violations

__all__ = ["assert_no_axe_violations", "axe_violations"]
