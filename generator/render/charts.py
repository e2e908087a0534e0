"""Topic charts: the numbers each source reports, over publication time, as inline SVG.

One small-multiple panel per counted thing (the topic's claims, largest first), so
"Soldaten" and "Barrel Öl" never share an axis. In a panel x is the article's publication
date and y the reported value (log scale when values span two orders of magnitude).
A point is a point, a range a vertical bar, an open lower bound ("Tausende") a marker
with an arrow upward, "mehr als"/"bis zu" a small arrow up/down; projections are hollow
and dashed. Each source article has its own colour and marker shape, named in the legend.

Static SVG, no JavaScript, German labels, <title>/<desc> and an aria-label for screen
readers; every coordinate is formatted with a fixed precision, so output is deterministic.
Embed the string inside a block-level HTML element (e.g. <figure>) on a Markdown page:
Python-Markdown passes block-level HTML through untouched.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

from ..link import Claim, ClaimCitation, claims_of
from ..models import Corpus, Tables
from ..tables import LANGUAGES, load_language
from .common import QUALIFIER_LABEL, esc

# Okabe–Ito palette (distinguishable with colour-vision deficiencies), without yellow.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond")
MONTHS_SHORT = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
UPWARD = ("at_least", "more_than")
DOWNWARD = ("at_most", "less_than", "up_to")

MAX_PANELS = 4  # the largest claims get a panel; the rest are counted in <desc>
# Up to this many source articles every figure is its own mark with the article in the
# legend; beyond it the figures are summarised per time bin, so the chart's size does not
# grow with the corpus.
MAX_SOURCES = len(COLOURS)
MAX_BINS = 12  # at most this many time bins per panel (months, or groups of months)
# The viewBox is drawn at 100 % of the column but never narrower than CSS min-width
# (dossier.css, 560 px): FONT_SIZE * 560 / WIDTH stays at or above 12 px on a phone.
WIDTH = 640
FONT_SIZE = 14
PANEL_HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 86, 16, 30, 44  # margins of one panel
LEGEND_LINE = 22
LOG_RATIO = 100  # values spanning this factor or more get a log axis
MARK = 5  # marker radius in px
BOUND_ARROW = 14  # arrow of "mehr als" / "bis zu", px
OPEN_ARROW = 28  # longer, dotted arrow of an open lower bound ("Tausende"), px
TITLE_CHARS = 48  # legend titles are cut to this length
TICK_GAP = 96  # x tick labels closer than this (px) would collide


def _f(value: float) -> str:
    """Fixed-precision coordinate: same input, same bytes."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def format_number_de(value: float) -> str:
    """German number: "." groups thousands, "," marks decimals ("1.000.000", "2,5")."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def tick_label(value: float) -> str:
    """Axis label: German number, millions and billions abbreviated ("2,5 Mio.", "1 Mrd.")
    so the longest label fits the left margin."""
    for size, unit in ((1e9, "Mrd."), (1e6, "Mio.")):
        if abs(value) >= size:
            return f"{format_number_de(round(value / size, 2))} {unit}"
    return format_number_de(value)


def _format_date_de(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


@lru_cache(maxsize=1)
def _language_tables() -> Tables:
    """The language tables (package data): their stopwords sharpen the grouping of claims."""
    return Tables(languages={lang: load_language(lang) for lang in LANGUAGES})


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class _Axis:
    """Maps values to pixels, linear or log10, and chooses its ticks."""

    def __init__(self, values: list[float], top: float, bottom: float) -> None:
        low, high = min(values), max(values)
        self.top, self.bottom = top, bottom
        self.log = low > 0 and high / low >= LOG_RATIO
        if self.log:
            self.start = math.floor(math.log10(low))
            self.end = max(math.ceil(math.log10(high)), self.start + 1)
            self.ticks = [10.0**e for e in range(self.start, self.end + 1)]
        else:
            step = _nice_step(high / 4 if high > 0 else 1)
            self.start, self.end = 0, step * max(1, math.ceil(high * 1.05 / step))
            self.ticks = [step * i for i in range(round(self.end / step) + 1)]

    def __call__(self, value: float) -> float:
        if self.log:
            share = (math.log10(max(value, 10.0**self.start)) - self.start) / (
                self.end - self.start
            )
        else:
            share = (value - self.start) / (self.end - self.start)
        return self.bottom - share * (self.bottom - self.top)


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool) -> str:
    fill = "#ffffff" if hollow else colour
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    r = MARK
    if shape == "square":
        return f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{2 * r}" height="{2 * r}" {style}/>'
    if shape == "triangle":
        points = f"{_f(x)},{_f(y - r - 1)} {_f(x + r + 1)},{_f(y + r)} {_f(x - r - 1)},{_f(y + r)}"
        return f'<polygon points="{points}" {style}/>'
    if shape == "diamond":
        points = f"{_f(x)},{_f(y - r - 1)} {_f(x + r + 1)},{_f(y)} {_f(x)},{_f(y + r + 1)} " + (
            f"{_f(x - r - 1)},{_f(y)}"
        )
        return f'<polygon points="{points}" {style}/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r}" {style}/>'


def _arrow(x: float, y: float, length: float, colour: str, dashed: bool) -> str:
    """A vertical arrow from (x, y), upward for positive length, downward for negative."""
    tip = y - length
    head = 4 if length > 0 else -4
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x)}" y2="{_f(tip)}" stroke="{colour}" '
        f'stroke-width="1.5"{dash}/>'
        f'<polyline points="{_f(x - 4)},{_f(tip + head)} {_f(x)},{_f(tip)} {_f(x + 4)},'
        f'{_f(tip + head)}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
    )


def _mark_title(citation: ClaimCitation) -> str:
    words = [
        esc(citation.title),
        f"{esc(citation.published or 'ohne Datum')}",
        f"„{esc(citation.figure_text)}“ {esc(citation.counts)}",
        QUALIFIER_LABEL.get(citation.qualifier, esc(citation.qualifier)),
    ]
    if citation.attributed_to:
        words.append(f"laut {esc(citation.attributed_to)}")
    if citation.modality == "projection":
        words.append("Prognose")
    return " · ".join(words)


def _mark(citation: ClaimCitation, x: float, axis: _Axis, colour: str, shape: str) -> str:
    """One figure: point, range bar or open bound, in its source's colour and shape."""
    projection = citation.modality == "projection"
    dash = ' stroke-dasharray="4 3"' if projection else ""
    parts = [f"<title>{_mark_title(citation)}</title>"]
    y_low = axis(citation.low)
    if citation.high is None:
        # open lower bound: the value is at least `low`, with no stated upper end
        parts.append(_arrow(x, y_low - MARK, OPEN_ARROW, colour, True))
        parts.append(_marker(shape, x, y_low, colour, projection))
    elif citation.high > citation.low:
        y_high = axis(citation.high)
        parts.append(
            f'<line x1="{_f(x)}" y1="{_f(y_low)}" x2="{_f(x)}" y2="{_f(y_high)}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>'
        )
        for y in (y_low, y_high):
            parts.append(
                f'<line x1="{_f(x - 5)}" y1="{_f(y)}" x2="{_f(x + 5)}" y2="{_f(y)}" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        parts.append(_marker(shape, x, (y_low + y_high) / 2, colour, projection))
    else:
        if citation.qualifier in UPWARD:
            parts.append(_arrow(x, y_low - MARK, BOUND_ARROW, colour, projection))
        elif citation.qualifier in DOWNWARD:
            parts.append(_arrow(x, y_low + MARK, -BOUND_ARROW, colour, projection))
        parts.append(_marker(shape, x, y_low, colour, projection))
    kind = "projection" if projection else "claim"
    return f'<g class="mark mark-{kind}">{"".join(parts)}</g>'


def _frame(
    claim: Claim, values: list[float], top: float, x_of, x_ticks: list[tuple[date, str]]
) -> tuple[list[str], _Axis]:
    """The panel's label, axes, grid and tick labels (an open <g>), and its value axis."""
    bottom = top + PANEL_HEIGHT - BOTTOM
    axis = _Axis(values, top + TOP, bottom)
    scale = " (logarithmische Skala)" if axis.log else ""
    out = [
        (
            f'<g class="panel"><text x="{LEFT}" y="{_f(top + 18)}" font-weight="bold">'
            f"{esc(claim.label)}{scale}</text>"
        ),
        (
            f'<line x1="{LEFT}" y1="{_f(bottom)}" x2="{WIDTH - RIGHT}" y2="{_f(bottom)}" '
            'stroke="#555555"/>'
        ),
        f'<line x1="{LEFT}" y1="{_f(top + TOP)}" x2="{LEFT}" y2="{_f(bottom)}" stroke="#555555"/>',
    ]
    for tick in axis.ticks:
        y = axis(tick)
        out.append(
            f'<line x1="{LEFT}" y1="{_f(y)}" x2="{WIDTH - RIGHT}" y2="{_f(y)}" stroke="#e0e0e0"/>'
            f'<text x="{LEFT - 6}" y="{_f(y + 5)}" text-anchor="end">'
            f"{tick_label(tick)}</text>"
        )
    for day, label in x_ticks:
        x = x_of(day)
        out.append(
            f'<line x1="{_f(x)}" y1="{_f(bottom)}" x2="{_f(x)}" y2="{_f(bottom + 4)}" '
            f'stroke="#555555"/><text x="{_f(x)}" y="{_f(bottom + 20)}" text-anchor="middle">'
            f"{label}</text>"
        )
    return out, axis


def _values(citations: list[tuple[ClaimCitation, date]]) -> list[float]:
    return [c.low for c, _ in citations] + [c.high for c, _ in citations if c.high is not None]


def _panel(
    claim: Claim,
    citations: list[tuple[ClaimCitation, date]],
    top: float,
    x_of,
    x_ticks: list[tuple[date, str]],
    styles: dict[str, tuple[str, str]],
) -> list[str]:
    """One panel with one mark per figure, styled by its source article."""
    out, axis = _frame(claim, _values(citations), top, x_of, x_ticks)
    # figures published on the same day sit side by side, not on top of each other
    same_day: dict[date, list[ClaimCitation]] = {}
    for citation, day in citations:
        same_day.setdefault(day, []).append(citation)
    for day, group in sorted(same_day.items()):
        group.sort(key=lambda c: (c.slug, c.sentence, c.figure_text))
        for k, citation in enumerate(group):
            x = x_of(day) + (k - (len(group) - 1) / 2) * (2 * MARK + 6)
            colour, shape = styles[citation.slug]
            out.append(_mark(citation, x, axis, colour, shape))
    out.append("</g>")
    return out


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _bin_label(first: int, months: int) -> str:
    start = _month_start(first)
    label = f"{MONTHS_SHORT[start.month - 1]} {start.year}"
    if months == 1:
        return label
    end = _month_start(first + months - 1)
    return f"{label} – {MONTHS_SHORT[end.month - 1]} {end.year}"


def _binned_panel(
    claim: Claim,
    citations: list[tuple[ClaimCitation, date]],
    top: float,
    x_of,
    x_ticks: list[tuple[date, str]],
    bin_start: int,
    bin_months: int,
) -> list[str]:
    """One panel with one mark per time bin: the bin's lowest to highest reported value as a
    bar, the median as a dot and the number of figures above it. Bounded by MAX_BINS."""
    out, axis = _frame(claim, _values(citations), top, x_of, x_ticks)
    bins: dict[int, list[ClaimCitation]] = {}
    for citation, day in citations:
        bins.setdefault((_month(day) - bin_start) // bin_months, []).append(citation)
    colour = COLOURS[0]
    bin_width = x_of(_month_start(bin_start + bin_months)) - x_of(_month_start(bin_start))
    for key, group in sorted(bins.items()):
        first = bin_start + key * bin_months
        middle = _month_start(first) + (_month_start(first + bin_months) - _month_start(first)) / 2
        x = x_of(middle)
        points = sorted(c.low if c.high is None else (c.low + c.high) / 2 for c in group)
        low = min(c.low for c in group)
        high = max(c.low if c.high is None else c.high for c in group)
        median = points[len(points) // 2]
        projections = sum(1 for c in group if c.modality == "projection")
        note = f", davon {projections} Prognosen" if projections else ""
        title = (
            f"{_bin_label(first, bin_months)}: {len(group)} Angaben{note}, "
            f"{format_number_de(low)} bis {format_number_de(high)}, "
            f"Median {format_number_de(median)}"
        )
        y_low, y_high, y_mid = axis(low), axis(high), axis(median)
        # the count sits above the bar when it fits between neighbours; it is always in the
        # mark's title and the chart's <desc>
        label = str(len(group))
        count = (
            f'<text x="{_f(x)}" y="{_f(y_high - 9)}" text-anchor="middle" font-size="12" '
            f'fill="#333333">{label}</text>'
            if 7 * len(label) + 4 <= bin_width
            else ""
        )
        out.append(
            f'<g class="mark mark-bin"><title>{title}</title>'
            f'<line x1="{_f(x)}" y1="{_f(y_low)}" x2="{_f(x)}" y2="{_f(y_high)}" '
            f'stroke="{colour}" stroke-opacity="0.45" stroke-width="8" stroke-linecap="round"/>'
            f"{_marker('circle', x, y_mid, colour, False)}{count}</g>"
        )
    out.append("</g>")
    return out


def render_topic_chart(corpus: Corpus, topic_id: str, tables: Tables | None = None) -> str:
    """Return an inline SVG of the topic's reported values per source over time, or "".

    "" when the topic has no figure from a dated article (nothing to place on the x axis).
    With up to MAX_SOURCES source articles each figure is a mark in its article's style;
    with more, figures are summarised per time bin, so the SVG's size is bounded by
    MAX_PANELS * MAX_BINS marks whatever the corpus size.
    """
    claims = claims_of(corpus.extractions, topic_id, tables or _language_tables())
    dated: list[tuple[Claim, list[tuple[ClaimCitation, date]]]] = []
    undated = 0
    for claim in claims:
        placed = []
        for citation in claim.citations:
            day = _day(citation.published)
            if day is None:
                undated += 1
            else:
                placed.append((citation, day))
        if placed:
            dated.append((claim, placed))
    if not dated:
        return ""
    # a panel is worth its space when it compares: keep claims cited more than once,
    # or, when no claim is, the largest one alone
    compared = [item for item in dated if len(item[1]) > 1] or dated[:1]
    shown = compared[:MAX_PANELS]
    hidden = [item for item in dated if item not in shown]
    days = sorted({day for _, placed in shown for _, day in placed})
    # one style per source article, assigned in publication order
    articles = sorted(
        {(day, c.slug, c.title) for _, placed in shown for c, day in placed},
    )
    sources = len({slug for _, slug, _ in articles})
    binned = sources > MAX_SOURCES
    styles: dict[str, tuple[str, str]] = {}
    legend: list[tuple[str, str, date]] = []
    for day, slug, title in articles:
        if slug not in styles:
            n = len(styles)
            styles[slug] = (COLOURS[n % len(COLOURS)], SHAPES[(n // len(COLOURS)) % len(SHAPES)])
            legend.append((slug, title, day))
    first, last = days[0], days[-1]
    bin_start = _month(first)
    bin_months = max(1, math.ceil((_month(last) - bin_start + 1) / MAX_BINS))
    if binned:
        # the domain covers whole bins, so every bin's middle lies inside it
        bins = (_month(last) - bin_start) // bin_months + 1
        first = _month_start(bin_start)
        last = _month_start(bin_start + bins * bin_months) - timedelta(days=1)
    pad = max(timedelta(days=3), (last - first) / 12) if last > first else timedelta(days=15)
    domain_start, domain_days = first - pad, ((last + pad) - (first - pad)).days
    span = WIDTH - LEFT - RIGHT - 2 * MARK

    def x_of(day: date) -> float:
        return LEFT + MARK + span * (day - domain_start).days / domain_days

    # drop ticks whose labels would collide with the previous one
    x_ticks: list[tuple[date, str]] = []
    for day, label in _ticks(days):
        if not x_ticks or x_of(day) - x_of(x_ticks[-1][0]) >= TICK_GAP:
            x_ticks.append((day, label))
    legend_lines = 1 if binned else len(legend)
    height = len(shown) * PANEL_HEIGHT + 28 + LEGEND_LINE * legend_lines + 8
    topic_name = next((t.name for t in corpus.topics if t.id == topic_id), topic_id)
    count = sum(len(placed) for _, placed in shown)
    summary = [
        (
            f"{count} Zahlenangaben aus {sources} Artikeln zum Thema {esc(topic_name)}, "
            "nach Veröffentlichungsdatum."
        )
    ]
    if binned:
        unit = "Monat" if bin_months == 1 else f"{bin_months} Monate"
        summary.append(
            f"Je {unit} zusammengefasst: Balken von der niedrigsten bis zur höchsten Angabe, "
            "Punkt beim Median, Zahl der Angaben darüber."
        )
    for claim, placed in shown:
        low = min(c.low for c, _ in placed)
        high = max(c.high if c.high is not None else c.low for c, _ in placed)
        summary.append(
            f"{esc(claim.label)}: {len(placed)} Angaben von {format_number_de(low)} "
            f"bis {format_number_de(high)}."
        )
    if hidden:
        summary.append(f"{len(hidden)} weitere Gruppen nicht gezeigt.")
    if undated:
        summary.append(f"{undated} Angaben aus Artikeln ohne Datum nicht gezeigt.")
    title = f"Zahlenangaben zum Thema {esc(topic_name)} nach Quelle und Datum"
    chart_id = f"chart-{esc(topic_id)}"
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-chart-svg" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif" '
            f'font-size="{FONT_SIZE}" aria-label="{title}" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        ),
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{" ".join(summary)}</desc>',
    ]
    for i, (claim, placed) in enumerate(shown):
        if binned:
            out.extend(
                _binned_panel(claim, placed, i * PANEL_HEIGHT, x_of, x_ticks, bin_start, bin_months)
            )
        else:
            out.extend(_panel(claim, placed, i * PANEL_HEIGHT, x_of, x_ticks, styles))
    axis_y = len(shown) * PANEL_HEIGHT + 8
    out.append(
        f'<text x="{_f(LEFT + span / 2)}" y="{_f(axis_y)}" text-anchor="middle" '
        'fill="#555555">Veröffentlichungsdatum des Artikels</text>'
    )
    if binned:
        unit = "Monat" if bin_months == 1 else f"{bin_months} Monate"
        out.append(
            f'<g class="legend">{_marker("circle", LEFT + MARK, axis_y + 18, COLOURS[0], False)}'
            f'<text x="{LEFT + 3 * MARK}" y="{_f(axis_y + 23)}">Je {unit}: Spanne, Median, '
            f"Anzahl · {sources} Artikel</text></g>"
        )
    else:
        for n, (slug, name, day) in enumerate(legend):
            y = axis_y + 24 + n * LEGEND_LINE
            colour, shape = styles[slug]
            short = name if len(name) <= TITLE_CHARS else name[: TITLE_CHARS - 1].rstrip() + "…"
            out.append(
                f'<g class="legend">{_marker(shape, LEFT + MARK, y - 5, colour, False)}'
                f'<text x="{LEFT + 3 * MARK}" y="{_f(y)}">{esc(short)} '
                f"({_format_date_de(day)})</text></g>"
            )
    out.append("</svg>")
    return "".join(out)


def _ticks(days: list[date]) -> list[tuple[date, str]]:
    """X ticks: each publication date when there are few, else the first of every k-th month."""
    if len(days) <= 5:
        return [(day, _format_date_de(day)) for day in days]
    first, last = days[0], days[-1]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / 6))
    ticks = []
    year, month = first.year, first.month
    for k in range(0, months + 1, step):
        m = month - 1 + k
        day = date(year + m // 12, m % 12 + 1, 1)
        if first <= day <= last:
            ticks.append((day, f"{MONTHS_SHORT[day.month - 1]} {day.year}"))
    return ticks or [(first, _format_date_de(first)), (last, _format_date_de(last))]
