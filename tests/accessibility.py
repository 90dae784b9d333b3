"""axe-core, from the npm package `make` installs, run inside a page the browser tests opened."""

from __future__ import annotations

from mapper.render.assets import asset

SERIOUS = ("serious", "critical")


def axe_violations(page, impacts: tuple[str, ...] = SERIOUS, rules: tuple[str, ...] = ()) -> list[str]:
    """The page's axe-core violations of these impacts, one line each: rule, impact, first target.

    WCAG 2.x A and AA rules and axe's best practices, as a publisher's accessibility audit runs them;
    or only the named rules (each of those tags' rules finds what it finds whatever else runs).
    """
    if not page.evaluate("Boolean(window.axe)"):
        page.add_script_tag(path=str(asset("axe-core", "axe.min.js")))
    only = {"type": "rule", "values": list(rules)} if rules else {
        "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
    results = page.evaluate(
        """async (only) => (await axe.run(document, {
            runOnly: only,
            resultTypes: ["violations"],
            preload: false,  // its fetching of the page's stylesheets, which file:// refuses
        })).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""",
        only,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
        for v in results if v["impact"] in impacts
    ]
