"""How far apart two colours look: CIEDE2000 (ΔE00) between sRGB colours written #RRGGBB.

The formula is the CIE's (CIE 142-2001), as set out by Sharma, Wu and Dalal, "The CIEDE2000
colour-difference formula: implementation notes, supplementary test data, and mathematical
observations" (Color Research & Application 30(1), 21–30, February 2005, doi:10.1002/col.20070),
whose test pairs tests/unit check.
A difference of about 2 is just noticeable; 10 or more tells two map classes apart at a glance.
The chart kit spaces a map's classes with it (`even_steps`).
"""

from __future__ import annotations

import math


def srgb_to_lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour #RRGGBB."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dL, dC = L2 - L1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    L_mean, c_mean_p = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean_p**7 / (c_mean_p**7 + 25**7))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / math.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean_p
    s_h = 1 + 0.015 * c_mean_p * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dC / s_c) * (dH / s_h))


def difference(colour1: str, colour2: str) -> float:
    """ΔE00 between two sRGB colours #RRGGBB."""
    return delta_e_2000(srgb_to_lab(colour1), srgb_to_lab(colour2))


def mix(colour: str, other: str, weight: float) -> str:
    """`colour` moved `weight` of the way towards `other` (both #RRGGBB), in sRGB."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * weight):02X}" for x, y in zip(a, b))


def even_steps(start: str, end: str, steps: int) -> list[str]:
    """`steps` colours on the way from `start` to `end`, the last one `end`, each as far from the one
    before it (the first from `start`) by ΔE00: neighbouring classes of a map look equally distinct."""

    def walk(gap: float) -> tuple[list[str], float]:
        colours, weight = [], 0.0
        for _ in range(steps):
            low, high, here = weight, 1.0, colours[-1] if colours else start
            if difference(here, end) < gap:
                return colours + [end], 1.0 + (gap - difference(here, end))  # ran out of way: gap too big
            for _ in range(40):  # the weight a gap further on
                middle = (low + high) / 2
                low, high = (middle, high) if difference(here, mix(start, end, middle)) < gap else (low, middle)
            weight = high
            colours.append(mix(start, end, weight))
        return colours, weight

    low, high = 0.0, difference(start, end)
    for _ in range(40):  # the widest gap that still reaches `end` in `steps` steps
        middle = (low + high) / 2
        low, high = (middle, high) if walk(middle)[1] < 1.0 else (low, middle)
    colours, _ = walk(low)
    return colours[: steps - 1] + [end]
