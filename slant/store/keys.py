"""Identity of stored articles, and the fingerprint of the pipeline that analyzed them."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from slant.models import Article, Provenance, normalise_text

# Query parameters that only track where a reader came from, matched by their exact
# (lower-cased) name: a parameter that merely starts like one (``reference``, ``refid``,
# ``utm``) may choose the article, so it is kept.
TRACKING_PARAMETERS = frozenset({
    # Google Analytics / Urchin campaign tags
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    "utm_name", "utm_cid", "utm_reader", "utm_referrer", "utm_social", "utm_social-type",
    "utm_source_platform", "utm_creative_format", "utm_marketing_tactic", "utm_brand",
    "utm_place", "utm_pubreferrer", "utm_swu", "utm_viz_id",
    # click ids of ad and social networks
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh",
    # newsletters and marketing automation
    "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking",
    "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "wt_mc", "wt.mc_id",
    "_ga", "_gl", "ncid", "sr_share", "at_medium", "at_campaign",
    # share and referral tags
    "ref", "ref_src", "ref_url", "ocid", "cmpid", "smid",
})


def _tracking(name: str) -> bool:
    return name.lower() in TRACKING_PARAMETERS


def canonical_url(url: str) -> str:
    """The form of ``url`` that identifies an article.

    Scheme and host lower-cased, ``http`` → ``https``, ``www.`` dropped, default port and
    fragment dropped, tracking parameters removed (the exact names in
    :data:`TRACKING_PARAMETERS`: ``utm_source``, ``fbclid``, ``ref``, …), the other
    parameters sorted, and a trailing slash removed from the path.
    """
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(k)
    )
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def store_key(article: Article) -> str:
    """``url:<canonical URL>`` when the article has a URL, else ``text:<sha256 of the
    normalised text>``. Two articles with the same key are one row in the store."""
    if article.url and article.url.strip():
        return "url:" + canonical_url(article.url)
    digest = hashlib.sha256(normalise_text(article.text).encode("utf-8")).hexdigest()
    return "text:" + digest


def content_hash(article: Article) -> str:
    """sha256 of the article's title and text as given (changes when either does)."""
    h = hashlib.sha256()
    h.update((article.title or "").encode("utf-8"))
    h.update(b"\x00")
    h.update(article.text.encode("utf-8"))
    return h.hexdigest()


def pipeline_fingerprint(provenance: Provenance) -> str:
    """A short hash of the slant version and every stage's name, version and model hash.

    Articles stored with another fingerprint were analyzed by an older (or different)
    pipeline; ``slant ingest --reanalyze`` reruns them.
    """
    parts = [provenance.slant_version]
    for s in sorted(provenance.stages, key=lambda s: s.name):
        parts.append(f"{s.name}={s.version}:{s.model_hash or s.model or ''}")
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]
