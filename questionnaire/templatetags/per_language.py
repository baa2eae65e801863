"""{% per_language %}...{% end_per_language %}: a part of a page that is the same for every
request in a language, rendered once per language and process and then reused.
{% per_language FICHE_URL %} keeps one copy per language and value of FICHE_URL: every
context variable used inside must be named so (a page rendered without it, such as an
error page without the request's context, gets a copy of its own).

Every page repeats the same frame (the stylesheets' hashed addresses, the site's links, the
footer's texts), and rendering it through the template engine cost more than a bare
page's whole view (bench/profile_journey.py). Only what depends on the language and the
settings alone may go inside: nothing of the request (no CSRF token, no user, no path) and
no {% block %} (a child template's block would be kept for every page). The kept copies
are dropped when a setting changes (a test's override_settings), since the static files'
storage, the URLs and the fiche's address all come from settings.
"""

from __future__ import annotations

import weakref

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Parser, Token
from django.template.loader_tags import BlockNode
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_NODES: weakref.WeakSet[PerLanguageNode] = weakref.WeakSet()


class PerLanguageNode(template.Node):
    # A page that extends another looks for {% block %}s through every node of the page it
    # extends, on each rendering (ExtendsNode). None can be inside (per_language() refuses
    # one), so the search does not go through the kept parts: most of base.html.
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList, variables: list[FilterExpression]):
        self.nodelist = nodelist
        self.variables = variables
        self.rendered: dict[tuple[object, ...], SafeString] = {}
        _NODES.add(self)

    def render(self, context: template.Context) -> SafeString:
        key = (translation.get_language(), *(v.resolve(context) for v in self.variables))
        html = self.rendered.get(key)
        if html is None:
            # The nodelist's output: the template engine's escaped rendering.
            html = mark_safe(self.nodelist.render(context))  # noqa: S308  # nosec B308 B703
            self.rendered[key] = html
        return html


@register.tag("per_language")
def per_language(parser: Parser, token: Token) -> PerLanguageNode:
    variables = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% per_language %} may not hold a {% block %}")
    return PerLanguageNode(nodelist, variables)


@receiver(setting_changed)
def _forget_rendered(**_kwargs) -> None:
    for node in list(_NODES):
        node.rendered.clear()
