"""The form of an action: its group and area offered from the page's dashboard and the
wave's questionnaire, so a value outside them is refused as not one of the choices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...models import ActionPlanItem, Campaign
from .areas import area_advice, areas_asked
from .plan import ActionGroup

MAX_TEXT = ActionPlanItem._meta.get_field("what").max_length or 500
MAX_OWNER = ActionPlanItem._meta.get_field("owner").max_length or 100


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ActionForm(forms.Form):
    group = forms.ChoiceField(label=_("For"))
    area = forms.ChoiceField(
        label=_("Area"), help_text=_("The area of support the action aims to improve.")
    )
    what = forms.CharField(
        label=_("What will be done"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Start from the fiche's advice below, and make it concrete."),
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=MAX_OWNER,
        help_text=_("A name or a role (for example “team leader”), never a respondent."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=_DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActionPlanItem.STATUS_CHOICES)
    note = forms.CharField(
        label=_("Note"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        campaign: Campaign,
        groups: Sequence[ActionGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.campaign = campaign
        self.fields["group"].choices = [(group.key, group.label) for group in groups]  # type: ignore[attr-defined]
        self.fields["area"].choices = areas_asked(campaign)  # type: ignore[attr-defined]

    @classmethod
    def for_action(
        cls, action: ActionPlanItem, data: Any = None, *, groups: Sequence[ActionGroup]
    ) -> ActionForm:
        initial = {
            "group": str(action.department_id) if action.department_id else "organisation",
            "area": action.area,
            "what": action.what,
            "owner": action.owner,
            "due_on": action.due_on,
            "status": action.status,
            "note": action.note,
        }
        return cls(data, campaign=action.campaign, groups=groups, initial=initial)

    @classmethod
    def prefilled(
        cls, campaign: Campaign, groups: Sequence[ActionGroup], asked: dict[str, str]
    ) -> ActionForm:
        """A new action's form, its group and area taken from a finding's link where they
        are among the choices, and the area's advice as the starting text."""
        form = cls(campaign=campaign, groups=groups)
        initial: dict[str, Any] = {"status": ActionPlanItem.PLANNED}
        if asked.get("group") in {group.key for group in groups}:
            initial["group"] = asked["group"]
        area = asked.get("area", "")
        if area in dict(areas_asked(campaign)):
            initial["area"] = area
            initial["what"] = area_advice(area)
        form.initial = initial
        return form

    def clean_what(self) -> str:
        return _not_blank(self.cleaned_data["what"])

    def clean_owner(self) -> str:
        return _not_blank(self.cleaned_data["owner"])

    def clean_due_on(self) -> date:
        due_on: date = self.cleaned_data["due_on"]
        if due_on < self.campaign.opens_on:
            raise ValidationError(
                gettext("The due date cannot be before the wave opened (%(date)s).")
                % {"date": date_format(self.campaign.opens_on, "DATE_FORMAT")}
            )
        return due_on


def _not_blank(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(gettext("This field is required."))
    return text
