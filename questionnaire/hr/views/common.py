"""What every HR view shares: logged-in users only, never cached; the start page."""

from collections.abc import Callable
from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ...models import Campaign
from .. import poster
from ..dashboard import campaign_name
from ..selectors import start_page_for_hr


class HRRequest(HttpRequest):
    """The request an HR view gets: `hr_view` lets logged-in users only through, so its
    user is a User, never AnonymousUser."""

    user: User


def hr_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and never cached (Cache-Control: private, no-store)."""
    return login_required(never_cache(wraps(view)(view)))


def public_url(request: HRRequest, campaign: Campaign) -> str:
    return request.build_absolute_uri(poster.public_path(campaign))


def form_with_errors(form, error: ValidationError):
    form.add_error(None, error)
    return form


def filename(campaign: Campaign, kind: str, extension: str, day: date | None = None) -> str:
    # The name the reader reads on the page: a French reader's file is "enquete-...".
    name = slugify(campaign_name(campaign)) or "campaign"
    day = day or timezone.localdate()
    middle = f"-{kind}" if kind else ""
    return f"supportcheck-{name}{middle}-{day.isoformat()}.{extension}"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def posted(request: HRRequest):
    """The POST data, or None for a GET: an empty POST is a bound form and refused."""
    return request.POST if request.method == "POST" else None


def status_of(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- start page --------------------------------------------------------------------------


@hr_view
@require_GET
def home(request: HRRequest) -> HttpResponse:
    organisations = start_page_for_hr(request.user, today=timezone.localdate())
    return render(request, "hr/home.html", {"organisations": organisations})
