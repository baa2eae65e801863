"""What the personas of tests/conftest.py share with the tests that log in as they would."""

HR_PASSWORD = "correct-horse-battery"
