"""One exception tree. Messages name the input and say what to do next.

    SlantError
    ├── InputError          bad input: missing file, binary, empty, undecodable, not an article
    │   └── FetchError      a URL that failed: status, timeout, too large, wrong content type
    ├── PipelineError       stages that cannot be assembled (unknown name, unmet requirement)
    ├── ModelError          a model or artifact that cannot be found or loaded
    ├── StoreError          the database: locked, read-only, full, needs migration
    │   └── QueryTimeout    a query that ran past its deadline and was stopped
    └── UnsupportedError    valid input that slant cannot handle (e.g. a language)
"""

from __future__ import annotations


class SlantError(Exception):
    """Base of every error slant raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(SlantError):
    pass


class FetchError(InputError):
    pass


class PipelineError(SlantError):
    pass


class ModelError(SlantError):
    pass


class StoreError(SlantError):
    pass


class QueryTimeout(StoreError):
    pass


class UnsupportedError(SlantError):
    pass
