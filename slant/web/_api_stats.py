"""The JSON API's statistics: outlets, technique rates, speakers, entities, gender."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from slant.store import (
    EntityOutletProfile,
    GenderShare,
    OutletCount,
    OutletInfo,
    SpeakerCount,
    TechniqueRateRow,
)
from slant.web._api_base import VOICE_DOC, ListLimit, Offset, Page, VoiceName, _listing, _service

router = APIRouter()
MAX_ENTITIES = 1000  # /stats/entities pages through the entities in the most articles


class EntityCount(BaseModel):
    entity: str
    articles: int


@router.get("/outlets", response_model=Page[OutletCount], tags=["stats"], summary="Outlets with article counts")
def outlets(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.outlets(), limit, offset)


Period = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
                                     description="YYYY-MM, or YYYY-MM-DD with by=day/week")]


@router.get("/stats/techniques", response_model=Page[TechniqueRateRow], tags=["stats"],
            summary="Per outlet and month (or week, day): technique spans per 1,000 words")
def technique_rates(request: Request, outlet: str | None = Query(default=None, max_length=300),
                    since: Period = None, until: Period = None,
                    voice: Annotated[VoiceName, Query(description=VOICE_DOC + "; the rates "
                                                      "are for this voice, both voices are "
                                                      "given beside (monthly)")] = "narrator",
                    by: Literal["month", "week", "day"] = "month",
                    group_by: Annotated[str | None, Query(max_length=100, description="an imported outlet field")] = None,
                    limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.technique_rates(outlet=outlet or None, since=since, until=until,
                                                   voice=voice, by=by, group_by=group_by or None)
    return _listing(request, rows, limit, offset)


@router.get("/stats/speakers", response_model=Page[SpeakerCount], tags=["stats"], summary="Most-quoted speakers per outlet")
def top_speakers(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 per_outlet: Annotated[int, Query(ge=1, le=100, description="speakers per outlet")] = 10,
                 attributions: Literal["speech", "all"] = Query(
                     default="speech", description="speech (said, told, wrote …) or all "
                     "attributions (beliefs, plans and actions too)"),
                 limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.top_speakers(outlet=outlet or None, limit=per_outlet,
                                                all_attributions=attributions == "all")
    return _listing(request, rows, limit, offset)


@router.get("/stats/entities", response_model=Page[EntityCount], tags=["stats"],
            summary="Entities in the most articles (the first 1,000)")
def top_entities(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> Any:
    rows = _service(request).store.top_entities(outlet=outlet or None, limit=MAX_ENTITIES)
    return _listing(request, [{"entity": name, "articles": n} for name, n in rows], limit, offset)


@router.get("/stats/entity", response_model=Page[EntityOutletProfile], tags=["stats"],
            summary="How each outlet labels one entity, and the techniques aimed at it")
def entity_profile(request: Request,
                   name: str = Query(min_length=1, max_length=300, description="entity name"),
                   outlet: str | None = Query(default=None, max_length=300),
                   limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.entity_profile(name, outlet=outlet or None)
    return _listing(request, rows, limit, offset)


@router.get("/stats/gender", response_model=Page[GenderShare], tags=["stats"],
            summary="Per outlet: quotes by people guessed female, male or unknown")
def gender(request: Request, outlet: str | None = Query(default=None, max_length=300),
           limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.gender_shares(outlet=outlet or None),
                    limit, offset)


@router.get("/outlets/metadata", response_model=Page[OutletInfo], tags=["stats"],
            summary="Outlets' metadata as imported (slant outlets import)")
def outlet_metadata(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.outlet_info(), limit, offset)
