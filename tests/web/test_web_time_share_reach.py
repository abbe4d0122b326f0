"""Time, sharing and reach on the web map (issue #14): the slider snaps to the dates on which something
changed and lists them, Play animates the years and stops, the view saves as SVG and PNG with a caption,
reach is shaded by cover (from a site and from a whole state), and the grey-out reaches the antimeridian
copies of small-island dots.

Facts: Finland became a NATO party on 2023-04-04 and Sweden on 2024-03-07 (change dates); the
Hwasong-15's public range estimates are 8,500 and 13,000 km (missiles data), so from Pyongyang it
reaches Japan (covered by the US-Japan treaty) and the United States but not Argentina.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.web.conftest import ARTIFACTS

pytestmark = pytest.mark.slow

SIZES = [(1366, 768, False), (390, 844, True)]
FIRST_DAY = dt.date(1949, 1, 1)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cls(page, tid):
    return (page.locator(f'#lands path[data-tid="{tid}"]').first.get_attribute("class") or "").split()


def day_index(day: str) -> int:
    return (dt.date.fromisoformat(day) - FIRST_DAY).days


def slide_to(page, day: str) -> None:
    """Move the slider as a drag does: set its value and fire `input`."""
    page.evaluate("""(i) => { const s = document.getElementById('date-slider'); s.value = String(i);
        s.dispatchEvent(new Event('input', { bubbles: true })); }""", day_index(day))


@pytest.mark.parametrize(("w", "h", "mobile"), SIZES)
def test_the_slider_snaps_to_change_dates_which_are_listed_and_named(make_page, w, h, mobile):
    p = make_page(w, h, mobile=mobile)
    page = p.page
    p.open("on=2023-01-01")
    page.wait_for_selector("body[data-changes]", state="attached")
    p.wait_coverage("2023-01-01")
    # five days after Finland's accession: the slider snaps back to the day itself
    slide_to(page, "2023-04-09")
    p.wait_coverage("2023-04-04")
    assert page.locator("#date").input_value() == "2023-04-04"
    # the list names what changed on each date, and marks the date shown
    page.click("#changes summary")
    finland = page.locator('#change-list > li[data-date="2023-04-04"]')
    assert "Finland" in finland.inner_text()
    assert finland.get_attribute("aria-current") == "date"
    dates = page.locator("#change-list > li").evaluate_all("(ls) => ls.map((l) => l.dataset.date)")
    assert dates == sorted(dates) and len(dates) > 100
    assert all(ISO.match(d) for d in dates)
    assert page.locator("#changes-count").inner_text() == f"{len(dates)} dates"
    # clicking a date shows it: Sweden's accession
    page.locator('#change-list > li[data-date="2024-03-07"] button').click()
    p.wait_coverage("2024-03-07")
    assert page.locator("#date").input_value() == "2024-03-07"
    # Shift+arrow goes to the previous change in the list
    page.focus("#date-slider")
    page.keyboard.press("Shift+ArrowLeft")
    before = dates[dates.index("2024-03-07") - 1]
    p.wait_coverage(before)
    assert page.locator("#date").input_value() == before
    # ISO dates throughout: the date field is text in YYYY-MM-DD whatever the browser's language
    assert page.locator("#date").get_attribute("type") == "text"
    assert page.locator("#legend-date").inner_text() == before
    # a date in another format is refused with the format to use, and the shown date is kept
    page.fill("#date", "04/05/2023")
    page.dispatch_event("#date", "change")
    assert page.locator("#date").get_attribute("aria-invalid") == "true"
    assert "YYYY-MM-DD" in page.locator("#loading").inner_text()
    assert page.locator("#legend-date").inner_text() == before
    page.fill("#date", "2023-02-30")
    page.dispatch_event("#date", "change")
    assert page.locator("#date").get_attribute("aria-invalid") == "true"
    assert page.locator("#legend-date").inner_text() == before


@pytest.mark.parametrize(("w", "h", "mobile"), SIZES)
def test_play_animates_the_years_and_stops(make_page, w, h, mobile):
    p = make_page(w, h, mobile=mobile)
    page = p.page
    p.open("on=2000-06-01")
    p.wait_coverage("2000-06-01")
    play = page.locator("#play")
    assert play.get_attribute("aria-pressed") == "false"
    # started from the keyboard
    play.focus()
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-pressed") == "true"
    p.wait_coverage("2002-06-01")
    assert page.locator("#date").input_value() >= "2002-06-01"
    # stopped from the keyboard too
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-pressed") == "false"
    assert page.locator("body[data-playing]").count() == 0
    stopped = page.locator("#date").input_value()
    page.wait_for_timeout(2500)
    assert page.locator("#date").input_value() == stopped
    # Escape stops it as well
    play.click()
    page.wait_for_selector("body[data-playing]", state="attached")
    page.keyboard.press("Escape")
    assert page.locator("body[data-playing]").count() == 0


def test_play_is_slower_with_reduced_motion(make_page):
    p = make_page(1366, 768)
    page = p.page
    p.open("on=2000-06-01")
    page.click("#play")
    normal = int(page.locator("body").get_attribute("data-playing"))
    page.click("#play")
    page.emulate_media(reduced_motion="reduce")
    page.click("#play")
    reduced = int(page.locator("body").get_attribute("data-playing"))
    page.click("#play")
    assert reduced >= 3 * normal


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("w", "h", "mobile"), SIZES)
def test_the_view_saves_as_svg_and_png_with_a_caption(make_page, w, h, mobile):
    p = make_page(w, h, mobile=mobile)
    page = p.page
    p.open("on=2023-04-05&q=Helsinki")
    page.locator('#place-out .finding[data-clause="nato/art5"]').wait_for()
    headline = page.locator("#place-out .headline").inner_text().split("\n")[0].strip()
    box = page.locator("#map-svg").bounding_box()
    with page.expect_download() as got:
        page.click("#save-svg")
    svg = got.value
    assert svg.suggested_filename == "casus-2023-04-05-helsinki.svg"
    text = Path(svg.path()).read_text(encoding="utf-8")
    root = ET.fromstring(text)  # well-formed, standalone
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    caption = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for words in ("Who is bound to defend Helsinki", "2023-04-05", "casus", "Natural Earth", "Source:"):
        assert words in caption, words
    assert headline.split()[0] in caption and " ".join(headline.split()[:4]) in caption.replace("  ", " ")
    # the map's own drawing, with the bound states in their colour written on the elements
    assert 'data-tid="fin"' in text and 'fill="rgb(' in text
    with page.expect_download() as got:
        page.click("#save-png")
    png = got.value
    assert png.suggested_filename == "casus-2023-04-05-helsinki.png"
    data = Path(png.path()).read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"export-{w}.png").write_bytes(data)
    (ARTIFACTS / f"export-{w}.svg").write_text(text, encoding="utf-8")
    width, height = _png_size(data)
    assert width == 2 * round(box["width"])
    assert height > 2 * round(box["height"])  # the map and its caption
    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGB")
    colours = img.resize((200, 200)).getcolors(40000)
    assert len(colours) > 20  # a drawn map, not a blank canvas


def _reach(page, missile: str, origin: str) -> None:
    page.click("#tab-reach")
    page.select_option("#rc-missile", missile)
    page.fill("#rc-origin", origin)
    page.click("#reach-form button[type=submit]")
    page.wait_for_selector("body[data-reach]", state="attached", timeout=90_000)


def shaded(page, which=None):
    return set(page.evaluate("(c) => window.casus.map.shadedIds(c)", which))


@pytest.mark.parametrize(("w", "h", "mobile"), SIZES)
def test_reach_is_shaded_by_cover_with_a_legend(make_page, w, h, mobile):
    p = make_page(w, h, mobile=mobile)
    page = p.page
    p.open("on=2018-01-01")
    _reach(page, "hwasong-15", "Pyongyang")
    covered = shaded(page, "reach-covered")
    assert {"jpn", "usa", "kor"} <= covered  # US-Japan, NATO (and Rio), US-ROK
    uncovered = shaded(page, "reach-uncovered")
    assert "mng" in uncovered  # Mongolia: no defence clause
    assert "arg" not in shaded(page)  # Buenos Aires is about 19,000 km away
    # only the land within range is coloured: the shading is cut to the high range's area
    assert page.locator("#shade path").first.get_attribute("clip-path") == "url(#reach-clip)"
    assert page.locator("#reach-clip path").count() >= 1
    assert page.locator("#world").get_attribute("class") == "reaching"
    keys = page.locator("#answer-key .key-item").all_inner_texts()
    assert any("covered by a defence clause" in k for k in keys)
    assert any("no defence clause applies" in k for k in keys)
    assert any("Beyond the high estimate" in k for k in keys)
    # its colours are those of the key
    fill = page.evaluate("""() => getComputedStyle(document.querySelector('#shade path.reach-covered')).fill""")
    swatch = page.evaluate("""() => getComputedStyle(
        document.querySelector('#answer-key .swatch.reach-covered')).backgroundColor""")
    assert fill == swatch == "rgb(244, 162, 89)"  # casus.reach.plot.COLOURS["covered"]
    p.shot(f"reach-shaded-{w}")
    # Clear takes the shading away
    page.click("#rc-clear")
    assert not shaded(page)
    assert page.locator("#world").get_attribute("class") in (None, "")


def test_reach_from_a_whole_state(make_page):
    p = make_page(1366, 768)
    page = p.page
    p.open("on=2018-01-01")
    # the state is offered by name among the launch sites
    page.click("#tab-reach")
    options = page.locator("#site-names option").evaluate_all("(os) => os.map((o) => o.value)")
    assert "North Korea" in options
    _reach(page, "hwasong-15", "North Korea")
    assert "Hwasong-15 from North Korea" in page.locator("#reach-out h2").inner_text()
    assert shaded(page, "reach-origin") == {"prk"}
    assert {"jpn", "kor", "usa"} <= shaded(page, "reach-covered")
    assert "arg" not in shaded(page)
    # the area within range of its territory (a sketch, drawn dashed), no single ring
    assert page.locator("#rings path.area.sketch").count() >= 1
    assert page.locator("#rings path.edge").count() == 0
    keys = page.locator("#answer-key .key-item").all_inner_texts()
    assert any("Launch state: North Korea" in k for k in keys)
    # saved with a caption that names the question and credits the city data
    with page.expect_download() as got:
        page.click("#save-svg")
    assert got.value.suggested_filename == "casus-2018-01-01-hwasong-15-from-north-korea.svg"
    root = ET.fromstring(Path(got.value.path()).read_text(encoding="utf-8"))
    caption = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for words in ("Hwasong-15 from North Korea on 2018-01-01", "GeoNames", "Natural Earth", "Launch state"):
        assert words in caption, words


def test_readme_reach_screenshot(make_page):
    p = make_page(1280, 760)
    page = p.page
    p.open("on=2018-01-01&view=170,35,1.3")
    _reach(page, "hwasong-15", "Pyongyang")
    page.wait_for_timeout(300)
    path = p.shot("readme-reach")
    if os.environ.get("CASUS_UPDATE_SCREENSHOT") == "1":
        target = Path(__file__).resolve().parents[2] / "docs" / "img" / "web-reach.png"
        shutil.copyfile(path, target)


def _pixel(page, x: float, y: float) -> tuple[int, int, int]:
    from PIL import Image

    data = page.screenshot(clip={"x": round(x), "y": round(y), "width": 1, "height": 1})
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((0, 0))


def test_the_grey_out_reaches_the_antimeridian_copies_of_island_dots(make_page):
    p = make_page(1366, 768)
    page = p.page
    p.open("on=2023-04-05")
    page.click("#tab-scenario")
    page.fill("#sc-attacker", "RUS")
    page.fill("#sc-victim", "FIN")
    page.fill("#sc-place", "Helsinki")
    page.click("#scenario-form button[type=submit]")
    page.locator('#scenario-out .finding[data-clause="nato/art5"]').wait_for()
    # the view centred on the antimeridian: the islands just west of it are drawn by the copy of the world
    p.zoom_to(180, -12, 4)
    page.wait_for_timeout(200)
    dot = page.evaluate("""() => {
        const m = window.casus.map;
        const dots = [...document.querySelectorAll('#dots circle')].filter((c) => {
          const f = m.features.get(c.dataset.tid);
          return f && f.point[0] > 170 && Math.abs(f.point[1] + 12) < 18 && !m.marks.has(c.dataset.tid);
        });
        const c = dots[0];
        const f = m.features.get(c.dataset.tid);
        return { tid: c.dataset.tid, fill: getComputedStyle(c).fill, at: m.project(f.point[0], f.point[1]) };
    }""")
    assert dot["fill"] == "rgb(227, 227, 227)"  # the original dot steps back to grey
    box = page.locator("#map").bounding_box()
    at = dot["at"]
    assert box["x"] < at["x"] < box["x"] + box["width"] / 2  # west of the centre: drawn by the copy
    assert _pixel(page, at["x"], at["y"]) == (227, 227, 227), dot["tid"]
