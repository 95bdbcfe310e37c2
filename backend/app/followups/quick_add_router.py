"""Quick add: read a pasted posting's title, company, location and dates (nothing stored)."""

from dataclasses import asdict

from fastapi import APIRouter

from app.auth.deps import CurrentUser
from app.db import READ_ONLY
from app.followups.models import PostingFieldsPublic, PostingReadRequest
from app.reading.posting_fields import read_fields

router = APIRouter()


@router.post(
    "/postings/read",
    response_model=PostingFieldsPublic,
    tags=["postings"],
    operation_id="readPosting",
    dependencies=[READ_ONLY],
)
def read_posting(data: PostingReadRequest, user: CurrentUser) -> PostingFieldsPublic:
    """Read a posting's title, company, location, posting and closing date, to pre-fill a form.

    Paste its text or HTML (at most 100,000 characters), and/or the page's JSON-LD blocks (at
    most 5, 50,000 characters each). A schema.org JobPosting is read first and is sure
    (source json_ld, confidence 1): validThrough is the closing date. Otherwise labelled lines
    ("Company: …") and the first lines' shape ("Engineer at Acme") are read from the text,
    with a lower confidence. A field that is not stated is null; nothing is fetched or stored.
    """
    found = read_fields(data.text, data.json_ld, data.page_title, data.reference_date)
    return PostingFieldsPublic.model_validate(asdict(found))
