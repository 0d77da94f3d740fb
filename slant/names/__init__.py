"""Names of people and organisations: the rules that say two names in an article are one actor.

Pure text rules over one :class:`~slant.models.Analysis`, shared by the store (which keeps the
names of each stored article, :func:`article_names`) and the corpus views (which resolve them
into actors across articles, :mod:`slant.stories.actors`). Imports only the base.

Within one article these names are linked (a wrong merge is worse than a missed one, so each
rule needs the text itself to say so, or a name that can only mean one thing):

- an entity and its aliases ("X, known as 'Y'", "X, nicknamed Y", "dubbed", "aka": the
  ``alias`` descriptors of the entities stage, and the same patterns unquoted);
- "Y (X)": a name followed by another name in brackets;
- an acronym introduced in brackets, "Wrenmoor Environmental Review Board (WERB)", and an
  acronym equal to the initials of exactly one organisation named in the article;
- an organisation with and without its legal suffix ("Brightvein Minerals Inc." and
  "Brightvein Minerals"), and a person with and without an honorific ("Dr Venkataraman");
- a surname and the one full name in the article that ends with it ("Bale", "Curtis Bale");
- an organisation's short form: its first word ("Brightvein") or its last two or more words
  ("Review Board") when exactly one organisation named in the article has that form;
- a quote's speaker and the entity of the same name.

:func:`short_form_of` is the surname / short-form rule; the corpus resolver applies it across
the articles of one story.
"""

from slant.names.article import LocalName, article_actor_keys, article_names
from slant.names.gender import group_gender
from slant.names.rules import (
    ActorNode,
    ShortFormIndex,
    content_terms,
    is_acronym,
    name_key,
    norm_name,
    short_form_of,
)

__all__ = [
    "ActorNode",
    "LocalName",
    "ShortFormIndex",
    "article_actor_keys",
    "article_names",
    "content_terms",
    "group_gender",
    "is_acronym",
    "name_key",
    "norm_name",
    "short_form_of",
]
