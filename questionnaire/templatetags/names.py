"""{{ campaign|local_name }}: a campaign's or department's name in the active language."""

from django import template

from ..core.languages import active_language

register = template.Library()


@register.filter
def local_name(named) -> str:
    """The name HR gave for the active language, else the main name."""
    return named.name_in(active_language(fallback=""))
