"""The web app and JSON API: ``slant serve`` runs :func:`create_app`.

    app = create_app(settings, store=None, pipeline_factory=None, fetcher=None, options=None)

Pages (server-rendered, Jinja2 with autoescape): Analyze ``/``, Corpus ``/corpus``, Article
``/articles/{id}``, Dashboard ``/dashboard``, Stories ``/stories`` and ``/stories/{id}``,
Compare ``/compare?ids=…``, Glossary ``/glossary``. JSON API under ``/api/v1`` with OpenAPI at
``/docs``. Nothing here imports torch, transformers or spaCy: the pipeline is built on the
first analysis.
"""

from slant.ingest.guard import check_public_url
from slant.web._app import create_app
from slant.web._errors import ApiError, ErrorEnvelope
from slant.web._options import WebOptions, is_loopback

__all__ = ["ApiError", "ErrorEnvelope", "WebOptions", "check_public_url", "create_app",
           "is_loopback"]
