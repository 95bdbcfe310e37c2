"""Reading a posting's fields through the API (quick add): bounded, signed in, nothing stored."""

import json

from fastapi.testclient import TestClient

from app.reading.posting_fields import MAX_BLOCKS, MAX_INPUT
from tests.factories import Person

API = "/api/v1"
# The JSON-LD example of unhead.unjs.io/docs/schema-org/api/schema/job-posting.
JOB_POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Software Engineer",
    "description": "We are looking for a Software Engineer to join our team.",
    "datePosted": "2026-01-15",
    "validThrough": "2026-04-15",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Corp"},
    "jobLocation": {
        "@type": "Place",
        "address": {"addressLocality": "San Francisco", "addressRegion": "CA"},
    },
}


def test_the_bookmarklets_json_ld_fills_the_fields_and_the_description_is_the_text(
    client: TestClient, alice: Person
) -> None:
    r = client.post(
        f"{API}/postings/read", json={"json_ld": [json.dumps(JOB_POSTING)]}, headers=alice.headers
    )
    assert r.status_code == 200, r.text
    found = r.json()
    assert found["has_json_ld"] is True
    assert found["title"] == {"value": "Software Engineer", "source": "json_ld", "confidence": 1.0}
    assert found["company"]["value"] == "Acme Corp"
    assert found["location"]["value"] == "San Francisco, CA"
    assert found["closes_on"]["value"] == "2026-04-15"
    assert found["posted_on"]["value"] == "2026-01-15"
    assert found["text"] == JOB_POSTING["description"]


def test_pasted_text_gives_guesses_and_leaves_the_unstated_null(
    client: TestClient, alice: Person
) -> None:
    body = {"text": "<h1>Barista at Café Nero</h1><p>Weekend shifts.</p>"}
    found = client.post(f"{API}/postings/read", json=body, headers=alice.headers).json()
    assert found["text"] == "Barista at Café Nero\nWeekend shifts."
    assert found["title"]["source"] == "text" and found["title"]["confidence"] < 0.8
    assert found["company"]["value"] == "Café Nero"
    assert found["location"] is None and found["closes_on"] is None


def test_reading_is_bounded_and_needs_a_signed_in_user(client: TestClient, alice: Person) -> None:
    too_long = client.post(
        f"{API}/postings/read", json={"text": "x" * (MAX_INPUT + 1)}, headers=alice.headers
    )
    assert too_long.status_code == 422
    assert too_long.headers["content-type"] == "application/problem+json"
    assert too_long.json()["errors"][0]["field"] == "text"
    many = client.post(
        f"{API}/postings/read", json={"json_ld": ["{}"] * (MAX_BLOCKS + 1)}, headers=alice.headers
    )
    assert many.status_code == 422
    assert client.post(f"{API}/postings/read", json={"text": "Cook"}).status_code == 401
