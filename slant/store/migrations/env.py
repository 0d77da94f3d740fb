"""Alembic environment: slant passes its own connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - slant always passes one
    raise RuntimeError("run slant's migrations through slant.store.engine.connect()")

context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
