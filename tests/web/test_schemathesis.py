"""Property-based tests of the JSON API against its own OpenAPI schema (schemathesis).

Every generated request must get a documented status, the documented content type and a body
that matches the schema (errors included: the one envelope). No 5xx, ever.

(The schemathesis pytest plugin's lazy loader does not work with pytest 9, so the operations
are driven through Hypothesis directly: one test per operation.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from web_fakes import FakePipeline, corpus_articles, make_analysis

from slant.config import Settings
from slant.web import WebOptions, create_app

pytestmark = pytest.mark.slow

# The operation labels, read from a bare app (no database is touched to build the schema).
OPERATIONS = [
    f"{method.upper()} {path}"
    for path, item in create_app(Settings()).openapi()["paths"].items()
    for method in item
]
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from slant.store import open_store
    from slant.stories import update_stories

    tmp = tmp_path_factory.mktemp("web-schema")
    st = Settings(data_dir=tmp, db_url=f"sqlite:///{tmp / 'schema.db'}")
    store = open_store(st.database_url, settings=st)
    for a in corpus_articles(6):
        store.save(make_analysis(a))
    update_stories(store)

    def refuse(url, **_):
        raise AssertionError("never reached: every host resolves to nothing")

    # schemathesis's ASGI client sends its own Host name: the Host check is tested elsewhere.
    app = create_app(st, store=store, pipeline_factory=lambda s: FakePipeline(), fetcher=refuse,
                     resolver=lambda host, port: [], options=WebOptions(allowed_hosts=None))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.close()


def test_every_operation_is_covered():
    assert len(OPERATIONS) >= 15 and "POST /api/v1/analyze" in OPERATIONS


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_schema(api_schema, label):
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()
