"""Colours and chart styling for the light and dark palettes of the site.

Series colours follow UNHCR's conventions where they fit (refugees blue,
asylum-seekers navy) and stay distinguishable for colour-blind readers; the
dark palette lightens them so that they keep their contrast on a dark page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# System fonts only: the site loads no font from another host.
FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


@dataclass(frozen=True)
class Palette:
    scheme: str  # mkdocs-material's name: "default" (light) or "slate" (dark)
    refugees: str
    asylum_seekers: str
    applications: str
    protection: str  # decisions that gave protection
    rejection: str  # decisions that rejected the claim
    other: str  # everything else, in grey
    text: str
    muted: str
    grid: str
    background: str  # the page's (mkdocs-material's --md-default-bg-color): drawn over to rub a line out

    def colours(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if key != "scheme"}


LIGHT = Palette(
    scheme="default",
    refugees="#0072BC",
    asylum_seekers="#18375F",
    applications="#D55E00",
    protection="#009E73",
    rejection="#CC79A7",
    other="#8C8C8C",
    text="#1F2328",
    muted="#57606A",
    grid="#E1E4E8",
    background="#FFFFFF",
)

DARK = Palette(
    scheme="slate",
    refugees="#56B4E9",
    asylum_seekers="#A8C5F0",
    applications="#F0A35E",
    protection="#3DD6A8",
    rejection="#E7A1C8",
    other="#A0A0A0",
    text="#E6EDF3",
    muted="#A5AFBA",
    grid="#3A404A",
    background="#1E2129",  # slate: hsl(225, 15%, 14%)
)

PALETTES = {"light": LIGHT, "dark": DARK}


def vega_config(palette: Palette) -> dict:
    """The Vega-Lite `config` block shared by every chart."""
    text = {"labelColor": palette.muted, "titleColor": palette.muted, "labelFont": FONT, "titleFont": FONT}
    return {
        "background": "transparent",
        # The chart's height and the page's container width include axes and legend.
        "autosize": {"type": "fit", "contains": "padding"},
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            **text,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "titleFontWeight": "normal",
            "gridColor": palette.grid,
            "domainColor": palette.muted,
            "tickColor": palette.muted,
            # Labels closer than this count as overlapping, and Vega hides one: room for a font that
            # sets wider than the one the layout was measured in.
            "labelSeparation": 4,
        },
        "axisX": {"grid": False, "labelSeparation": 8},  # a flush first year is not read with the next
        "axisY": {"domain": False, "ticks": False},
        "legend": {**text, "labelFontSize": 12, "titleFontSize": 12, "orient": "top", "title": None},
        "text": {"color": palette.text, "font": FONT},
        "line": {"strokeWidth": 2.5},
    }
