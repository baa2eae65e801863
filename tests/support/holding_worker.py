"""`python -m tests.support.holding_worker worker ...`: a real `manage.py worker` whose PDF
renderings stop inside WeasyPrint's call and wait there to be killed, so a test kills a
worker in the middle of a rendering (its transaction open, the export's row locked), never
before or after it. It writes RENDERING_STARTED into the log when it gets there."""

import os
import sys
import time

RENDERING_STARTED = "holding_worker: rendering started"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportcheck.settings")
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    from questionnaire.hr.exports import kept_pdf

    def hold(html, *, site_url):
        print(RENDERING_STARTED, flush=True)
        while True:  # until SIGKILL
            time.sleep(1)

    kept_pdf.pdf_report.pdf_from_html = hold
    execute_from_command_line(["manage.py", *sys.argv[1:]])


if __name__ == "__main__":
    main()
