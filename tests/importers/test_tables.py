"""Tables from text: Markdown pipes, spreadsheet tabs, flattened lines, broken HTML remains."""

from importers import parse_text
from importers.tables import (
    parse_flattened_table,
    parse_fragment_table,
    parse_pipe_table,
    parse_tab_table,
    split_heading_line,
    split_title_then_sentence,
)


def test_pipe_table_with_separator_and_ragged_rows():
    table, problems = parse_pipe_table(
        ["| Area | Goal |", "|---|:---:|", "| Air | Patrol skies |", "| Sea | Patrol | coasts |"]
    )
    assert table.headings == ["Area", "Goal"]
    assert table.rows == [["Air", "Patrol skies"], ["Sea", "Patrol coasts"]]
    assert problems == ["row 2 had 3 cells for 2 columns"]


def test_pipe_table_row_with_one_cell_is_reported_in_the_singular():
    _, problems = parse_pipe_table(["| Area | Goal |", "|---|---|", "| Air |"])
    assert problems == ["row 1 had 1 cell for 2 columns"]


def test_pipe_table_without_outer_pipes():
    release = parse_text(
        "Engineers finish village projects\n\n"
        "The battalion reported its progress on Friday.\n"
        "Project status:\n"
        "Projects | Status\n"
        "--- | ---\n"
        "Water Wells | Two wells drilled\n"
        "Solar Power | Panels installed\n"
        "Work continues next month.\n"
    )
    (table,) = release.tables
    assert table.caption == "Project status"
    assert table.headings == ["Projects", "Status"]
    assert table.rows == [["Water Wells", "Two wells drilled"], ["Solar Power", "Panels installed"]]
    html = "".join(b.html for b in release.rich_text)
    assert "<p>The battalion reported its progress on Friday.</p>" in html
    assert "<p>Work continues next month.</p>" in html
    assert "|" not in html and "---" not in html


def test_pipe_table_without_outer_pipes_reports_a_ragged_row():
    release = parse_text(
        "Engineers finish village projects\n\n"
        "Projects | Status\n:--- | ---:\nWater Wells | Two | wells drilled\n"
    )
    assert release.tables[0].rows == [["Water Wells", "Two wells drilled"]]
    assert "Table 'Projects | Status': row 1 had 3 cells for 2 columns." in release.unrecognized


def test_a_sentence_with_a_pipe_is_not_a_table():
    release = parse_text(
        "Engineers finish village projects\n\n"
        "Search the archive for Water | Power to find older releases.\n"
        "The separator row is what makes a table.\n\n"
        "Projects | Status\n--- | --- | ---\nWater Wells | Two wells drilled\n"
    )
    assert release.tables == []
    html = "".join(b.html for b in release.rich_text)
    assert "<p>Search the archive for Water | Power to find older releases.</p>" in html


def test_pipe_table_escaped_pipe():
    table, _ = parse_pipe_table(["| A | B |", "|---|---|", r"| x \| y | z |"])
    assert table.rows == [["x | y", "z"]]


def test_tab_table():
    table = parse_tab_table(["Program\tAudience\tLength", "Jungle\tInfantry\t2 weeks"])
    assert table.headings == ["Program", "Audience", "Length"]
    assert table.rows == [["Jungle", "Infantry", "2 weeks"]]
    assert parse_tab_table(["a\tb", "c\td\te"]) is None


def test_split_title_then_sentence():
    assert split_title_then_sentence("Resource Enhancement Adequate supply of equipment") == (
        "Resource Enhancement",
        "Adequate supply of equipment",
    )
    assert split_title_then_sentence("Only Title Case Words") is None
    assert split_title_then_sentence("all lower case words here") is None


def test_heading_line_split_evenly_and_not_after_a_participle():
    assert split_heading_line("Initiative Anticipated Impact", 2) == [
        "Initiative",
        "Anticipated Impact",
    ]
    assert split_heading_line("Security Initiative Purpose / Goal", 2) == [
        "Security Initiative",
        "Purpose / Goal",
    ]
    assert split_heading_line("Program Audience Duration", 3) == ["Program", "Audience", "Duration"]


def test_flattened_table():
    table = parse_flattened_table(
        [
            "Initiative Anticipated Impact",
            "Bilateral Training Exercises Elevated tactical proficiency among forces",
            "Resource Enhancement Adequate supply of equipment and personnel support",
        ]
    )
    assert table.headings == ["Initiative", "Anticipated Impact"]
    assert table.rows[1] == [
        "Resource Enhancement",
        "Adequate supply of equipment and personnel support",
    ]


def test_flattened_table_with_aligned_columns():
    table = parse_flattened_table(
        [
            "Program      Audience     Length",
            "Jungle       Infantry     2 weeks",
            "Medical      Corpsmen     1 week",
        ]
    )
    assert table.headings == ["Program", "Audience", "Length"]
    assert table.rows == [["Jungle", "Infantry", "2 weeks"], ["Medical", "Corpsmen", "1 week"]]


def test_prose_is_not_a_flattened_table():
    assert parse_flattened_table(["Media Contact", "Public Affairs Office", "Fort Example"]) is None
    assert (
        parse_flattened_table(
            ["The unit arrived.", "It trained for two weeks.", "It left on Monday."]
        )
        is None
    )


def test_fragment_table_with_first_column_on_one_line():
    table = parse_fragment_table(
        [
            "< td >Alpha Unit < td >Bravo Unit",
            "Unit Name Task",
            "Secure the landing zone td > tr >",
            "Provide medical support td > tr >",
        ]
    )
    assert table.headings == ["Unit Name", "Task"]
    assert table.rows == [
        ["Alpha Unit", "Secure the landing zone"],
        ["Bravo Unit", "Provide medical support"],
    ]


def test_fragment_table_with_th_cells():
    table = parse_fragment_table(
        [
            '< th scope ="col">Area < td headers="a">Air < td headers="a">Sea',
            "Goal th> tr>",
            "Patrol the skies td> tr >",
            "Patrol the coasts td /> tr />",
        ]
    )
    assert table.headings == ["Area", "Goal"]
    assert table.rows == [["Air", "Patrol the skies"], ["Sea", "Patrol the coasts"]]


def test_fragment_table_that_does_not_add_up_is_refused():
    assert (
        parse_fragment_table(["< td >Alpha < td >Bravo < td >Charlie", "Only one row td> tr>"])
        is None
    )


def test_unrecoverable_fragments_become_reported_paragraphs():
    release = parse_text(
        "Headline here\n\n< td >Alpha < td >Bravo < td >Charlie\nOnly one row td> tr>\n"
    )
    assert release.tables == []
    html = release.rich_text[0].html
    assert "Only one row" in html and "td" not in html
    assert any(line.startswith("Could not place: ") for line in release.unrecognized)


def test_caption_from_label_line_and_from_heading():
    release = parse_text(
        "Exercise in Panama\n\n"
        "The plan follows.\n\n"
        "Training matrix:\n"
        "| Program | Audience |\n|---|---|\n| Jungle | Infantry |\n\n"
        "## Equipment\n"
        "| Item | Count |\n|---|---|\n| Radios | 12 |\n"
    )
    first, second = release.tables
    assert first.caption == "Training matrix"
    assert second.caption == "Equipment"
    html = "".join(b.html for b in release.rich_text)
    assert "Training matrix" not in html and "Equipment" not in html
    assert not any("no caption" in line for line in release.unrecognized)


def test_tab_separated_paste_in_text():
    release = parse_text(
        "Exercise in Panama\n\nProgram\tAudience\nJungle\tInfantry\nMedical\tCorpsmen\n"
    )
    assert release.tables[0].rows == [["Jungle", "Infantry"], ["Medical", "Corpsmen"]]


def test_failed_fragment_table_keeps_the_other_lines_structure():
    release = parse_text(
        "Headline here\n\n- first item\n- second item\nAlpha < td >Bravo\nOnly one row td> tr>\n"
    )
    html = release.rich_text[0].html
    assert html.startswith("<ul><li>first item</li><li>second item</li></ul>")
    assert "<p>Only one row</p>" in html
    assert len([line for line in release.unrecognized if line.startswith("Could not")]) == 2


def test_heading_line_with_no_columns_left():
    assert split_heading_line("Anything", 0) is None
