"""Run axe-core (vendored in tests/browser/vendor/axe-core, see its README) in a page.

The script is read from disk and evaluated through the DevTools protocol (page.evaluate),
which the page's strict Content-Security-Policy does not apply to; a <script> tag added with
page.add_script_tag(content=...) would be an inline script and blocked by that policy.
"""

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_PATH.read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the WCAG 2.0/2.1/2.2 A and AA rules plus best practices."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    # resultTypes: axe then works out selectors and snippets for the violations only, and
    # only they cross back to Python; which rules pass or fail does not change.
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
                   .then(result => result.violations)""",
        WCAG_TAGS,
    )


def assert_no_axe_violations(page) -> None:
    """Fail with one line per violated rule: id, impact, help and the first three targets."""
    violations = axe_violations(page)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            nodes = violation["nodes"]
            targets = "; ".join(_selector(node["target"]) for node in nodes[:3])
            more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" -> {targets}{more}  [{violation['helpUrl']}]"
            )
        raise AssertionError("\n".join(lines))


def _selector(target: list) -> str:
    # A target is a list of selectors, one per frame; inside a shadow root an entry is itself
    # a list (host, then the element within it).
    return " | ".join(
        " >>> ".join(part) if isinstance(part, list) else str(part) for part in target
    )
