from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from questionnaire.respondent.views import fiche, public
from supportcheck.health import healthz
from supportcheck.login_redirect import LoginView

# No language prefixes: a private report link must stay the same whatever the language;
# the language comes from the switcher's cookie or the browser (LocaleMiddleware).
urlpatterns = [
    path("", public.home, name="home"),
    path("fiche/", fiche.fiche, name="fiche"),
    path("r/", include("questionnaire.respondent.urls_results")),
    path("s/", include("questionnaire.respondent.urls_survey")),
    path("hr/", include("questionnaire.hr.urls")),
    # Django's login view, with a bounded `next` (login_redirect.py), and its logout. Not the
    # rest of django.contrib.auth.urls: passwords are set by the organisation's administrator
    # (the login page says so), so there is no page to reset one by e-mail, which anyone
    # could ask for any address, nor one to change it outside the admin.
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The load balancer's probe: no trailing slash, exempt from the HTTPS redirect
    # (SECURE_REDIRECT_EXEMPT).
    path("healthz", healthz, name="healthz"),
]

# Our own 404: private-page headers, and no echo of the (possibly secret) address.
handler404 = "supportcheck.error_pages.page_not_found"
