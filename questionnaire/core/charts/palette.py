"""The charts' colours and the words beside them: one hue from light to dark for the
three bands, and the ink that contrasts most with each fill."""

from __future__ import annotations

import math
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..scoring import GOOD, LOW, PARTIAL, band

DARK_INK = "#1f2937"
LIGHT_INK = "#ffffff"
# One hue from light to dark: a band is "how often", not good or bad, so no red-to-green
# verdict that the words beside it ("not a norm") would contradict. Lightness alone tells
# the bands apart, which also works for colour-blind readers and in grey print; the band
# is always written next to its colour as well.
BAND_FILLS = {LOW: "#dbe4f3", PARTIAL: "#8aa6d6", GOOD: "#1e3a8a"}
MISSING_FILL = "#f3f4f6"
HATCH_INK = "#c4c8ce"
NEED_FILL = "#e5e7eb"
RECEIVED_FILL = "#4b6cb7"
OUTLINE = "#374151"
GRID = "#6b7280"
REFERENCE_INK = "#1e3a8a"
MIN_CONTRAST = 4.5

# HR's heat maps: a continuous ramp from light to dark blue (ColorBrewer's "Blues", one
# hue whose lightness falls steadily), so that 40 and 60, both "sometimes", look
# different. One hue carries no good-or-bad verdict, and lightness alone orders it for
# colour-blind readers and in grey print. Scores are interpolated between the stops.
RAMP_STOPS = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
# A continuous ramp passes every lightness, and on the middle ones only black or white
# text reaches 4.5:1 (the two meet at about 4.58:1), so the ramp's dark ink is black.
RAMP_DARK_INK = "#000000"


def band_fill(score: float) -> str:
    """The fill of a 0-100 score: its descriptive band's colour."""
    return BAND_FILLS[band(score)]


def ramp_fill(score: float) -> str:
    """The fill of a 0-100 score on the continuous ramp (scores outside 0-100 clamped)."""
    position = min(max(float(score), 0.0), 100.0) / 100 * (len(RAMP_STOPS) - 1)
    index = min(int(position), len(RAMP_STOPS) - 2)
    share = position - index
    start, end = (_channels(RAMP_STOPS[index + step]) for step in (0, 1))
    mixed = (round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def ramp_ink(fill: str) -> str:
    """Black or white, whichever contrasts more with a fill of the ramp."""
    return max((RAMP_DARK_INK, LIGHT_INK), key=lambda ink: contrast_ratio(ink, fill))


def _channels(colour: str) -> tuple[int, int, int]:
    hex_digits = colour.lstrip("#")
    return int(hex_digits[0:2], 16), int(hex_digits[2:4], 16), int(hex_digits[4:6], 16)


# Translated when asked, one band at a time: a results page asks for some 150 scores' words.
_BAND_WORDS = {
    LOW: gettext_noop("rarely or never"),
    PARTIAL: gettext_noop("sometimes"),
    GOOD: gettext_noop("often or always"),
}


def band_words(score: float) -> str:
    """The band of a 0-100 score in words, as the reports write it."""
    return _(_BAND_WORDS[band(score)])


def rounded(score: float) -> int:
    """A score as a whole number, halves rounded up so that the number shown and its band
    agree (62.5 is "often or always" and shows as 63, not as 62 by banker's rounding)."""
    return math.floor(score + 0.5)


def format_score(score: float) -> str:
    return str(rounded(score))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_for(fill: str) -> str:
    """The text colour that contrasts most with `fill`."""
    return max((DARK_INK, LIGHT_INK), key=lambda ink: contrast_ratio(ink, fill))


@lru_cache(maxsize=1024)  # a chart asks it twice per value drawn, of a few colours
def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
