"""The JSON API's actors: people and organisations across the corpus, and the corrections
users make (merge, split, alias), kept across re-analysis."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from slant.store import ActorCorrection, ActorInfo
from slant.web._api_base import Limit, ListLimit, Offset, Page, _listing, _service
from slant.web._errors import ApiError

router = APIRouter()
ActorId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ActorMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actors: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        min_length=2, max_length=50, description="actor ids")


class ActorSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        min_length=1, max_length=50, description="names of the actor that are someone else")


class ActorAlias(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(min_length=1, max_length=300)


def _resolve(store) -> None:
    from slant.stories import update_actors

    update_actors(store)


def _actor_named(store, name: str):
    """After a correction: the actor that now goes by ``name`` (the largest, if several)."""
    from slant.names import norm_name

    found = [a for a in store.actors(q=name, limit=100)
             if norm_name(name) in {norm_name(n) for n in a.names}]
    if not found:
        raise ApiError(404, "not_found", f"no actor named {name!r}")
    return found[0]


def _actor_or_404(store, actor_id: int):
    found = store.actor(actor_id)
    if found is None:
        raise ApiError(404, "not_found", f"no actor {actor_id}")
    return found


@router.get("/actors", response_model=Page[ActorInfo], tags=["actors"],
            summary="People and organisations across the corpus, most articles first")
def actors(request: Request, q: str | None = Query(default=None, max_length=300,
                                                    description="part of any of its names"),
           type: Annotated[Literal["PERSON", "ORG", "GPE", "LOC", "NORP"] | None, Query()] = None,
           limit: Limit = 20, offset: Offset = 0) -> Any:
    store = _service(request).store
    rows = store.actors(q=q or None, type=type, limit=limit, offset=offset)
    return _listing(request, rows, limit, offset,
                    total=store.count_actors(q=q or None, type=type))


@router.get("/actors/{actor_id}", response_model=ActorInfo, tags=["actors"], summary="One actor")
def actor(actor_id: ActorId, request: Request) -> Any:
    return _actor_or_404(_service(request).store, actor_id)


@router.post("/actors/merge", response_model=ActorInfo, tags=["actors"],
             summary="Merge actors into one (kept across re-analysis)")
def actors_merge(body: ActorMerge, request: Request) -> Any:
    store = _service(request).store
    found = [_actor_or_404(store, i) for i in dict.fromkeys(body.actors)]
    if len(found) < 2:
        raise ApiError(422, "invalid_request", "give two different actors to merge")
    for other in found[1:]:
        store.add_actor_correction("same", found[0].name, other.name)
    _resolve(store)
    return _actor_named(store, found[0].name)


@router.post("/actors/{actor_id}/split", response_model=list[ActorInfo], tags=["actors"],
             summary="Take names out of an actor (kept across re-analysis)")
def actors_split(actor_id: ActorId, body: ActorSplit, request: Request) -> Any:
    from slant.names import norm_name

    store = _service(request).store
    found = _actor_or_404(store, actor_id)
    known = {norm_name(n) for n in found.names}
    for name in body.names:
        if norm_name(name) not in known:
            raise ApiError(422, "invalid_request", f"actor {actor_id} has no name {name!r}")
        if norm_name(name) == norm_name(found.name):
            raise ApiError(422, "invalid_request", f"{name!r} is the actor's own name")
    for name in body.names:
        store.add_actor_correction("apart", found.name, name)
    _resolve(store)
    out = []
    for name in [found.name, *body.names]:
        for a in store.actors(q=name, limit=50):
            if norm_name(name) in {norm_name(n) for n in a.names} and a not in out:
                out.append(a)
    return out


@router.post("/actors/{actor_id}/alias", response_model=ActorInfo, tags=["actors"],
             summary="Give an actor another name")
def actors_alias(actor_id: ActorId, body: ActorAlias, request: Request) -> Any:
    store = _service(request).store
    found = _actor_or_404(store, actor_id)
    store.add_actor_correction("alias", found.name, body.alias)
    _resolve(store)
    return _actor_named(store, found.name)


@router.get("/actors-corrections", response_model=Page[ActorCorrection], tags=["actors"],
            summary="The corrections users made, oldest first")
def actor_corrections(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.actor_corrections(), limit, offset)
