"""A generator of German news-like documents for benchmarks (no real article text).

Each document is assembled from sentence templates about leader contacts, with
the noise real scraped input has: a crawl header, hard-wrapped paragraphs,
entities, a repeated paragraph, captions, ad and navigation lines. The same
seed gives the same corpus.
"""

from __future__ import annotations

import random

LEADERS = [
    ("Wladimir Putin", "Kremlchef", "Moskau"), ("Xi Jinping", "Chinas Staatschef", "Peking"),
    ("Donald Trump", "US-Präsident", "Washington"), ("Friedrich Merz", "Bundeskanzler", "Berlin"),
    ("Emmanuel Macron", "Frankreichs Präsident", "Paris"), ("Narendra Modi", "Indiens Premier", "Neu-Delhi"),
    ("Recep Tayyip Erdoğan", "der türkische Präsident", "Ankara"),
    ("Wolodymyr Selenskyj", "der ukrainische Präsident", "Kiew"),
]
SHORT = {"Xi Jinping": "Xi"}  # family name first
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
TOPICS = ["die Handelsbeziehungen", "die Lage in der Ukraine", "Energiefragen", "die Sicherheit in Europa",
          "den Krieg im Nahen Osten", "die Zusammenarbeit in der G20"]
TEMPLATES = [
    "{a} und {b} haben am {day} in einem Telefonat über {topic} gesprochen.",
    "Das Gespräch dauerte nach Angaben aus {city} eine Stunde und {minutes} Minuten.",
    "„Wir haben offen und konstruktiv über {topic} geredet“, sagte {a_short} anschließend.",
    "{role} lud {b_short} zu einem Besuch in {city} in der ersten Jahreshälfte ein.",
    "Nach Angaben des Kremls sprachen beide auch über {topic}.",
    "Beobachter sehen in dem Austausch ein Signal an die Verbündeten, heißt es in {city}.",
    "Bereits im Mai vergangenen Jahres hatten sich {a_short} und {b_short} in {city} getroffen.",
    "Experten halten eine Einigung über {topic} in diesem Jahr für unwahrscheinlich.",
    "Die Regierungssprecher beider Seiten kündigten weitere Gespräche auf Ministerebene an.",
    "Zuletzt war die Stimmung zwischen beiden Ländern wegen {topic} angespannt.",
]
# Background sentences with no contact in them: real reports are mostly context.
BACKGROUND = [
    "Die Wirtschaft beider Länder ist eng verflochten, der Handel wuchs im vergangenen Jahr um knapp zwei Prozent.",
    "Kritiker werfen der Regierung vor, die Folgen der Sanktionen zu unterschätzen.",
    "An den Finanzmärkten wurde die Nachricht mit Zurückhaltung aufgenommen.",
    "Die Opposition forderte im Parlament eine Debatte über die Außenpolitik des Landes.",
    "Seit Monaten verhandeln Diplomaten über ein neues Abkommen zur Energieversorgung.",
    "Die Preise für Öl und Gas sind in den vergangenen Wochen deutlich gestiegen.",
    "Mehrere Ministerien arbeiten an einer gemeinsamen Strategie für die kommenden Jahre.",
    "Beobachter erwarten, dass die Verhandlungen noch Monate dauern werden.",
    "Die Lage an der Grenze gilt weiterhin als angespannt, berichten Korrespondenten vor Ort.",
    "Im Parlament wird derzeit über den Haushalt für das kommende Jahr beraten.",
    "Unternehmen beider Länder hoffen auf bessere Bedingungen für Investitionen.",
    "Die Zahl der Studierenden aus dem Ausland ist zuletzt gesunken.",
]
NOISE_HEAD = ["1. Startseite", "2. Politik", "3. International"]
NOISE_TAIL = ["Mehr zum Thema", "Anzeige", "Jetzt Strompreise vergleichen und sparen", "Anzeige",
              "Immobilienbewertung kostenlos und schnell"]


def _wrap(paragraph: str, width: int) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def document(rng: random.Random, size: int = 5000) -> str:
    """One noisy German news-like document of about `size` characters."""
    (a, a_role, _), (b, _, city) = rng.sample(LEADERS, 2)
    fill = {
        "a": a, "b": b, "a_short": SHORT.get(a, a.split()[-1]), "b_short": SHORT.get(b, b.split()[-1]),
        "role": a_role, "city": city,
        "day": rng.choice(WEEKDAYS), "minutes": rng.randint(5, 55),
    }
    header = f" date 2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)} Redaktion Ausland\n\n"
    parts = ["\n".join(NOISE_HEAD), f"{fill['a_short']} und {fill['b_short']} sprechen &amp;uuml;ber {rng.choice(TOPICS)}"]
    wrapped = rng.random() < 0.3
    body_len = 0
    while body_len < size - 600:
        sentences = [rng.choice(TEMPLATES).format(topic=rng.choice(TOPICS), **fill) if rng.random() < 0.45
                     else rng.choice(BACKGROUND) for _ in range(rng.randint(3, 6))]
        paragraph = " ".join(sentences)
        parts.append(_wrap(paragraph, 62) if wrapped else paragraph)
        body_len += len(paragraph)
        if rng.random() < 0.15:
            parts.append(f"{a} bei einem früheren Treffen in {city}. Foto: AP")
    parts.insert(3, parts[2])  # a repeated paragraph, as scraped pages have
    parts.append("\n".join(NOISE_TAIL))
    return header + "\n\n".join(parts) + "\n"


def corpus(n: int, *, seed: int = 7, size: int = 5000) -> list[str]:
    """`n` documents, reproducible for a given seed."""
    rng = random.Random(seed)
    return [document(rng, size) for _ in range(n)]
