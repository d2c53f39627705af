"""HTML input through a real HTML5 parser: structure kept, scripts and site chrome dropped."""

import datetime

from importers import ParsedPerson, parse_html

PAGE = """<!doctype html>
<html><head><title>Page</title><script>alert("head")</script><style>p{color:red}</style></head>
<body>
<section class="usa-banner"><p>An official website of the United States government</p></section>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article>
<h1>Marines &amp; Sailors Train in Panama</h1>
<p><em>Exercise builds partner capacity</em></p>
<p>News | July 16, 2025</p>
<p>By Staff Sgt. Maria Lopez, 25th Infantry Division Public Affairs</p>
<p>PANAMA CITY, Panama — Marines trained with the Servicio Nacional de Fronteras (SENAFRONT)
this week. <a href="https://www.defense.gov/">Read more at defense.gov</a> or
<a href="javascript:alert(1)">click here</a>.</p>
<script>document.write("<p>injected</p>")</script>
<p>“We learned a great deal from our partners here,” said U.S. Marine Corps Cpl. Ann Lee,
a rifleman with the 1st Battalion, 7th Marines. <img src="x" onerror="alert(1)"></p>
<ul>
  <li>First <b>item</b>
    <ul><li>Nested one</li><li>Nested <i>two</i></li></ul>
  </li>
  <li>Second item</li>
</ul>
<ol><li>Step one</li><li>Step two</li></ol>
<table>
  <caption>Training plan</caption>
  <thead><tr><th>Program</th><th>Audience</th><th>Length</th></tr></thead>
  <tbody>
    <tr><td>Jungle skills</td><td>Infantry</td><td>2 weeks</td></tr>
    <tr><td>Medical</td><td colspan="2">Corpsmen</td></tr>
  </tbody>
</table>
<div class="share-tools"><a href="#">Share</a><a href="#">Facebook</a></div>
<p hidden>Hidden text</p>
</article></main>
<footer><p>Footer text</p></footer>
</body></html>"""


def parsed():
    return parse_html(PAGE)


def html_of(release) -> str:
    return "".join(b.html for b in release.rich_text)


def test_front_matter_from_html():
    release = parsed()
    assert release.headline == "Marines & Sailors Train in Panama"
    assert release.subheadline == "Exercise builds partner capacity"
    assert release.release_date == datetime.date(2025, 7, 16)
    assert release.dateline == "PANAMA CITY, Panama"
    assert release.byline_people == [
        ParsedPerson(
            rank="Staff Sgt.",
            given_name="Maria",
            family_name="Lopez",
            organization="25th Infantry Division Public Affairs",
        )
    ]


def test_scripts_styles_navigation_and_hidden_text_dropped():
    html = html_of(parsed())
    for gone in ("alert", "injected", "color:red", "Home", "Footer text", "Hidden text",
                 "official website", "Facebook", "<img", "onerror", "javascript"):  # fmt: skip
        assert gone not in html, gone


def test_links_kept_only_when_safe():
    html = html_of(parsed())
    assert '<a href="https://www.defense.gov/">Read more at defense.gov</a>' in html
    assert "click here" in html  # the text of the unsafe link stays, without the link


def test_nested_and_ordered_lists():
    html = html_of(parsed())
    assert (
        "<ul><li>First <strong>item</strong><ul><li>Nested one</li><li>Nested <em>two</em>"
        "</li></ul></li><li>Second item</li></ul>" in html
    )
    assert "<ol><li>Step one</li><li>Step two</li></ol>" in html


def test_real_table():
    (table,) = parsed().tables
    assert table.caption == "Training plan"
    assert table.headings == ["Program", "Audience", "Length"]
    assert table.rows == [["Jungle skills", "Infantry", "2 weeks"], ["Medical", "Corpsmen", ""]]


def test_quote_from_html():
    (quote,) = parsed().quotes
    assert quote.text == "We learned a great deal from our partners here."
    assert (quote.speaker.service, quote.speaker.rank, quote.speaker.family_name) == (
        "U.S. Marine Corps",
        "Cpl.",
        "Lee",
    )
    # "1st Battalion, 7th Marines" is one unit written over two comma parts
    assert quote.speaker.title == "a rifleman with the 1st Battalion, 7th Marines"
    assert quote.speaker.organization == "1st Battalion, 7th Marines"


def test_organization_spelled_out():
    # the spelled-out agency first, then the units named in the byline and the attribution
    assert [(o.name, o.abbreviation) for o in parsed().organizations] == [
        ("Servicio Nacional de Fronteras", "SENAFRONT"),
        ("25th Infantry Division", ""),
        ("1st Battalion, 7th Marines", ""),
    ]


def test_table_without_header_row_and_layout_table():
    release = parse_html(
        "<h1>Title here</h1><table><tr><td>Program</td><td>Audience</td></tr>"
        "<tr><td>Jungle</td><td>Infantry</td></tr></table>"
        "<table><tr><td>Just one cell of layout</td></tr></table>"
    )
    (table,) = release.tables
    assert table.headings == ["Program", "Audience"]
    assert table.rows == [["Jungle", "Infantry"]]
    assert "<p>Just one cell of layout</p>" in html_of(release)


def test_html_fragment_and_footnote_sup():
    release = parse_html(
        "<p><b>Title Of The Release</b></p><p>Crime fell.<sup>1</sup></p>"
        "<p>[1] Annual Report (2024)</p>"
    )
    assert release.headline == "Title Of The Release"
    assert release.sources == ["Annual Report (2024)"]
    assert html_of(release) == "<p>Crime fell.</p>"


def test_text_with_stray_fragments_inside_html_is_cleaned():
    release = parse_html(
        "<h1>Title here</h1><p>Closing words. p&gt;</p><p>Next steps follow li &gt;</p>"
    )
    assert html_of(release) == "<p>Closing words.</p><p>Next steps follow</p>"
