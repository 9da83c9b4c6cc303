"""table.furniture: banners learnt from a document's own lines, and what is never one."""
from __future__ import annotations

from actionplan_ingest.table.furniture import Furniture

BANNER = "Actions against target dates may be delayed by the pace of recovery."


def _pages(*pages: list[str]) -> list[str]:
    return [line for page in pages for line in [*page, "\f"]]


def test_a_banner_between_blank_lines_on_every_page_is_learnt():
    lines = _pages(["", BANNER, "", "Rec No", "1"], ["", BANNER, "", "Rec No", "2"])
    assert Furniture.of_lines(lines).banners == {BANNER}


def test_a_banner_printed_twice_under_a_marking_and_run_into_the_table_is_learnt():
    """A page header that prints its banner twice and no blank line before the column titles."""
    page = ["OFFICIAL", BANNER, BANNER, "1.", "Rec"]
    furniture = Furniture.of_lines(_pages(page, page))
    assert furniture.banners == {BANNER}
    assert furniture.is_furniture(BANNER)


def test_an_owner_repeated_beside_a_blank_line_is_no_banner():
    """Owner cells repeat from row to row; a blank line on one side does not set one apart."""
    owner = "Head of Learning, Skills and Work"
    pages = [
        [f"The first response on page {n}.", "", owner, "Ongoing", "", f"The second response on page {n}.", "", owner, "March 2022"]
        for n in (1, 2)
    ]
    assert Furniture.of_lines(_pages(*pages)).banners == frozenset()


def test_a_line_printed_once_is_no_banner():
    assert Furniture.of_lines(_pages(["OFFICIAL", BANNER, "1."], ["OFFICIAL", "1."])).banners == frozenset()
