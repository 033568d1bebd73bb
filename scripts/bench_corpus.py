"""The benchmark's corpus (scripts/bench.py): N synthetic, schema-valid practice sheets per language."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from guidebook.content.vocabulary import label
from guidebook.languages import read, strings

PILOTS = {  # slug: (city, country), from city_pilots/
    "avignon": ("Avignon", "FR"),
    "catalonia": ("Catalonia", "ES"),
    "clichy-sous-bois": ("Clichy-sous-Bois", "FR"),
    "malaga": ("Málaga", "ES"),
    "rotterdam": ("Rotterdam", "NL"),
    "sarcelles": ("Sarcelles", "FR"),
    "sollentuna": ("Sollentuna", "SE"),
    "the-hague": ("The Hague", "NL"),
    "vilvoorde": ("Vilvoorde", "BE"),
}
CHAPTERS = {
    1: "01-cross-extremisms",
    2: "02-local-multi-agency-strategy",
    3: "03-continuity-prison-probation-release",
    4: "04-risk-assessment",
    5: "05-training",
    6: "06-exit-work",
    7: "07-reintegration",
    8: "08-civil-society-cooperation",
    9: "09-cooperation-across-levels",
    10: "10-returning-foreign-fighters",
    11: "11-communication-strategies",
    12: "12-alternatives-to-imprisonment",
}
APPROACHES = [
    "risk-assessment",
    "case-management",
    "multi-agency-cooperation",
    "exit-work",
    "training",
    "restorative-justice",
    "civic-education",
    "reintegration",
    "disengagement",
]
STAGES = ["prison", "release", "probation", "after-release"]
GROUPS = [
    "violent-extremist-offenders",
    "young-offenders",
    "people-on-probation",
    "released-prisoners",
    "frontline-practitioners",
    "local-authorities",
    "families",
]

# Synthetic text: plainly a benchmark corpus, with the vocabulary and sentence lengths of real sheets.
WORDS = {
    "en": {
        "subjects": [
            "The probation service",
            "The municipality",
            "A local partnership",
            "The prison administration",
            "Social workers",
            "The mentoring team",
            "Community organisations",
            "The youth service",
            "The coordinating officer",
            "Families and relatives",
            "The employment agency",
            "Trained volunteers",
        ],
        "verbs": [
            "organised",
            "reviewed",
            "supported",
            "coordinated",
            "documented",
            "followed up",
            "evaluated",
            "strengthened",
            "planned",
            "prepared",
            "discussed",
            "shared",
        ],
        "objects": [
            "individual case plans",
            "the transition from prison to release",
            "regular case conferences",
            "training sessions for frontline practitioners",
            "the exchange of information between agencies",
            "mentoring for people on probation",
            "housing and employment support",
            "risk assessment reviews",
            "dialogue with families",
            "disengagement pathways",
            "the local prevention strategy",
            "follow-up meetings after release",
        ],
        "endings": [
            "over several months",
            "with the support of the expert partner",
            "in every district of the city",
            "within the legal framework",
            "before and after release",
            "in close cooperation with the courts",
            "as part of the pilot",
            "with clear roles for each agency",
        ],
        "headings": ["Background", "Approach", "Method", "Lessons", "Conditions", "Next steps"],
        "table": ["Phase", "Agency", "Frequency"],
        "phases": ["Preparation", "Release", "Follow-up", "Review"],
        "frequency": ["weekly", "monthly", "quarterly", "once"],
        "title": "Bench practice {number}: {approach} in {city}",
        "summary": "A synthetic practice sheet for the build benchmark, about {approach} in {city}.",
        "role": "Expert partner",
        "partner_role": "Pilot city",
        "pilot_link": "Pilot page",
        "chapter_link": "Recommendation chapter",
    },
    "fr": {
        "subjects": [
            "Le service de probation",
            "La municipalité",
            "Un partenariat local",
            "L'administration pénitentiaire",
            "Les travailleurs sociaux",
            "L'équipe de mentorat",
            "Les associations de quartier",
            "Le service jeunesse",
            "Le coordinateur",
            "Les familles et les proches",
            "L'agence pour l'emploi",
            "Des bénévoles formés",
        ],
        "verbs": [
            "a organisé",
            "a examiné",
            "a soutenu",
            "a coordonné",
            "a documenté",
            "a suivi",
            "a évalué",
            "a renforcé",
            "a planifié",
            "a préparé",
            "a discuté",
            "a partagé",
        ],
        "objects": [
            "des plans de suivi individuels",
            "le passage de la détention à la sortie",
            "des réunions de cas régulières",
            "des formations pour les professionnels de terrain",
            "l'échange d'informations entre services",
            "le mentorat des personnes en probation",
            "l'aide au logement et à l'emploi",
            "les évaluations des risques",
            "le dialogue avec les familles",
            "des parcours de désengagement",
            "la stratégie locale de prévention",
            "des rencontres de suivi après la sortie",
        ],
        "endings": [
            "pendant plusieurs mois",
            "avec l'appui du partenaire expert",
            "dans chaque quartier de la ville",
            "dans le cadre légal",
            "avant et après la sortie",
            "en lien étroit avec les tribunaux",
            "dans le cadre du projet pilote",
            "avec un rôle clair pour chaque service",
        ],
        "headings": ["Origine", "Démarche", "Méthode", "Leçons", "Conditions", "Suites"],
        "table": ["Phase", "Service", "Fréquence"],
        "phases": ["Préparation", "Sortie", "Suivi", "Bilan"],
        "frequency": ["chaque semaine", "chaque mois", "chaque trimestre", "une fois"],
        "title": "Pratique de test {number} : {approach} à {city}",
        "summary": "Une fiche pratique synthétique pour le banc d'essai de la construction, sur {approach} à {city}.",
        "role": "Partenaire expert",
        "partner_role": "Ville pilote",
        "pilot_link": "Page du projet pilote",
        "chapter_link": "Chapitre de recommandations",
    },
}


def generate_sheets(project: Path, count: int) -> list[Path]:
    """`count` practice sheets in each language, written into the project's practice_sheets/."""
    sections = {lang: strings(lang)["sheet_sections"] for lang in read(project).codes}
    written = []
    for number in range(1, count + 1):
        rng = random.Random(number)
        pilot = rng.choice(sorted(PILOTS))
        chapters = sorted(rng.sample(sorted(CHAPTERS), rng.randint(1, 3)))
        facts = {
            "pilot": pilot,
            "approaches": rng.sample(APPROACHES, rng.randint(1, 3)),
            "justice_stages": rng.sample(STAGES, rng.randint(1, 2)),
            "target_groups": rng.sample(GROUPS, rng.randint(1, 2)),
            "recommendations": chapters,
            "start": rng.randint(2005, 2022),
        }
        slug = f"bench-{number:05d}-{facts['approaches'][0]}-{pilot}"
        for lang in ("en", "fr"):
            path = project / "practice_sheets" / f"{slug}.{lang}.md"
            path.write_text(
                _sheet(lang, number, facts, sections[lang], random.Random(f"{number}{lang}")), encoding="utf-8"
            )
            written.append(path)
    return written


def _sheet(lang: str, number: int, facts: dict, sections: list[str], rng: random.Random) -> str:
    words = WORDS[lang]
    city, country = PILOTS[facts["pilot"]]
    approach = label("approaches", facts["approaches"][0], lang).lower()
    meta = {
        "title": words["title"].format(number=number, approach=approach, city=city),
        "summary": words["summary"].format(approach=approach, city=city),
        "city": city,
        "country": country,
        "pilot": facts["pilot"],
        "lead_organisation": {"name": f"Bench organisation {number % 37}", "role": words["role"]},
        "partners": [{"name": f"City of {city}", "role": words["partner_role"]}],
        "approaches": facts["approaches"],
        "justice_stages": facts["justice_stages"],
        "target_groups": facts["target_groups"],
        "recommendations": facts["recommendations"],
        "period": {"start": facts["start"], "end": facts["start"] + 2},
        "evaluation": {"status": "none"},
        "contact": {"email": "contact@example.org"},
        "status": "published",
    }
    blocks = []
    for index, section in enumerate(sections):
        blocks.append(f"## {section}\n\n{_paragraph(words, rng, 4)}")
        if index == 1:
            blocks.append("\n".join(f"- {_sentence(words, rng)}" for _ in range(4)))
        if index == 2:
            blocks.append(f"### {rng.choice(words['headings'])}\n\n{_paragraph(words, rng, 3)}")
            blocks.append(_table(words, rng))
        if index in (3, 4):
            blocks.append(f"### {rng.choice(words['headings'])}\n\n{_paragraph(words, rng, 2)}")
        if index == len(sections) - 1:
            links = [f"- {words['pilot_link']}: [{city}](../city-pilots/{facts['pilot']}.md)"]
            links += [
                f"- {words['chapter_link']} {n}: [{n}](../recommendations/{CHAPTERS[n]}.md)"
                for n in facts["recommendations"]
            ]
            blocks.append("\n".join(links))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(blocks) + "\n"


def _sentence(words: dict, rng: random.Random) -> str:
    return f"{rng.choice(words['subjects'])} {rng.choice(words['verbs'])} {rng.choice(words['objects'])} {rng.choice(words['endings'])}."


def _paragraph(words: dict, rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(words, rng) for _ in range(sentences))


def _table(words: dict, rng: random.Random) -> str:
    header = "| " + " | ".join(words["table"]) + " |"
    rows = [
        f"| {phase} | {rng.choice(words['subjects'])} | {rng.choice(words['frequency'])} |" for phase in words["phases"]
    ]
    return "\n".join([header, "| --- | --- | --- |", *rows])
