"""Batch analysis on Dask distributed: many articles in, a directory of Parquet tables out.

    from slant.batch import run_batch
    result = run_batch(["articles/"], "out/", workers=2, only=["techniques"])

The input (JSONL or Parquet files, directories, globs) is streamed in partitions of
``partition_size`` articles; each Dask worker builds the pipeline once (``pipeline_factory``)
and runs :meth:`slant.pipeline.Pipeline.analyze_many` over the partitions it is given. Each
finished partition is written at once (``OUTPUT/<table>/part-NNNNN.parquet`` and a
``_done`` marker), so a rerun skips what is finished. An article that fails goes into the
``errors`` table and the batch goes on; Dask retries the tasks of a worker that dies.
"""

from slant.batch._driver import BatchResult, Progress, local_cluster, run_batch
from slant.batch._inputs import find_inputs, partitions, read_items
from slant.batch._output import ParquetOutput
from slant.batch._tables import TABLES, schema
from slant.batch._worker import StageFactory, analyze_isolated, analyze_partition

__all__ = [
    "TABLES",
    "BatchResult",
    "ParquetOutput",
    "Progress",
    "StageFactory",
    "analyze_isolated",
    "analyze_partition",
    "find_inputs",
    "local_cluster",
    "partitions",
    "read_items",
    "read_tables",
    "run_batch",
    "schema",
]


def read_tables(output: str, table: str):  # -> pyarrow.Table
    """One output table of a finished batch directory, all partitions, in partition order."""
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted((Path(output) / table).glob("part-*.parquet"))
    if not files:
        return schema(table).empty_table()
    return pa.concat_tables([pq.read_table(f) for f in files])
