"""Pieces every chart shares, so that axes and tooltips look the same everywhere.

Files whose name starts with "_" are not charts.
"""

import altair as alt


def year_axis(field: str = "year") -> alt.X:
    """Years on x, as whole numbers, with as many labels as the width allows."""
    return alt.X(
        f"{field}:Q",
        title=None,
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True, labelFlush=True),
    )


def count_axis(field: str, title: str) -> alt.Y:
    """People on y, from zero, abbreviated (50k)."""
    return alt.Y(f"{field}:Q", title=title, scale=alt.Scale(zero=True), axis=alt.Axis(format="~s", tickCount=5))


def count_tooltip(field: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title=title, format=",")


def year_tooltip(field: str = "year") -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title="Year", format="d")
