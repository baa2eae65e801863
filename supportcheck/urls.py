from django.contrib import admin
from django.urls import include, path

from questionnaire.views import public

# No language prefixes: a private report link must stay the same whatever the language;
# the language comes from the switcher's cookie or the browser (LocaleMiddleware).
urlpatterns = [
    path("", public.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
