"""Reading a posting's own fields: schema.org JobPosting JSON-LD first, then the text's shape.

The JSON-LD examples are real ones, each with its source:
- GOOGLE_EXAMPLE: Google's JobPosting example as kept in JayHoltslander/Structured-Data-JSON-LD
  (JobPosting.json, commit 03781307), with its raw newlines and trailing comma, shortened.
- UNHEAD_EXAMPLE: the JSON-LD example of unhead.unjs.io/docs/schema-org/api/schema/job-posting.
- NO_EMPLOYER: gist.github.com/patrickcoombe/cd01935686df8ad5ab2f ("Example json-ld for a job
  posting"), which names no hiringOrganization, shortened.
- SCHOOL: the shape DFE-Digital/teaching-vacancies renders (app/views/api/vacancies/
  _show.json.jbuilder: a School as hiringOrganization, validThrough a full timestamp), filled in.
"""

import json
from datetime import date

import pytest

from app.reading.posting_fields import MAX_BLOCKS, plain_text, read_fields

GOOGLE_EXAMPLE = """<!-- Source: Google -->
<script type="application/ld+json">
{
  "@context" : "http://schema.org/",
  "@type" : "JobPosting",
  "title" : "Data Entry Clerk",
  "description" : "<p>Widget assembly role for pressing wheel assemblies.</p>
    <p><strong>Educational Requirements:</strong> Completed level 2 ISTA
    Machinist Apprenticeship.</p>",
  "datePosted" : "2017-01-18",
  "validThrough" : "2017-03-18T00:00",
  "employmentType" : ["FULL_TIME", "CONTRACTOR"],
  "hiringOrganization" : {
    "@type" : "Organization",
    "name" : "MagsRUs Wheel Company",
    "sameAs" : "http://www.magsruswheelcompany.com"
  },
  "jobLocation" : {
    "@type" : "Place",
    "address" : {
      "@type" : "PostalAddress",
      "streetAddress" : "555 Clancy St",
      "addressLocality" : "Detroit",
      "addressRegion" : "MI",
      "postalCode" : "48201",
      "addressCountry": "US"
    }
  },
  "skills": "",
  "workHours": "",
}
</script>
"""

UNHEAD_EXAMPLE = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Software Engineer",
    "description": "We are looking for a Software Engineer to join our team.",
    "datePosted": "2026-01-15",
    "validThrough": "2026-04-15",
    "employmentType": "FULL_TIME",
    "hiringOrganization": {
        "@type": "Organization",
        "name": "Acme Corp",
        "sameAs": "https://acme.com",
    },
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "San Francisco",
            "addressRegion": "CA",
            "addressCountry": "US",
        },
    },
}

NO_EMPLOYER = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "datePosted": "2011-10-31",
    "description": "Looking for good work for cheap.",
    "employmentType": "Full-time",
    "jobLocation": {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Seattle", "addressRegion": "WA"},
    },
    "title": "SEO",
}

SCHOOL = {
    "@context": "http://schema.org",
    "@type": "JobPosting",
    "title": "Teacher of Mathematics",
    "datePosted": "2026-11-02T00:00:00+00:00",
    "description": "A maths teacher for KS3 &amp; KS4.",
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Leeds",
            "addressRegion": "Yorkshire",
        },
    },
    "hiringOrganization": {"@type": "School", "name": "Oakfield Academy", "identifier": "123456"},
    "validThrough": "2026-12-14T23:59:59+00:00",
}


def test_googles_example_is_read_despite_its_trailing_comma_and_raw_newlines() -> None:
    found = read_fields(GOOGLE_EXAMPLE)
    assert found.has_json_ld
    assert found.title and found.title.value == "Data Entry Clerk"
    assert found.title.source == "json_ld" and found.title.confidence == 1.0
    assert found.company and found.company.value == "MagsRUs Wheel Company"
    assert found.location and found.location.value == "Detroit, MI, US"
    assert found.posted_on and found.posted_on.value == date(2017, 1, 18)
    assert found.closes_on and found.closes_on.value == date(2017, 3, 18)
    # The page has no visible text: the description, stripped of its tags, is the text.
    assert found.text.startswith("Widget assembly role for pressing wheel assemblies.")
    assert "<p>" not in found.text and "Educational Requirements:" in found.text


def test_json_ld_handed_over_by_the_bookmarklet_wins_over_the_selected_text() -> None:
    selected = "Junior developer at Someone Else\nJoin us."
    found = read_fields(selected, [json.dumps(UNHEAD_EXAMPLE)])
    assert found.title and (found.title.value, found.title.source) == (
        "Software Engineer",
        "json_ld",
    )
    assert found.company and found.company.value == "Acme Corp"
    assert found.location and found.location.value == "San Francisco, CA, US"
    assert found.closes_on and found.closes_on.value == date(2026, 4, 15)
    assert found.text == selected  # the selection is what the user chose to keep


def test_a_posting_that_names_no_employer_gets_no_company_invented() -> None:
    found = read_fields("", [json.dumps(NO_EMPLOYER)])
    assert found.title and found.title.value == "SEO"
    assert found.company is None
    assert found.closes_on is None
    assert found.location and found.location.value == "Seattle, WA"


def test_a_graph_with_a_school_and_timestamps_in_a_page() -> None:
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, SCHOOL]}
    html = (
        "<html><head><title>Teacher of Mathematics - Teaching Vacancies</title>"
        f'<script type="application/ld+json">{json.dumps(graph)}</script></head>'
        "<body><nav>Menu</nav><h1>Teacher of Mathematics</h1><p>Closing date: 14 December"
        "</p><script>var tracking = 1;</script></body></html>"
    )
    found = read_fields(html)
    assert found.company and found.company.value == "Oakfield Academy"
    assert found.closes_on and found.closes_on.value == date(2026, 12, 14)
    assert found.posted_on and found.posted_on.value == date(2026, 11, 2)
    assert "tracking" not in found.text and "Teacher of Mathematics" in found.text
    assert "Teaching Vacancies" not in found.text  # the <head> is not the posting


def test_a_remote_posting_says_remote_only_because_it_says_telecommute() -> None:
    remote = {**UNHEAD_EXAMPLE, "jobLocation": None, "jobLocationType": "TELECOMMUTE"}
    assert read_fields("", [json.dumps(remote)]).location.value == "Remote"  # type: ignore[union-attr]
    del remote["jobLocationType"]
    assert read_fields("", [json.dumps(remote)]).location is None


@pytest.mark.parametrize(
    ("text", "title", "company", "confidence"),
    [
        (
            "Senior Backend Engineer at Acme GmbH\nBerlin\n\nWe build things.",
            "Senior Backend Engineer",
            "Acme GmbH",
            0.6,
        ),
        ("Northwind is hiring a Data Analyst!\nApply now.", "Data Analyst", "Northwind", 0.6),
        (
            "Job title: Nurse\nEmployer: St Mary's Hospital\nLocation: Leeds",
            "Nurse",
            "St Mary's Hospital",
            0.9,
        ),
        ("Product Designer\nWe are a small team in Lisbon.", "Product Designer", None, 0.4),
    ],
)
def test_plain_text_is_read_by_its_labels_and_its_first_line(
    text: str, title: str, company: str | None, confidence: float
) -> None:
    found = read_fields(text)
    assert not found.has_json_ld
    assert found.title and found.title.value == title and found.title.source == "text"
    assert found.title.confidence == confidence
    assert (found.company.value if found.company else None) == company


def test_a_first_line_that_is_a_sentence_is_no_title() -> None:
    found = read_fields("We are looking for someone to help us grow our business.\nApply today.")
    assert found.title is None and found.company is None and found.location is None


def test_a_closing_date_in_the_text_is_read_as_the_constraint_reader_reads_it() -> None:
    found = read_fields(
        "Support Engineer at Initech\nApplications close on 3 March 2027.",
        reference_date=date(2027, 1, 10),
    )
    assert found.closes_on and found.closes_on.value == date(2027, 3, 3)
    assert found.closes_on.source == "text"


def test_broken_and_unrelated_json_ld_is_ignored_and_the_block_count_is_bounded() -> None:
    organisation = json.dumps({"@type": "Organization", "name": "Not a job"})
    blocks = ["{not json", organisation] * MAX_BLOCKS + [json.dumps(UNHEAD_EXAMPLE)]
    found = read_fields("Cook\nA kitchen job.", blocks)
    assert not found.has_json_ld  # the posting came after the bound
    assert found.title and found.title.value == "Cook"


def test_html_is_stripped_to_lines_and_plain_text_is_kept() -> None:
    assert plain_text("<ul><li>One &amp; two</li><li>Three</li></ul>") == "One & two\nThree"
    assert plain_text("Salary < 50k and > 40k") == "Salary < 50k and > 40k"
