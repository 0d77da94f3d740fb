"""Label Studio round trip: tasks for human review out, reviewed labels back as PTC data.

Out: :func:`write_tasks` writes a JSON list of tasks, one per article, with slant's technique
spans as *predictions* (pre-annotations) on a ``text`` field; :func:`label_config` is the
labelling interface to paste into the Label Studio project (14 PTC technique labels).

Back: :func:`read_export` reads a Label Studio export (the full JSON format, or JSON-MIN) and
:func:`write_ptc_labels` writes the reviewed spans in the PTC layout that
``slant train techniques`` reads (``articles/article<ID>.txt``, ``labels-TC.tsv``,
``labels-SI.tsv``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from slant.errors import InputError, StoreError
from slant.models import TECHNIQUES, Analysis

FROM_NAME = "technique"
TO_NAME = "text"


def label_config() -> str:
    """The Label Studio labelling interface for technique spans."""
    labels = "\n".join(f'    <Label value="{t}"/>' for t in TECHNIQUES)
    return (f'<View>\n  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{TO_NAME}" value="$text"/>\n</View>\n')


def task_for(a: Analysis, model_version: str | None = None) -> dict[str, Any]:
    result = [
        {"id": f"s{i}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
         "value": {"start": t.start, "end": t.end, "text": t.text, "labels": [t.technique]},
         "score": t.score}
        for i, t in enumerate(a.techniques)
    ]
    scores = [t.score for t in a.techniques]
    return {
        "data": {"text": a.article.text, "article_id": a.article.id, "title": a.article.title,
                 "source": a.article.source, "url": a.article.url},
        "predictions": [{
            "model_version": model_version or f"slant-{a.provenance.slant_version}",
            "score": round(sum(scores) / len(scores), 4) if scores else 0.0,
            "result": result,
        }],
    }


def write_tasks(analyses: Iterable[Analysis], fh: IO[str], model_version: str | None = None) -> int:
    """A JSON list of Label Studio tasks, written as it streams."""
    fh.write("[\n")
    n = 0
    for a in analyses:
        if n:
            fh.write(",\n")
        fh.write(json.dumps(task_for(a, model_version), ensure_ascii=False))
        n += 1
    fh.write("\n]\n")
    return n


@dataclass
class LabelledText:
    id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class ImportReport:
    articles: list[LabelledText]
    skipped: list[str] = field(default_factory=list)  # why tasks were left out


def _spans_from(results: list[dict[str, Any]], text: str, where: str) -> list[tuple[int, int, str]]:
    spans = []
    for r in results:
        if r.get("type", "labels") != "labels":
            continue
        v = r.get("value", r)
        try:
            start, end = int(v["start"]), int(v["end"])
            labels = v.get("labels") or []
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{where}: a result without start/end ({exc})") from None
        if not (0 <= start < end <= len(text)):
            raise InputError(f"{where}: span [{start},{end}) is outside the text "
                             f"({len(text)} characters)")
        if "text" in v and v["text"] is not None and text[start:end] != v["text"]:
            raise InputError(f"{where}: span [{start},{end}) text {v['text']!r} does not match "
                             f"the task text {text[start:end]!r}")
        for label in labels:
            if label not in TECHNIQUES:
                raise InputError(f"{where}: unknown technique label {label!r}")
            spans.append((start, end, label))
    return sorted(set(spans))


def read_export(path: str | Path) -> ImportReport:
    """Reviewed spans from a Label Studio export (full JSON or JSON-MIN).

    The latest annotation of each task that was not cancelled is used; tasks without one
    are skipped (and listed in the report).
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", source=str(p)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a Label Studio JSON export ({exc})", source=str(p)) from None
    if not isinstance(data, list):
        raise InputError("not a Label Studio JSON export (expected a list of tasks)", source=str(p))
    report = ImportReport(articles=[])
    for n, task in enumerate(data, 1):
        if not isinstance(task, dict):
            raise InputError(f"task {n} is not an object", source=str(p))
        fields = task.get("data", task)
        text = fields.get("text")
        if not isinstance(text, str):
            raise InputError(f"task {n} has no text", source=str(p))
        aid = str(fields.get("article_id") or task.get("id") or n)
        where = f"{p}: task {n} (article {aid})"
        if "annotations" in task:
            anns = [a for a in task["annotations"] if not a.get("was_cancelled")]
            if not anns:
                report.skipped.append(f"article {aid}: no annotation")
                continue
            latest = max(anns, key=lambda a: (str(a.get("updated_at") or ""), a.get("id") or 0))
            spans = _spans_from(latest.get("result", []), text, where)
        elif FROM_NAME in task or "label" in task:  # JSON-MIN
            spans = _spans_from(task.get(FROM_NAME) or task.get("label") or [], text, where)
        else:
            report.skipped.append(f"article {aid}: no annotation")
            continue
        report.articles.append(LabelledText(id=aid, text=text, spans=spans))
    return report


def write_ptc_labels(articles: list[LabelledText], folder: str | Path) -> int:
    """Write reviewed spans in the PTC layout; returns the number of label lines."""
    folder = Path(folder)
    lines = 0
    try:
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        with open(folder / "labels-TC.tsv", "w", encoding="utf-8", newline="") as tc, \
                open(folder / "labels-SI.tsv", "w", encoding="utf-8", newline="") as si:
            for a in articles:
                with open(folder / "articles" / f"article{a.id}.txt", "w", encoding="utf-8",
                          newline="") as fh:
                    fh.write(a.text)
                for s, e, label in a.spans:
                    tc.write(f"{a.id}\t{label}\t{s}\t{e}\n")
                    lines += 1
                for s, e in sorted({(s, e) for s, e, _ in a.spans}):
                    si.write(f"{a.id}\t{s}\t{e}\n")
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write ({exc.strerror})") from exc
    return lines
