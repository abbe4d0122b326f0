"""The face in a notebook: headlines with names, a compact HTML table, DataFrames, and the old entry point."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import casus

GUAM = {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}
SEOUL = {"id": "q2", "date": "2017-11-02", "attacker": "PRK", "victim": "KOR", "place": "Seoul"}


@pytest.fixture(scope="module")
def cs():
    return casus.open()


def test_open_returns_the_same_face_for_the_same_data(cs):
    assert casus.open() is cs
    assert cs.kb is cs and isinstance(cs, casus.KnowledgeBase)


def test_load_still_works_for_one_release_and_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = casus.load()
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "casus.open()" in str(caught[0].message)
    assert old.assess(GUAM).status("nato/art5") == "does_not_apply"


def test_assessment_repr_is_the_headline_with_names(cs):
    text = repr(cs.assess(SEOUL))
    assert text.startswith("<Assessment: An armed attack by North Korea on South Korea at Seoul, 2017-11-02. "
                           "Bound to assist South Korea: the United States (US-ROK")
    assert "US-ROK" in text and "United States" in text and "KOR" not in text.split("(bound")[0]


def test_assessment_html_has_the_headline_then_a_table(cs):
    page = cs.assess(SEOUL)._repr_html_()
    assert page.index("<p>An armed attack by North Korea on South Korea") < page.index("<table>")
    assert "us-rok-1953/art3" in page and "applies" in page


def test_html_escapes_text_and_caps_long_tables():
    from casus.display import HTML_ROWS, html_block

    page = html_block("<b>rioters</b> & co", [{"who": "<i>x</i>"}] * (HTML_ROWS + 5))
    assert "<b>rioters" not in page and "&lt;b&gt;rioters&lt;/b&gt; &amp; co" in page
    assert page.count("<tr>") == HTML_ROWS + 1 and "and 5 more" in page


def test_assess_many_to_frame_has_one_row_per_scenario(cs):
    many = cs.assess_many([GUAM, SEOUL])
    frame = many.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 2
    assert frame.loc[1, "id"] == "q2" and "us-rok-1953/art3" in frame.loc[1, "applies"]
    assert frame.loc[0, "territory"] == "gum"
    assert repr(many).startswith("<Assessments: 2 assessments")


def test_defence_headline_names_the_states_and_treaties(cs):
    d = cs.defends("Tokyo", on="2017-11-02")
    assert d.headline() == ("On 2017-11-02, bound to defend Tokyo: the United States (US-Japan Security Treaty "
                            "Article V).")


def test_defence_headline_says_when_no_state_is_bound(cs):
    d = cs.defends("Tokyo", on="1955-01-01")
    assert "no state is bound to defend Tokyo" in d.headline()


def test_defends_many_frame(cs):
    frame = cs.defends_many(["Tokyo", "Guam"], on="2017-11-02").to_frame()
    assert list(frame["place"]) == ["Tokyo", "Guam"]
    assert frame.loc[0, "bound"] == ["USA"]


def test_members_is_a_tuple_with_names(cs):
    before, after = cs.members("nato", on="2023-04-03"), cs.members("nato", on="2023-04-05")
    assert "FIN" not in before and "FIN" in after and isinstance(after, tuple)
    frame = after.to_frame()
    assert frame.set_index("code").loc["FIN", "state"] == "Finland"
    assert "31 parties" in repr(after) and "Finland" in after._repr_html_()


def test_where_repr_and_html(cs):
    w = cs.where(35.68, 139.69, on="2020-01-01")
    assert "Japan" in repr(w) and "<table>" in w._repr_html_()


def test_reach_and_relations_show_themselves(cs):
    r = cs.reach(missile="hwasong-15", origin="PRK", on="2017-11-29")
    assert r.headline().startswith("Hwasong-15 from North Korea on 2017-11-29 reaches")
    frame = r.to_frame()
    assert {"kind", "name", "distance_km"} <= set(frame.columns) and (frame["kind"] == "city").any()
    rel = cs.relations("JPN", on="2017-11-02")
    assert rel.headline().startswith("On 2017-11-02, Japan is a party to")


def test_diff_shows_itself_and_becomes_a_frame(cs):
    changes = cs.diff("2017-11-02", "2025-12-01")
    assert changes.headline().startswith(f"{len(changes.changes)} changes from 2017-11-02 to 2025-12-01: ")
    frame = changes.to_frame()
    finland = frame[(frame.kind == "joined") & (frame.state == "FIN")]
    assert list(finland.date) == ["2023-04-04"] and (finland.treaty == "nato").all()
    assert "<table>" in changes._repr_html_()
    assert cs.diff("2017-11-03", "2017-11-03").headline().startswith("Nothing changed")
