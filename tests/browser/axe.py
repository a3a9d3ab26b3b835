"""axe-core (vendored, vendor/axe.min.js) run in the page: its serious and critical
violations, as readable lines.

axe is evaluated through the DevTools protocol (Playwright's evaluate), which the app's
Content-Security-Policy does not govern, so the pages are checked exactly as served: no
context needs `bypass_csp`, which would also let blocked inline styles change the layout
the other checks measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

#: only the violations are collected (axe's passes and incompletes cost most of its time)
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(
      v.nodes.slice(0, 3).map((n) => n.target))}`);
}"""


def serious_violations(page: Any) -> list[str]:
    """The page's serious and critical axe violations (empty when there are none)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {AXE}\n }}")
    return page.evaluate(RUN)
