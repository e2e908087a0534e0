"""Write a deterministic synthetic corpus of N German news articles for the benchmark.

    python bench/make_corpus.py --count 1000 --out bench/work/corpus-1000

The articles imitate the seeds in shape, not in content: a headline, sometimes a kicker
and an author line, body paragraphs of three to six sentences with figures ("mehr als
12.000 Soldaten", "rund 1,5 Millionen Barrel Öl", "zwischen 10.000 und 12.000"), dates
("am 4. November", "Anfang Oktober"), names (some in the project's gazetteer, some not),
quotes, and the boilerplate lines copied pages carry (ad-blocker notices, "Lesen Sie
auch:" teasers, photo credits). Lengths vary around 4 KB, like the real seeds.

The same count and seed always give the same bytes (one seeded random.Random, sorted
output), so timings of two runs compare like with like. The corpus tables (topics,
entities, boilerplate) are copied from the project's seeds/_tables so extraction does the
work it does on real articles.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.timeline import MONTHS_DE

PROJECT_TABLES = ROOT / "seeds" / "_tables"

PERSONS = (
    "Wladimir Putin",
    "Kim Jong-un",
    "Sergej Lawrow",
    "Choe Son Hui",
    "Dmitri Peskow",
    "Andrej Beloussow",
    "Wolodymyr Selenskyj",
    "Antony Blinken",
    "Yoon Suk Yeol",
    "Lloyd Austin",
    "Mark Rutte",
    "Annalena Baerbock",
    "Olaf Scholz",
    "Kim Yo-jong",
    "Jens Stoltenberg",
    "Kyrylo Budanow",
    "Cho Tae-yong",
    "Pak Jong-chon",
    "Marina Hoffmann",
    "Thomas Berger",
    "Elena Sokolowa",
    "Lee Min-ho",
)
COUNTRIES = (
    "Russland",
    "Nordkorea",
    "Südkorea",
    "die Ukraine",
    "China",
    "Japan",
    "die USA",
    "Deutschland",
    "der Iran",
    "Belarus",
)
PLACES = ("Moskau", "Pjöngjang", "Kiew", "Seoul", "Kursk", "Wladiwostok", "Peking", "Charkiw")
SOURCES = (
    "dem südkoreanischen Geheimdienst NIS",
    "dem Pentagon",
    "der Nato",
    "dem Institute for the Study of War",
    "Reuters",
    "der Nachrichtenagentur Yonhap",
    "dem ukrainischen Verteidigungsministerium",
    "dem britischen Militärgeheimdienst",
    "der Zeitung Kyiv Independent",
    "dem Open Source Centre",
)
COUNTED = (
    ("Soldaten", (1_000, 120_000)),
    ("Artilleriegranaten", (10_000, 6_000_000)),
    ("Barrel Öl", (100_000, 2_000_000)),
    ("Raketen", (10, 500)),
    ("Container mit Munition", (100, 20_000)),
    ("Tonnen Lebensmittel", (500, 50_000)),
    ("Haubitzen", (10, 300)),
    ("Panzer", (5, 200)),
    ("Kilometer", (5, 900)),
    ("Dollar", (1_000_000, 900_000_000)),
)
QUALIFIERS = ("", "mehr als ", "rund ", "etwa ", "bis zu ", "mindestens ", "knapp ", "über ")
VERBS = ("sagte", "erklärte", "berichtete", "teilte mit", "betonte", "warnte")
TOPIC_WORDS = (
    "Abkommen",
    "Partnerschaftsvertrag",
    "Truppen",
    "Munition",
    "Öllieferungen",
    "Sanktionen",
    "Waffenlieferungen",
    "Beistandspakt",
    "Frontabschnitt",
    "Satellitenbilder",
)
HEADLINES = (
    "{country} schickt offenbar weitere {counted} an die Front",
    "{person} trifft sich in {place} mit hochrangiger Delegation",
    "Bericht: {count} {counted} nach {place} geliefert",
    "Was über {topic} zwischen {country} und {country2} bekannt ist",
    "{person} warnt vor Folgen der {topic}",
    "Geheimdienst: {country} erhält {counted} im Austausch",
)
BOILERPLATE = (
    "Bitte deaktivieren Sie Ihren Adblocker, um unsere Inhalte zu sehen.",
    "Jetzt auf Whatsapp und Instagram: dein Update! Kein Spam, versprochen.",
    "Foto: KCNA via KNS / dpa",
    "© picture alliance / AP",
    "Artikel teilen",
    "Anzeige",
    "Folgen Sie uns auf Telegram, um keine Meldung zu verpassen.",
)
RELATED = (
    "Ukraine-Krieg: Die wichtigsten Entwicklungen im Überblick",
    "Sanktionen gegen Moskau: Was bisher beschlossen wurde",
    "Nordkoreas Raketenprogramm: Eine Chronik",
)


def german_number(value: float, decimals: int = 0) -> str:
    """Return `value` in German notation: "." for thousands, "," for decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def figure_text(rng: random.Random, counted: str, bounds: tuple[int, int]) -> str:
    """A figure phrase as German news write it, in one of several shapes."""
    low, high = bounds
    shape = rng.random()
    if shape < 0.15 and high >= 1_000_000:
        millions = rng.uniform(1, 9)
        return (
            f"{rng.choice(('rund ', 'etwa ', 'mehr als '))}{german_number(millions, 1)} "
            f"Millionen {counted}"
        )
    if shape < 0.25:
        first = rng.randrange(low, high)
        second = first + rng.randrange(1, max(2, first // 5))
        return f"zwischen {german_number(first)} und {german_number(second)} {counted}"
    if shape < 0.32 and counted == "Soldaten":
        return rng.choice(("Tausende Soldaten", "Zehntausende Soldaten", "ein Dutzend Soldaten"))
    value = rng.randrange(low, high)
    if value >= 1000:
        value = round(value, -2)
    return f"{rng.choice(QUALIFIERS)}{german_number(value)} {counted}"


def date_text(rng: random.Random, year: int) -> str:
    """A date phrase: day and month, month only, a part of a month, or with the year."""
    month = rng.choice(MONTHS_DE)
    shape = rng.random()
    if shape < 0.45:
        return f"am {rng.randrange(1, 29)}. {month}"
    if shape < 0.65:
        return f"im {month}"
    if shape < 0.8:
        return f"{rng.choice(('Anfang', 'Mitte', 'Ende'))} {month}"
    return f"am {rng.randrange(1, 29)}. {month} {year}"


def sentence(rng: random.Random, year: int) -> str:
    """One body sentence with a figure, a date, a name or a quote (or several)."""
    counted, bounds = rng.choice(COUNTED)
    figure = figure_text(rng, counted, bounds)
    person = rng.choice(PERSONS)
    country = rng.choice(COUNTRIES)
    source = rng.choice(SOURCES)
    date = date_text(rng, year)
    place = rng.choice(PLACES)
    topic = rng.choice(TOPIC_WORDS)
    templates = (
        f"Nach Angaben von {source} hat {country} {date} {figure} nach {place} geschickt.",
        f"Laut {source} seien {date} {figure} eingetroffen.",
        (
            f"{date[0].upper()}{date[1:]} {rng.choice(VERBS)} {person}, man habe {figure} "
            f"bereitgestellt."
        ),
        f"Insgesamt sollen {figure} im Rahmen der {topic} verlegt worden sein.",
        (
            f"„Wir werden die Zusammenarbeit weiter vertiefen“, {rng.choice(VERBS)} {person} "
            f"in {place}."
        ),
        f"Beobachter gehen davon aus, dass {country} bis Ende {year} {figure} benötigt.",
        (
            f"{person} traf {date} in {place} mit Vertretern aus {country.replace('die ', '')} "
            f"zusammen, um über {topic} zu sprechen."
        ),
        f"Seit {rng.choice(MONTHS_DE)} wurden nach Angaben von {source} {figure} registriert.",
        (
            f"Die Angaben lassen sich nicht unabhängig überprüfen, {figure} seien jedoch "
            f"plausibel, hieß es."
        ),
        f"Dem Bericht zufolge kostet die {topic} {country} jährlich {figure}.",
    )
    return rng.choice(templates)


def article_text(rng: random.Random, number: int) -> str:
    """One article: headline, optional kicker/author/boilerplate, then body paragraphs."""
    year = rng.choice((2023, 2024, 2024, 2025))
    counted, bounds = rng.choice(COUNTED)
    headline = rng.choice(HEADLINES).format(
        country=rng.choice(COUNTRIES).replace("die ", "Die ").replace("der ", "Der "),
        country2=rng.choice(COUNTRIES),
        person=rng.choice(PERSONS),
        place=rng.choice(PLACES),
        count=german_number(rng.randrange(bounds[0], bounds[1])),
        counted=counted,
        topic=rng.choice(TOPIC_WORDS),
    )
    lines: list[str] = []
    if rng.random() < 0.4:
        lines.append(rng.choice(("Ukraine-Krieg", "Russland", "Nordkorea", "Analyse")))
    lines.append(headline)
    if rng.random() < 0.3:
        lines.append(f"Von {rng.choice(PERSONS[-4:])}")
    if rng.random() < 0.5:
        lines.append(rng.choice(BOILERPLATE))
    paragraphs = rng.randrange(6, 16)
    for index in range(paragraphs):
        body = " ".join(sentence(rng, year) for _ in range(rng.randrange(2, 6)))
        lines.append(body)
        if index == 2 and rng.random() < 0.4:
            lines.extend(("Lesen Sie auch:", rng.choice(RELATED)))
        if rng.random() < 0.1:
            lines.append(rng.choice(BOILERPLATE))
    if rng.random() < 0.3:
        lines.append(rng.choice(BOILERPLATE))
    return "\n".join(lines) + "\n"


def write_corpus(count: int, out_dir: Path, seed: int = 2024) -> tuple[Path, ...]:
    """Write `count` articles as NNNNN_<hex>.txt into `out_dir` (replacing earlier ones).

    Returns the paths written. The corpus tables are copied into out_dir/_tables.
    """
    rng = random.Random(f"{seed}:{count}")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    if PROJECT_TABLES.is_dir():
        shutil.copytree(PROJECT_TABLES, out_dir / "_tables")
    paths = []
    for number in range(count):
        path = out_dir / f"{number:05d}_{rng.getrandbits(64):016x}.txt"
        path.write_text(article_text(rng, number), encoding="utf-8")
        paths.append(path)
    return tuple(paths)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: write the corpus and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    paths = write_corpus(args.count, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1024:.0f} KiB, mean {size / max(1, len(paths)):.0f} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
