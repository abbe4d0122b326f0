"""Clause labels in words: 'NATO Article 5', never 'Article Title Three' or 'Article mutual assistance'."""

from __future__ import annotations

import pytest

import casus
from casus.kb.words import article_ref, clause_label


@pytest.mark.parametrize(("article", "long", "short"), [
    ("5", "Article 5", "Art. 5"),
    ("42(7)", "Article 42(7)", "Art. 42(7)"),
    ("IV, V", "Articles IV, V", "Arts. IV, V"),
    ("2-4", "Articles 2-4", "Arts. 2-4"),
    ("IV and V", "Articles IV and V", "Arts. IV and V"),
    ("3(1)-(3)", "Article 3(1)-(3)", "Art. 3(1)-(3)"),  # one article, several paragraphs
    ("Title Three, Sec. 312", "Title Three, Sec. 312", "Title Three, Sec. 312"),
    # an unread number nests in a parenthesis without a second one
    ("mutual assistance (number not read)", "mutual assistance article, number not read",
     "mutual assistance article, number not read"),
    ("aggression clause (number not read)", "aggression clause, number not read",
     "aggression clause, number not read"),
])
def test_article_reference(article, long, short):
    assert article_ref(article) == long
    assert article_ref(article, short=True) == short


def test_clause_labels_of_bundled_treaties():
    kb = casus.open().kb
    assert clause_label(kb, "nato/art5") == "NATO Article 5"
    palau = clause_label(kb, next(c for c in kb.treaty("cofa-usa-plw-1994").clauses).id)
    assert "Article Title" not in palau and ", Title Three" in palau
    pact = clause_label(kb, "albania-bulgaria-1947/assistance", short=True)
    assert pact.endswith(", mutual assistance article, number not read") and "Art." not in pact
