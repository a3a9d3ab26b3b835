"""The Kazakh words for a notice period counted back from the end of a treaty's term (issue
16 #5, found by a fresh check): «Қолданылу мерзімі аяқталғанға дейінгі мерзім» said
"term" twice and read clumsily. The glossary's authority for treaty wording in Kazakh is
the official texts (TERMS.md); a final clause on notice is written there «... мерзім
аяқталардан кем дегенде алты ай бұрын ... хабарламаны ... жолдамаса» (the Ministry's
bilingual templates: «не менее чем за шесть месяцев до истечения ... срока»). The form's
option says it the same way as the clause's own sentence («мерзім аяқталардан %(period)s
бұрын»), and the hint that names the option quotes it as the form shows it."""

from __future__ import annotations

from tests.i18n.test_glossary import catalogue
from tracker.domain.clock_words import MODE_LABELS
from tracker.domain.clocks import Mode

#: the hint under the form's mode, which names the options to choose
HINT = (
    "Notice counts back from the end of the term: choose “A period before the end of the "
    "term” with “the end of the previous term”, for notice of non-renewal or a "
    "denunciation only."
)


def test_the_kazakh_option_says_a_period_before_the_end_of_the_term_as_clauses_do() -> None:
    kk = catalogue("kk")
    label = kk.get(str(MODE_LABELS[Mode.BEFORE])).string
    sentence = kk.get("%(period)s before the end of the term").string
    assert label.casefold().count("мерзім") == 1, label
    assert "аяқталардан" in label and "бұрын" in label, label
    assert "мерзім аяқталардан" in sentence and "бұрын" in sentence
    hint = kk.get(HINT).string
    assert f"«{label}»" in hint
    end_of_term = kk.get("End of the previous term").string
    assert f"«{end_of_term.casefold()}»" in hint.casefold()
