"""The shared core: what more than one audience uses, and nothing that knows about any of
them (docs/architecture.md).

    instrument/     the questionnaire as pure data, every version, the scale codes
    scoring         answers to scores (no Django)
    languages       the languages' names and the active language
    privacy         the one suppression rule for every figure about others
    aggregates/     the figures HR and a respondent's reference see, from frozen snapshots
    charts/         server-side SVG, for pages and PDFs alike
    pdf             the one WeasyPrint path
    access_codes    single-use codes, issued by HR's access custodian, spent by respondents
    roles           HR's two roles, and the lock that keeps codes from readers
    audit_log       who changed what in an organisation
    throttle        who a client is; login and report-link throttling
    db_outage       what counts as a lost database, and the 503 page
    context_processors   the fiche's addresses

A package here with a face (instrument/, aggregates/, charts/) is imported as the package,
never past its `__init__` (tests/core/test_architecture.py). This folder itself has no face:
import its modules.
"""
