"""The items of version 1, in the three languages: what each question asks, in which scale."""

from __future__ import annotations

from .structure import CLIMATE, NEED, PRESSURE, scale_item, support_item

COLLEAGUE_ITEMS = (
    support_item(
        "col_mat_1",
        "material",
        "colleagues",
        "Hoe vaak nemen je collega's een deel van je werk over wanneer je het te druk hebt?",
        "Quand vous êtes débordé ou débordée, à quelle fréquence vos collègues reprennent-ils "
        "une partie de votre travail ?",
        "How often do your colleagues take over some of your work when you have too much to do?",
    ),
    support_item(
        "col_mat_2",
        "material",
        "colleagues",
        "Hoe vaak helpen je collega's je concreet, bijvoorbeeld door een handje toe te "
        "steken of materiaal te delen?",
        "À quelle fréquence vos collègues vous aident-ils concrètement, par un coup de main ou du "
        "matériel partagé ?",
        "How often do your colleagues give you practical help, such as lending a hand with "
        "a task or sharing equipment?",
    ),
    support_item(
        "col_inf_1",
        "informational",
        "colleagues",
        "Hoe vaak geven je collega's je bruikbaar advies over hoe je een situatie op het "
        "werk aanpakt?",
        "À quelle fréquence obtenez-vous de vos collègues des conseils utiles pour gérer une "
        "situation au travail ?",
        "How often do your colleagues give you useful advice on how to handle a situation at work?",
    ),
    support_item(
        "col_inf_2",
        "informational",
        "colleagues",
        "Hoe vaak leggen je collega's je dingen uit die je moet weten om je werk goed te doen?",
        "À quelle fréquence vos collègues vous expliquent-ils ce que vous devez savoir pour bien "
        "faire votre travail ?",
        "How often do your colleagues explain things you need to know to do your job well?",
    ),
    support_item(
        "col_res_1",
        "respecting",
        "colleagues",
        "Hoe vaak laten je collega's merken dat ze je werk waarderen?",
        "À quelle fréquence vos collègues vous montrent-ils qu'ils apprécient votre travail ?",
        "How often do your colleagues show that they value your work?",
    ),
    support_item(
        "col_res_2",
        "respecting",
        "colleagues",
        "Hoe vaak erkennen je collega's je vaardigheden en ervaring?",
        "À quelle fréquence vos collègues reconnaissent-ils vos compétences et votre expérience ?",
        "How often do your colleagues recognise your skills and experience?",
    ),
    support_item(
        "col_emo_1",
        "emotional",
        "colleagues",
        "Hoe vaak luisteren je collega's naar je wanneer je een zware dag hebt gehad?",
        "Après une journée difficile, à quelle fréquence trouvez-vous une oreille attentive "
        "auprès de vos collègues ?",
        "How often do your colleagues listen to you when you have had a hard day?",
    ),
    support_item(
        "col_emo_2",
        "emotional",
        "colleagues",
        "Hoe vaak kun je bij je collega's terecht voor troost als er iets misloopt, op het "
        "werk of thuis?",
        "À quelle fréquence vos collègues vous réconfortent-ils quand quelque chose va mal, au "
        "travail ou à la maison ?",
        "How often can you turn to your colleagues for comfort when something goes wrong, "
        "at work or at home?",
    ),
)

SUPERVISOR_ITEMS = (
    support_item(
        "sup_mat_1",
        "material",
        "supervisor",
        "Hoe vaak zorgt je leidinggevende voor extra tijd of middelen wanneer je werklast "
        "te hoog wordt?",
        "À quelle fréquence obtenez-vous de votre responsable plus de temps ou de moyens quand le "
        "travail déborde ?",
        "How often does your supervisor arrange extra time or resources when your workload "
        "gets too high?",
    ),
    support_item(
        "sup_mat_2",
        "material",
        "supervisor",
        "Hoe vaak grijpt je leidinggevende in om praktische problemen op te lossen die je "
        "werk hinderen?",
        "À quelle fréquence obtenez-vous l'aide de votre responsable pour régler des problèmes "
        "pratiques au travail ?",
        "How often does your supervisor step in to solve practical problems that get in "
        "the way of your work?",
    ),
    support_item(
        "sup_inf_1",
        "informational",
        "supervisor",
        "Hoe vaak is je leidinggevende beschikbaar voor hulp en advies als je op een "
        "probleem stuit?",
        "Face à un problème, à quelle fréquence trouvez-vous aide et conseil auprès de votre "
        "responsable ?",
        "How often is your supervisor available to help and advise you when you run into "
        "a problem?",
    ),
    support_item(
        "sup_inf_2",
        "informational",
        "supervisor",
        "Hoe vaak geeft je leidinggevende je feedback over hoe je je werk doet?",
        "À quelle fréquence recevez-vous de votre responsable un retour sur votre manière de "
        "travailler ?",
        "How often does your supervisor give you feedback on how you do your work?",
    ),
    support_item(
        "sup_res_1",
        "respecting",
        "supervisor",
        "Hoe vaak erkent je leidinggevende de kwaliteit van je werk?",
        "À quelle fréquence la qualité de votre travail est-elle reconnue par votre responsable ?",
        "How often does your supervisor acknowledge the quality of your work?",
    ),
    support_item(
        "sup_res_2",
        "respecting",
        "supervisor",
        "Hoe vaak toont je leidinggevende vertrouwen in de manier waarop je je werk doet?",
        "À quelle fréquence sentez-vous que votre responsable fait confiance à votre façon de "
        "travailler ?",
        "How often does your supervisor show trust in the way you do your job?",
    ),
    support_item(
        "sup_emo_1",
        "emotional",
        "supervisor",
        "Hoe vaak toont je leidinggevende oprechte interesse in hoe het met je gaat?",
        "À quelle fréquence sentez-vous un intérêt sincère de votre responsable pour la façon "
        "dont vous allez ?",
        "How often does your supervisor show real interest in how you are doing?",
    ),
    support_item(
        "sup_emo_2",
        "emotional",
        "supervisor",
        "Hoe vaak kun je met je leidinggevende praten over iets dat zwaar op je weegt?",
        "À quelle fréquence pouvez-vous parler à votre responsable de ce qui vous pèse ?",
        "How often can you talk to your supervisor about something that weighs on you?",
    ),
)

THIRD_PARTY_ITEMS = (
    support_item(
        "thp_mat_1",
        "material",
        "third_parties",
        "Hoe vaak helpen partners van andere diensten of organisaties je concreet, "
        "bijvoorbeeld door een deel van een opvolging over te nemen?",
        "À quelle fréquence des partenaires d'autres services ou organisations vous aident-ils "
        "concrètement, par exemple en reprenant un suivi ?",
        "How often do partners from other services or organisations help you in practical "
        "ways, for example by taking over part of a follow-up?",
    ),
    support_item(
        "thp_mat_2",
        "material",
        "third_parties",
        "Hoe vaak kun je een beroep doen op een netwerk buiten je team voor middelen die "
        "je eigen team niet heeft?",
        "À quelle fréquence pouvez-vous faire appel à un réseau extérieur pour des ressources que "
        "votre équipe n'a pas ?",
        "How often can you call on a network outside your team for resources your own team "
        "does not have?",
    ),
    support_item(
        "thp_inf_1",
        "informational",
        "third_parties",
        "Hoe vaak haal je bruikbare kennis uit contacten buiten je team, zoals netwerken, "
        "opleidingen of intervisie?",
        "À quelle fréquence des contacts hors de votre équipe (réseaux, formations, intervision) "
        "vous apportent-ils un savoir-faire utile ?",
        "How often do you gain useful know-how from contacts outside your team, such as "
        "networks, training or peer review groups?",
    ),
    support_item(
        "thp_inf_2",
        "informational",
        "third_parties",
        "Hoe vaak kun je professionals van andere diensten om raad vragen bij een moeilijke "
        "situatie?",
        "Face à une situation difficile, à quelle fréquence pouvez-vous consulter des "
        "professionnels d'autres services ?",
        "How often can you ask professionals from other services for advice on a difficult "
        "situation?",
    ),
    support_item(
        "thp_res_1",
        "respecting",
        "third_parties",
        "Hoe vaak tonen partners buiten je team waardering voor je werk?",
        "À quelle fréquence des partenaires hors de votre équipe montrent-ils de l'estime pour "
        "votre travail ?",
        "How often do partners outside your team show appreciation for your work?",
    ),
    support_item(
        "thp_res_2",
        "respecting",
        "third_parties",
        "Hoe vaak leidt samenwerking met andere diensten tot resultaten die je het gevoel "
        "geven dat je werk ertoe doet?",
        "À quelle fréquence la collaboration avec d'autres services vous fait-elle sentir que "
        "votre travail compte ?",
        "How often does working with other services lead to results that make you feel "
        "your work matters?",
    ),
    support_item(
        "thp_emo_1",
        "emotional",
        "third_parties",
        "Hoe vaak geven gesprekken met vakgenoten buiten je team (bijvoorbeeld in "
        "groepssupervisie) je moed?",
        "À quelle fréquence les échanges avec des pairs hors de votre équipe (par exemple en "
        "supervision collective) vous donnent-ils du courage ?",
        "How often do talks with peers outside your team (for example in group "
        "supervision) encourage you?",
    ),
    support_item(
        "thp_emo_2",
        "emotional",
        "third_parties",
        "Hoe vaak kun je de emotionele last van je werk delen met mensen buiten je team?",
        "À quelle fréquence pouvez-vous partager le poids émotionnel de votre travail hors de "
        "votre équipe ?",
        "How often can you share the emotional weight of your work with people outside your team?",
    ),
)


PRESSURE_ITEMS = (
    scale_item(
        "pre_1",
        PRESSURE,
        "Hoe vaak moet je heel snel werken?",
        "À quelle fréquence devez-vous travailler très vite ?",
        "How often do you have to work very fast?",
    ),
    scale_item(
        "pre_2",
        PRESSURE,
        "Hoe vaak heb je meer werk dan je in de beschikbare tijd kunt afwerken?",
        "À quelle fréquence avez-vous plus de travail que vous ne pouvez en faire dans le temps "
        "disponible ?",
        "How often do you have more work than you can finish in the time available?",
    ),
    scale_item(
        "pre_3",
        PRESSURE,
        "Hoe vaak brengt je werk je in emotioneel belastende situaties?",
        "À quelle fréquence votre travail vous met-il dans des situations émotionnellement "
        "éprouvantes ?",
        "How often does your work put you in emotionally demanding situations?",
    ),
    scale_item(
        "pre_4",
        PRESSURE,
        "Hoe vaak loop je achter met je werk?",
        "À quelle fréquence prenez-vous du retard dans votre travail ?",
        "How often do you fall behind with your work?",
    ),
)

# Team climate: a high score is a good climate, so the items on distrust, conflict and
# competition (the opposite of support, in the fiche's words) are reverse-scored.
CLIMATE_ITEMS = (
    scale_item(
        "cli_1",
        CLIMATE,
        "Hoe vaak heerst er in je team een goede sfeer van wederzijdse hulp?",
        "À quelle fréquence y a-t-il une bonne ambiance d'entraide dans votre équipe ?",
        "How often is there a good atmosphere of mutual help in your team?",
    ),
    scale_item(
        "cli_2",
        CLIMATE,
        "Hoe vaak voel je wantrouwen tussen mensen in je team?",
        "À quelle fréquence ressentez-vous de la méfiance entre les membres de votre équipe ?",
        "How often do you sense distrust between people in your team?",
        reverse=True,
    ),
    scale_item(
        "cli_3",
        CLIMATE,
        "Hoe vaak zijn er conflicten in je team die niet uitgepraat worden?",
        "À quelle fréquence y a-t-il dans votre équipe des conflits qui restent sans solution ?",
        "How often are there conflicts in your team that are left unresolved?",
        reverse=True,
    ),
    scale_item(
        "cli_4",
        CLIMATE,
        "Hoe vaak beconcurreren mensen in je team elkaar in plaats van samen te werken?",
        "Dans votre équipe, à quelle fréquence se fait-on concurrence au lieu de coopérer ?",
        "How often do people in your team compete with each other instead of working together?",
        reverse=True,
    ),
)

NEED_ITEMS = (
    scale_item(
        "need_mat",
        NEED,
        "Hoe vaak heb je behoefte aan praktische hulp bij je werk (iemand die een taak "
        "overneemt, extra handen, materiaal)?",
        "À quelle fréquence avez-vous besoin d'aide pratique (quelqu'un qui reprend une tâche, "
        "des bras, du matériel) ?",
        "How often do you need practical help with your work (someone taking over a task, "
        "extra hands, equipment)?",
        support_type="material",
    ),
    scale_item(
        "need_inf",
        NEED,
        "Hoe vaak heb je behoefte aan advies of informatie om je werk goed te doen?",
        "À quelle fréquence avez-vous besoin de conseils ou d'informations pour bien faire votre "
        "travail ?",
        "How often do you need advice or information to do your work well?",
        support_type="informational",
    ),
    scale_item(
        "need_res",
        NEED,
        "Hoe vaak heb je behoefte aan de bevestiging dat je werk gewaardeerd wordt?",
        "À quelle fréquence avez-vous besoin d'entendre que votre travail est apprécié ?",
        "How often do you need to hear that your work is valued?",
        support_type="respecting",
    ),
    scale_item(
        "need_emo",
        NEED,
        "Hoe vaak heb je behoefte aan iemand die naar je luistert of je troost als het werk "
        "zwaar valt?",
        "À quelle fréquence avez-vous besoin que quelqu'un vous écoute ou vous réconforte quand "
        "le travail pèse ?",
        "How often do you need someone to listen to you or comfort you when work is hard?",
        support_type="emotional",
    ),
)
