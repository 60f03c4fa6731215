"""French and Spanish drafting principles of issue 9, each as a loud/quiet pair: the loud text must raise a finding
of the category at warning or above, its look-alike must raise none of that category.

The texts are written here from the principle (penalty-first civil-law drafting, word families of General Comment 34
para. 38, look-alikes the standards accept), not copied from any corpus record, so a change that keeps the rule
examples passing but breaks the principle fails here.
"""

from __future__ import annotations

import pytest

from lawlint.engine.loader import load_rules
from bill_text import flagging_findings, reported_categories

RULES = load_rules()


def _categories(text: str, lang: str) -> set[str]:
    return reported_categories(flagging_findings(text, RULES, lang), RULES)


PAIRS = [
    # Penalty first, then "quiconque"/"el que": speech that hampers the operations of the armed or security forces
    # is a national-security restriction; theft of their equipment is not speech.
    ("security-forces-operations", "fr", "FE-SECURITY",
     "Est puni de trois ans d'emprisonnement quiconque diffuse, par tout moyen électronique, des renseignements "
     "ou des vidéos susceptibles de gêner une opération des forces armées ou de la police nationale.",
     "Est puni de trois ans d'emprisonnement quiconque dérobe des véhicules ou du carburant appartenant aux forces "
     "armées ou à la police nationale."),
    # A ban on filming or publishing police and security officers restricts reporting on how power is used; the
    # same words about the footage of police body cameras do not.
    ("images-of-officers", "fr", "FE-SECURITY",
     "Est puni d'un an d'emprisonnement quiconque diffuse sur un réseau social l'image du visage d'un policier ou "
     "d'un gendarme en intervention.",
     "Les images enregistrées par les caméras individuelles des policiers sont conservées pendant trente jours."),
    ("images-of-officers", "es", "FE-SECURITY",
     "Será sancionado con multa el que publique en redes sociales imágenes de agentes de policía en el ejercicio "
     "de sus funciones.",
     "Las imágenes captadas por las cámaras que portan los agentes de policía se conservarán durante treinta días."),
    ("unauthorised-use-read-alone", "es", "FE-SECURITY",
     "23. El uso no autorizado de imágenes de agentes de policía que pueda poner en peligro su seguridad.",
     "23. El uso de uniformes por los agentes de policía en los actos oficiales."),
    # A news blackout on the scene of a terrorist attack restricts reporting; the prosecutor going there does not.
    ("terror-scene-blackout", "fr", "FE-SECURITY",
     "Est puni d'une amende de 15 000 euros quiconque retransmet en direct des images du lieu d'un attentat "
     "sans l'accord du procureur.",
     "Le procureur de la République se transporte sans délai sur les lieux de l'attentat et en informe le "
     "ministre de la justice."),
    ("security-forces-operations", "es", "FE-SECURITY",
     "Será castigado con prisión de dos a cuatro años el que difunda por redes sociales videos que puedan "
     "entorpecer las operaciones de las Fuerzas Armadas o de la Policía Nacional.",
     "Será castigado con prisión de dos a cuatro años el que sustraiga armamento o vehículos de las Fuerzas "
     "Armadas o de la Policía Nacional."),
    # Lèse-majesté reaches every ruler's title, foreign heads of State and heads of government included
    # (General Comment 34 para. 38); a protocol clause about the same office holders restricts nothing.
    ("rulers-by-every-title", "fr", "FE-DEFAM",
     "L'offense commise publiquement envers les chefs d'États étrangers ou les premiers ministres étrangers est "
     "punie d'une amende de 45 000 euros.",
     "Le chef de gouvernement étranger en visite officielle est accueilli avec les honneurs fixés par le décret "
     "relatif aux cérémonies publiques."),
    # Distorted, fabricated or slanted information is the false-news family; forged identity papers are forgery.
    ("distorted-information", "fr", "FE-FALSE",
     "Quiconque met en ligne des informations déformées ou des faits dénaturés concernant l'action du "
     "gouvernement est puni de deux ans d'emprisonnement.",
     "Quiconque fabrique ou détient des pièces d'identité falsifiées est puni de deux ans d'emprisonnement."),
    ("distorted-information", "es", "FE-FALSE",
     "Será castigado con prisión de uno a tres años el que publique informaciones deformadas o hechos "
     "desfigurados sobre la gestión del gobierno.",
     "Será castigado con prisión de uno a tres años el que fabrique o posea documentos de identidad "
     "falsificados."),
    # Dismay, consternation or anxiety among the population is the public-alarm family; a siren test is not speech.
    ("public-dismay", "fr", "FE-VAGUE",
     "Est puni d'un an d'emprisonnement quiconque propage des messages de nature à provoquer la consternation "
     "au sein de la population.",
     "Le préfet informe la population des essais des sirènes d'alerte le premier mercredi de chaque mois."),
    # Outraging a religion's sacred objects by words or drawings is blasphemy; breaking them is damage to property.
    ("sacred-objects", "fr", "FE-MORAL",
     "Sera puni d'un emprisonnement de six mois quiconque, par paroles, écrits ou dessins, aura outragé les "
     "objets du culte d'une communauté.",
     "Sera puni d'un emprisonnement de six mois quiconque aura volé ou brisé les objets du culte d'une "
     "communauté."),
    ("sacred-objects", "es", "FE-MORAL",
     "Será castigado con multa el que, de palabra o por escrito, hiciere escarnio de los objetos de culto de una "
     "confesión.",
     "Será castigado con multa el que hurtare o rompiere los objetos de culto de una confesión."),
    # Dishonour and discredit are reputation offences whatever the noun: "imputaciones deshonrosas", "desprestigiar",
    # a penalty phrased "incurrirá en prisión"; rectification of inaccurate news is a civil remedy.
    ("dishonour-discredit", "es", "FE-DEFAM",
     "El que por medio de una red social hiciere a otro imputaciones deshonrosas incurrirá en prisión de uno a "
     "tres años.",
     "Toda persona afectada por informaciones inexactas podrá solicitar al medio la rectificación en el plazo "
     "de siete días."),
    ("dishonour-discredit", "fr", "FE-DEFAM",
     "Quiconque diffuse en ligne des imputations déshonorantes ou de nature à discréditer autrui est puni de six "
     "mois d'emprisonnement.",
     "Le juge des référés peut ordonner l'insertion d'un communiqué rectifiant des informations inexactes."),
    # Degrading the victims of terrorism belongs with glorifying it; supporting the victims does not.
    ("victims-of-terrorism", "es", "FE-EXTREM",
     "Será castigado con prisión de uno a tres años el que difunda mensajes de menosprecio o humillación de las "
     "víctimas de actos terroristas.",
     "El Estado prestará asistencia psicológica y económica a las víctimas de actos terroristas y a sus "
     "familias."),
    ("victims-of-terrorism", "fr", "FE-EXTREM",
     "Est puni de trois ans d'emprisonnement quiconque publie des messages de mépris ou d'humiliation envers "
     "les victimes d'actes terroristes.",
     "Le fonds de garantie indemnise les victimes d'actes terroristes et leurs ayants droit."),
    # A list item or quoted fragment that names the act as a noun ("la diffusion de ...", "el enaltecimiento de ...")
    # still describes the conduct when read alone; the same noun over an administrative object restricts nothing.
    ("nominalised-conduct-read-alone", "fr", "FE-FALSE",
     "c) la diffusion de rumeurs sur l'état de santé des dirigeants ;",
     "c) la diffusion de l'information relative aux horaires d'ouverture des bureaux ;"),
    ("nominalised-conduct-read-alone", "es", "FE-FALSE",
     "c) la difusión de rumores sobre la salud de los gobernantes;",
     "c) la difusión de los horarios de atención al público de las oficinas;"),
    # French drafting confers a power in the inverted passive ("peut être autorisé le recueil ..."); the same power
    # given by a judge is judicial authorisation.
    ("inverted-passive-power", "fr", "PR-INTERCEPT",
     "Aux seules fins de la défense nationale, peut être autorisé le recueil en temps réel des messages échangés "
     "par une personne désignée.",
     "Peut être autorisé par le juge des libertés et de la détention le recueil en temps réel des messages échangés "
     "par une personne désignée."),
    # "La personne concernée par l'autorisation" is the target of a surveillance measure, not a data subject whose
    # rights a controller's duty protects.
    ("target-is-not-data-subject", "fr", "PR-INTERCEPT",
     "Pour la prévention du terrorisme, peut être autorisé le recueil en temps réel des données de connexion de la "
     "personne concernée par l'autorisation et de son entourage.",
     "Le responsable du traitement peut recueillir en temps réel le consentement de la personne concernée au "
     "traitement de ses données."),
    # An "aplicación"/"application" that can be blocked is software; suspending "la aplicación" of a law or a
    # regulation is legislative housekeeping.
    ("software-not-application-of-law", "es", "IL-BLOCK",
     "El Poder Ejecutivo podrá ordenar la suspensión de las aplicaciones móviles de mensajería en todo el "
     "territorio nacional.",
     "El Poder Ejecutivo podrá suspender la aplicación del régimen de anticipos del impuesto a las ganancias "
     "durante el ejercicio fiscal."),
    ("software-not-application-of-law", "fr", "IL-BLOCK",
     "Le Premier ministre peut décider de suspendre les applications mobiles de messagerie sur tout le territoire.",
     "Le ministre chargé de l'économie peut suspendre l'application du barème des droits de douane pendant six "
     "mois."),
    # An identity document is a real-name rule only when it conditions communicating (a line, an account, a post);
    # showing it at a hotel desk or to a registrar is ordinary administration.
    ("identity-document-conditions-communication", "es", "ID-ANON",
     "Los operadores deberán exigir el documento nacional de identidad a todo usuario antes de activar una línea "
     "de telefonía móvil.",
     "Los hoteles deberán exigir el documento nacional de identidad a los huéspedes extranjeros para aplicar la "
     "exoneración del impuesto."),
    # The constitution's own last instances are final by design: no appeal from the constitutional council or the
    # electoral jury is not an ouster of judicial review of the executive.
    ("last-instance-finality", "fr", "CR-DISCRETION",
     "1. Le ministre peut ordonner le blocage de tout service en ligne sur décision motivée.\n"
     "2. Les décisions prises par le ministre en application de l'article 1 ne sont susceptibles d'aucun recours.",
     "1. Le ministre peut ordonner le blocage de tout service en ligne sur décision motivée.\n"
     "2. Les décisions du Conseil constitutionnel ne sont susceptibles d'aucun recours."),
    ("last-instance-finality", "es", "CR-DISCRETION",
     "1. El Ministro podrá ordenar el bloqueo de cualquier servicio en línea mediante resolución fundada.\n"
     "2. Contra las resoluciones que dicte el Ministro en aplicación del artículo 1 no procede recurso alguno.",
     "1. El Ministro podrá ordenar el bloqueo de cualquier servicio en línea mediante resolución fundada.\n"
     "2. Contra las resoluciones del Jurado Nacional de Elecciones no procede recurso alguno."),
    # "Saisir" seizes a thing (documents, data, devices); "saisir le tribunal" or "saisir l'autorité" refers a matter to
    # a body and searches nothing.
    ("seize-a-thing-not-refer-to-a-body", "fr", "PR-SEARCH",
     "L'agent peut saisir tout document ou support informatique trouvé dans les locaux contrôlés.",
     "Le préfet peut saisir le tribunal administratif de toute difficulté relative aux données du registre."),
    # Sexual images of children are abuse material whatever word names the child (adolescents, "niñas, niños o
    # adolescentes") and however the images are described (naked, in a sexual pose); it is not adult obscenity.
    ("children-by-any-name", "es", "FE-MORAL",
     "El que difunda por internet material obsceno o pornográfico será castigado con prisión de seis meses a "
     "dos años.",
     "Artículo 9.- Pornografía con adolescentes.- El que grabe o difunda imágenes de adolescentes desnudos en "
     "actitud sexual será castigado con prisión de diez a trece años."),
    ("children-by-any-name", "fr", "FE-MORAL",
     "Quiconque diffuse sur internet des images obscènes ou pornographiques est puni de deux ans "
     "d'emprisonnement.",
     "Article 9. Pornographie impliquant des adolescents. Quiconque filme ou diffuse des images d'adolescents "
     "dénudés dans une attitude sexuelle est puni de dix ans d'emprisonnement."),
    # heldout5 (8 Dec): an infinitive conduct element of a list whose chapeau was cut.
    ("infinitive-list-item", "fr", "FE-DEFAM",
     "[...] proférer une allégation ou imputer un fait de nature à porter atteinte à l'honneur d'une personne par le "
     "biais d'un moyen de communication électronique",
     "[...] vérifier une allégation ou un fait avant de porter plainte pour atteinte à l'honneur d'une personne"),
    # Defamation by its definition: imputing facts to an official, without the word "diffamation".
    ("imputing-facts", "fr", "FE-DEFAM",
     "Est puni de deux ans d'emprisonnement quiconque, par discours publics ou par la presse, impute à un "
     "fonctionnaire public des faits en rapport avec ses fonctions.",
     "Est puni de deux ans d'emprisonnement quiconque, par des manoeuvres frauduleuses, impute à un fonctionnaire "
     "public des dépenses fictives pour en obtenir le remboursement."),
    # Conduct through a telecommunications network is communication, as in English; "un (1) an" is one clause.
    ("telecom-network-conduct", "fr", "FE-VAGUE",
     "Est puni d'un emprisonnement de un (1) an à deux (2) ans quiconque perturbe la quiétude d'autrui à travers "
     "les réseaux publics des télécommunications.",
     "Est puni d'un emprisonnement de un (1) an à deux (2) ans quiconque endommage les câbles des réseaux publics "
     "des télécommunications."),
    # Child abuse material described by its parts ("l'image d'un mineur ... présente un caractère pornographique").
    ("child-abuse-image-described", "fr", "FE-MORAL",
     "Le fait de fixer ou de transmettre l'image d'une personne lorsque cette image présente un caractère "
     "pornographique est puni de cinq ans d'emprisonnement.",
     "Le fait de fixer ou de transmettre l'image d'un mineur lorsque cette image ou cette représentation présente un "
     "caractère pornographique est puni de cinq ans d'emprisonnement."),
    # "toute autre donnée" beside a password or a program is a tool of an access offence, not a content category.
    ("residual-data-is-a-tool", "fr", "FE-CATCHALL",
     "Il est interdit de publier des contenus injurieux ou toute autre information contraire aux bonnes moeurs.",
     "Quiconque met en circulation un mot de passe, un programme ou toute autre donnée dont il sait qu'ils doivent "
     "être utilisés pour commettre une infraction est puni de trois ans d'emprisonnement."),
    # A subjunctive list item of prohibited messages ("se prohíben los mensajes que: ... 4. Fomenten ...").
    ("subjunctive-list-item", "es", "FE-SECURITY",
     "4. Fomenten zozobra en la ciudadanía o alteren el orden público.",
     "4. Fomenten la lectura en la ciudadanía y el uso de bibliotecas públicas."),
]


@pytest.mark.parametrize("name,lang,category,loud,quiet", PAIRS, ids=[f"{p[0]}-{p[1]}" for p in PAIRS])
def test_principle_pair(name, lang, category, loud, quiet):
    assert category in _categories(loud, lang), f"{name}: loud text raised {sorted(_categories(loud, lang))}"
    assert category not in _categories(quiet, lang), f"{name}: quiet text raised {sorted(_categories(quiet, lang))}"
