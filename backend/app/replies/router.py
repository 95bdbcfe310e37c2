"""Read an employer's reply, and record it on an application in one call."""

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse

from app.applications.deps import ApplicationDep
from app.auth.deps import CurrentUser
from app.auth.service import today_for
from app.db import SessionDep
from app.idempotency import IdempotencyKeyHeader
from app.replies import service
from app.replies.models import ReplyAnalysisPublic, ReplyRecord, ReplyRecorded, ReplyText

router = APIRouter(tags=["replies"])


@router.post("/replies/analyze", response_model=ReplyAnalysisPublic, operation_id="analyzeReply")
def analyze_reply(data: ReplyText, user: CurrentUser) -> ReplyAnalysisPublic:
    """Read a reply (up to 50,000 characters): its kind, news, window, future openings and
    feedback, each with the sentence it came from and a confidence. Quoted earlier messages
    are not read. Nothing is stored."""
    return service.analyze(data.text, data.received_on or today_for(user))


@router.post(
    "/applications/{application_id}/replies",
    status_code=status.HTTP_201_CREATED,
    response_model=ReplyRecorded,
    operation_id="recordReply",
    responses={200: {"model": ReplyRecorded, "description": "A dry run: what would be recorded"}},
)
def record_reply(
    data: ReplyRecord,
    app: ApplicationDep,
    user: CurrentUser,
    session: SessionDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Read a reply and record what it means: the timeline event with the reply text and its
    news, the status (rejection: rejected, interview invitation or assessment: interviewing,
    offer: offer), a stated window as the new expected response date, and the post-rejection
    asks the reply already answered. Fields sent beside the text override the analysis;
    `dry_run` previews without writing (200)."""
    stored, replayed = service.record_once(
        session, user, app, data, today_for(user), idempotency_key
    )
    headers = {**stored.headers, **({"Idempotent-Replayed": "true"} if replayed else {})}
    return JSONResponse(stored.body, status_code=stored.status_code, headers=headers)
