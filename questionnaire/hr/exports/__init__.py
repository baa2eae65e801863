"""HR's exports of a campaign, each rendering the tables of hr/dashboard/: the CSV
(tidy_csv.py), the XLSX (workbook.py), the PDF report (pdf_report.py) and a closed
campaign's PDF kept with the fingerprint of what it is made from (kept_pdf.py), with what
they share in shared.py. No export imports another; the kept PDF is the PDF report, kept.

Code outside this package imports from here, not from its modules.
"""

from .kept_pdf import ExportBeingRendered, campaign_pdf
from .pdf_report import dashboard_pdf, dashboard_pdf_html
from .shared import spreadsheet_cell
from .tidy_csv import csv_delimiter, dashboard_csv
from .workbook import dashboard_workbook, sheet_name

__all__ = [
    "ExportBeingRendered",
    "campaign_pdf",
    "csv_delimiter",
    "dashboard_csv",
    "dashboard_pdf",
    "dashboard_pdf_html",
    "dashboard_workbook",
    "sheet_name",
    "spreadsheet_cell",
]
