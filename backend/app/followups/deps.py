"""Lookup-or-404 dependencies for policies."""

from typing import Annotated

from fastapi import Depends

from app.auth.deps import CurrentUser
from app.db import RowId, SessionDep
from app.followups import service
from app.followups.models import Policy


def get_policy(policy_id: RowId, user: CurrentUser, session: SessionDep) -> Policy:
    """The caller's policy, or 404."""
    return service.get_policy(session, user, policy_id)


PolicyDep = Annotated[Policy, Depends(get_policy)]
