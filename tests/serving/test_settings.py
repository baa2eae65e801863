"""Settings come from the environment and refuse unsafe production set-ups."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_KEY = "k" * 20 + "-production-secret-key-for-tests-0123456789"


def _run_check(*args, **env):
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment never does.
    inherited = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    environment |= {"DJANGO_SETTINGS_MODULE": "supportcheck.settings", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_check(DEBUG="false", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_checks_without_warnings():
    result = _run_check(
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_boolean_is_a_configuration_error():
    result = _run_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_development_defaults_to_sqlite_and_the_fiche_address():
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='supportcheck.settings';"
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']); print(settings.FICHE_URL)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    engine, fiche_url = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert fiche_url == "https://abbet.be/Fiche-6-1-2-Het-belang-van-sociale-ondersteuning?lang=fr"


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_named_in_the_environment(settings):
    url = os.environ.get("DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    assert ("postgresql" in engine) == url.startswith("postgres")


def _production_setting(expression: str, **env) -> str:
    inherited = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "CONN_MAX_AGE")
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "supportcheck.settings",
        "DEBUG": "false",
        "SECRET_KEY": REAL_KEY,
        **env,
    }
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_keeps_database_connections_with_health_checks():
    """As docs/deploy.md recommends: a connection per worker for a minute, checked first."""
    database = "settings.DATABASES['default']"
    assert _production_setting(f"{database}['CONN_MAX_AGE']") == "60"
    assert _production_setting(f"{database}['CONN_HEALTH_CHECKS']") == "True"
    assert _production_setting(f"{database}['CONN_MAX_AGE']", CONN_MAX_AGE="0") == "0"


def test_the_language_cookie_has_the_flags_of_the_other_cookies():
    names = ("SECURE", "HTTPONLY", "SAMESITE")
    flags = ", ".join(f"settings.LANGUAGE_COOKIE_{name}" for name in names)
    assert _production_setting(f"repr(({flags}))") == "(True, True, 'Lax')"
    session = ", ".join(f"settings.SESSION_COOKIE_{name}" for name in names)
    assert _production_setting(f"repr(({session}))") == "(True, True, 'Lax')"


def _fiche_urls(**environment) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("FICHE_URL")}
    code = (
        "import django, os, json;"
        "os.environ['DJANGO_SETTINGS_MODULE']='supportcheck.settings';"
        "from django.conf import settings;"
        "print(json.dumps(settings.FICHE_URLS))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | environment,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def test_the_fiche_address_is_set_per_language():
    defaults = _fiche_urls()
    assert defaults["fr"].endswith("?lang=fr")
    assert defaults["nl"].endswith("?lang=nl") and defaults["en"] == defaults["nl"]
    assert _fiche_urls(FICHE_URL_FR="https://fr.example/")["fr"] == "https://fr.example/"
    # One FICHE_URL for every language, unless a language has its own.
    both = _fiche_urls(FICHE_URL="https://all.example/", FICHE_URL_NL="https://nl.example/")
    assert both == {
        "nl": "https://nl.example/",
        "fr": "https://all.example/",
        "en": "https://all.example/",
    }


def _site_url(**env) -> str:
    inherited = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in inherited} | env
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='supportcheck.settings';"
        "from django.conf import settings; print(settings.SITE_URL)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return result.stdout.strip() or result.stderr


def test_the_site_address_comes_from_configuration():
    assert _site_url() == "http://localhost:8000/"
    assert _site_url(SITE_URL="https://survey.example.org") == "https://survey.example.org/"
    production = {"DEBUG": "false", "SECRET_KEY": REAL_KEY}
    assert _site_url(**production, ALLOWED_HOSTS="survey.example.org,x.org") == (
        "https://survey.example.org/"
    )
    assert "SITE_URL must be an address" in _site_url(SITE_URL="survey.example.org")


def _mail_settings(**env) -> dict:
    """The e-mail settings a process started with `env` ends up with."""
    inherited = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE") + tuple(
        name for name in os.environ if name.startswith("EMAIL_")
    )
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    environment |= {"DJANGO_SETTINGS_MODULE": "supportcheck.settings", **env}
    names = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL"]
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_e_mail_is_configured_under_djangos_own_names():
    configured = _mail_settings(
        DEBUG="false",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="SupportCheck <hr@example.org>",
    )
    assert configured == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "SupportCheck <hr@example.org>",
    }


def test_development_without_a_mail_server_writes_the_messages_to_files():
    assert _mail_settings(DEBUG="true")["EMAIL_BACKEND"] == (
        "django.core.mail.backends.filebased.EmailBackend"
    )


def test_tls_and_ssl_together_are_a_configuration_error():
    result = _run_check(EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS" in result.stderr
