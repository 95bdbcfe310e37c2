"""Importing CSVs with exactly the header rows real trackers write (their sources named)."""

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.applications.models import Application, Contact
from tests.data_io.test_imports import post_csv
from tests.factories import Person

# MadGapun/PBP, src/bewerbungs_assistent/dashboard.py, api_applications_csv (commit 3dc5f1b):
# the columns of GET /api/applications/export.csv; dates DD.MM.YYYY, statuses as stored
# (STATUS_OPTIONS in its frontend/src/utils.js).
PBP_HEADER = (
    "ID,Firma,Titel,Status,Beworben am,Quelle,Bewerbungsart,URL,Ansprechpartner,"
    "Kontakt-E-Mail,Notizen"
)

# CareerForge's job_search_tracker.csv, the 14 columns in order as
# https://suraj-davariya.github.io/ai-job-search/docs/your-data/ lists them; statuses from
# https://suraj-davariya.github.io/ai-job-search/docs/glossary/ (Draft, Sent, Interview, Offer,
# Rejected, Withdrawn, Closed).
CAREERFORGE_HEADER = (
    "date,company,sector,role,role_type,channel,status,contact_person,fit_rating,notes,"
    "cv_file,cover_letter_file,source,last_updated"
)


def test_a_pbp_export_imports_with_its_german_columns_and_statuses(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "\ufeff" + "\n".join(  # PBP writes a byte-order mark for Excel
        [
            PBP_HEADER,
            "7,Acme GmbH,Backend-Entwickler,eingangsbestaetigung,14.03.2026,stepstone,"
            "elektronisch,https://acme.example/jobs/1,Erika Muster,erika@acme.example,Gute Firma",
            "8,Globex AG,Data Analyst,zweitgespraech,20.03.2026,linkedin,,,,,",
            "9,Initech,SRE,zurueckgezogen,21.03.2026,,,,,,",
            "10,Umbrella,Platform,in_vorbereitung,,,,,,,",
            "11,Hooli,QA,abgelaufen,25.03.2026,,,,,,",
        ]
    )
    result = post_csv(client, alice, text)
    assert result["status"] == 200, result
    assert result["mapping"] == {
        "Firma": "company",
        "Titel": "position",
        "Status": "status",
        "Beworben am": "applied_on",
        "Quelle": "source",
        "URL": "posting_url",
        "Ansprechpartner": "contact_name",
        "Kontakt-E-Mail": "contact_email",
        "Notizen": "notes",
    }
    assert result["counts"]["create"] == 5
    # "abgelaufen" (the posting expired) says nothing of the outcome: reported, not guessed.
    assert result["unknown_statuses"] == ["abgelaufen"]
    apps = {a.company: a for a in db.exec(select(Application)).all()}
    acme = apps["Acme GmbH"]
    assert (acme.position, acme.status, acme.source) == (
        "Backend-Entwickler",
        "applied",
        "stepstone",
    )
    assert acme.applied_on is not None and acme.applied_on.isoformat() == "2026-03-14"
    assert (acme.posting_url, acme.notes) == ("https://acme.example/jobs/1", "Gute Firma")
    contact = db.exec(select(Contact).where(col(Contact.application_id) == acme.id)).one()
    assert (contact.name, contact.email) == ("Erika Muster", "erika@acme.example")
    assert [apps[c].status for c in ("Globex AG", "Initech", "Umbrella", "Hooli")] == [
        "interviewing",
        "withdrawn",
        "saved",
        "applied",
    ]


def test_a_careerforge_tracker_reads_date_and_source_as_careerforge_means_them(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "\n".join(
        [
            CAREERFORGE_HEADER,
            "2026-03-14,Acme,Software,Backend engineer,Full-time,LinkedIn,Sent,Grace Hopper,82,"
            "Keen,cv/acme.pdf,cl/acme.pdf,https://acme.example/jobs/1,2026-03-15",
            "2026-03-16,Globex,Fintech,Analyst,Contract,Referral,Interview,,70,,,,,2026-03-16",
            "2026-03-17,Initech,Software,SRE,Full-time,Company site,Draft,,60,,,,,2026-03-17",
            "2026-03-18,Umbrella,Pharma,QA,Full-time,,Closed,,50,,,,,2026-03-18",
        ]
    )
    result = post_csv(client, alice, text)
    assert result["status"] == 200, result
    assert result["mapping"] == {
        "date": "applied_on",
        "company": "company",
        "role": "position",
        "channel": "source",
        "status": "status",
        "contact_person": "contact_name",
        "notes": "notes",
        "source": "posting_url",
    }
    assert result["counts"]["create"] == 4 and result["unknown_statuses"] == []
    apps = {a.company: a for a in db.exec(select(Application)).all()}
    acme = apps["Acme"]
    assert (acme.position, acme.status, acme.source) == ("Backend engineer", "applied", "LinkedIn")
    assert acme.posting_url == "https://acme.example/jobs/1"
    assert acme.applied_on is not None and acme.applied_on.isoformat() == "2026-03-14"
    assert [apps[c].status for c in ("Globex", "Initech", "Umbrella")] == [
        "interviewing",
        "saved",
        "rejected",
    ]


def test_date_and_source_outside_careerforges_header_keep_their_usual_reading(
    client: TestClient, alice: Person
) -> None:
    text = "date,company,role,source\n2026-03-14,Acme,Engineer,Indeed\n"
    result = post_csv(client, alice, text)
    assert result["status"] == 200, result
    assert result["mapping"] == {"company": "company", "role": "position", "source": "source"}


# moahmed90/job-tracker, src/cli.py `export` (commit f6b992d): the header it writes, as in its
# committed jobs_export.csv; statuses interested/applied/interview/offer/rejected.
JOB_TRACKER_CLI_HEADER = "id,title,company,status,deadline,link,notes"


def test_a_job_tracker_cli_export_imports_with_its_deadline_and_link(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "\n".join(
        [
            JOB_TRACKER_CLI_HEADER,
            "2,Junior Python Developer,Acme,interested,2026-09-30,https://acme.example/jobs/2,",
            "3,Data Engineer,Globex,interview,,,Second round",
        ]
    )
    result = post_csv(client, alice, text)
    assert result["status"] == 200, result
    assert result["mapping"] == {
        "title": "position",
        "company": "company",
        "status": "status",
        "deadline": "closes_on",
        "link": "posting_url",
        "notes": "notes",
    }
    apps = {a.company: a for a in db.exec(select(Application)).all()}
    acme = apps["Acme"]
    assert (acme.position, acme.status) == ("Junior Python Developer", "saved")
    assert acme.closes_on is not None and acme.closes_on.isoformat() == "2026-09-30"
    assert acme.posting_url == "https://acme.example/jobs/2"
    assert (apps["Globex"].status, apps["Globex"].notes) == ("interviewing", "Second round")
