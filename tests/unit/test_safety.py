"""Pages cannot put readers at risk: a script, an inline event handler, a javascript:
link, or anything loaded from another host (image, iframe, style sheet, script, font)
stops the build naming the page and the line. Links to other sites, code samples that
show such things, and the site's own charts still build."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.generator.page_safety import Problem, check_html, check_page, find_links, mask_code

# One forbidden thing each: what a contributor might write, and what the build must say.
FORBIDDEN = {
    "script tag": ("<script>alert(1)</script>", "<script> is not allowed"),
    "script from a CDN": ('<script src="https://cdn.example.com/lib.js"></script>', "<script> is not allowed"),
    "module script": ('<script type="module">import "./x.js"</script>', "<script> is not allowed"),
    "inline event handler": ('<span onmouseover="steal()">hover</span>', "onmouseover= on <span> is not allowed"),
    "handler on a local image": ('<img src="assets/x.png" onerror="steal()">', "onerror= on <img> is not allowed"),
    "handler in an attribute list": ('[Read more](index.md){ onclick="steal()" }', "onclick= on an attribute list"),
    "javascript: Markdown link": ("[Click](javascript:alert(1))", "a javascript: link is not allowed"),
    "javascript: HTML link": (
        '<a href="JavaScript:alert(1)">Click</a>',
        "a javascript: URL (href= on <a>) is not allowed",
    ),
    "javascript: hidden by an entity": ("[Click](java&#115;cript:alert(1))", "a javascript: link is not allowed"),
    "javascript: link definition": ("[x]: javascript:alert(1)\n\n[Click][x]", "a javascript: link is not allowed"),
    "CDN image, Markdown": (
        "![A chart](https://cdn.example.com/chart.png)",
        "an image from another host (cdn.example.com)",
    ),
    "CDN image, HTML": (
        '<img src="//cdn.example.com/chart.png" alt="">',
        "<img> loads //cdn.example.com/chart.png from another host",
    ),
    "CDN image, reference": (
        "![A chart][chart]\n\n[chart]: https://cdn.example.com/chart.png",
        "an image from another host",
    ),
    "CDN image in srcset": (
        '<img src="a.png" srcset="https://cdn.example.com/a@2x.png 2x" alt="">',
        "from another host (cdn.example.com) with srcset=",
    ),
    "image swapped by an attribute list": (
        '![A chart](a.png){ src="https://cdn.example.com/a.png" }',
        "loads https://cdn.example.com/a.png",
    ),
    "CDN image inside a link": (
        "[![A chart](https://cdn.example.com/c.png)](https://example.org/)",
        "an image from another host",
    ),
    "CDN image in image-set()": (
        "<p style=\"background-image:image-set('https://cdn.example.com/a.png' 1x)\">x</p>",
        "the style= of <p> loads",
    ),
    "iframe": ('<iframe src="https://www.youtube.com/embed/xyz"></iframe>', "an <iframe>: pages embed nothing"),
    "style sheet from another host": (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        "<link> loads https://fonts.googleapis.com",
    ),
    "style block": ("<style>@import url(https://fonts.example.com/a.css);</style>", "a <style> block"),
    "background from another host": (
        '<p style="background:url(https://pixel.example.com/p.gif)">x</p>',
        "the style= of <p> loads https://pixel.example.com/p.gif",
    ),
    "video from another host": (
        '<video src="https://cdn.example.com/v.mp4" poster="https://cdn.example.com/v.jpg"></video>',
        "<video> loads",
    ),
    "meta refresh": ('<meta http-equiv="refresh" content="0; url=https://example.com/">', "a <meta> element"),
    "base element": ('<base href="https://example.com/">', "a <base> element"),
}


@pytest.mark.parametrize("thing", sorted(FORBIDDEN))
def test_the_page_check_finds_each_forbidden_thing_on_its_line(thing):
    text, message = FORBIDDEN[thing]
    page = "# Title\n\nSome text.\n\n" + text + "\n\nMore text.\n"
    problems = check_page(page)
    assert problems, f"{thing}: not found"
    assert any(message in problem.message for problem in problems), problems
    assert {problem.line for problem in problems} == {5}, problems


def test_line_numbers_count_the_front_matter():
    assert check_page("Text\n<script>x()</script>\n", first_line=5) == [
        Problem(
            6, "<script> is not allowed: pages may not run scripts; a chart goes in with <!-- md:chart chart_id -->"
        )
    ]


ALLOWED = """# Allowed

A link to [UNHCR](https://www.unhcr.org/refugee-statistics/) and <https://example.org/>,
<a href="https://creativecommons.org/licenses/by/4.0/">a licence</a>, and [mail](mailto:press@newsroom.test).
An image of this site: ![A chart](assets/chart.png) and <img src="../assets/a.png" alt="">.
Inline code shows `<script>alert(1)</script>` and `![x](https://cdn.example.com/x.png)` as text.
<!-- a comment with <script>alert(1)</script> is never shown -->
{: .lead }

```html
<script src="https://cdn.example.com/lib.js"></script>
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
```

~~~markdown
[Click](javascript:alert(1)) ![A chart](https://cdn.example.com/chart.png)
~~~

!!! note "Reading the onset of a trend"
    One person's "online" is not an event handler: on=, once = and onion are words.
"""


def test_links_to_other_sites_code_samples_and_own_images_are_allowed():
    assert check_page(ALLOWED) == []


def test_code_is_blanked_line_for_line():
    masked = mask_code(ALLOWED)
    assert masked.count("\n") == ALLOWED.count("\n")
    assert (
        "lib.js" not in masked
        and "youtube" not in masked
        and "javascript:" not in masked
        and "cdn.example.com" not in masked
    )


def test_links_found_for_checking_are_this_sites_only():
    links = find_links(
        '[a](methodology.md#source) [b](https://example.org/)\n<a href="../data/x.csv">c</a>\n[d]: index.md\n[^1]: A footnote.\n'
    )
    assert [(link.line, link.url, link.kind) for link in links] == [
        (1, "methodology.md#source", "markdown"),
        (2, "../data/x.csv", "html"),
        (3, "index.md", "markdown"),
    ]


def test_the_rendered_html_check_catches_what_markdown_hides():
    # In a raw HTML block, backticks are not code: the image would load.
    assert check_page('<div>`<img src="https://cdn.example.com/x.png">`</div>\n') == []
    problems = check_html('<div>`<img src="https://cdn.example.com/x.png">`</div>')
    assert problems and "from another host" in problems[0][0] and problems[0][1] == "https://cdn.example.com/x.png"


# Each forbidden thing is also built, with the rest of the hostile contributions, in
# tests/test_hostile_contributions.py (one built copy of the project, changed one row at a time).


# --- the finished-HTML pass (scripts/generator/finished_html.py) ------------------------------------------

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from scripts.generator.finished_html import REFERRER, check_tree, seal_page, sha256  # noqa: E402

SHELL = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
    '<script id="__config" type="application/json">{"base": ".."}</script></head><body>{}</body></html>'
)


def sealed(body: str, tmp_path) -> tuple[list[str], str]:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "site.js").write_text("")
    findings, text = seal_page(SHELL.replace("{}", body), "page/index.html", tmp_path)
    return [finding.message for finding in findings], text


@pytest.mark.parametrize(
    "body, message",
    [
        ("<script>alert(1)</script>", "an inline <script>"),
        ('<script src="https://cdn.example.com/x.js"></script>', "a <script> from https://cdn.example.com/x.js"),
        ('<script src="../assets/missing.js"></script>', "is not one of the site's script files"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'a <meta http-equiv="refresh">'),
        ('<meta name="referrer" content="unsafe-url">', "a <meta> of unknown kind (referrer)"),
        ('<noscript><p title="</noscript><img src=https://evil.example/x.png>"></p></noscript>', "a <noscript>"),
        ('<!--> <img src="https://evil.example/x.png"> -->', "<img> loads https://evil.example/x.png"),
        ('<p style="background:u\\rl(https://evil.example/x.png)">x</p>', "loads https://evil.example/x.png"),
        ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "rewrites a link"),
    ],
)
def test_the_finished_page_is_read_as_a_browser_reads_it(tmp_path, body, message):
    findings, _ = sealed(body, tmp_path)
    assert any(message in finding for finding in findings), findings


def test_only_the_themes_own_constant_inline_scripts_run_and_the_policy_names_them(tmp_path):
    import material

    palette = (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "palette.html").read_text()
    theirs = palette[palette.index("<script>") : palette.index("</script>") + len("</script>")]
    findings, text = sealed(theirs, tmp_path)
    assert findings == []
    policy = LexborHTMLParser(text).css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert sha256(theirs[len("<script>") : -len("</script>")]) in policy
    changed, _ = sealed(theirs.replace("__palette", "__palette2"), tmp_path)
    assert changed == ["an inline <script>: pages run only the site's own script files"]


def test_a_sealed_page_carries_exactly_our_policies_and_tells_other_sites_nothing(tmp_path):
    findings, text = sealed(
        '<script src="../assets/site.js"></script><p style="--x:1">'
        '<a href="https://example.org/" rel="external">out</a> <a href="../x/">in</a></p>',
        tmp_path,
    )
    assert findings == []
    tree = LexborHTMLParser(text)
    policy = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "script-src 'self';" in policy and "'unsafe-hashes' 'sha256-" in policy and "unsafe-inline" not in policy
    assert text.index("Content-Security-Policy") < text.index("<script") and REFERRER in text
    assert tree.css_first('a[href="https://example.org/"]').attributes["rel"] == "external noopener noreferrer"
    assert "rel" not in tree.css_first('a[href="../x/"]').attributes
    assert check_tree(tree, "page/index.html", tmp_path, policy=policy) == []
    assert check_tree(tree, "page/index.html", tmp_path, policy=policy + "; x") != []  # not ours: refused
