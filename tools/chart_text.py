"""Text a reader cannot read in a chart: cut off at the edge of its drawing, or on top of other text.

`text_problems(page, selector)` looks at every SVG drawing the selector finds, as the browser laid it
out (its own fonts, its own width), and lists each visible text element that leaves the drawing, or
the area that shows it, by more than TOLERANCE pixels, and each pair of visible texts that overlap by
more than TOLERANCE pixels both ways. Text Vega hid because it would overlap (opacity 0) is not seen by
a reader and does not count. Used by the browser tests (every chart) and by `make shots`.
"""

from __future__ import annotations

TOLERANCE = 1  # pixels

TEXT_PROBLEMS = """([selector, tolerance]) => {
    const problems = [];
    const shown = (element, stop) => {
        for (let node = element; node && node !== stop; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.display === "none" || style.visibility === "hidden" || parseFloat(style.opacity) === 0) return false;
            if (node.getAttribute && node.getAttribute("opacity") === "0") return false;
        }
        const style = getComputedStyle(element);
        return !(parseFloat(style.fillOpacity) === 0 && (style.stroke === "none" || parseFloat(style.strokeOpacity) === 0));
    };
    // The area that shows a drawing: the drawing, cut by every ancestor that clips what overflows it.
    const frameOf = (svg) => {
        let r = svg.getBoundingClientRect(), frame = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        for (let node = svg.parentElement; node && node !== document.documentElement; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.overflowX === "visible" && style.overflowY === "visible") continue;
            const b = node.getBoundingClientRect();
            if (style.overflowX !== "visible") { frame.left = Math.max(frame.left, b.left); frame.right = Math.min(frame.right, b.right); }
            if (style.overflowY !== "visible") { frame.top = Math.max(frame.top, b.top); frame.bottom = Math.min(frame.bottom, b.bottom); }
        }
        return frame;
    };
    const svgs = [...document.querySelectorAll(selector)].filter((svg) => svg.getBoundingClientRect().width > 0);
    svgs.forEach((svg, which) => {
        const frame = frameOf(svg), where = svgs.length > 1 ? `drawing ${which + 1}: ` : "";
        const texts = [...svg.querySelectorAll("text")]
            .filter((text) => text.textContent.trim() && shown(text, svg.parentElement))
            .map((text) => ({ text: text.textContent.trim(), box: text.getBoundingClientRect() }));
        for (const { text, box } of texts) {
            const out = {
                left: frame.left - box.left, right: box.right - frame.right,
                top: frame.top - box.top, bottom: box.bottom - frame.bottom,
            };
            const sides = Object.keys(out).filter((side) => out[side] > tolerance);
            if (sides.length) problems.push(where + `"${text}" is cut off at the ` +
                sides.map((side) => `${side} (by ${out[side].toFixed(1)} px)`).join(" and "));
        }
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i].box, b = texts[j].box;
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const upDown = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > tolerance && upDown > tolerance) problems.push(where +
                `"${texts[i].text}" and "${texts[j].text}" overlap (${across.toFixed(1)} × ${upDown.toFixed(1)} px)`);
        }
    });
    return problems;
}"""


def text_problems(page, selector: str = "svg") -> list[str]:
    """What is cut off or overlaps in the drawings `selector` finds on `page` (an empty list when none)."""
    return page.evaluate(TEXT_PROBLEMS, [selector, TOLERANCE])
