"""Outlet names as filters: matched like entity and speaker names, in any case and with
whitespace collapsed, so ``--outlet "daily example"`` finds "Daily Example"."""

from __future__ import annotations

from slant.store import schema as t
from slant.store.engine import translated
from slant.store.rows import norm_name


def outlet_names(engine, outlet: str) -> list[str]:
    """The stored outlet names (``Article.source``) that ``outlet`` names; the filters then
    compare the stored column with these exactly, so its indexes still serve them."""
    from sqlalchemy import select

    key = norm_name(outlet)
    with translated("looking up outlets"), engine.connect() as conn:
        names = conn.execute(select(t.outlet_month.c.source).distinct()).scalars().all()
    return [n for n in names if norm_name(n) == key]
