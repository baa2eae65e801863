"""The template tags that write the dashboard's long lists (templatetags/dashboard_tables.py)
write what the templates' loops wrote before them, character for character: every branch
(a flagged row, a note, a hidden cell with its reason, an interval, a chart in a row, an
edit link) and texts that need escaping, in each language."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from questionnaire.core.privacy import COMPLEMENTARY, OVER_HEADCOUNT, Hidden
from questionnaire.hr.actions.plan import ActionLine
from questionnaire.hr.dashboard import (
    COUNT,
    MEASURE,
    SCORE,
    TEXT,
    Column,
    Row,
    Table,
    TableCell,
    text_cell,
)
from questionnaire.hr.dashboard.versus_map import VersusCell, VersusMap, VersusRow
from questionnaire.models import ActionPlanItem

# The loops as the templates had them.
TABLE_LOOP = """{% for row in table.rows %}
      <tr{% if row.strong %} class="flagged"{% endif %}>
        <th scope="row"{% if row.kind == "measure" and table.key == "answers" %} class="fw-normal"{% endif %}>{{ row.label }}{% if row.note %}<br><span class="small fw-normal">{{ row.note }}</span>{% endif %}</th>
        {% for cell in row.cells %}<td class="{% if forloop.first and row.figure %}hr-answers {% endif %}{% if cell.format != 'text' %}text-end{% endif %}{% if cell.hidden %} hidden-value{% endif %}"{% if cell.hidden %} title="{{ cell.hidden }}"{% endif %}>{% if forloop.first and row.figure %}{{ row.figure }}{% endif %}{% if row.strong and cell.format == "text" %}<strong>{{ cell.text }}</strong>{% else %}{{ cell.text }}{% endif %}{% if cell.interval %}<br><span class="small">{{ cell.interval }}</span>{% endif %}</td>{% endfor %}
      </tr>
    {% endfor %}"""  # noqa: E501

VERSUS_LOOP = """{% for row in versus.rows %}
      <tr{% if row.kind == "organisation" %} class="vs-organisation"{% endif %}>
        <th scope="row">{{ row.label }}{% if row.note %}<br><span class="small fw-normal">{{ row.note }}</span>{% endif %}</th>
        {% for cell in row.cells %}<td class="{{ cell.css }}">{{ cell.text }}{% if cell.mark %}<span class="vs-mark" aria-hidden="true">{{ cell.mark }}</span>{% endif %}<span class="visually-hidden"> – {{ cell.words }}</span></td>{% endfor %}
      </tr>
    {% endfor %}"""  # noqa: E501

ACTIONS_LOOP = """{% load i18n %}{% for line in lines %}
  <li class="action-item" id="action-{{ line.action.pk }}">
    <strong>{{ line.group }} – {{ line.area }}</strong>: {{ line.action.what }}
    <br><span class="action-meta">{% blocktranslate trimmed with owner=line.action.owner due=line.due status=line.status %}
      Owner: {{ owner }}, due {{ due }}, {{ status }}
    {% endblocktranslate %}{% if line.action.note %} · {{ line.action.note }}{% endif %}</span>
    {% if follow %}<br><span class="action-follow-up">{{ line.follow_up }}</span>{% endif %}
    {% if editable %}<span class="no-print"> · <a href="{% url 'hr:action_edit' pk=line.action.campaign_id action_pk=line.action.pk %}">{% translate "Edit" %}<span class="visually-hidden"> {{ line.group }} – {{ line.area }}</span></a></span>{% endif %}
  </li>
  {% endfor %}"""  # noqa: E501

TRICKY = 'R&D <"lab"> & Co\'s'


def _both(loop: str, tag: str, **context) -> tuple[str, str]:
    before = Template(loop).render(Context(context))
    after = Template("{% load dashboard_tables %}" + tag).render(Context(context))
    return before, after


def _interval_cell(value, low, high) -> TableCell:
    return TableCell(
        value,
        f"{value:.1f}",
        SCORE,
        bounds=(TableCell(low, f"{low:.1f}", SCORE), TableCell(high, f"{high:.1f}", SCORE)),
    )


def _table(key: str) -> Table:
    hidden = Hidden(COMPLEMENTARY, 5)
    rows = (
        Row(TRICKY, "department", (TableCell(61.5, "61.5", SCORE), text_cell("2 (12.0)"))),
        Row(
            "Care",
            "department",
            (TableCell(hidden, hidden.short, SCORE), text_cell("1")),
            strong=True,
        ),
        Row("Kitchen", MEASURE, (_interval_cell(58.0, 52.1, 63.9), text_cell("")), note=TRICKY),
        Row(
            "Office",
            MEASURE,
            (text_cell("Never 3 (10.0%)"), TableCell(Hidden(OVER_HEADCOUNT, 5), "x", COUNT)),
            figure=mark_safe('<svg class="chart"><rect width="3"/></svg>'),  # noqa: S308
        ),
        Row("Whole organisation", "organisation", (TableCell(None, "–", SCORE), text_cell(TRICKY))),
    )
    columns = (Column("a", "A", SCORE), Column("b", "B", TEXT))
    return Table(key, "Title", "Group", columns, rows)


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
@pytest.mark.parametrize("key", ["departments", "answers"])
def test_table_rows_are_the_loops_markup(language, key):
    with translation.override(language):
        before, after = _both(TABLE_LOOP, "{% table_rows table %}", table=_table(key))
    assert after == before
    assert "R&amp;D &lt;&quot;lab&quot;&gt; &amp; Co&#x27;s" in after
    assert ('<th scope="row" class="fw-normal">Kitchen' in after) == (key == "answers")


def test_versus_rows_are_the_loops_markup():
    versus = VersusMap(
        ("Support", TRICKY),
        (
            VersusRow(
                "Whole organisation",
                "organisation",
                (VersusCell("60.0", "", "sometimes", "vs-reference"),),
            ),
            VersusRow(
                TRICKY,
                "department",
                (
                    VersusCell("48.2", "▼ 11.8", f"{TRICKY}; clearly below", "vs-worse-2", True),
                    VersusCell("hidden for privacy", "", "hidden", "vs-hidden"),
                ),
                note="combines: A, B",
            ),
        ),
    )
    before, after = _both(VERSUS_LOOP, "{% versus_rows versus %}", versus=versus)
    assert after == before
    assert 'vs-mark" aria-hidden="true">▼ 11.8<' in after


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
@pytest.mark.parametrize(("follow", "editable"), [(True, True), (True, False), (False, False)])
def test_action_items_are_the_loops_markup(language, follow, editable):
    lines = [
        ActionLine(
            ActionPlanItem(
                pk=pk,
                campaign_id=7,
                area="pressure",
                what=TRICKY,
                owner=owner,
                due_on=date(2027, 3, pk),
                status="planned",
                note=note,
            ),
            group=group,
            area="Work pressure",
            status="under way",
        )
        for pk, group, owner, note in (
            (1, TRICKY, "Team <leader>", ""),
            (2, "Whole organisation", "HR", "After the summer & before the next wave"),
        )
    ]
    context = {"lines": lines, "follow": follow, "editable": editable}
    with translation.override(language):
        before, after = _both(ACTIONS_LOOP, "{% action_items lines follow editable %}", **context)
    assert after == before
    assert ("/actions/2/" in after) == editable
    assert ("action-follow-up" in after) == follow
