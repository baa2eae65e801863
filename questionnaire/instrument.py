"""What the questionnaire asks: types and sources of support, scales, items, versions.

Pure data with no Django import, so scoring and tests can read it anywhere. The wording is
the app's own, written from fiche 6.1.2 ("Het belang van sociale ondersteuning"); every
text exists in Dutch, French and English.

A stored response records the version it was answered with and is always scored with that
version's items. Never change what an item of a published version asks (its code, scale,
type, source or direction): add a new version instead. A translation may be reworded when
it asks the same thing (French items were, for varied openings and inclusive wording).

French texts put a no-break space before ":" and a narrow one before "?", ";" and "!"
(tests/test_translations.py checks them with the message catalogues).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

LANGUAGES = ("nl", "fr", "en")

Text = dict[str, str]  # one text per language code in LANGUAGES


def translate(text: Text, language: str) -> str:
    """The text in `language`, falling back to English for an unknown language code."""
    return text.get(language) or text["en"]


@dataclass(frozen=True)
class Dimension:
    """A support type or a source."""

    code: str
    label: Text


@dataclass(frozen=True)
class Source(Dimension):
    # "from <source>" as a sentence continues it ("Respecting support from your
    # supervisor"), so summaries and advice never show a bare label such as "Derden".
    from_phrase: Text


# The four types under the fiche's own names (materiële en financiële steun, informatieve
# steun, respecterende steun, emotionele steun); French uses the usual terms of House's
# typology that the fiche follows.
SUPPORT_TYPES = (
    Dimension(
        "material",
        {
            "nl": "Materiële en financiële steun",
            "fr": "Soutien matériel et financier",
            "en": "Material and financial support",
        },
    ),
    Dimension(
        "informational",
        {"nl": "Informatieve steun", "fr": "Soutien informatif", "en": "Informational support"},
    ),
    Dimension(
        "respecting",
        {"nl": "Respecterende steun", "fr": "Soutien d'estime", "en": "Respecting support"},
    ),
    Dimension(
        "emotional",
        {"nl": "Emotionele steun", "fr": "Soutien émotionnel", "en": "Emotional support"},
    ),
)

SOURCES = (
    Source(
        "colleagues",
        {"nl": "Collega's", "fr": "Collègues", "en": "Colleagues"},
        {"nl": "van je collega's", "fr": "de vos collègues", "en": "from your colleagues"},
    ),
    Source(
        "supervisor",
        {"nl": "Leidinggevende", "fr": "Responsable", "en": "Supervisor"},
        {"nl": "van je leidinggevende", "fr": "de votre responsable", "en": "from your supervisor"},
    ),
    Source(
        "third_parties",
        {"nl": "Derden", "fr": "Tiers", "en": "Third parties"},
        {
            "nl": "van mensen buiten je team",
            "fr": "de personnes extérieures à votre équipe",
            "en": "from people outside your team",
        },
    ),
)

TYPE_CODES = tuple(dimension.code for dimension in SUPPORT_TYPES)
SOURCE_CODES = tuple(dimension.code for dimension in SOURCES)


@dataclass(frozen=True)
class Choice:
    value: int  # the item score before reversing, 0-100
    label: Text


# A five-point frequency scale coded 0/25/50/75/100. "Not applicable" is not a value: it
# is stored as an answer without a value and counts as unanswered in every score.
CHOICES = (
    Choice(0, {"nl": "Nooit", "fr": "Jamais", "en": "Never"}),
    Choice(25, {"nl": "Zelden", "fr": "Rarement", "en": "Rarely"}),
    Choice(50, {"nl": "Soms", "fr": "Parfois", "en": "Sometimes"}),
    Choice(75, {"nl": "Vaak", "fr": "Souvent", "en": "Often"}),
    Choice(100, {"nl": "Altijd", "fr": "Toujours", "en": "Always"}),
)
CHOICE_VALUES = tuple(choice.value for choice in CHOICES)
NOT_APPLICABLE_LABEL: Text = {
    "nl": "Niet van toepassing",
    "fr": "Sans objet",
    "en": "Not applicable",
}

# Scales other than the support matrix.
PRESSURE = "pressure"
CLIMATE = "climate"
NEED = "need"
OVERALL = "overall"  # the scale of every support item


def need_code(type_code: str) -> str:
    """The scale of the need for one type of support: `need_<type>`."""
    return f"{NEED}_{type_code}"


@dataclass(frozen=True)
class Item:
    code: str
    text: Text
    scale: str  # "support", PRESSURE, CLIMATE or NEED
    support_type: str | None = None  # for support and need items
    source: str | None = None  # for support items
    reverse: bool = False  # True when "always" is the worst answer


@dataclass(frozen=True)
class Step:
    code: str
    title: Text
    intro: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    version: int
    steps: tuple[Step, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for step in self.steps for item in step.items)

    def item(self, code: str) -> Item:
        return self._items_by_code[code]

    @cached_property
    def _items_by_code(self) -> dict[str, Item]:
        return {item.code: item for item in self.items}

    def scales(self) -> dict[str, tuple[str, ...]]:
        return dict(self._scales)

    @cached_property
    def _scales(self) -> dict[str, tuple[str, ...]]:
        """Every scale's code with the codes of the items it averages (computed once).

        Cells are `<type>_<source>`; types, sources, "overall", "pressure" and "climate"
        are named by their code; the need for each type is `need_<type>`.
        """
        support = [item for item in self.items if item.scale == "support"]
        scales: dict[str, tuple[str, ...]] = {}
        for type_code in TYPE_CODES:
            for source_code in SOURCE_CODES:
                scales[f"{type_code}_{source_code}"] = tuple(
                    item.code
                    for item in support
                    if item.support_type == type_code and item.source == source_code
                )
        for type_code in TYPE_CODES:
            scales[type_code] = tuple(i.code for i in support if i.support_type == type_code)
        for source_code in SOURCE_CODES:
            scales[source_code] = tuple(i.code for i in support if i.source == source_code)
        scales[OVERALL] = tuple(item.code for item in support)
        scales[PRESSURE] = tuple(i.code for i in self.items if i.scale == PRESSURE)
        scales[CLIMATE] = tuple(i.code for i in self.items if i.scale == CLIMATE)
        for type_code in TYPE_CODES:
            scales[need_code(type_code)] = tuple(
                i.code for i in self.items if i.scale == NEED and i.support_type == type_code
            )
        return scales


def _support(code: str, support_type: str, source: str, nl: str, fr: str, en: str) -> Item:
    return Item(code, {"nl": nl, "fr": fr, "en": en}, "support", support_type, source)


COLLEAGUE_ITEMS = (
    _support(
        "col_mat_1",
        "material",
        "colleagues",
        "Hoe vaak nemen je collega's een deel van je werk over wanneer je het te druk hebt?",
        "Arrive-t-il que vos collègues reprennent une partie de votre travail quand vous êtes "
        "débordé ou débordée ?",
        "How often do your colleagues take over some of your work when you have too much to do?",
    ),
    _support(
        "col_mat_2",
        "material",
        "colleagues",
        "Hoe vaak helpen je collega's je concreet, bijvoorbeeld door een handje toe te "
        "steken of materiaal te delen?",
        "Recevez-vous de vos collègues une aide concrète, par exemple un coup de main ou du "
        "matériel partagé ?",
        "How often do your colleagues give you practical help, such as lending a hand with "
        "a task or sharing equipment?",
    ),
    _support(
        "col_inf_1",
        "informational",
        "colleagues",
        "Hoe vaak geven je collega's je bruikbaar advies over hoe je een situatie op het "
        "werk aanpakt?",
        "Obtenez-vous de vos collègues des conseils utiles pour gérer une situation au travail ?",
        "How often do your colleagues give you useful advice on how to handle a situation at work?",
    ),
    _support(
        "col_inf_2",
        "informational",
        "colleagues",
        "Hoe vaak leggen je collega's je dingen uit die je moet weten om je werk goed te doen?",
        "Arrive-t-il que vos collègues vous expliquent ce que vous devez savoir pour bien faire "
        "votre travail ?",
        "How often do your colleagues explain things you need to know to do your job well?",
    ),
    _support(
        "col_res_1",
        "respecting",
        "colleagues",
        "Hoe vaak laten je collega's merken dat ze je werk waarderen?",
        "Sentez-vous que vos collègues apprécient votre travail ?",
        "How often do your colleagues show that they value your work?",
    ),
    _support(
        "col_res_2",
        "respecting",
        "colleagues",
        "Hoe vaak erkennen je collega's je vaardigheden en ervaring?",
        "Vos compétences et votre expérience sont-elles reconnues par vos collègues ?",
        "How often do your colleagues recognise your skills and experience?",
    ),
    _support(
        "col_emo_1",
        "emotional",
        "colleagues",
        "Hoe vaak luisteren je collega's naar je wanneer je een zware dag hebt gehad?",
        "Après une journée difficile, trouvez-vous une oreille attentive auprès de vos collègues ?",
        "How often do your colleagues listen to you when you have had a hard day?",
    ),
    _support(
        "col_emo_2",
        "emotional",
        "colleagues",
        "Hoe vaak kun je bij je collega's terecht voor troost als er iets misloopt, op het "
        "werk of thuis?",
        "À quelle fréquence pouvez-vous trouver du réconfort auprès de vos collègues quand "
        "quelque chose va mal, au travail ou à la maison ?",
        "How often can you turn to your colleagues for comfort when something goes wrong, "
        "at work or at home?",
    ),
)

SUPERVISOR_ITEMS = (
    _support(
        "sup_mat_1",
        "material",
        "supervisor",
        "Hoe vaak zorgt je leidinggevende voor extra tijd of middelen wanneer je werklast "
        "te hoog wordt?",
        "À quelle fréquence obtenez-vous de votre responsable du temps ou des moyens "
        "supplémentaires quand votre charge de travail devient trop lourde ?",
        "How often does your supervisor arrange extra time or resources when your workload "
        "gets too high?",
    ),
    _support(
        "sup_mat_2",
        "material",
        "supervisor",
        "Hoe vaak grijpt je leidinggevende in om praktische problemen op te lossen die je "
        "werk hinderen?",
        "Arrive-t-il que votre responsable intervienne pour résoudre les problèmes pratiques qui "
        "freinent votre travail ?",
        "How often does your supervisor step in to solve practical problems that get in "
        "the way of your work?",
    ),
    _support(
        "sup_inf_1",
        "informational",
        "supervisor",
        "Hoe vaak is je leidinggevende beschikbaar voor hulp en advies als je op een "
        "probleem stuit?",
        "Quand vous rencontrez un problème, pouvez-vous compter sur votre responsable pour vous "
        "aider et vous conseiller ?",
        "How often is your supervisor available to help and advise you when you run into "
        "a problem?",
    ),
    _support(
        "sup_inf_2",
        "informational",
        "supervisor",
        "Hoe vaak geeft je leidinggevende je feedback over hoe je je werk doet?",
        "Recevez-vous de votre responsable un retour sur votre manière de travailler ?",
        "How often does your supervisor give you feedback on how you do your work?",
    ),
    _support(
        "sup_res_1",
        "respecting",
        "supervisor",
        "Hoe vaak erkent je leidinggevende de kwaliteit van je werk?",
        "La qualité de votre travail est-elle reconnue par votre responsable ?",
        "How often does your supervisor acknowledge the quality of your work?",
    ),
    _support(
        "sup_res_2",
        "respecting",
        "supervisor",
        "Hoe vaak toont je leidinggevende vertrouwen in de manier waarop je je werk doet?",
        "Sentez-vous que votre responsable fait confiance à votre façon de travailler ?",
        "How often does your supervisor show trust in the way you do your job?",
    ),
    _support(
        "sup_emo_1",
        "emotional",
        "supervisor",
        "Hoe vaak toont je leidinggevende oprechte interesse in hoe het met je gaat?",
        "Sentez-vous que votre responsable s'intéresse sincèrement à la façon dont vous allez ?",
        "How often does your supervisor show real interest in how you are doing?",
    ),
    _support(
        "sup_emo_2",
        "emotional",
        "supervisor",
        "Hoe vaak kun je met je leidinggevende praten over iets dat zwaar op je weegt?",
        "Pouvez-vous parler à votre responsable de ce qui vous pèse ?",
        "How often can you talk to your supervisor about something that weighs on you?",
    ),
)

THIRD_PARTY_ITEMS = (
    _support(
        "thp_mat_1",
        "material",
        "third_parties",
        "Hoe vaak helpen partners van andere diensten of organisaties je concreet, "
        "bijvoorbeeld door een deel van een opvolging over te nemen?",
        "Arrive-t-il que des partenaires d'autres services ou organisations vous aident "
        "concrètement, par exemple en reprenant une partie d'un suivi ?",
        "How often do partners from other services or organisations help you in practical "
        "ways, for example by taking over part of a follow-up?",
    ),
    _support(
        "thp_mat_2",
        "material",
        "third_parties",
        "Hoe vaak kun je een beroep doen op een netwerk buiten je team voor middelen die "
        "je eigen team niet heeft?",
        "Pouvez-vous faire appel à un réseau extérieur pour des ressources que votre équipe n'a "
        "pas ?",
        "How often can you call on a network outside your team for resources your own team "
        "does not have?",
    ),
    _support(
        "thp_inf_1",
        "informational",
        "third_parties",
        "Hoe vaak haal je bruikbare kennis uit contacten buiten je team, zoals netwerken, "
        "opleidingen of intervisie?",
        "À quelle fréquence obtenez-vous un savoir-faire utile grâce à des contacts hors de votre "
        "équipe, comme des réseaux, des formations ou de l'intervision ?",
        "How often do you gain useful know-how from contacts outside your team, such as "
        "networks, training or peer review groups?",
    ),
    _support(
        "thp_inf_2",
        "informational",
        "third_parties",
        "Hoe vaak kun je professionals van andere diensten om raad vragen bij een moeilijke "
        "situatie?",
        "Face à une situation difficile, pouvez-vous demander conseil à des professionnels "
        "d'autres services ?",
        "How often can you ask professionals from other services for advice on a difficult "
        "situation?",
    ),
    _support(
        "thp_res_1",
        "respecting",
        "third_parties",
        "Hoe vaak tonen partners buiten je team waardering voor je werk?",
        "Recevez-vous des marques d'estime pour votre travail de la part de partenaires "
        "extérieurs à votre équipe ?",
        "How often do partners outside your team show appreciation for your work?",
    ),
    _support(
        "thp_res_2",
        "respecting",
        "third_parties",
        "Hoe vaak leidt samenwerking met andere diensten tot resultaten die je het gevoel "
        "geven dat je werk ertoe doet?",
        "La collaboration avec d'autres services aboutit-elle à des résultats qui vous font "
        "sentir que votre travail compte ?",
        "How often does working with other services lead to results that make you feel "
        "your work matters?",
    ),
    _support(
        "thp_emo_1",
        "emotional",
        "third_parties",
        "Hoe vaak geven gesprekken met vakgenoten buiten je team (bijvoorbeeld in "
        "groepssupervisie) je moed?",
        "Les échanges avec des pairs hors de votre équipe (par exemple en supervision collective) "
        "vous donnent-ils du courage ?",
        "How often do talks with peers outside your team (for example in group "
        "supervision) encourage you?",
    ),
    _support(
        "thp_emo_2",
        "emotional",
        "third_parties",
        "Hoe vaak kun je de emotionele last van je werk delen met mensen buiten je team?",
        "Pouvez-vous partager la charge émotionnelle de votre travail avec des personnes "
        "extérieures à votre équipe ?",
        "How often can you share the emotional weight of your work with people outside your team?",
    ),
)


def _item(
    code: str,
    scale: str,
    nl: str,
    fr: str,
    en: str,
    *,
    support_type: str | None = None,
    reverse: bool = False,
) -> Item:
    return Item(
        code, {"nl": nl, "fr": fr, "en": en}, scale, support_type=support_type, reverse=reverse
    )


PRESSURE_ITEMS = (
    _item(
        "pre_1",
        PRESSURE,
        "Hoe vaak moet je heel snel werken?",
        "Devez-vous travailler très vite ?",
        "How often do you have to work very fast?",
    ),
    _item(
        "pre_2",
        PRESSURE,
        "Hoe vaak heb je meer werk dan je in de beschikbare tijd kunt afwerken?",
        "À quelle fréquence avez-vous plus de travail que vous ne pouvez en faire dans le temps "
        "disponible ?",
        "How often do you have more work than you can finish in the time available?",
    ),
    _item(
        "pre_3",
        PRESSURE,
        "Hoe vaak brengt je werk je in emotioneel belastende situaties?",
        "Votre travail vous met-il dans des situations émotionnellement éprouvantes ?",
        "How often does your work put you in emotionally demanding situations?",
    ),
    _item(
        "pre_4",
        PRESSURE,
        "Hoe vaak loop je achter met je werk?",
        "Prenez-vous du retard dans votre travail ?",
        "How often do you fall behind with your work?",
    ),
)

# Team climate: a high score is a good climate, so the items on distrust, conflict and
# competition (the opposite of support, in the fiche's words) are reverse-scored.
CLIMATE_ITEMS = (
    _item(
        "cli_1",
        CLIMATE,
        "Hoe vaak heerst er in je team een goede sfeer van wederzijdse hulp?",
        "Règne-t-il dans votre équipe une bonne ambiance d'entraide ?",
        "How often is there a good atmosphere of mutual help in your team?",
    ),
    _item(
        "cli_2",
        CLIMATE,
        "Hoe vaak voel je wantrouwen tussen mensen in je team?",
        "Ressentez-vous de la méfiance entre les membres de votre équipe ?",
        "How often do you sense distrust between people in your team?",
        reverse=True,
    ),
    _item(
        "cli_3",
        CLIMATE,
        "Hoe vaak zijn er conflicten in je team die niet uitgepraat worden?",
        "Y a-t-il dans votre équipe des conflits qui restent sans solution ?",
        "How often are there conflicts in your team that are left unresolved?",
        reverse=True,
    ),
    _item(
        "cli_4",
        CLIMATE,
        "Hoe vaak beconcurreren mensen in je team elkaar in plaats van samen te werken?",
        "Arrive-t-il que les membres de votre équipe se fassent concurrence au lieu de coopérer ?",
        "How often do people in your team compete with each other instead of working together?",
        reverse=True,
    ),
)

NEED_ITEMS = (
    _item(
        "need_mat",
        NEED,
        "Hoe vaak heb je nood aan praktische hulp bij je werk (iemand die een taak "
        "overneemt, extra handen, materiaal)?",
        "À quelle fréquence avez-vous besoin d'une aide pratique dans votre travail (quelqu'un "
        "qui reprend une tâche, des bras en plus, du matériel) ?",
        "How often do you need practical help with your work (someone taking over a task, "
        "extra hands, equipment)?",
        support_type="material",
    ),
    _item(
        "need_inf",
        NEED,
        "Hoe vaak heb je nood aan advies of informatie om je werk goed te doen?",
        "Avez-vous besoin de conseils ou d'informations pour bien faire votre travail ?",
        "How often do you need advice or information to do your work well?",
        support_type="informational",
    ),
    _item(
        "need_res",
        NEED,
        "Hoe vaak heb je nood aan de bevestiging dat je werk gewaardeerd wordt?",
        "Avez-vous besoin d'entendre que votre travail est apprécié ?",
        "How often do you need to hear that your work is valued?",
        support_type="respecting",
    ),
    _item(
        "need_emo",
        NEED,
        "Hoe vaak heb je nood aan iemand die naar je luistert of je troost als het werk "
        "zwaar valt?",
        "Avez-vous besoin que quelqu'un vous écoute ou vous réconforte quand le travail pèse ?",
        "How often do you need someone to listen to you or comfort you when work is hard?",
        support_type="emotional",
    ),
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
                "geen, kies dan 'Niet van toepassing'.",
                "fr": "Pensez à la personne dont vous dépendez directement. Si vous n'en "
                "avez pas, choisissez « Sans objet ».",
                "en": "Think of the person you report to directly. If you have none, choose "
                "'Not applicable'.",
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
COLLEAGUE_AFFECTION = _support(
    "col_emo_3",
    "emotional",
    "colleagues",
    "Hoe vaak voel je warmte en genegenheid bij je collega's?",
    "Ressentez-vous de la chaleur et de l'affection de la part de vos collègues ?",
    "How often do you feel warmth and affection from your colleagues?",
)
FINANCIAL_HELP = _support(
    "sup_mat_3",
    "material",
    "supervisor",
    "Hoe vaak kun je op het werk terecht voor financiële hulp als je die nodig hebt, zoals "
    "een voorschot op je loon?",
    "Pouvez-vous obtenir une aide financière de votre employeur en cas de besoin, comme une "
    "avance sur salaire ?",
    "How often can you get financial help at work when you need it, such as an advance on "
    "your pay?",
)
ORGANISATION_CARE = _support(
    "sup_emo_3",
    "emotional",
    "supervisor",
    "Hoe vaak toont je organisatie dat ze om je welzijn geeft?",
    "Votre organisation montre-t-elle qu'elle se soucie de votre bien-être ?",
    "How often does your organisation show that it cares about your well-being?",
)
COHESIVE_LEADERSHIP = _item(
    "cli_5",
    CLIMATE,
    "Hoe vaak leidt je leidinggevende het team zo dat mensen een hechte groep vormen en elkaar "
    "helpen?",
    "La façon de diriger de votre responsable rend-elle l'équipe soudée et solidaire ?",
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
                "nl": "Denk aan de persoon aan wie je rechtstreeks rapporteert, en voor de "
                "laatste twee vragen aan je werkgever. Heb je geen leidinggevende, kies dan "
                "'Niet van toepassing'.",
                "fr": "Pensez à la personne dont vous dépendez directement et, pour les deux "
                "dernières questions, à votre employeur. Si vous n'avez pas de responsable, "
                "choisissez « Sans objet ».",
                "en": "Think of the person you report to directly, and for the last two "
                "questions of your employer. If you have no supervisor, choose 'Not "
                "applicable'.",
            },
        ),
        _V1_STEPS["third_parties"],
        _with(_V1_STEPS["work"], COHESIVE_LEADERSHIP),
        _V1_STEPS["needs"],
    ),
)

VERSIONS: dict[int, Instrument] = {
    questionnaire.version: questionnaire for questionnaire in (INSTRUMENT_V1, INSTRUMENT_V2)
}
CURRENT_VERSION = INSTRUMENT_V2.version


def comparable_scales(first: Instrument, second: Instrument) -> frozenset[str]:
    """The scales both instruments score from the same items the same way: only these may
    be compared between waves answered with the two."""
    return frozenset(
        scale
        for scale, codes in first.scales().items()
        if codes == second.scales()[scale]
        and all(first.item(code) == second.item(code) for code in codes)
    )


def instrument(version: int = CURRENT_VERSION) -> Instrument:
    return VERSIONS[version]
