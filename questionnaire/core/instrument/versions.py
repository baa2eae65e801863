"""The versions of the questionnaire: version 1's steps, what version 2 adds, what version 3
moves into the organisation's own scale, and which scales two versions may be compared on."""

from __future__ import annotations

from .items import (
    CLIMATE_ITEMS,
    COLLEAGUE_ITEMS,
    NEED_ITEMS,
    PRESSURE_ITEMS,
    SUPERVISOR_ITEMS,
    THIRD_PARTY_ITEMS,
)
from .structure import (
    CLIMATE,
    ORGANISATION_SUPPORT,
    Instrument,
    Item,
    Step,
    Text,
    scale_item,
    support_item,
)

INSTRUMENT_V1 = Instrument(
    version=1,
    steps=(
        Step(
            "colleagues",
            {"nl": "Je collega's", "fr": "Vos collègues", "en": "Your colleagues"},
            {
                "nl": "Denk aan de collega's met wie je dagelijks samenwerkt.",
                "fr": "Pensez aux collègues avec qui vous travaillez au quotidien.",
                "en": "Think of the colleagues you work with day to day.",
            },
            COLLEAGUE_ITEMS,
        ),
        Step(
            "supervisor",
            {"nl": "Je leidinggevende", "fr": "Votre responsable", "en": "Your supervisor"},
            {
                "nl": "Denk aan de persoon aan wie je rechtstreeks rapporteert. Heb je er "
                "geen, kies dan “Niet van toepassing”.",
                "fr": "Pensez à la personne dont vous dépendez directement. Si vous n'en "
                "avez pas, choisissez « Sans objet ».",
                "en": "Think of the person you report to directly. If you have none, choose "
                "“Not applicable”.",
            },
            SUPERVISOR_ITEMS,
        ),
        Step(
            "third_parties",
            {
                "nl": "Mensen buiten je team",
                "fr": "Personnes extérieures à votre équipe",
                "en": "People outside your team",
            },
            {
                "nl": "Denk aan andere diensten en organisaties, netwerken, intervisie of "
                "supervisie, en opleidingen.",
                "fr": "Pensez aux autres services et organisations, aux réseaux, à "
                "l'intervision ou la supervision, et aux formations.",
                "en": "Think of other services and organisations, networks, peer review "
                "or supervision groups, and training.",
            },
            THIRD_PARTY_ITEMS,
        ),
        Step(
            "work",
            {
                "nl": "Je werk en je team",
                "fr": "Votre travail et votre équipe",
                "en": "Your work and your team",
            },
            {
                "nl": "Hoe druk is je werk, en hoe gaan de mensen in je team met elkaar om?",
                "fr": "Quelle pression ressentez-vous dans votre travail, et comment "
                "s'entend-on dans votre équipe ?",
                "en": "How much pressure is there in your work, and how do the people in "
                "your team get along?",
            },
            PRESSURE_ITEMS + CLIMATE_ITEMS,
        ),
        Step(
            "needs",
            {"nl": "Wat je nodig hebt", "fr": "Vos besoins", "en": "What you need"},
            {
                "nl": "Iedereen heeft andere noden. Hoeveel steun heb jij nodig?",
                "fr": "Les besoins varient d'une personne à l'autre. De combien de soutien "
                "avez-vous besoin ?",
                "en": "Needs differ from person to person. How much support do you need?",
            },
            NEED_ITEMS,
        ),
    ),
)

# Version 2 asks what the fiche names and version 1 leaves out, each in an existing scale
# so that the stored scores stay the same 26 columns: affection from colleagues (emotional
# support), financial help such as an advance on pay (material support from the
# hierarchy), the organisation caring about one's well-being (emotional support from the
# hierarchy: the fiche names the organisation beside colleagues and supervisor), and a
# supervisor whose way of leading builds cohesion and mutual help (team climate). Four
# questions more, 40 in all: still about ten minutes.
COLLEAGUE_AFFECTION = support_item(
    "col_emo_3",
    "emotional",
    "colleagues",
    "Hoe vaak voel je warmte en genegenheid bij je collega's?",
    "À quelle fréquence ressentez-vous de la chaleur et de l'affection de la part de vos "
    "collègues ?",
    "How often do you feel warmth and affection from your colleagues?",
)
FINANCIAL_HELP = support_item(
    "sup_mat_3",
    "material",
    "supervisor",
    "Hoe vaak kun je op het werk terecht voor financiële hulp als je die nodig hebt, zoals "
    "een voorschot op je loon?",
    "À quelle fréquence pouvez-vous obtenir une aide financière de votre employeur en cas de "
    "besoin, comme une avance sur salaire ?",
    "How often can you get financial help at work when you need it, such as an advance on "
    "your pay?",
)
ORGANISATION_CARE = support_item(
    "sup_emo_3",
    "emotional",
    "supervisor",
    "Hoe vaak toont je organisatie dat ze om je welzijn geeft?",
    "À quelle fréquence votre organisation montre-t-elle qu'elle se soucie de votre bien-être ?",
    "How often does your organisation show that it cares about your well-being?",
)
COHESIVE_LEADERSHIP = scale_item(
    "cli_5",
    CLIMATE,
    "Hoe vaak leidt je leidinggevende het team zo dat mensen een hechte groep vormen en elkaar "
    "helpen?",
    "À quelle fréquence la façon de diriger de votre responsable rend-elle l'équipe soudée et "
    "solidaire ?",
    "How often does your supervisor lead the team in a way that brings people together and "
    "gets them to help each other?",
)


def _with(step: Step, *extra: Item, title: Text | None = None, intro: Text | None = None) -> Step:
    return Step(step.code, title or step.title, intro or step.intro, step.items + extra)


_V1_STEPS = {step.code: step for step in INSTRUMENT_V1.steps}
INSTRUMENT_V2 = Instrument(
    version=2,
    steps=(
        _with(_V1_STEPS["colleagues"], COLLEAGUE_AFFECTION),
        _with(
            _V1_STEPS["supervisor"],
            FINANCIAL_HELP,
            ORGANISATION_CARE,
            title={
                "nl": "Je leidinggevende en je organisatie",
                "fr": "Votre responsable et votre organisation",
                "en": "Your supervisor and your organisation",
            },
            intro={
                "nl": "Denk aan de persoon aan wie je rechtstreeks rapporteert en, voor de "
                "laatste twee vragen, aan je werkgever. Heb je geen leidinggevende, kies dan "
                "“Niet van toepassing”.",
                "fr": "Pensez à la personne dont vous dépendez directement et, pour les deux "
                "dernières questions, à votre employeur. Si vous n'avez pas de responsable, "
                "choisissez « Sans objet ».",
                "en": "Think of the person you report to directly and, for the last two "
                "questions, your employer. If you have no supervisor, choose “Not "
                "applicable”.",
            },
        ),
        _V1_STEPS["third_parties"],
        _with(_V1_STEPS["work"], COHESIVE_LEADERSHIP),
        _V1_STEPS["needs"],
    ),
)

# Version 3: the organisation is a source of its own. Version 2 counted an advance on pay
# and the organisation's care for one's well-being in the supervisor's material and
# emotional support, so a good supervisor in a tight-fisted organisation read "material
# support from your supervisor: rarely or never". Version 3 asks about the organisation in
# its own scale (three items: the fiche's loan, its "cares about their well-being" and its
# "values their contribution"), worded about the organisation, and the supervisor's cells
# hold only items about the supervisor again (two each, as in version 1).
ORGANISATION_FINANCIAL_HELP = scale_item(
    "org_1",
    ORGANISATION_SUPPORT,
    "Hoe vaak kun je bij je organisatie terecht voor financiële hulp als je die nodig hebt, "
    "zoals een voorschot op je loon?",
    "À quelle fréquence pouvez-vous obtenir de votre organisation une aide financière en cas "
    "de besoin, comme une avance sur salaire ?",
    "How often can you get financial help from your organisation when you need it, such as "
    "an advance on your pay?",
)
ORGANISATION_VALUES_YOU = scale_item(
    "org_2",
    ORGANISATION_SUPPORT,
    "Hoe vaak laat je organisatie merken dat ze je bijdrage naar waarde schat?",
    "À quelle fréquence votre organisation vous montre-t-elle qu'elle reconnaît la valeur de "
    "votre contribution ?",
    "How often does your organisation show that it values your contribution?",
)
ORGANISATION_WELL_BEING = scale_item(
    "org_3",
    ORGANISATION_SUPPORT,
    "Hoe vaak toont je organisatie dat ze om je welzijn geeft?",
    "À quelle fréquence votre organisation montre-t-elle qu'elle se soucie de votre bien-être ?",
    "How often does your organisation show that it cares about your well-being?",
)
ORGANISATION_ITEMS = (ORGANISATION_FINANCIAL_HELP, ORGANISATION_VALUES_YOU, ORGANISATION_WELL_BEING)

_V2_STEPS = {step.code: step for step in INSTRUMENT_V2.steps}
INSTRUMENT_V3 = Instrument(
    version=3,
    steps=(
        _V2_STEPS["colleagues"],
        Step(
            "supervisor",
            _V2_STEPS["supervisor"].title,
            {
                "nl": "De eerste vragen gaan over de persoon aan wie je rechtstreeks "
                "rapporteert; heb je er geen, kies dan “Niet van toepassing”. De laatste "
                "drie gaan over je organisatie als werkgever.",
                "fr": "Les premières questions portent sur la personne dont vous dépendez "
                "directement ; si vous n'en avez pas, choisissez « Sans objet ». Les "
                "trois dernières portent sur votre organisation en tant qu'employeur.",
                "en": "The first questions are about the person you report to directly; if "
                "you have none, choose “Not applicable”. The last three are about your "
                "organisation as your employer.",
            },
            SUPERVISOR_ITEMS + ORGANISATION_ITEMS,
        ),
        _V2_STEPS["third_parties"],
        _V2_STEPS["work"],
        _V2_STEPS["needs"],
    ),
)

VERSIONS: dict[int, Instrument] = {
    questionnaire.version: questionnaire
    for questionnaire in (INSTRUMENT_V1, INSTRUMENT_V2, INSTRUMENT_V3)
}
CURRENT_VERSION = INSTRUMENT_V3.version


def comparable_scales(first: Instrument, second: Instrument) -> frozenset[str]:
    """The scales both instruments score from the same items the same way: only these may
    be compared between waves answered with the two. A scale a version does not ask (the
    organisation's before version 3) is never comparable, not even with itself."""
    return frozenset(
        scale
        for scale, codes in first.scales().items()
        if codes
        and codes == second.scales()[scale]
        and all(first.item(code) == second.item(code) for code in codes)
    )


def instrument(version: int = CURRENT_VERSION) -> Instrument:
    return VERSIONS[version]
