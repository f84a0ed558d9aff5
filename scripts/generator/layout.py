"""What the pages, the styles (docs/assets/stylesheets/site.css) and the chart renderer agree on.

Kept apart from scripts/generator/chart_outputs.py, so that the MkDocs hooks read them
without importing pandas and vl-convert: a page edit rebuilds faster.
"""

# Widths of the static SVGs: the content column on a 360-px phone, and on a desktop.
STATIC_WIDTHS = {"narrow": 328, "wide": 680}
NARROW_MEDIA = "(max-width: 479px)"
# Every table of the site has this class: site.css styles it like the theme's tables,
# and the theme's script, which wraps each table without a class, leaves it alone.
TABLE_CLASS = "data-table"
