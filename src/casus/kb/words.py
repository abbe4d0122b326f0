"""Names as a sentence needs them: states, treaties and clauses in words, lists joined in English.

The headlines of ``casus assess``, ``defends`` and ``where`` (and the HTTP API and the web map,
which reuse them) speak of "the Philippines" and "NATO Article 5", never of PHL and nato/art5;
codes stay in JSON and in --verbose. Only the knowledge base's own names are used here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

#: names read with "the" in running English (the Philippines, the United States)
_THE_START = ("United ", "Republic of ", "Democratic Republic", "Federated ", "Central African", "Dominican Republic",
              "Czech Republic", "Holy See", "Soviet Union", "German Democratic", "Federal Republic", "Union of ")
_THE_WORDS = frozenset({"Philippines", "Netherlands", "Bahamas", "Gambia", "Comoros", "Maldives", "Seychelles",
                        "Marshall Islands", "Solomon Islands", "Cook Islands", "Faroe Islands", "Falkland Islands",
                        "Cayman Islands", "Virgin Islands", "Vatican", "Sudan", "Congo"})
#: endings read with "the": the Ryukyu Islands, the Golan Heights, the Abyei Area, the Gaza Strip
_THE_END = (" Islands", " Isles", " Heights", " Area", " Strip", " Bank", " Ice Field")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


def with_article(name: str) -> str:
    """'the Philippines', 'the United States', 'the Ryukyu Islands (Okinawa Prefecture)', 'Japan'."""
    head = _PAREN.sub("", name)
    if name.startswith(_THE_START) or head in _THE_WORDS or head.endswith(_THE_END):
        return "the " + name
    return name


#: last words that make a place's name plural in a sentence (the Senkaku Islands are, the Golan Heights lie)
_PLURAL = frozenset({"Islands", "Isles", "Islets", "Rocks", "Shoals", "Reefs", "Keys", "Cays", "Atolls", "Heights"})
_PARENS = re.compile(r"(\s*\([^)]*\))+$")


def is_plural(name: str) -> bool:
    """Whether a place's name takes a plural verb ('the Kuril Islands are'; a state's name is not asked)."""
    head = _PARENS.sub("", name).strip()
    return head.rsplit(" ", 1)[-1] in _PLURAL


def treaty_with_article(name: str) -> str:
    """'the Rio Treaty', 'the Treaty of Aachen', but 'NATO' and 'ANZUS' (an acronym standing alone)."""
    return name if name.isupper() and " " not in name else "the " + name


def a_or_an(word: str) -> str:
    """'an island', 'a rock' (by the first letter: enough for the words casus uses)."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def state_name(kb: KnowledgeBase, code: str | None, *, article: bool = True) -> str:
    """A state's name from the knowledge base (with 'the' where English needs it); a non-state
    attacker by its label; an unknown code as given."""
    if not code:
        return "no state"
    if code.startswith("nsa:"):
        return code[4:]
    st = kb.states.get(code)
    if st is None:
        return code
    return with_article(st.name) if article else st.name


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: Sequence[str], word: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def treaty_short(kb: KnowledgeBase, treaty_id: str) -> str:
    """The treaty's short name without a trailing parenthesis: 'Rio Treaty', 'SEATO', 'NATO'."""
    t = kb.treaties.get(treaty_id)
    if t is None:
        return treaty_id
    return _PAREN.sub("", t.short_name or t.name) or t.name


def clause_label(kb: KnowledgeBase, clause_id: str, *, short: bool = False) -> str:
    """'NATO Article 5' (or 'NATO Art. 5' with ``short``) from the clause's treaty and article label."""
    try:
        treaty, clause = kb.clause(clause_id)
    except Exception:  # an id outside this knowledge base: show it as given
        return clause_id
    ref = article_ref(clause.article, short=short)
    return f"{treaty_short(kb, treaty.id)}{' ' if ref.startswith('Art') and ref != clause.article else ', '}{ref}"


#: an article label made only of article numbers ('5', '42(7)', 'IV, V', '2-4'), which reads after "Article(s)"
_NUMBERED = re.compile(r"[0-9IVXLC]+[a-z]?(\([0-9a-z]+\))*(\s*(,|-|–|and)\s*([0-9IVXLC]+[a-z]?)?(\([0-9a-z]+\))*)*")


#: an article label that says its number was not read
_UNREAD = re.compile(r"(.+?)\s*\(number not read\)")


def article_ref(article: str, *, short: bool = False) -> str:
    """'Article 5', 'Articles IV, V' ('Art.'/'Arts.' with ``short``), or the label as it stands when it names
    its own part of the instrument ('Title Three, Sec. 312', 'mutual assistance (number not read)'), so that
    nothing reads "Article Title Three". An article whose number was not read ('mutual assistance (number
    not read)') reads 'mutual assistance article, number not read', so that it nests in a parenthesis."""
    if not _NUMBERED.fullmatch(article.strip()):
        unread = _UNREAD.fullmatch(article.strip())
        if unread is None:
            return article
        label = unread.group(1)
        named = re.search(r"\b(article|clause|provision)s?\b", label)
        return f"{label}{'' if named else ' article'}, number not read"
    plural = bool(re.search(r"(,|-|–|\band\b)\s*[0-9IVXLC]", article))  # '3(1)-(3)' is one article
    word = ("Arts." if plural else "Art.") if short else ("Articles" if plural else "Article")
    return f"{word} {article}"


def states_list(kb: KnowledgeBase, codes: Iterable[str], *, most: int = 4, group: str | None = None) -> str:
    """Up to ``most`` states by name ('Australia and New Zealand'); more as a count ('28 NATO parties')."""
    codes = list(codes)
    if len(codes) <= most:
        return join([state_name(kb, c) for c in codes])
    return f"{len(codes)} {group + ' ' if group else ''}{'parties' if group else 'states'}"


#: areas of cooperation (:data:`casus.kb.relations.AREAS`) whose code does not read as English once unhyphenated
_AREA_WORDS = {"education-training": "education and training", "science-technology": "science and technology",
               "women-peace-security": "women, peace and security"}


def area_words(area: str) -> str:
    """'crisis management', 'counter-terrorism', 'education and training' from an area code."""
    if area in _AREA_WORDS:
        return _AREA_WORDS[area]
    return area if area.startswith(("counter-", "non-")) else area.replace("-", " ")
