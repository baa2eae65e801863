"""Reading the addresses a custodian pastes or uploads for e-mail invitations.

One address per line, or a CSV export (separated by commas, semicolons or tabs) with the
address in one of its columns; a first line without any address is taken as the CSV's
headings. Every line that is not one valid, new address is reported with its number and
the reason, so the custodian can correct the list; the caller saves nothing while any line
is refused.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

# A department of a few thousand people fits; more at once is a mistake (a wrong file).
MAX_ADDRESSES = 2000
# A text of MAX_ADDRESSES long addresses with a few CSV columns each.
MAX_FILE_BYTES = 256 * 1024
# Pasted text travels in the form's body, which Django caps (DATA_UPLOAD_MAX_MEMORY_SIZE).
MAX_PASTED_CHARACTERS = 60_000
# How much of a refused line the report repeats.
SHOWN_CHARACTERS = 80

_validate = EmailValidator()


@dataclass(frozen=True)
class RefusedLine:
    number: int
    text: str
    reason: str


@dataclass
class AddressList:
    """The new addresses of a text (lower case, in order) and the lines refused."""

    addresses: list[str] = field(default_factory=list)
    refused: list[RefusedLine] = field(default_factory=list)


def address_key(address: str) -> str:
    """How addresses are compared and stored: trimmed, in lower case (mail servers treat
    the local part without case in practice, and one person must not get two codes)."""
    return address.strip().lower()


def addresses_read(text: str, *, already: set[str]) -> AddressList:
    """The addresses of `text`, refusing lines that hold none, several, an invalid one, one
    given on an earlier line or one in `already` (invited in the campaign before)."""
    result = AddressList()
    first_seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        reason = _line_problem(line, number, first_seen, already)
        if isinstance(reason, RefusedLine):
            result.refused.append(reason)
        elif reason is not None:
            first_seen[reason] = number
            result.addresses.append(reason)
    return result


def _line_problem(
    line: str, number: int, first_seen: dict[str, int], already: set[str]
) -> RefusedLine | str | None:
    """The line's address, None for a heading line, or a RefusedLine saying why."""

    def refused(reason: str) -> RefusedLine:
        shown = line.strip()
        if len(shown) > SHOWN_CHARACTERS:
            shown = shown[:SHOWN_CHARACTERS] + "…"
        return RefusedLine(number, shown, reason)

    cells = [cell.strip().strip("<>") for cell in _cells(line)]
    candidates = [cell for cell in cells if "@" in cell]
    if not candidates:
        if number == 1 and not first_seen:
            return None  # the headings of a CSV export
        return refused(_("no e-mail address on this line"))
    if len(candidates) > 1:
        return refused(_("more than one e-mail address on this line: give one per line"))
    address = address_key(candidates[0])
    try:
        _validate(address)
    except ValidationError:
        return refused(_("not a valid e-mail address"))
    if address in first_seen:
        return refused(_("the same address as line %(line)s") % {"line": first_seen[address]})
    if address in already:
        return refused(_("this address was already given for this campaign"))
    return address


def _cells(line: str) -> list[str]:
    delimiter = max((";", ",", "\t"), key=line.count)
    if line.count(delimiter) == 0:
        return [line]
    return next(csv.reader([line], delimiter=delimiter))


class UnreadableFile(ValueError):
    pass


def file_text(content: bytes) -> str:
    """A text file's content: UTF-8 (with or without Excel's BOM) or, failing that,
    Windows-1252, which Excel uses for a "CSV" on many Belgian computers."""
    if b"\x00" in content:
        raise UnreadableFile(_("The file is not a text or CSV file."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file's characters could not be read: save it as UTF-8.")
        ) from error
