"""Text a reader cannot read in a chart: cut off at the edge of its drawing, or on top of other text.

`text_problems(page, selector)` looks at every SVG drawing the selector finds, as the browser laid it
out (its own fonts, its own width), and lists each visible text element that leaves the drawing, or
the area that shows it, by more than TOLERANCE pixels, and each pair of visible texts that overlap by
more than TOLERANCE pixels both ways. Text Vega hid because it would overlap (opacity 0) is not seen by
a reader and does not count, nor does a halo (the same text drawn twice at the same place, the one
below in the background's colour, so that it reads over lines). Used by the browser tests (every chart) and by `make shots`.
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
        // Each text's four corners on the screen: a rotated label is a rotated box, not the box around it.
        const corners = (text) => {
            const b = text.getBBox(), m = text.getScreenCTM(), at = (x, y) => new DOMPoint(x, y).matrixTransform(m);
            return [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)];
        };
        const texts = [...svg.querySelectorAll("text")]
            .filter((text) => text.textContent.trim() && shown(text, svg.parentElement))
            .map((text) => ({ text: text.textContent.trim(), box: text.getBoundingClientRect(), quad: corners(text) }));
        // How far two convex outlines overlap along the axis that separates them best (0 or less: apart).
        const overlap = (p, q) => {
            let least = Infinity;
            for (const shape of [p, q]) for (let k = 0; k < 4; k++) {
                const a = shape[k], b = shape[(k + 1) % 4], length = Math.hypot(b.x - a.x, b.y - a.y);
                if (!length) continue;
                const nx = (a.y - b.y) / length, ny = (b.x - a.x) / length;
                const project = (points) => points.map((point) => point.x * nx + point.y * ny);
                const pp = project(p), qq = project(q);
                least = Math.min(least, Math.min(Math.max(...pp), Math.max(...qq)) - Math.max(Math.min(...pp), Math.min(...qq)));
            }
            return least;
        };
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
            const halo = texts[i].text === texts[j].text && Math.abs(a.left - b.left) <= 1 && Math.abs(a.top - b.top) <= 1;
            const depth = across > tolerance && upDown > tolerance && !halo ? overlap(texts[i].quad, texts[j].quad) : 0;
            if (depth > tolerance) problems.push(where +
                `"${texts[i].text}" and "${texts[j].text}" overlap (by ${depth.toFixed(1)} px)`);
        }
    });
    return problems;
}"""


def text_problems(page, selector: str = "svg") -> list[str]:
    """What is cut off or overlaps in the drawings `selector` finds on `page` (an empty list when none)."""
    return page.evaluate(TEXT_PROBLEMS, [selector, TOLERANCE])
