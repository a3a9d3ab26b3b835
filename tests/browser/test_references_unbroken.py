"""The References column of the Party actions table has room at 1366 px: a reference such
as "C.N.123.2020-TREATIES" is never broken at its hyphens or full stops (task h19g2 #5),
in English, Russian and Kazakh, beside a long note; at 390 px the stacked card holds it
on one line too, without the page getting wider than the window."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.models import PartyAction
from tracker.orm import db

#: each text of the References cells: its text and how many lines it is drawn on
REFERENCES = r"""
() => {
  const cells = [...document.querySelectorAll("#actions tbody tr")].map((tr) => tr.children[4]);
  const texts = [];
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      texts.push({text: node.textContent.trim(), lines: tops.size});
    }
  }
  return {texts: texts, wide: document.documentElement.scrollWidth > window.innerWidth};
}
"""

NOTE = (
    "Мемлекетішілік рәсімдердің орындалғаны туралы хабарлама депозитарийге жіберілді; "
    "the instrument was deposited with the Secretary-General of the United Nations."
)


def _convention(make: Any) -> Any:
    parties = [make.party(name) for name in ("Kazakhstan", "Uzbekistan", "Kyrgyzstan")]
    convention = make.agreement(parties=parties, title="Convention", kind="multilateral")
    for n, row in enumerate(convention.ratifications):
        row.actions.append(
            PartyAction(
                kind="ratification",
                on=date(2020, 3, 1 + n),
                instrument_ref=f"C.N.{123 + n}.2020-TREATIES",
                notification_ref=f"C.N.{456 + n}.2020-TREATIES-XXIII.{n + 1}",
                note=NOTE,
            )
        )
    db.session.commit()
    return convention


def test_a_reference_is_never_broken_in_any_language(
    live_server: str, new_page: Any, make: Any
) -> None:
    officer = make.user(role="officer")
    convention = _convention(make)
    page = new_page()
    log_in(page, live_server, officer.email, PASSWORD)
    for language in ("en", "ru", "kk"):
        officer.language = language
        db.session.commit()
        for width, height in ((1366, 768), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server}/agreements/{convention.id}#actions")
            drawn = page.evaluate(REFERENCES)
            refs = [t for t in drawn["texts"] if t["text"].startswith("C.N.")]
            assert len(refs) == 6, drawn
            assert all(t["lines"] == 1 for t in refs), (language, width, drawn)
            assert not drawn["wide"], (language, width, drawn)
