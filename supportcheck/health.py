"""/healthz: is this app server able to serve? Answers load balancers and monitoring."""

import logging

from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from questionnaire.core.db_outage import RETRY_AFTER_SECONDS

logger = logging.getLogger("supportcheck.health")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a trivial query, 503 otherwise; nothing else is told."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        # The class name is enough to tell a refused connection from a timeout.
        logger.warning("health check: database unavailable (%s)", type(error).__name__)
        response = JsonResponse({"status": "unavailable"}, status=503)
        # When to probe again, as the outage page says to people (monitors read it).
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok"})
