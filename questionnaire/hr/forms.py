"""Forms of the HR pages, rendered with crispy-forms (Bootstrap 5).

Plain forms: the views pass `cleaned_data` to the services in services.py, which
validate the whole row again before saving.
"""

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..core.invitation_addresses import (
    MAX_ADDRESSES,
    MAX_FILE_BYTES,
    MAX_PASTED_CHARACTERS,
    RefusedLine,
    UnreadableFile,
    addresses_read,
    file_text,
)
from ..core.languages import LANGUAGE_CHOICES, active_language
from ..models import Campaign, Department, HRMembership, Organisation


class _NamesInLanguages(forms.Form):
    """Optional names per language, saved as the model's `name_translations`: a respondent
    reading French sees the French name where HR gave one, else the main name."""

    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=200, required=False)
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("Optional. Where a language has no name of its own, the name above is shown."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        cleaned["name_translations"] = {
            code: text.strip()
            for code, _label in LANGUAGE_CHOICES
            if (text := cleaned.pop(f"name_{code}", "") or "").strip()
        }
        return cleaned

    @staticmethod
    def _initial_names(named) -> dict[str, str]:
        return {f"name_{code}": text for code, text in named.name_translations.items()}


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class CampaignForm(_NamesInLanguages):
    name = forms.CharField(
        label=_("Name"),
        max_length=Campaign._meta.get_field("name").max_length,
        help_text=_("Respondents see this name, for example “Autumn 2026”."),
    )
    field_order = ["name", "name_nl", "name_fr", "name_en"]
    opens_on = forms.DateField(label=_("Opens on"), widget=_DateInput())
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=_DateInput(),
        help_text=_("The last day to answer. Scores are shown from the day after."),
    )
    default_language = forms.ChoiceField(
        label=_("Default language"),
        choices=LANGUAGE_CHOICES,
        help_text=_("The language of the poster and of the questionnaire's first page."),
    )
    access = forms.ChoiceField(
        label=_("How respondents get in"),
        choices=Campaign.ACCESS_CHOICES,
        initial=Campaign.OPEN_LINK,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "With access codes each person answers once, so nobody can make a small group "
            "look larger by answering several times. Fixed once the campaign opens."
        ),
    )

    def __init__(self, *args, codes_offered: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not codes_offered:
            # Someone both reads the figures and runs the access (roles.py): codes in their
            # hands would undo what codes protect, so only the open link is offered.
            access = cast("forms.ChoiceField", self.fields["access"])
            access.choices = [c for c in Campaign.ACCESS_CHOICES if c[0] == Campaign.OPEN_LINK]
            access.help_text = _(
                "Access codes are not offered: someone in your organisation both reads the "
                "figures and runs the access, and whoever reads the figures must not hold "
                "codes. With one HR person the open link is the honest choice. To use "
                "codes, ask the administrator to give the access role to another person, "
                "for example the prevention adviser."
            )

    def clean(self):
        cleaned = super().clean()
        # Not chosen (a form from before access codes existed): the open link, as before.
        cleaned["access"] = cleaned.get("access") or Campaign.OPEN_LINK
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", ValidationError(_("The closing day cannot be before the opening day."))
            )
        return cleaned

    @classmethod
    def for_campaign(
        cls, campaign: Campaign, data=None, *, today: date, codes_offered: bool = True
    ) -> "CampaignForm":
        form = cls(
            data,
            codes_offered=codes_offered or campaign.access == Campaign.ACCESS_CODES,
            initial={
                "name": campaign.name,
                "opens_on": campaign.opens_on,
                "closes_on": campaign.closes_on,
                "default_language": campaign.default_language,
                "access": campaign.access,
                **cls._initial_names(campaign),
            },
        )
        if campaign.status(today) == Campaign.CLOSED:
            # Its figures are final (services.campaign_update says why); a disabled
            # field also ignores whatever a tampered request sends for it.
            for name in ("opens_on", "closes_on"):
                form.fields[name].disabled = True
        if campaign.status(today) != Campaign.UPCOMING:
            form.fields["access"].disabled = True
            form.fields["closes_on"].help_text = _(
                "The campaign has closed, so its dates can no longer change."
            )
        return form


class DepartmentForm(_NamesInLanguages):
    name = forms.CharField(
        label=_("Name"), max_length=Department._meta.get_field("name").max_length
    )
    field_order = ["name", "name_nl", "name_fr", "name_en", "headcount"]
    headcount = forms.IntegerField(
        label=_("Headcount"),
        required=False,
        min_value=0,
        # Far above any department, and within every database's integer column.
        max_value=1_000_000,
        help_text=_("Number of employees, used for the response rate. Optional."),
    )

    @classmethod
    def for_department(cls, department: Department, data=None) -> "DepartmentForm":
        initial = {"name": department.name, "headcount": department.headcount}
        return cls(data, initial=initial | cls._initial_names(department))


class LocalNameChoiceField(forms.ModelChoiceField):
    """Each department named as the page is read, in its language."""

    def label_from_instance(self, obj) -> str:
        return obj.name_in(active_language(fallback=""))


class CodeBatchForm(forms.Form):
    department = LocalNameChoiceField(
        label=_("Department"), queryset=Department.objects.none(), empty_label=None
    )
    size = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=1000,
        help_text=_("One per person who has not received a code yet."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        department = cast("forms.ModelChoiceField[Department]", self.fields["department"])
        department.queryset = campaign.organisation.departments.order_by("name")


class InvitationAddressesForm(forms.Form):
    """A department's addresses, pasted or as a file; every line checked before anything
    is kept (invitation_addresses.py)."""

    department = LocalNameChoiceField(
        label=_("Department"), queryset=Department.objects.none(), empty_label=None
    )
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        max_length=MAX_PASTED_CHARACTERS,
        error_messages={
            "max_length": _(
                "At most %(limit_value)s characters can be pasted (this text has "
                "%(show_value)s): choose a file instead."
            )
        },
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One address per line, or lines copied from a spreadsheet."),
    )
    file = forms.FileField(label=_("Or a file"), required=False)

    def __init__(self, *args, campaign: Campaign, already: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.already = already
        self.refused: list[RefusedLine] = []
        self.fields["file"].help_text = gettext(
            "A CSV or text file with one address per line or in one column, at most "
            "%(size)s KB and %(count)s addresses."
        ) % {"size": MAX_FILE_BYTES // 1024, "count": MAX_ADDRESSES}
        department = cast("forms.ModelChoiceField[Department]", self.fields["department"])
        department.queryset = campaign.organisation.departments.order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = self._text(cleaned)
        if text is None:
            return cleaned
        read = addresses_read(text, already=self.already)
        self.refused = read.refused
        if read.refused:
            self.add_error(
                None,
                ngettext(
                    "%(count)s line was refused: nothing was saved. Correct it and send "
                    "the list again.",
                    "%(count)s lines were refused: nothing was saved. Correct them and send "
                    "the list again.",
                    len(read.refused),
                )
                % {"count": len(read.refused)},
            )
        elif not read.addresses:
            self.add_error(None, _("No e-mail address was found: nothing was saved."))
        elif len(read.addresses) > MAX_ADDRESSES:
            self.add_error(
                None,
                _("At most %(max)s addresses at once (this list has %(count)s): split it.")
                % {"max": MAX_ADDRESSES, "count": len(read.addresses)},
            )
        cleaned["addresses"] = read.addresses
        return cleaned

    def _text(self, cleaned: dict[str, Any]) -> str | None:
        pasted, upload = cleaned.get("addresses") or "", cleaned.get("file")
        if upload and pasted.strip():
            self.add_error(None, _("Paste the addresses or choose a file, not both."))
            return None
        if not upload:
            if not pasted.strip() and not self.errors:
                self.add_error("addresses", _("Paste the addresses or choose a file."))
            return pasted if pasted.strip() else None
        if upload.size > MAX_FILE_BYTES:
            self.add_error(
                "file",
                _("The file is larger than %(size)s KB: split it.")
                % {"size": MAX_FILE_BYTES // 1024},
            )
            return None
        try:
            return file_text(upload.read())
        except UnreadableFile as error:
            self.add_error("file", str(error))
            return None


class _DepartmentChoice(forms.ModelMultipleChoiceField):
    """An organisation's departments as checkboxes, each by its name in the page's
    language; an id of another organisation's department is not a choice (refused)."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.name_in(active_language(fallback=""))


def _departments_field(organisation: Organisation) -> _DepartmentChoice:
    return _DepartmentChoice(
        queryset=organisation.departments.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label=_("Departments whose figures they see"),
        error_messages={"required": _("Choose at least one department for the team manager.")},
    )


class ManagerDepartmentsForm(forms.Form):
    """Which of the organisation's departments a team manager sees."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["departments"] = _departments_field(organisation)


class ManagerGrantForm(ManagerDepartmentsForm):
    """Make an existing account a team manager of the organisation, for some departments."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("The account must exist already; the administrator creates accounts."),
    )
    field_order = ["username", "departments"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.organisation = organisation

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ValidationError(gettext("No account has this username."))
        held = HRMembership.objects.filter(
            user=user, organisation=self.organisation, role=HRMembership.MANAGER
        )
        if held.exists():
            raise ValidationError(
                gettext("%(user)s is a team manager here already: change their departments.")
                % {"user": username}
            )
        return user
